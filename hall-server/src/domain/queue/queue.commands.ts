import type { PriorityClass, TicketSource } from '@onedoor/protocol';
import type { Holder } from './queue.types.js';

/** Everything that can change the queue. Validated at the edge (zod); the domain checks the rules. */
export type QueueCommand =
  | { type: 'issue'; serviceId: string; priority: PriorityClass; source: TicketSource; holder?: Holder }
  /** Finishes the window's current ticket (call pads only have a "next" key), then calls the next one. */
  | { type: 'call-next'; windowId: string }
  /** Calls one specific waiting ticket out of order; finishes the current one first. */
  | { type: 'call'; windowId: string; ticketId: string }
  | { type: 'recall'; windowId: string }
  /** called → serving */
  | { type: 'start'; windowId: string }
  | { type: 'finish'; windowId: string }
  | { type: 'no-show'; windowId: string }
  /** A no-show comes back: re-queued near the front. windowId is the window asking (it must serve the ticket). */
  | { type: 'reactivate'; ticketId: string; windowId?: string }
  | { type: 'transfer'; windowId: string; toServiceId?: string; toWindowId?: string; keepIssueTime: boolean }
  | { type: 'suspend'; windowId: string }
  | { type: 'resume'; windowId: string; ticketId: string }
  | { type: 'sign-in'; windowId: string; clerkId: string; clerkName: string }
  | { type: 'sign-out'; windowId: string }
  | { type: 'open'; windowId: string }
  | { type: 'pause'; windowId: string; reason: string }
  | { type: 'close'; windowId: string }
  /** A manager moves every waiting ticket of a service to another; each keeps its place (issue time, aging). */
  | { type: 'move-waiting'; fromServiceId: string; toServiceId: string }
  /** A manager moves the clerk signed in at a window, idle there, to another free window. */
  | { type: 'move-clerk'; fromWindowId: string; toWindowId: string }
  /** Withdraws a ticket that never reached its visitor (e.g. the print failed). */
  | { type: 'void'; ticketId: string; reason: string }
  | { type: 'reset-day'; businessDay: string };

export type QueueCommandType = QueueCommand['type'];
