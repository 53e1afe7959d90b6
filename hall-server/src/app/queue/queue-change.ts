import type { AppError, HallEvent, HallEventType } from '@onedoor/protocol';
import type { QueueCommand } from '../../domain/queue/queue.commands.js';
import type { QueueEvent } from '../../domain/queue/queue.events.js';
import { decide, project } from '../../domain/queue/queue.js';
import type { Change, CommandScope } from '../pipeline.js';
import type { QueueContext } from './queue-context.js';
import { callView, serviceView, ticketView, windowView } from './views.js';

/** A queue command that went through: the change for the pipeline and the domain events behind it. */
export type QueueApplied = { change: Change; events: QueueEvent[] } | { change: null; events: [] };

/**
 * decide → project → save the state rows → memory follows. Call inside a command's work; the pipeline logs the events
 * under `scope.seq()` and, should anything after this throw, undoes the rows and reloads memory.
 */
export function applyQueueCommand(
  ctx: QueueContext,
  command: QueueCommand,
  scope: CommandScope,
): QueueApplied | { error: AppError } {
  const { clock, ids, config, queue, memory } = ctx;
  const now = clock.now();
  const decided = decide(memory.state, command, { now, newId: () => ids.newId(), timeZone: config.hall.timeZone });
  if (!decided.ok) return { error: decided.error };
  const events = decided.value;
  // A command that changes nothing (a clerk signing in again) takes no sequence number and tells nobody.
  if (events.length === 0) return { change: null, events: [] };
  const changes = project(memory.state, events);
  // The rows belong to the day the command ran on (a reset logs itself under the day it closes).
  const businessDay = memory.state.businessDay;
  const seq = scope.seq();
  // A window changes its services' estimates only when it starts or stops serving them; a call leaves them be.
  const restaffed = changes.windows
    .filter((w) => {
      const before = memory.state.windows.get(w.windowId)?.runtime;
      return !before || before.state !== w.state || before.clerkId !== w.clerkId;
    })
    .map((w) => w.windowId);
  queue.saveChanges(changes, businessDay);
  memory.commit(changes);
  const hallEvent = toHallEvent(
    ctx,
    seq,
    events,
    changes.tickets.map((t) => t.id),
    { changed: changes.windows.map((w) => w.windowId), restaffed },
    now,
  );
  return {
    events,
    change: {
      log: { businessDay, entries: events.map((e) => ({ type: e.type, at: e.at, payload: e })) },
      hallEvent,
      domainEvents: events,
    },
  };
}

function toHallEvent(
  ctx: QueueContext,
  seq: number,
  events: QueueEvent[],
  ticketIds: string[],
  windows: { changed: string[]; restaffed: string[] },
  now: number,
): HallEvent {
  const { memory } = ctx;
  const state = memory.state;
  const tz = ctx.config.hall.timeZone;
  const called = events.find((e) => e.type === 'ticket.called');
  const reset = events.find((e) => e.type === 'day.reset');
  let type: HallEventType;
  if (called && called.type === 'ticket.called') type = called.recall ? 'ticket.recalled' : 'ticket.called';
  else if (reset) type = 'day.reset';
  else type = events.find((e) => e.type !== 'window.changed')?.type ?? events[0]?.type ?? 'window.changed';
  const serviceIds = new Set<string>();
  const tickets = ticketIds.map((id) => state.tickets.get(id)).filter((t) => t !== undefined);
  for (const t of tickets) serviceIds.add(t.serviceId);
  // Tickets moved to another service leave their old queue shorter: its counts change too.
  for (const e of events) if (e.type === 'ticket.moved') serviceIds.add(e.fromServiceId);
  for (const w of windows.restaffed)
    for (const s of state.windows.get(w)?.config.services ?? []) serviceIds.add(s.serviceId);
  if (reset) for (const id of state.services.keys()) serviceIds.add(id);
  const at = events[0]?.at ?? new Date(now).toISOString();
  const call =
    called && called.type === 'ticket.called' ? callView(state, seq, called.ticketId, called.recall, at) : null;
  memory.noteCall(call, reset !== undefined);
  return {
    seq,
    type,
    at,
    tickets: tickets.map(ticketView),
    windows: windows.changed.map((id) => windowView(state, id)),
    services: [...serviceIds].filter((id) => state.services.has(id)).map((id) => serviceView(state, id, now, tz)),
    call,
    ...(reset && reset.type === 'day.reset' ? { businessDay: reset.businessDay } : {}),
  };
}
