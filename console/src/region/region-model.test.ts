import { describe, expect, it } from 'vitest';
import type { RegionKpiRow } from '@onedoor/protocol';
import { heardAgo, linkState, periodOf, regionDay, regionTotal } from './region-model';

const row = (hallId: string, issued: number, avg: number | null, measured: number): RegionKpiRow => ({
  hallId,
  name: hallId,
  via: hallId,
  kpis: {
    fromDay: '2026-03-02',
    toDay: '2026-03-02',
    ticketsIssued: issued,
    ticketsServed: 0,
    noShows: 0,
    avgWaitMinutes: avg,
    p90WaitMinutes: avg,
    waitsMeasured: measured,
    evaluationsGood: 0,
    evaluationsBad: 0,
    casesAccepted: 0,
    casesFinished: 0,
  },
});

describe('region view model', () => {
  it('tells a live link from a silent, an offline and a never-heard one', () => {
    expect(linkState({ online: true, silentSeconds: 3 }).label).toBe('在线');
    expect(linkState({ online: true, silentSeconds: 61 }).label).toBe('失联');
    expect(linkState({ online: false, silentSeconds: 3 }).label).toBe('离线');
    expect(linkState({ online: false, silentSeconds: null }).label).toBe('从未联通');
    expect([heardAgo(2), heardAgo(42), heardAgo(300), heardAgo(7200), heardAgo(200_000)]).toEqual([
      '刚刚',
      '42 秒前',
      '5 分钟前',
      '2 小时前',
      '2 天前',
    ]);
  });

  it('counts the day and the month from the region’s own day, in its zone', () => {
    // 16:30 UTC is already the next day in Shanghai.
    expect(regionDay('2026-03-31T16:30:00.000Z', 'Asia/Shanghai')).toBe('2026-04-01');
    expect(periodOf('day', '2026-04-01', { from: '', to: '' })).toEqual({ from: '2026-04-01', to: '2026-04-01' });
    expect(periodOf('month', '2026-04-15', { from: '', to: '' })).toEqual({ from: '2026-04-01', to: '2026-04-15' });
    expect(periodOf('range', '2026-04-15', { from: '2026-01-01', to: '2026-02-01' })).toEqual({
      from: '2026-01-01',
      to: '2026-02-01',
    });
  });

  it('totals the halls: counts added, the wait weighted by the waits measured, no P90 added up', () => {
    const total = regionTotal([row('a', 10, 4, 8), row('b', 5, 10, 2), row('c', 0, null, 0)]);
    expect(total).toMatchObject({ ticketsIssued: '15', avgWaitMinutes: '5.2', p90WaitMinutes: '—' });
    expect(regionTotal([]).avgWaitMinutes).toBe('—');
  });
});
