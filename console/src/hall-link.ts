/**
 * The manager console's link to the hall server: the clerk app's staff link on the /console namespace, with the
 * console's own session key.
 */
import type { ConsoleClientEvents } from '@onedoor/protocol';
// eslint-disable-next-line no-restricted-imports -- TODO issue 8: console shares the window client's link and session through a declared entry
import {
  HallLink as StaffHallLink,
  createSessionStore,
  type CommandOf,
  type HallLinkHandlers,
  type PayloadOf,
} from '../../window-client/src/renderer/hall-link';

// eslint-disable-next-line no-restricted-imports -- TODO issue 8: console shares the window client's link and session through a declared entry
export {
  login,
  logout,
  newRequestId,
  offlineError,
  type HallLinkHandlers,
  type LinkStatus,
  type StaffSession,
} from '../../window-client/src/renderer/hall-link';

export type ConsoleCommand = CommandOf<ConsoleClientEvents>;
export type CommandPayload<E extends ConsoleCommand> = PayloadOf<ConsoleClientEvents, E>;

export class HallLink extends StaffHallLink<ConsoleClientEvents> {
  constructor(origin: string, sessionToken: string, handlers: HallLinkHandlers) {
    super(origin, sessionToken, handlers, '/console');
  }
}

export const sessionStore = createSessionStore('onedoor.console.session');
