import {
  appError,
  RECTIFICATION_STATUS_TEXT,
  VISITOR_RATING_TEXT,
  type AppError,
  type RatingLevelNumber,
  type RectificationStatus,
  type RectificationStep,
} from '@onedoor/protocol';
import { failure, success, type Result } from '../result.js';

const DAY_MS = 86_400_000;

/** The 差评 a rectification answers for. Times are epoch ms. */
export interface RatedService {
  evaluationId: string;
  ticketId: string;
  windowId: string;
  clerkId: string | null;
  level: RatingLevelNumber;
  reason: string | null;
  ratedAt: number;
  /** The department answerable for it (of the case served), null when the service took in no case: managers' own. */
  deptId: string | null;
}

export interface Rectification extends RatedService {
  id: string;
  status: RectificationStatus;
  /** 整改期限. */
  dueAt: number;
  reviewer: string | null;
  judgement: string | null;
  measures: string | null;
  callBack: { note: string; visitorRating: 'satisfied' | 'basic' | 'unsatisfied' } | null;
  result: string | null;
  closedAt: number | null;
}

/** What happened to a rectification; the store keeps each as a line of its history, the event log as an event. */
export type RectificationOpened = { type: 'rectification.opened'; rectification: Rectification };
export type RectificationEvent =
  | RectificationOpened
  | { type: 'rectification.judged'; valid: boolean; reviewer: string; note: string; dueAt: number }
  | { type: 'rectification.rectified'; measures: string }
  | { type: 'rectification.called-back'; note: string; visitorRating: 'satisfied' | 'basic' | 'unsatisfied' }
  | { type: 'rectification.concluded'; result: string };

/** The hall's rule: how many calendar days after the rating the 整改期限 falls, and the latest one a department may set. */
export interface RectificationRules {
  /** Default 15 (the code of §4.4: "整改期限 must be within 15 days after the evaluation time"; calendar days). */
  days: number;
}

/** A 差评 (level 1 or 2) opens its rectification, due `days` after the rating. */
export function openRectification(id: string, rated: RatedService, rules: RectificationRules): RectificationOpened {
  return {
    type: 'rectification.opened',
    rectification: {
      ...rated,
      id,
      status: 'pending',
      dueAt: rated.ratedAt + rules.days * DAY_MS,
      reviewer: null,
      judgement: null,
      measures: null,
      callBack: null,
      result: null,
      closedAt: null,
    },
  };
}

/**
 * What each step may follow. The loop of 国办发〔2019〕51号 — 评价、反馈、整改、监督 — goes one way: judged, then
 * rectified, then the visitor is called back, then the result is recorded. An invalid review is closed when judged.
 */
const STEP_FROM: Record<RectificationStep['action'], RectificationStatus> = {
  judge: 'pending',
  rectify: 'rectifying',
  'call-back': 'rectified',
  conclude: 'called-back',
};

const STEP_TEXT: Record<RectificationStep['action'], { zh: string; en: string }> = {
  judge: { zh: '研判', en: 'judge' },
  rectify: { zh: '整改', en: 'rectify' },
  'call-back': { zh: '回访', en: 'call back' },
  conclude: { zh: '办结', en: 'conclude' },
};

/**
 * Who may see and carry a rectification: managers every one; a department's staff (审批人员) their department's.
 * The 差评 of a service that took in no case belongs to the hall itself.
 */
export function mayHandle(
  r: Pick<Rectification, 'deptId'>,
  viewer: { everyDept: boolean; deptId: string | null },
): boolean {
  return viewer.everyDept || (viewer.deptId !== null && r.deptId === viewer.deptId);
}

/** Whether the rectification itself is still to be done (the 整改期限 bounds the 整改, not the call-back after it). */
export function awaitsRectification(r: Pick<Rectification, 'status'>): boolean {
  return r.status === 'pending' || r.status === 'rectifying';
}

export function isOverdue(r: Pick<Rectification, 'status' | 'dueAt'>, now: number): boolean {
  return awaitsRectification(r) && now > r.dueAt;
}

/** Decides one step: the events it causes, or why it is refused (nothing changes then). */
export function decideRectificationStep(
  r: Rectification,
  step: RectificationStep,
  ctx: { now: number; rules: RectificationRules },
): Result<RectificationEvent[]> {
  const expected = STEP_FROM[step.action];
  if (r.status !== expected) return failure(outOfOrder(r.status, step.action));
  switch (step.action) {
    case 'judge': {
      if (!step.valid) {
        return success([
          { type: 'rectification.judged', valid: false, reviewer: step.reviewer, note: step.note, dueAt: r.dueAt },
        ]);
      }
      const dueAt = step.dueAt === undefined ? r.dueAt : Date.parse(step.dueAt);
      const refused = checkDueAt(dueAt, r.ratedAt, ctx);
      if (refused) return failure(refused);
      return success([{ type: 'rectification.judged', valid: true, reviewer: step.reviewer, note: step.note, dueAt }]);
    }
    case 'rectify':
      return success([{ type: 'rectification.rectified', measures: step.measures }]);
    case 'call-back':
      return success([{ type: 'rectification.called-back', note: step.note, visitorRating: step.visitorRating }]);
    case 'conclude':
      return success([{ type: 'rectification.concluded', result: step.result }]);
  }
}

/** A 整改期限 set by the department: not in the past, and at most `days` after the rating (§4.4). */
function checkDueAt(dueAt: number, ratedAt: number, ctx: { now: number; rules: RectificationRules }): AppError | null {
  if (dueAt <= ctx.now)
    return appError(
      'BAD_REQUEST',
      '整改期限不能早于现在；整改未变更',
      'the rectification due date may not lie in the past; nothing was changed',
      [{ path: 'dueAt', message: 'in the past' }],
    );
  if (dueAt > ratedAt + ctx.rules.days * DAY_MS)
    return appError(
      'BAD_REQUEST',
      `整改期限须在评价后 ${ctx.rules.days} 天以内；整改未变更`,
      `the rectification must be due within ${ctx.rules.days} days of the rating; nothing was changed`,
      [{ path: 'dueAt', message: `≤ ${ctx.rules.days} days` }],
    );
  return null;
}

function outOfOrder(status: RectificationStatus, action: RectificationStep['action']): AppError {
  const now = RECTIFICATION_STATUS_TEXT[status];
  const step = STEP_TEXT[action];
  if (status === 'closed' || status === 'invalid')
    return appError(
      'CONFLICT',
      `${status === 'closed' ? '该整改已办结' : '该差评已研判为无效'}，不能再${step.zh}；整改未变更`,
      `this rectification is ${now.en}; it cannot ${step.en} any more; nothing was changed`,
    );
  return appError(
    'CONFLICT',
    `该整改目前为「${now.zh}」，现在不能${step.zh}`,
    `this rectification is ${now.en}; "${step.en}" is not its next step`,
  );
}

/** The rectification after an event (the one place state changes). */
export function applyRectification(r: Rectification, e: RectificationEvent, at: number): Rectification {
  switch (e.type) {
    case 'rectification.opened':
      return e.rectification;
    case 'rectification.judged':
      return e.valid
        ? { ...r, status: 'rectifying', reviewer: e.reviewer, judgement: e.note, dueAt: e.dueAt }
        : { ...r, status: 'invalid', reviewer: e.reviewer, judgement: e.note, closedAt: at };
    case 'rectification.rectified':
      return { ...r, status: 'rectified', measures: e.measures };
    case 'rectification.called-back':
      return { ...r, status: 'called-back', callBack: { note: e.note, visitorRating: e.visitorRating } };
    case 'rectification.concluded':
      return { ...r, status: 'closed', result: e.result, closedAt: at };
  }
}

/** The line of history an event leaves (who acted is added by the store). */
export function historyText(e: RectificationEvent): string {
  switch (e.type) {
    case 'rectification.opened':
      return `收到差评，开始整改流程${e.rectification.reason ? `：${e.rectification.reason}` : ''}`;
    case 'rectification.judged':
      return e.valid
        ? `研判为有效差评（审核人：${e.reviewer}）：${e.note}`
        : `研判为无效差评（审核人：${e.reviewer}）：${e.note}`;
    case 'rectification.rectified':
      return `整改措施：${e.measures}`;
    case 'rectification.called-back':
      return `回访（群众评价：${VISITOR_RATING_TEXT[e.visitorRating]}）：${e.note}`;
    case 'rectification.concluded':
      return `整改结果：${e.result}`;
  }
}
