import { describe, expect, it } from 'vitest';
import type { RectificationStep } from '@onedoor/protocol';
import {
  applyRectification,
  decideRectificationStep,
  isOverdue,
  mayHandle,
  openRectification,
  type Rectification,
} from './rectification.js';

const DAY = 86_400_000;
const RATED_AT = Date.parse('2026-12-01T02:00:00Z');
const rules = { days: 15 };

function opened(): Rectification {
  const e = openRectification(
    'r1',
    {
      evaluationId: 'e1',
      ticketId: 't1',
      windowId: 'w01',
      clerkId: 'c1',
      level: 2,
      reason: '等候时间长',
      ratedAt: RATED_AT,
      deptId: 'rsj',
    },
    rules,
  );
  return applyRectification(e.rectification, e, RATED_AT);
}

/** Runs the steps in order; throws at the first refusal. */
function run(r: Rectification, steps: RectificationStep[], now = RATED_AT + DAY): Rectification {
  return steps.reduce((acc, step) => {
    const d = decideRectificationStep(acc, step, { now, rules });
    if (!d.ok) throw new Error(d.error.messageEn);
    return d.value.reduce((x, e) => applyRectification(x, e, now), acc);
  }, r);
}

const judge: RectificationStep = { action: 'judge', valid: true, reviewer: '张科长', note: '属实' };

describe('差评整改 state machine', () => {
  it('opens pending, due the configured days after the rating', () => {
    expect(opened()).toMatchObject({ status: 'pending', dueAt: RATED_AT + 15 * DAY });
  });

  it('goes judge → rectify → call back → conclude, and is closed then', () => {
    const r = run(opened(), [
      judge,
      { action: 'rectify', measures: '增开窗口' },
      { action: 'call-back', note: '回访', visitorRating: 'basic' },
      { action: 'conclude', result: '办结' },
    ]);
    expect(r).toMatchObject({ status: 'closed', reviewer: '张科长', measures: '增开窗口', result: '办结' });
    expect(r.closedAt).toBe(RATED_AT + DAY);
  });

  it('an invalid review is closed at once with its reviewer; nothing follows it', () => {
    const r = run(opened(), [{ action: 'judge', valid: false, reviewer: '李副主任', note: '误评' }]);
    expect(r.status).toBe('invalid');
    const d = decideRectificationStep(r, { action: 'rectify', measures: 'x' }, { now: RATED_AT, rules });
    expect(!d.ok && d.error.message).toBe('该差评已研判为无效，不能再整改；整改未变更');
  });

  it('refuses a step out of order, a due date in the past or beyond the rule', () => {
    const early = decideRectificationStep(opened(), { action: 'conclude', result: '办结' }, { now: RATED_AT, rules });
    expect(!early.ok && early.error.code).toBe('CONFLICT');
    const now = RATED_AT + 2 * DAY;
    const past = decideRectificationStep(
      opened(),
      { ...judge, dueAt: new Date(now - 1).toISOString() },
      { now, rules },
    );
    expect(!past.ok && past.error.messageEn).toBe(
      'the rectification due date may not lie in the past; nothing was changed',
    );
    const beyond = decideRectificationStep(
      opened(),
      { ...judge, dueAt: new Date(RATED_AT + 15 * DAY + 1).toISOString() },
      { now, rules },
    );
    expect(!beyond.ok && beyond.error.message).toBe('整改期限须在评价后 15 天以内；整改未变更');
    const earlier = run(opened(), [{ ...judge, dueAt: new Date(RATED_AT + 5 * DAY).toISOString() }], now);
    expect(earlier.dueAt).toBe(RATED_AT + 5 * DAY);
  });

  it('is overdue past its 整改期限 only while the 整改 is still to be done', () => {
    const r = run(opened(), [judge]);
    expect(isOverdue(r, r.dueAt)).toBe(false);
    expect(isOverdue(r, r.dueAt + 1)).toBe(true);
    const rectified = run(r, [{ action: 'rectify', measures: '增开窗口' }]);
    expect(isOverdue(rectified, r.dueAt + 1)).toBe(false);
  });

  it('is the department’s to handle, or a manager’s; a service without a case is the hall’s own', () => {
    const r = opened();
    expect(mayHandle(r, { everyDept: false, deptId: 'rsj' })).toBe(true);
    expect(mayHandle(r, { everyDept: false, deptId: 'gaj' })).toBe(false);
    expect(mayHandle({ deptId: null }, { everyDept: false, deptId: null })).toBe(false);
    expect(mayHandle({ deptId: null }, { everyDept: true, deptId: null })).toBe(true);
  });
});
