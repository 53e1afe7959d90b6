import {
  appError,
  maskNumbersInText,
  RATING_LEVEL_TEXT,
  type EvaluationChannel,
  type EvaluationView,
  type RatingLevelNumber,
} from '@onedoor/protocol';
import { decideRating, decideReason } from '../../domain/evaluations/rating.js';
import type { Result } from '../../domain/result.js';
import type { Actor, CaseStore, EvaluationRecord, EvaluationStore } from '../ports.js';
import type { QueueContext } from '../queue/queue-context.js';
import type { Rectifications } from './rectifications.js';

export interface RatingOutcome {
  ticketId: string;
  level: RatingLevelNumber;
  caseIds: string[];
  /** True for a 不满意 / 非常不满意 given without its reason: the screen or the phone asks for it next. */
  needsReason: boolean;
}

/** A rating as staff see it: a phone or ID number the visitor typed into the reason is masked (list and export). */
export function evaluationView(e: EvaluationRecord): EvaluationView {
  return {
    ...e,
    levelText: RATING_LEVEL_TEXT[e.level].zh,
    reason: e.reason === null ? null : maskNumbersInText(e.reason),
  };
}

/**
 * 好差评 at a window (5 非常满意 … 1 非常不满意) for the visitor being served there, or the one served last: tied to the
 * ticket, the cases taken in for it, the window and the clerk, once per service. A 差评 carries a reason, given with
 * the rating or afterwards ({@link Ratings.giveReason}).
 */
export class Ratings {
  constructor(
    private readonly ctx: QueueContext,
    private readonly evaluations: EvaluationStore,
    private readonly cases: CaseStore,
    /** Every 差评 opens its rectification in the rating's own transaction. */
    private readonly rectifications?: Rectifications,
  ) {}

  record(
    windowId: string,
    level: RatingLevelNumber,
    actor: Actor,
    options: { reason?: string | undefined; channel?: EvaluationChannel } = {},
  ): Promise<Result<RatingOutcome>> {
    const { memory, clock, ids } = this.ctx;
    return this.ctx.pipeline.record<RatingOutcome>(actor, () => {
      const state = memory.state;
      const window = state.windows.get(windowId);
      if (!window)
        return { error: appError('NOT_FOUND', `窗口 ${windowId} 不存在`, `window ${windowId} does not exist`) };
      const current = window.runtime.currentTicketId ? state.tickets.get(window.runtime.currentTicketId) : undefined;
      const lastServed = [...state.tickets.values()]
        .filter((t) => t.windowId === windowId && t.status === 'done' && t.finishedAt)
        .sort((a, b) => (a.finishedAt! < b.finishedAt! ? 1 : -1))[0];
      const ticket = current ?? lastServed;
      if (!ticket)
        return {
          error: appError(
            'NOT_FOUND',
            '该窗口今天还没有办理过业务，无法评价',
            'nobody has been served at this window today',
          ),
        };
      const service = {
        ticketId: ticket.id,
        ticketNumber: ticket.number,
        windowId,
        clerkId: ticket.clerkId,
        caseIds: this.cases.byTicket(ticket.id).map((c) => c.id),
      };
      const decided = decideRating(
        service,
        { level, reason: options.reason ?? null },
        this.evaluations.find(ticket.id) !== null,
      );
      if (!decided.ok) return { error: decided.error };
      const d = decided.value;
      const channel = options.channel ?? 'evaluator';
      const record: EvaluationRecord = {
        id: ids.newId(),
        ticketId: d.ticketId,
        windowId,
        clerkId: d.clerkId,
        deviceId: actor.kind === 'device' ? actor.deviceId : null,
        channel,
        level: d.level,
        caseIds: d.caseIds,
        reason: d.reason,
        at: new Date(clock.now()).toISOString(),
      };
      const recorded = this.evaluations.recordOnce(record);
      if (!recorded)
        return { error: appError('CONFLICT', `${ticket.number} 已评价过`, `${ticket.number} has already been rated`) };
      return {
        value: { ticketId: d.ticketId, level: d.level, caseIds: d.caseIds, needsReason: d.needsReason },
        eventType: 'evaluation.recorded',
        payload: {
          ticketId: d.ticketId,
          windowId,
          clerkId: d.clerkId,
          caseIds: d.caseIds,
          level: d.level,
          reason: d.reason,
          channel,
        },
        also: d.level <= 2 && this.rectifications ? [this.rectifications.openFor(record)] : [],
      };
    });
  }

  /** The reason of a 差评 given after the rating: on the window's second screen or the visitor's phone. */
  giveReason(ticketId: string, reason: string, actor: Actor): Promise<Result<EvaluationView>> {
    const { memory, clock } = this.ctx;
    return this.ctx.pipeline.record<EvaluationView>(actor, () => {
      const number = memory.state.tickets.get(ticketId)?.number ?? ticketId;
      const rated = this.evaluations.find(ticketId);
      const refused = decideReason(rated, number);
      if (refused || !rated)
        return { error: refused ?? appError('NOT_FOUND', `${number} 还没有评价`, `${number} has not been rated`) };
      if (!this.evaluations.giveReason(ticketId, reason, new Date(clock.now()).toISOString())) {
        return { error: appError('CONFLICT', `${number} 的评价原因已填写`, `${number}'s reason is given already`) };
      }
      this.rectifications?.reasonGiven(rated.id, reason);
      return {
        value: evaluationView({ ...rated, reason }),
        eventType: 'evaluation.reason-given',
        payload: { ticketId, reason },
      };
    });
  }

  list(filter: { ticketId?: string | undefined; windowId?: string | undefined }): EvaluationView[] {
    return this.evaluations.list(filter, 500).map(evaluationView);
  }
}
