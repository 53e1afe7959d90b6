import type { HallSnapshot, TicketHolder, TicketView, WindowCallOrder, WindowView } from '@onedoor/protocol';
import { activeTickets, callOrder, peopleAhead } from '../../domain/queue/queue.js';
import type { QueueContext } from './queue-context.js';
import { serviceView, ticketView, windowView } from './views.js';

/** Everything a client needs to render the hall, stamped with the sequence number it is current at. */
export function snapshot(ctx: QueueContext): HallSnapshot {
  const { config, clock, memory, pipeline } = ctx;
  const now = clock.now();
  const state = memory.state;
  return {
    seq: pipeline.currentSeq,
    hallId: config.hall.id,
    hallName: config.hall.name,
    hallNameEn: config.hall.nameEn,
    businessDay: state.businessDay,
    serverTime: new Date(now).toISOString(),
    timeZone: config.hall.timeZone,
    notice: memory.notice,
    services: [...state.services.keys()].map((id) => serviceView(state, id, now, config.hall.timeZone)),
    windows: [...state.windows.keys()].map((id) => windowView(state, id)),
    tickets: activeTickets(state).map(ticketView),
    recentCalls: memory.recentCalls,
  };
}

export function findWindow(ctx: QueueContext, windowId: string): WindowView | null {
  return ctx.memory.state.windows.has(windowId) ? windowView(ctx.memory.state, windowId) : null;
}

export function findTicket(ctx: QueueContext, ticketId: string): TicketView | null {
  const t = ctx.memory.state.tickets.get(ticketId);
  return t ? ticketView(t) : null;
}

/** The holder's full name and ID number, for staff only; every read is audited by the caller. */
/** People who will be called before this waiting ticket, in the fair order; null unless it is waiting. */
export function peopleAheadOf(ctx: QueueContext, ticketId: string): number | null {
  return peopleAhead(ctx.memory.state, ticketId, ctx.clock.now());
}

/** The window's waiting tickets in the order call-next would take them now; null when there is no such window. */
export function callOrderOf(ctx: QueueContext, windowId: string): WindowCallOrder | null {
  const state = ctx.memory.state;
  if (!state.windows.has(windowId)) return null;
  const now = ctx.clock.now();
  return {
    windowId,
    seq: ctx.pipeline.currentSeq,
    at: new Date(now).toISOString(),
    ticketIds: callOrder(state, windowId, now).map((t) => t.id),
  };
}

export function revealHolder(ctx: QueueContext, ticketId: string): TicketHolder | null {
  const sealed = ctx.queue.readSealedHolder(ticketId);
  return sealed ? ctx.vault.open<TicketHolder>(sealed) : null;
}
