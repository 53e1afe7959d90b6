import { hallClockParts, type RegionHallViewDto, type RegionKpiRow } from '@onedoor/protocol';
import { presetPeriod, type Period } from '../stats/stats-model';

/** A hall heard from within this long counts as live; the halls send their state at least every 15 s. */
export const SILENT_AFTER_SECONDS = 60;

export type LinkState = 'online' | 'silent' | 'offline' | 'never';

/** How a hall's link stands, and the words the table shows for it. */
export function linkState(h: Pick<RegionHallViewDto, 'online' | 'silentSeconds'>): { state: LinkState; label: string } {
  if (h.silentSeconds === null) return { state: 'never', label: '从未联通' };
  if (!h.online) return { state: 'offline', label: '离线' };
  if (h.silentSeconds > SILENT_AFTER_SECONDS) return { state: 'silent', label: '失联' };
  return { state: 'online', label: '在线' };
}

/** "刚刚", "42 秒前", "5 分钟前", "3 小时前", "2 天前". */
export function heardAgo(silentSeconds: number | null): string {
  if (silentSeconds === null) return '—';
  if (silentSeconds < 5) return '刚刚';
  if (silentSeconds < 60) return `${silentSeconds} 秒前`;
  if (silentSeconds < 3600) return `${Math.floor(silentSeconds / 60)} 分钟前`;
  if (silentSeconds < 86_400) return `${Math.floor(silentSeconds / 3600)} 小时前`;
  return `${Math.floor(silentSeconds / 86_400)} 天前`;
}

export type PeriodMode = 'day' | 'month' | 'range';
export const PERIOD_MODES: Record<PeriodMode, string> = { day: '今天', month: '本月', range: '自选区间' };

/** The region's business day at `at` (the server's time, in its zone), YYYY-MM-DD. */
export function regionDay(at: string, timeZone: string): string {
  const p = hallClockParts(at, timeZone);
  return `${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
}

/** The period of a mode counted from the region's day; a range keeps what the manager typed. */
export function periodOf(mode: PeriodMode, day: string, typed: Period): Period {
  if (mode === 'day') return presetPeriod('today', day);
  if (mode === 'month') return presetPeriod('thisMonth', day);
  return typed;
}

const num = (v: number | null) => (v === null ? '—' : String(v));

/** The KPI columns of the comparison, in the order the table and the export show them. */
export const KPI_COLUMNS: { key: keyof RegionKpiRow['kpis']; title: string }[] = [
  { key: 'ticketsIssued', title: '取号' },
  { key: 'ticketsServed', title: '办结' },
  { key: 'noShows', title: '过号' },
  { key: 'avgWaitMinutes', title: '平均等候(分)' },
  { key: 'p90WaitMinutes', title: 'P90 等候(分)' },
  { key: 'evaluationsGood', title: '好评' },
  { key: 'evaluationsBad', title: '差评' },
  { key: 'casesAccepted', title: '受理' },
  { key: 'casesFinished', title: '办结件' },
];

export function kpiCell(row: RegionKpiRow, key: keyof RegionKpiRow['kpis']): string {
  const v = row.kpis[key];
  return typeof v === 'number' || v === null ? num(v) : v;
}

/** Totals over the halls (the region's own line); a wait is weighted by the waits measured, a P90 not added up. */
export function regionTotal(rows: readonly RegionKpiRow[]): Record<string, string> {
  const sum = (k: keyof RegionKpiRow['kpis']) => rows.reduce((n, r) => n + (r.kpis[k] as number), 0);
  const measured = sum('waitsMeasured');
  const avg =
    measured > 0
      ? Math.round(
          (rows.reduce((n, r) => n + (r.kpis.avgWaitMinutes ?? 0) * r.kpis.waitsMeasured, 0) / measured) * 10,
        ) / 10
      : null;
  return Object.fromEntries(
    KPI_COLUMNS.map(({ key }) => [
      key,
      key === 'avgWaitMinutes' ? num(avg) : key === 'p90WaitMinutes' ? '—' : String(sum(key)),
    ]),
  );
}

/** Bars per hall: tickets issued and the average wait, the two numbers a city compares first. */
export function compareChartOption(rows: readonly RegionKpiRow[]) {
  return {
    // No animation: the figures are read, not watched (and a screenshot shows them whole).
    animation: false,
    tooltip: { trigger: 'axis' },
    legend: { top: 0, data: ['取号', '平均等候(分)'] },
    grid: { left: 48, right: 48, top: 48, bottom: 28 },
    xAxis: { type: 'category', data: rows.map((r) => r.name) },
    yAxis: [
      { type: 'value', name: '取号' },
      { type: 'value', name: '分钟' },
    ],
    series: [
      { name: '取号', type: 'bar', data: rows.map((r) => r.kpis.ticketsIssued), itemStyle: { color: '#1677ff' } },
      {
        name: '平均等候(分)',
        type: 'bar',
        yAxisIndex: 1,
        data: rows.map((r) => r.kpis.avgWaitMinutes ?? 0),
        itemStyle: { color: '#fa8c16' },
      },
    ],
  };
}
