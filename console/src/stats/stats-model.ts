import type { StatsReport } from '@onedoor/protocol';

/** The periods a manager asks about most; a chosen range is typed in beside them. */
export const PRESETS = {
  yesterday: '昨天',
  today: '今天',
  thisWeek: '本周',
  lastWeek: '上周',
  thisMonth: '本月',
  lastMonth: '上月',
} as const;
export type Preset = keyof typeof PRESETS;

export interface Period {
  from: string;
  to: string;
}

const DAY_MS = 86_400_000;
const dayNumber = (day: string) => Date.parse(`${day}T00:00:00Z`) / DAY_MS;
const dayOf = (n: number) => new Date(n * DAY_MS).toISOString().slice(0, 10);

/**
 * A preset as whole hall days, counted from the hall's business day (from its snapshot, never the PC's own date).
 * Weeks start on Monday, as Chinese calendars and reports do.
 */
export function presetPeriod(preset: Preset, businessDay: string): Period {
  const today = dayNumber(businessDay);
  const weekday = (new Date(today * DAY_MS).getUTCDay() + 6) % 7; // Monday 0 … Sunday 6
  const [y, m] = businessDay.split('-').map(Number) as [number, number];
  const monthStart = (year: number, month: number) => Date.UTC(year, month - 1, 1) / DAY_MS;
  switch (preset) {
    case 'today':
      return { from: businessDay, to: businessDay };
    case 'yesterday':
      return { from: dayOf(today - 1), to: dayOf(today - 1) };
    case 'thisWeek':
      return { from: dayOf(today - weekday), to: businessDay };
    case 'lastWeek':
      return { from: dayOf(today - weekday - 7), to: dayOf(today - weekday - 1) };
    case 'thisMonth':
      return { from: dayOf(monthStart(y, m)), to: businessDay };
    case 'lastMonth':
      return { from: dayOf(monthStart(y, m - 1)), to: dayOf(monthStart(y, m) - 1) };
  }
}

export interface FigureCard {
  key: string;
  label: string;
  value: string;
  hint?: string;
}

/** Milliseconds as minutes with one decimal ('9.0'); '—' when nothing was counted. */
export const minutesText = (ms: number | null) => (ms === null ? '—' : (Math.round(ms / 6_000) / 10).toFixed(1));
const minutes = (ms: number | null) => (ms === null ? '—' : `${minutesText(ms)} 分钟`);

/** A rate to one decimal of a percent ('87.5%'); '—' when nothing was counted, never 0 %. */
export const percentText = (value: number | null) =>
  value === null ? '—' : `${(Math.round(value * 1000) / 10).toFixed(1)}%`;

/** The period's counts, as cards: the queue first, then the cases. */
export function figureCards(report: StatsReport): { queue: FigureCard[]; cases: FigureCard[] } {
  const q = report.queue;
  const c = report.cases;
  return {
    queue: [
      { key: 'issued', label: '取号', value: String(q.issued) },
      { key: 'served', label: '已办理', value: String(q.served) },
      { key: 'noShows', label: '过号', value: String(q.noShows) },
      { key: 'transfers', label: '转办', value: String(q.transfers) },
      {
        key: 'wait',
        label: '平均等候',
        value: minutes(q.wait.averageMs),
        hint: q.wait.p90Ms === null ? undefined : `90% 的人不超过 ${minutes(q.wait.p90Ms)}`,
      },
      {
        key: 'service',
        label: '平均办理',
        value: minutes(q.service.averageMs),
        hint: q.service.p90Ms === null ? undefined : `90% 不超过 ${minutes(q.service.p90Ms)}`,
      },
    ],
    cases: [
      { key: 'received', label: '收件', value: String(c.received) },
      { key: 'accepted', label: '受理', value: String(c.accepted) },
      { key: 'refused', label: '不予受理', value: String(c.refused) },
      { key: 'concluded', label: '办结', value: String(c.concluded) },
      { key: 'overdue', label: '超期', value: String(c.overdue) },
    ],
  };
}

type KpiKey = keyof StatsReport['kpis'];

const KPI_NAMES: Record<KpiKey, string> = {
  oneWindowRate: '一窗受理率',
  atMostOneVisitRate: '最多跑一次率',
  onTimeRate: '按时办结率',
  overdueRate: '超期率',
  speedUpRate: '提速率',
  participationRate: '参评率',
  goodRate: '好评率',
  badRate: '差评率',
};

/** Rates where a rising figure is bad news, drawn in red. */
const LOWER_IS_BETTER: ReadonlySet<KpiKey> = new Set(['overdueRate', 'badRate']);

export interface KpiRow {
  key: KpiKey;
  name: string;
  /** '85.0%', or '—' when nothing was counted (never 0 % for "no data"). */
  value: string;
  percent: number | null;
  /** What was counted: '17 / 20'; for 提速率 (an average) the number of cases it averages. */
  counted: string;
  formula: string;
  lowerIsBetter: boolean;
}

export function kpiRows(report: StatsReport): KpiRow[] {
  return (Object.keys(KPI_NAMES) as KpiKey[]).map((key) => {
    const k = report.kpis[key];
    const percent = k.value === null ? null : Math.round(k.value * 1000) / 10;
    return {
      key,
      name: KPI_NAMES[key],
      value: percentText(k.value),
      percent,
      counted:
        k.denominator === 0
          ? '无数据'
          : key === 'speedUpRate'
            ? `${k.denominator} 件的平均`
            : `${k.numerator} / ${k.denominator}`,
      formula: k.formula,
      lowerIsBetter: LOWER_IS_BETTER.has(key),
    };
  });
}

/** The KPIs as horizontal bars (ECharts option); a KPI with nothing counted has no bar. */
export function kpiChartOption(rows: readonly KpiRow[]) {
  const shown = [...rows].reverse();
  return {
    animation: false,
    grid: { left: 110, right: 60, top: 10, bottom: 24 },
    xAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
    yAxis: { type: 'category', data: shown.map((r) => r.name) },
    series: [
      {
        type: 'bar',
        barWidth: 16,
        label: { show: true, position: 'right', formatter: '{c}%' },
        data: shown.map((r) => ({
          value: r.percent,
          itemStyle: { color: r.lowerIsBetter ? '#c0392b' : '#1f6fb2' },
        })),
      },
    ],
  };
}
