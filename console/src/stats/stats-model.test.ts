import { describe, expect, it } from 'vitest';
import type { StatsReport } from '@onedoor/protocol';
import { figureCards, kpiRows, presetPeriod } from './stats-model';

describe('presetPeriod', () => {
  // 2026-12-02 is a Wednesday.
  it('counts from the hall business day, weeks from Monday', () => {
    expect(presetPeriod('yesterday', '2026-12-02')).toEqual({ from: '2026-12-01', to: '2026-12-01' });
    expect(presetPeriod('thisWeek', '2026-12-02')).toEqual({ from: '2026-11-30', to: '2026-12-02' });
    expect(presetPeriod('lastWeek', '2026-12-02')).toEqual({ from: '2026-11-23', to: '2026-11-29' });
    expect(presetPeriod('thisMonth', '2026-12-02')).toEqual({ from: '2026-12-01', to: '2026-12-02' });
    expect(presetPeriod('lastMonth', '2026-12-02')).toEqual({ from: '2026-11-01', to: '2026-11-30' });
  });

  it('crosses years and leap days: yesterday of 1 January, last month of March in a leap year, a Sunday week', () => {
    expect(presetPeriod('yesterday', '2027-01-01')).toEqual({ from: '2026-12-31', to: '2026-12-31' });
    expect(presetPeriod('lastMonth', '2028-03-15')).toEqual({ from: '2028-02-01', to: '2028-02-29' });
    expect(presetPeriod('lastMonth', '2027-01-10')).toEqual({ from: '2026-12-01', to: '2026-12-31' });
    expect(presetPeriod('thisWeek', '2026-12-06')).toEqual({ from: '2026-11-30', to: '2026-12-06' });
  });
});

const ratio = (value: number | null, numerator: number, denominator: number) => ({
  value,
  numerator,
  denominator,
  formula: 'f',
  formulaEn: 'f',
});
const report: StatsReport = {
  from: '2026-12-01',
  to: '2026-12-01',
  queue: {
    issued: 12,
    served: 9,
    noShows: 2,
    abandoned: 0,
    transfers: 1,
    wait: { count: 11, averageMs: 750_000, p90Ms: 1_500_000 },
    service: { count: 9, averageMs: null, p90Ms: null },
    appointmentsKept: 0,
    appointmentsMissed: 0,
  },
  cases: { received: 4, accepted: 3, refused: 1, concluded: 2, overdue: 0 },
  kpis: {
    oneWindowRate: ratio(1, 4, 4),
    atMostOneVisitRate: ratio(0.5, 1, 2),
    onTimeRate: ratio(1, 2, 2),
    overdueRate: ratio(0, 0, 2),
    speedUpRate: ratio(0.4, 0.8, 2),
    participationRate: ratio(2 / 3, 6, 9),
    goodRate: ratio(null, 0, 0),
    badRate: ratio(null, 0, 0),
  },
};

describe('the report on screen', () => {
  it('shows minutes with one decimal and "—" where nothing was timed', () => {
    const { queue, cases } = figureCards(report);
    expect(queue.find((c) => c.key === 'wait')).toMatchObject({ value: '12.5 分钟', hint: '90% 的人不超过 25.0 分钟' });
    expect(queue.find((c) => c.key === 'service')).toMatchObject({ value: '—', hint: undefined });
    expect(cases.map((c) => c.value)).toEqual(['4', '3', '1', '2', '0']);
  });

  it('writes each KPI as a percentage with what was counted; no data is "—", not 0 %', () => {
    const rows = kpiRows(report);
    expect(rows.map((r) => r.name)).toEqual([
      '一窗受理率',
      '最多跑一次率',
      '按时办结率',
      '超期率',
      '提速率',
      '参评率',
      '好评率',
      '差评率',
    ]);
    expect(rows.find((r) => r.key === 'participationRate')).toMatchObject({ value: '66.7%', counted: '6 / 9' });
    expect(rows.find((r) => r.key === 'speedUpRate')).toMatchObject({ value: '40.0%', counted: '2 件的平均' });
    expect(rows.find((r) => r.key === 'goodRate')).toMatchObject({ value: '—', percent: null, counted: '无数据' });
    expect(rows.find((r) => r.key === 'overdueRate')?.lowerIsBetter).toBe(true);
  });
});
