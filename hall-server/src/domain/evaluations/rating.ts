import {
  appError,
  ratingNeedsReason,
  RATING_LEVEL_TEXT,
  type AppError,
  type RatingLevelNumber,
} from '@onedoor/protocol';
import type { Result } from '../result.js';

/** What a rating is given for: the service of one ticket at one window, by one clerk, with the cases it took in. */
export interface ServiceRated {
  ticketId: string;
  ticketNumber: string;
  windowId: string;
  clerkId: string | null;
  caseIds: string[];
}

export interface RatingGiven {
  level: RatingLevelNumber;
  reason: string | null;
}

/**
 * Decides a rating. Once per service: a second rating of the same ticket is refused (the evaluator's second press,
 * the phone after the evaluator). A 差评 without a reason is kept — the visitor already pressed the key — and its reason
 * is asked for afterwards ({@link decideReason}); a reason given with a good level is dropped, as it means nothing.
 */
export function decideRating(
  service: ServiceRated,
  given: RatingGiven,
  alreadyRated: boolean,
): Result<ServiceRated & RatingGiven & { needsReason: boolean }> {
  if (alreadyRated) {
    return {
      ok: false,
      error: conflict(`${service.ticketNumber} 已评价过`, `${service.ticketNumber} has already been rated`),
    };
  }
  const needsReason = ratingNeedsReason(given.level);
  const reason = needsReason ? given.reason : null;
  return { ok: true, value: { ...service, level: given.level, reason, needsReason: needsReason && reason === null } };
}

/** A reason is given once, and only for a 不满意 / 非常不满意 that has none. */
export function decideReason(
  rated: { level: RatingLevelNumber; reason: string | null } | null,
  ticketNumber: string,
): AppError | null {
  if (!rated) return appError('NOT_FOUND', `${ticketNumber} 还没有评价`, `${ticketNumber} has not been rated`);
  if (!ratingNeedsReason(rated.level)) {
    const text = RATING_LEVEL_TEXT[rated.level];
    return appError('BAD_REQUEST', `评价为「${text.zh}」，不需要填写原因`, `a rating of "${text.en}" takes no reason`);
  }
  if (rated.reason !== null)
    return conflict(`${ticketNumber} 的评价原因已填写`, `${ticketNumber}'s reason is given already`);
  return null;
}

function conflict(zh: string, en: string): AppError {
  return appError('CONFLICT', zh, en);
}
