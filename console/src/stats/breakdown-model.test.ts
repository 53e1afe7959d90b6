import { describe, expect, it } from 'vitest';
import type { StatsBreakdown, StatsBreakdownRow } from '@onedoor/protocol';
import { breakdownChartOption, breakdownLines, bucketLabel } from './breakdown-model';

const ratio = (value: number | null) => ({ value, numerator: 0, denominator: 0, formula: 'f', formulaEn: 'f' });
const row = (bucket: string | null, key: string | null, label: string | null, issued: number): StatsBreakdownRow => ({
  bucket,
  key,
  label,
  queue: {
    issued,
    served: issued - 1,
    noShows: 1,
    abandoned: 0,
    transfers: 0,
    wait: { count: issued, averageMs: 9 * 60_000, p90Ms: 15 * 60_000 },
    service: { count: 0, averageMs: null, p90Ms: null },
    appointmentsKept: 0,
    appointmentsMissed: 0,
  },
  cases: { received: 0, accepted: 0, refused: 0, concluded: 0, overdue: 0 },
  kpis: {
    oneWindowRate: ratio(null),
    atMostOneVisitRate: ratio(null),
    onTimeRate: ratio(null),
    overdueRate: ratio(null),
    speedUpRate: ratio(null),
    participationRate: ratio(null),
    goodRate: ratio(0.875),
    badRate: ratio(null),
  },
});

describe('bucketLabel', () => {
  it('reads each bucket the way a Chinese report heads it', () => {
    expect(bucketLabel('hour', '2026-12-01 09:00', '')).toBe('12-01 09时');
    expect(bucketLabel('week', '2026-11-30', '')).toBe('11-30 起一周');
    expect(bucketLabel('month', '2026-02', '')).toBe('2026年2月');
    expect(bucketLabel(null, null, '2026-12-01 至 2026-12-07')).toBe('2026-12-01 至 2026-12-07');
  });
});

describe('breakdown table and chart', () => {
  const byWindowDay: StatsBreakdown = {
    from: '2026-12-01',
    to: '2026-12-02',
    bucket: 'day',
    by: 'window',
    rows: [
      row('2026-12-01', 'w01', '1号窗口', 5),
      row('2026-12-01', 'w02', '2号窗口', 3),
      row('2026-12-02', 'w01', '1号窗口', 4),
    ],
  };

  it('shows minutes with one decimal, "—" for nothing counted, never 0 %', () => {
    const lines = breakdownLines(byWindowDay);
    expect(lines[0]).toMatchObject({ period: '2026-12-01', group: '1号窗口', wait: '9.0', waitP90: '15.0' });
    expect(lines[0]).toMatchObject({ service: '—', goodRate: '87.5%', badRate: '—' });
    expect(lines.map((l) => l.rowKey)).toEqual(['2026-12-01|w01', '2026-12-01|w02', '2026-12-02|w01']);
  });

  it('stacks one series per window along the days; a window absent on a day has 0 there', () => {
    const option = breakdownChartOption(byWindowDay);
    expect(option.xAxis.data).toEqual(['2026-12-01', '2026-12-02']);
    expect(option.series.map((s) => [s.name, s.data])).toEqual([
      ['1号窗口', [5, 4]],
      ['2号窗口', [3, 0]],
    ]);
  });

  it('cut by a dimension only: one bar per group', () => {
    const option = breakdownChartOption({
      ...byWindowDay,
      bucket: null,
      rows: [row(null, 'w01', '1号窗口', 9), row(null, 'w02', '2号窗口', 3)],
    });
    expect(option.xAxis.data).toEqual(['1号窗口', '2号窗口']);
    expect(option.series.map((s) => s.data)).toEqual([[9, 3]]);
    expect(option.legend).toBeUndefined();
  });
});
