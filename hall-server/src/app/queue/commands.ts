import type { HallEvent, TicketView, WindowView } from '@onedoor/protocol';
import type { QueueCommand } from '../../domain/queue/queue.commands.js';
import type { QueueEvent } from '../../domain/queue/queue.events.js';
import type { QueueState } from '../../domain/queue/queue.types.js';
import type { Result } from '../../domain/result.js';
import { internalError } from '../pipeline.js';
import type { Actor } from '../ports.js';
import { applyQueueCommand } from './queue-change.js';
import type { QueueContext } from './queue-context.js';
import { ticketView, windowView } from './views.js';

/** Commands on a window's own state: they answer the window. */
export type WindowCommand = Extract<QueueCommand, { type: 'sign-in' | 'sign-out' | 'open' | 'pause' | 'close' }>;
/** Commands on the window's visitor: they answer the ticket. */
export type TicketCommand = Extract<
  QueueCommand,
  {
    type:
      | 'call-next'
      | 'call'
      | 'recall'
      | 'start'
      | 'finish'
      | 'no-show'
      | 'reactivate'
      | 'transfer'
      | 'suspend'
      | 'resume';
  }
>;

function submitQueueCommand<C extends QueueCommand, T>(
  ctx: QueueContext,
  command: C,
  actor: Actor,
  requestId: string | undefined,
  answer: (state: QueueState, command: C, events: readonly QueueEvent[]) => T | null,
): Promise<Result<T>> {
  return ctx.pipeline.submit<T>(
    actor,
    (scope) => {
      const out = applyQueueCommand(ctx, command, scope);
      if ('error' in out) return out;
      const value = answer(ctx.memory.state, command, out.events);
      // Every rule that succeeds names what it acted on; anything else is a bug, and nothing of it is kept.
      if (value === null) return { error: internalError() };
      return { value, change: out.change };
    },
    requestId,
  );
}

/** Any queue command (call pads, auto-call, the daily reset): answers whether it went through. */
export function runQueueCommand(
  ctx: QueueContext,
  command: QueueCommand,
  actor: Actor,
  requestId?: string,
): Promise<Result<TicketView | WindowView | null>> {
  return submitQueueCommand(ctx, command, actor, requestId, (state, c, events) => ({
    view: resultView(state, c, events),
  })).then((r) => (r.ok ? { ok: true, value: r.value.view } : r));
}

/** Sign in, sign out, open, pause, close: answers the window. */
export function runWindowCommand(
  ctx: QueueContext,
  command: WindowCommand,
  actor: Actor,
  requestId?: string,
): Promise<Result<WindowView>> {
  return submitQueueCommand(ctx, command, actor, requestId, (state, c) => windowView(state, c.windowId));
}

/** Call, recall, start, finish, no-show, transfer, suspend, resume: answers the ticket acted on. */
export function runTicketCommand(
  ctx: QueueContext,
  command: TicketCommand,
  actor: Actor,
  requestId?: string,
): Promise<Result<TicketView>> {
  return submitQueueCommand(ctx, command, actor, requestId, (state, _c, events) => lastTicket(state, events));
}

function lastTicket(state: QueueState, events: readonly QueueEvent[]): TicketView | null {
  const ticketEvent = [...events].reverse().find((e) => 'ticketId' in e);
  const id = ticketEvent && 'ticketId' in ticketEvent ? ticketEvent.ticketId : null;
  const t = id ? state.tickets.get(id) : undefined;
  return t ? ticketView(t) : null;
}

function resultView(
  state: QueueState,
  command: QueueCommand,
  events: readonly QueueEvent[],
): TicketView | WindowView | null {
  switch (command.type) {
    case 'sign-in':
    case 'sign-out':
    case 'open':
    case 'pause':
    case 'close':
      return windowView(state, command.windowId);
    case 'reset-day':
      return null;
    default:
      return lastTicket(state, events);
  }
}

/** The scrolling notice on every board. */
export function setNotice(
  ctx: QueueContext,
  text: string,
  actor: Actor,
  requestId?: string,
): Promise<Result<{ notice: string }>> {
  return ctx.pipeline.submit<{ notice: string }>(
    actor,
    (scope) => {
      const seq = scope.seq();
      const at = new Date(ctx.clock.now()).toISOString();
      ctx.queue.putMeta('notice', text);
      ctx.memory.setNotice(text);
      const hallEvent: HallEvent = {
        seq,
        type: 'notice.changed',
        at,
        tickets: [],
        windows: [],
        services: [],
        call: null,
        notice: text,
      };
      return {
        value: { notice: text },
        change: { log: { entries: [{ type: 'notice.changed', at, payload: { text } }] }, hallEvent },
      };
    },
    requestId,
  );
}
