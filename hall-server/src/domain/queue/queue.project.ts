import type { QueueEvent } from './queue.events.js';
import { indexTicket, rebuildTicketIndex } from './queue.index.js';
import type { QueueChanges, QueueState, Ticket, WindowRuntime } from './queue.types.js';

export type { QueueChanges } from './queue.types.js';

/** Keeps the newest `keep` samples (keep ≤ 0 keeps none: slice(-0) would keep all). */
function keepNewest(samples: number[], keep: number): number[] {
  return keep > 0 ? samples.slice(-keep) : [];
}

/**
 * Applies events to the state without touching it: later events see what earlier ones changed (an overlay).
 * Events come from decide, so an unknown ticket or window is a bug and throws.
 */
export function project(state: QueueState, events: readonly QueueEvent[]): QueueChanges {
  const tickets = new Map<string, Ticket>();
  const windows = new Map<string, WindowRuntime>();
  const counters = new Map<string, number>();
  const serviceMinutes = new Map<string, number[]>();
  let businessDay: string | null = null;

  const ticketOf = (id: string): Ticket => {
    const ticket = tickets.get(id) ?? state.tickets.get(id);
    if (!ticket) throw new Error(`project: event for unknown ticket ${id}`);
    return ticket;
  };
  const update = (id: string, patch: Partial<Ticket>): void => {
    tickets.set(id, { ...ticketOf(id), ...patch });
  };

  for (const event of events) {
    switch (event.type) {
      case 'ticket.issued': {
        const issued = event.ticket;
        tickets.set(issued.id, { ...issued, holder: issued.holder ? { ...issued.holder } : null });
        // After a day reset in the same batch the old day's counter no longer applies.
        const previous =
          counters.get(issued.serviceId) ?? (businessDay ? 0 : (state.lastNumber.get(issued.serviceId) ?? 0));
        counters.set(issued.serviceId, Math.max(previous, issued.seqNo));
        break;
      }
      case 'ticket.called': {
        const ticket = ticketOf(event.ticketId);
        update(event.ticketId, {
          status: 'called',
          windowId: event.windowId,
          clerkId: event.clerkId,
          // calledAt keeps the first call, so wait-time statistics do not move on a recall.
          calledAt: event.recall ? (ticket.calledAt ?? event.at) : event.at,
          callCount: event.recall ? ticket.callCount + 1 : 1,
        });
        break;
      }
      case 'ticket.serving':
        update(event.ticketId, { status: 'serving', servingAt: event.at, windowId: event.windowId });
        break;
      case 'ticket.done': {
        const ticket = ticketOf(event.ticketId);
        update(event.ticketId, { status: 'done', finishedAt: event.at });
        const base = serviceMinutes.get(ticket.serviceId) ?? state.serviceMinutes.get(ticket.serviceId) ?? [];
        serviceMinutes.set(
          ticket.serviceId,
          keepNewest([...base, event.serviceMinutes], state.rules.serviceTimeSamples),
        );
        break;
      }
      case 'ticket.no-show':
        update(event.ticketId, { status: 'no-show', noShowAt: event.at, windowId: event.windowId });
        break;
      case 'ticket.reactivated':
        update(event.ticketId, {
          status: 'waiting',
          sortKey: event.sortKey,
          enqueuedAt: event.enqueuedAt,
          windowId: null,
          clerkId: null,
          calledAt: null,
          servingAt: null,
          callCount: 0,
        });
        break;
      case 'ticket.transferred':
        update(event.ticketId, {
          status: 'waiting',
          serviceId: event.toServiceId,
          targetWindowId: event.toWindowId,
          sortKey: event.sortKey,
          enqueuedAt: event.enqueuedAt,
          windowId: null,
          clerkId: null,
          calledAt: null,
          servingAt: null,
          callCount: 0,
        });
        break;
      case 'ticket.moved':
        // Nothing else changes: the ticket waits in the other queue from where it stood (issue time, aging).
        update(event.ticketId, { serviceId: event.toServiceId });
        break;
      case 'ticket.suspended':
        // windowId stays: only the window that suspended a ticket may resume it.
        update(event.ticketId, { status: 'suspended', windowId: event.windowId });
        break;
      case 'ticket.resumed':
        // Service time restarts: while suspended the window was free for others.
        update(event.ticketId, {
          status: 'serving',
          windowId: event.windowId,
          clerkId: event.clerkId,
          servingAt: event.at,
        });
        break;
      case 'ticket.abandoned':
        update(event.ticketId, { status: 'abandoned', abandonReason: event.reason, finishedAt: event.at });
        break;
      case 'window.changed':
        if (!state.windows.has(event.windowId)) throw new Error(`project: event for unknown window ${event.windowId}`);
        windows.set(event.windowId, { ...event.runtime });
        break;
      case 'day.reset':
        businessDay = event.businessDay;
        counters.clear();
        break;
    }
  }

  return {
    tickets: [...tickets.values()],
    windows: [...windows.values()],
    counters: [...counters].map(([serviceId, lastNumber]) => ({ serviceId, lastNumber })),
    serviceMinutes: [...serviceMinutes].map(([serviceId, samples]) => ({ serviceId, samples })),
    businessDay,
  };
}

/**
 * The only function that mutates a QueueState: writes changes (from project) into its Maps. A new business day
 * drops the old day's tickets and counters, since the state holds one day only.
 */
export function commitChanges(state: QueueState, changes: QueueChanges): void {
  for (const ticket of changes.tickets) {
    indexTicket(state.index, state.tickets.get(ticket.id), ticket);
    state.tickets.set(ticket.id, ticket);
  }
  for (const runtime of changes.windows) {
    const entry = state.windows.get(runtime.windowId);
    // A new entry object, so a caller holding the old one (e.g. a snapshot) does not see it change.
    if (entry) state.windows.set(runtime.windowId, { config: entry.config, runtime });
  }
  if (changes.businessDay !== null && changes.businessDay !== state.businessDay) {
    state.businessDay = changes.businessDay;
    state.lastNumber.clear();
    for (const [id, ticket] of state.tickets) if (ticket.businessDay !== state.businessDay) state.tickets.delete(id);
    rebuildTicketIndex(state);
  }
  for (const { serviceId, lastNumber } of changes.counters) state.lastNumber.set(serviceId, lastNumber);
  for (const { serviceId, samples } of changes.serviceMinutes) state.serviceMinutes.set(serviceId, [...samples]);
}
