import { appError } from '@onedoor/protocol';
import type { Result } from '../../domain/result.js';
import type { Actor, EvaluationStore } from '../ports.js';
import type { QueueContext } from '../queue/queue-context.js';

/**
 * 好差评 from a window's evaluator (5 非常满意 … 1 非常不满意) for the visitor being served there, or the one served
 * last. One rating per ticket: a second press is refused, so a visitor cannot be rated twice.
 */
export class Ratings {
  constructor(
    private readonly ctx: QueueContext,
    private readonly evaluations: EvaluationStore,
  ) {}

  record(
    windowId: string,
    level: number,
    actor: Actor & { kind: 'device' },
  ): Promise<Result<{ ticketId: string; level: number }>> {
    const { memory, clock, ids } = this.ctx;
    return this.ctx.pipeline.record<{ ticketId: string; level: number }>(actor, () => {
      const state = memory.state;
      const window = state.windows.get(windowId);
      if (!window) return { error: appError('NOT_FOUND', `窗口 ${windowId} 不存在`, `window ${windowId} does not exist`) };
      const current = window.runtime.currentTicketId ? state.tickets.get(window.runtime.currentTicketId) : undefined;
      const lastServed = [...state.tickets.values()]
        .filter((t) => t.windowId === windowId && t.status === 'done' && t.finishedAt)
        .sort((a, b) => (a.finishedAt! < b.finishedAt! ? 1 : -1))[0];
      const ticket = current ?? lastServed;
      if (!ticket)
        return {
          error: appError('NOT_FOUND', '该窗口今天还没有办理过业务，无法评价', 'nobody has been served at this window today'),
        };
      const recorded = this.evaluations.recordOnce({
        id: ids.newId(),
        ticketId: ticket.id,
        windowId,
        clerkId: ticket.clerkId,
        deviceId: actor.deviceId,
        channel: 'evaluator',
        level,
        at: new Date(clock.now()).toISOString(),
      });
      if (!recorded)
        return { error: appError('CONFLICT', `${ticket.number} 已评价过`, `${ticket.number} has already been rated`) };
      return {
        value: { ticketId: ticket.id, level },
        eventType: 'evaluation.recorded',
        payload: { ticketId: ticket.id, windowId, level, channel: 'evaluator' },
      };
    });
  }
}
