import { describe, expect, it } from 'vitest';
import type { EvaluationView } from './dto/evaluation.js';
import { evaluationRows } from './evaluation-rows.js';

const rating = (id: string, level: EvaluationView['level'], extra: Partial<EvaluationView> = {}): EvaluationView => ({
  id,
  ticketId: `t-${id}`,
  windowId: 'w01',
  clerkId: 'clerk01',
  caseIds: [],
  channel: 'evaluator',
  level,
  levelText: level >= 4 ? '满意' : level === 3 ? '基本满意' : '不满意',
  reason: null,
  at: '2026-12-02T02:00:00.000Z',
  ...extra,
});

describe('evaluationRows', () => {
  const windows = [{ id: 'w01', name: '1号窗口' }];
  const staff = [{ id: 'clerk01', name: '李娜' }];
  const ratings = [
    rating('a', 5),
    rating('b', 2, { reason: '等候时间长', caseIds: ['c1', 'c2'] }),
    rating('c', 1, { windowId: 'w02', clerkId: null, channel: 'qrcode' }),
  ];

  it('names the window and the clerk, marks 差评 with its reason or that it is still missing', () => {
    const rows = evaluationRows(ratings, windows, staff, { windowId: null, badOnly: false });
    expect(rows.map((r) => [r.window, r.clerk, r.bad, r.reason, r.channel, r.cases])).toEqual([
      ['1号窗口', '李娜', false, '', '评价器', 0],
      ['1号窗口', '李娜', true, '等候时间长', '评价器', 2],
      ['w02', '—', true, '（尚未填写原因）', '扫码', 0],
    ]);
  });

  it('filters by window and to the bad ones', () => {
    expect(evaluationRows(ratings, windows, staff, { windowId: null, badOnly: true }).map((r) => r.id)).toEqual([
      'b',
      'c',
    ]);
    expect(evaluationRows(ratings, windows, staff, { windowId: 'w01', badOnly: true }).map((r) => r.id)).toEqual(['b']);
  });
});
