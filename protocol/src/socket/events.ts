import type { AckCallback } from '../errors.js';
import type { HallEvent, HallSnapshot, TicketView, WindowView } from '../dto/queue.js';
import type { CheckInPayload, CheckInResult } from '../dto/appointment.js';
import type { KioskBundle } from '../dto/catalog.js';
import type {
  CallTicketPayload,
  CallsSincePayload,
  DeviceStatusPayload,
  IssuedTicket,
  MissedCalls,
  IssueTicketPayload,
  PauseWindowPayload,
  PrintResultPayload,
  ReactivateTicketPayload,
  ResumeTicketPayload,
  SetNoticePayload,
  SnapshotRequestPayload,
  TransferTicketPayload,
  WindowRefPayload,
} from './commands.js';
import type { GreenUnlock, GreenUnlockPayload } from './commands.js';

/**
 * socket.io contracts, one per namespace. Event names are `noun:verb`.
 * Every namespace receives `hall:snapshot` right after connecting and `hall:event` for each change after it.
 * A client that sees `event.seq !== lastSeq + 1` asks `hall:snapshot` again (see SequenceTracker).
 */
export interface HallServerEvents {
  'hall:snapshot': (snapshot: HallSnapshot) => void;
  'hall:event': (event: HallEvent) => void;
  /**
   * Kiosks and displays: the device's settings from the console (e.g. a board's `services`, `windows`, `window`,
   * `repeat`), sent after connecting and again whenever they change.
   */
  'device:settings': (settings: Record<string, unknown>) => void;
}

interface SnapshotRequest {
  'hall:snapshot': (payload: SnapshotRequestPayload, ack: AckCallback<HallSnapshot>) => void;
}

/** /kiosk — a paired ticket machine. */
export interface KioskClientEvents extends SnapshotRequest {
  'ticket:issue': (payload: IssueTicketPayload, ack: AckCallback<IssuedTicket>) => void;
  /** The kiosk reports whether the ticket came out of the printer; a failed print voids the ticket. */
  'ticket:print-result': (payload: PrintResultPayload, ack: AckCallback<TicketView>) => void;
  /** Appointment check-in: on time → a 预约 priority ticket; too early → refused with the time to come back; late → per the hall's rules. */
  'appointment:check-in': (payload: CheckInPayload, ack: AckCallback<CheckInResult>) => void;
  /** The 一件事 tiles: the hall's bundles in force, each with the service that takes it. */
  'catalog:bundles': (payload: SnapshotRequestPayload, ack: AckCallback<KioskBundle[]>) => void;
  /** A staff member's card or code unlocks one 绿色通道 ticket at this kiosk (the role is checked by the server). */
  'staff:green-unlock': (payload: GreenUnlockPayload, ack: AckCallback<GreenUnlock>) => void;
}

/** /window — a signed-in clerk at a window (综合窗口 etc.). */
export interface WindowClientEvents extends SnapshotRequest {
  'window:sign-in': (payload: WindowRefPayload, ack: AckCallback<WindowView>) => void;
  'window:sign-out': (payload: WindowRefPayload, ack: AckCallback<WindowView>) => void;
  'window:open': (payload: WindowRefPayload, ack: AckCallback<WindowView>) => void;
  'window:pause': (payload: PauseWindowPayload, ack: AckCallback<WindowView>) => void;
  'window:close': (payload: WindowRefPayload, ack: AckCallback<WindowView>) => void;
  'ticket:issue': (payload: IssueTicketPayload, ack: AckCallback<IssuedTicket>) => void;
  'ticket:call-next': (payload: WindowRefPayload, ack: AckCallback<TicketView>) => void;
  'ticket:call': (payload: CallTicketPayload, ack: AckCallback<TicketView>) => void;
  'ticket:recall': (payload: WindowRefPayload, ack: AckCallback<TicketView>) => void;
  'ticket:start': (payload: WindowRefPayload, ack: AckCallback<TicketView>) => void;
  'ticket:finish': (payload: WindowRefPayload, ack: AckCallback<TicketView>) => void;
  'ticket:no-show': (payload: WindowRefPayload, ack: AckCallback<TicketView>) => void;
  'ticket:reactivate': (payload: ReactivateTicketPayload, ack: AckCallback<TicketView>) => void;
  'ticket:transfer': (payload: TransferTicketPayload, ack: AckCallback<TicketView>) => void;
  'ticket:suspend': (payload: WindowRefPayload, ack: AckCallback<TicketView>) => void;
  'ticket:resume': (payload: ResumeTicketPayload, ack: AckCallback<TicketView>) => void;
}

/** /display — a paired waiting-area screen or window strip; it changes nothing in the hall. */
export interface DisplayClientEvents extends SnapshotRequest {
  /** The board's own state for the console (sound blocked by the browser …), sent on connect and on every change. */
  'device:status': (payload: DeviceStatusPayload, ack: AckCallback<null>) => void;
  /** The calls missed during a cut, from the event log (the snapshot keeps only the last 20). */
  'hall:calls-since': (payload: CallsSincePayload, ack: AckCallback<MissedCalls>) => void;
}

/** /console — a signed-in manager. */
export interface ConsoleClientEvents extends SnapshotRequest {
  'notice:set': (payload: SetNoticePayload, ack: AckCallback<{ notice: string }>) => void;
  'window:pause': (payload: PauseWindowPayload, ack: AckCallback<WindowView>) => void;
  'window:open': (payload: WindowRefPayload, ack: AckCallback<WindowView>) => void;
  'window:close': (payload: WindowRefPayload, ack: AckCallback<WindowView>) => void;
}

export const NAMESPACES = ['/kiosk', '/window', '/display', '/console'] as const;
export type Namespace = (typeof NAMESPACES)[number];

/** Which client → server events each namespace takes. */
export interface ClientEventMaps {
  '/kiosk': KioskClientEvents;
  '/window': WindowClientEvents;
  '/display': DisplayClientEvents;
  '/console': ConsoleClientEvents;
}

/** The payload a client sends with an event (before the server's defaults). */
export type EventPayload<F> = F extends (...args: infer A) => void ? A[0] : never;
/** The `data` of the event's successful ack. */
export type EventAckData<F> = F extends (payload: never, ack: AckCallback<infer R>) => void ? R : never;

/** What the socket handshake carries in `auth`: a staff session token or a paired device token. */
export type HandshakeAuth = { sessionToken: string } | { deviceToken: string };
