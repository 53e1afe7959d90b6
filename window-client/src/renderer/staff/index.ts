/**
 * The staff UI (`@onedoor/staff-ui`): what the clerk app, the manager console and the back office share — the
 * bootstrap, the sign-in gate and session, the link to the hall for a staff session, the hall clock and the pause
 * dialog. Apps import it through this entry only.
 */
export { renderStaffApp } from './bootstrap';
export { createSessionStore, type SessionStore, type StaffSession } from './session';
export {
  useStaffHall,
  type StaffConnection,
  type StaffHallOptions,
  type StaffLink,
  type StaffNamespace,
  type StaffNamespaces,
} from './use-staff-hall';
export { StaffGate } from './StaffGate';
export { ConnectingScreen } from './ConnectingScreen';
export { PauseDialog } from './PauseDialog';
export { useServerNow } from './use-server-now';
export { HallClock } from './HallClock';
