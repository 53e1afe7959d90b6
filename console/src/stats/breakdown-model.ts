import type { StatsBreakdown, StatsBreakdownRow, StatsBucket, StatsDimension } from '@onedoor/protocol';
import { minutesText, percentText } from './stats-model';

/** How a period can be cut: by time, by who or what, or both (按日 × 按窗口). */
export const BUCKET_NAMES: Record<StatsBucket, string> = { hour: '按小时', day: '按日', week: '按周', month: '按月' };
export const DIMENSION_NAMES: Record<StatsDimension, string> = {
  service: '按业务',
  window: '按窗口',
  clerk: '按人员',
  department: '按部门',
  matter: '按事项',
};

export interface BreakdownCut {
  bucket?: StatsBucket | undefined;
  by?: StatsDimension | undefined;
}

/** One line of the breakdown table, every figure already as the manager reads it. */
export interface BreakdownLine {
  rowKey: string;
  period: string;
  group: string;
  issued: number;
  served: number;
  noShows: number;
  transfers: number;
  wait: string;
  waitP90: string;
  service: string;
  received: number;
  accepted: number;
  concluded: number;
  overdue: number;
  goodRate: string;
  badRate: string;
}

/** 2026-12-01 09:00 → 12-01 09时; a week by its Monday → 11-30 起一周; a month → 2026年12月. */
export function bucketLabel(bucket: StatsBucket | null, key: string | null, whole: string): string {
  if (bucket === null || key === null) return whole;
  switch (bucket) {
    case 'hour':
      return `${key.slice(5, 10)} ${key.slice(11, 13)}时`;
    case 'day':
      return key;
    case 'week':
      return `${key.slice(5)} 起一周`;
    case 'month':
      return `${key.slice(0, 4)}年${Number(key.slice(5, 7))}月`;
  }
}

export function breakdownLines(b: StatsBreakdown): BreakdownLine[] {
  const whole = b.from === b.to ? b.from : `${b.from} 至 ${b.to}`;
  return b.rows.map((r: StatsBreakdownRow) => ({
    rowKey: `${r.bucket ?? ''}|${r.key ?? ''}`,
    period: bucketLabel(b.bucket, r.bucket, whole),
    group: r.label ?? '全部',
    issued: r.queue.issued,
    served: r.queue.served,
    noShows: r.queue.noShows,
    transfers: r.queue.transfers,
    wait: minutesText(r.queue.wait.averageMs),
    waitP90: minutesText(r.queue.wait.p90Ms),
    service: minutesText(r.queue.service.averageMs),
    received: r.cases.received,
    accepted: r.cases.accepted,
    concluded: r.cases.concluded,
    overdue: r.cases.overdue,
    goodRate: percentText(r.kpis.goodRate.value),
    badRate: percentText(r.kpis.badRate.value),
  }));
}

/**
 * The breakdown as bars of tickets issued (ECharts option): along time when cut by a bucket, one series per group
 * when also cut by a dimension; along the groups when cut by a dimension only.
 */
export function breakdownChartOption(b: StatsBreakdown) {
  const whole = b.from === b.to ? b.from : `${b.from} 至 ${b.to}`;
  const axis = [...new Set(b.rows.map((r) => (b.bucket ? r.bucket : r.label) ?? ''))];
  const groups = b.bucket && b.by ? [...new Set(b.rows.map((r) => r.label ?? ''))] : ['取号'];
  const series = groups.map((group) => ({
    type: 'bar',
    name: group,
    stack: 'issued',
    barMaxWidth: 48,
    data: axis.map((a) =>
      b.rows
        .filter((r) => ((b.bucket ? r.bucket : r.label) ?? '') === a && (groups.length === 1 || r.label === group))
        .reduce((n, r) => n + r.queue.issued, 0),
    ),
  }));
  return {
    animation: false,
    color: ['#1f6fb2', '#2e9d6a', '#e08e2b', '#7d5ba6', '#17a2b8', '#b0513f', '#5b6573'],
    tooltip: { trigger: 'axis' },
    legend: groups.length > 1 ? { type: 'scroll', top: 0 } : undefined,
    grid: { left: 48, right: 16, top: groups.length > 1 ? 32 : 12, bottom: 28 },
    xAxis: { type: 'category', data: axis.map((a) => (b.bucket ? bucketLabel(b.bucket, a, whole) : a)) },
    yAxis: { type: 'value', minInterval: 1, name: '取号' },
    series,
  };
}
