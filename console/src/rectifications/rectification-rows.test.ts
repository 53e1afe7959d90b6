import { describe, expect, it } from 'vitest';
import type { RectificationView } from '@onedoor/protocol';
import { dueDayOptions, loopIndex, nextStep, rectificationRows } from './rectification-rows';

const base: RectificationView = {
  id: 'r1',
  evaluationId: 'e1',
  ticketId: 't1',
  windowId: 'w01',
  clerkId: 'c1',
  deptId: null,
  level: 2,
  reason: null,
  ratedAt: '2026-12-03T02:00:00.000Z',
  status: 'pending',
  statusText: '待研判',
  dueAt: '2026-12-18T02:00:00.000Z',
  overdue: false,
  reviewer: null,
  judgement: null,
  measures: null,
  callBack: null,
  result: null,
  closedAt: null,
  history: [],
};

describe('rectification rows', () => {
  it('names the window and clerk, says a reason is missing, and keeps only open ones when asked', () => {
    const list = [base, { ...base, id: 'r2', status: 'closed' as const, reason: '等候时间长' }];
    const rows = rectificationRows(list, [{ id: 'w01', name: '1号窗口' }], [{ id: 'c1', name: '李娜' }], {
      openOnly: false,
    });
    expect(rows.map((r) => [r.window, r.clerk, r.levelText, r.reason])).toEqual([
      ['1号窗口', '李娜', '不满意', '（尚未填写原因）'],
      ['1号窗口', '李娜', '不满意', '等候时间长'],
    ]);
    expect(rectificationRows(list, [], [], { openOnly: true }).map((r) => r.id)).toEqual(['r1']);
  });

  it('knows the next step and the place on the loop', () => {
    expect(nextStep('pending')).toBe('judge');
    expect(nextStep('called-back')).toBe('conclude');
    expect(nextStep('invalid')).toBeNull();
    expect(loopIndex('closed')).toBe(4);
  });

  it('offers due dates from the day after the rating up to the hall limit, none in the past', () => {
    const days = dueDayOptions(base.ratedAt, base.dueAt, Date.parse(base.ratedAt) + 2.5 * 86_400_000);
    expect(days.map((d) => d.days)).toEqual([3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15]);
    expect(days.at(-1)!.dueAt).toBe(base.dueAt);
  });
});
