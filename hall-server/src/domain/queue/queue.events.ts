import type { Ticket, WindowRuntime } from './queue.types.js';

/**
 * What happened, as plain JSON-serialisable objects. Each carries enough to be applied without re-running the
 * rules (see project). `type` strings equal protocol's HALL_EVENT_TYPES where names overlap.
 */
export type QueueEvent =
  | { type: 'ticket.issued'; at: string; ticket: Ticket }
  | { type: 'ticket.called'; at: string; ticketId: string; windowId: string; clerkId: string | null; recall: boolean }
  | { type: 'ticket.serving'; at: string; ticketId: string; windowId: string }
  | { type: 'ticket.done'; at: string; ticketId: string; windowId: string; serviceMinutes: number }
  | { type: 'ticket.no-show'; at: string; ticketId: string; windowId: string }
  | {
      type: 'ticket.reactivated';
      at: string;
      ticketId: string;
      sortKey: number;
      enqueuedAt: number;
      /** the window that asked for it, if any */
      windowId: string | null;
    }
  | {
      type: 'ticket.transferred';
      at: string;
      ticketId: string;
      fromWindowId: string;
      /** the service the ticket waits in now (unchanged for a transfer to a window) */
      toServiceId: string;
      toWindowId: string | null;
      sortKey: number;
      enqueuedAt: number;
    }
  /** A manager moved a waiting ticket to another service: its sortKey and enqueuedAt (its place) stay. */
  | { type: 'ticket.moved'; at: string; ticketId: string; fromServiceId: string; toServiceId: string }
  | { type: 'ticket.suspended'; at: string; ticketId: string; windowId: string }
  | { type: 'ticket.resumed'; at: string; ticketId: string; windowId: string; clerkId: string | null }
  | { type: 'ticket.abandoned'; at: string; ticketId: string; reason: string }
  | { type: 'window.changed'; at: string; windowId: string; runtime: WindowRuntime }
  | { type: 'day.reset'; at: string; businessDay: string };

export type QueueEventType = QueueEvent['type'];
