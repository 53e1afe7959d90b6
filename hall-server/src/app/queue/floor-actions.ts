import type { WindowView } from '@onedoor/protocol';
import type { Result } from '../../domain/result.js';
import { internalError } from '../pipeline.js';
import type { Actor } from '../ports.js';
import { applyQueueCommand } from './queue-change.js';
import type { QueueContext } from './queue-context.js';
import { windowView } from './views.js';

/**
 * The manager's actions on the floor view beyond open / pause / close: move the waiting visitors of a service to
 * another (a counter short of staff), move a clerk to another window. Both are queue commands: event-logged under one
 * sequence number and broadcast to every screen like a clerk's own.
 */
export function moveWaiting(
  ctx: QueueContext,
  fromServiceId: string,
  toServiceId: string,
  actor: Actor,
): Promise<Result<{ moved: number; ticketIds: string[] }>> {
  return ctx.pipeline.submit(actor, (scope) => {
    const out = applyQueueCommand(ctx, { type: 'move-waiting', fromServiceId, toServiceId }, scope);
    if ('error' in out) return out;
    if (out.change === null) return { error: internalError() };
    const ticketIds = out.events.flatMap((e) => (e.type === 'ticket.moved' ? [e.ticketId] : []));
    return { value: { moved: ticketIds.length, ticketIds }, change: out.change };
  });
}

/** Answers the window the clerk sits at now. */
export function moveClerk(
  ctx: QueueContext,
  fromWindowId: string,
  toWindowId: string,
  actor: Actor,
): Promise<Result<WindowView>> {
  return ctx.pipeline.submit(actor, (scope) => {
    const out = applyQueueCommand(ctx, { type: 'move-clerk', fromWindowId, toWindowId }, scope);
    if ('error' in out) return out;
    if (out.change === null) return { error: internalError() };
    return { value: windowView(ctx.memory.state, toWindowId), change: out.change };
  });
}
