import { addDays } from '../time/hall-time.js';

/**
 * The hall's working-day calendar (DESIGN.md rule 7): the national holiday calendar (法定节假日 and 调休上班日,
 * from the `chinese-days` data) plus the hall's own overrides (a local closure, an extra opening day).
 *
 * Precedence: local override → adjusted working day (调休上班, e.g. the Saturday 2026-10-10) → holiday → weekend.
 */

export interface BaseDay {
  /** Whether the national calendar makes this a working day. */
  work: boolean;
  /** Holiday or make-up day name, e.g. '国庆节'; null for an ordinary weekday or weekend. */
  name: string | null;
}

/** The national calendar as a pure lookup (injected, so tests can use a fixed table). */
export type BaseCalendar = (date: string) => BaseDay;

export interface CalendarOverride {
  /** 'YYYY-MM-DD' in the hall's time zone */
  date: string;
  working: boolean;
  note: string;
}

export type DayReason = 'override' | 'adjusted-workday' | 'holiday' | 'weekend' | 'weekday';

export interface DayInfo {
  date: string;
  working: boolean;
  reason: DayReason;
  name: string | null;
}

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

export function isoWeekday(date: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const w = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  return w === 0 ? 7 : w;
}

export function isValidDate(date: string): boolean {
  if (!DATE_RE.test(date)) return false;
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const t = new Date(Date.UTC(y, m - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
}

export class WorkingCalendar {
  private readonly overrides: ReadonlyMap<string, CalendarOverride>;
  private readonly cache = new Map<string, DayInfo>();

  constructor(
    private readonly base: BaseCalendar,
    overrides: readonly CalendarOverride[] = [],
    /** Years the national data covers; days outside fall back to Mon–Fri and are reported by `uncoveredYear`. */
    readonly coveredYears: { from: number; to: number } | null = null,
  ) {
    this.overrides = new Map(overrides.map((o) => [o.date, o]));
  }

  /** A copy with other local overrides (the national data is shared). */
  withOverrides(overrides: readonly CalendarOverride[]): WorkingCalendar {
    return new WorkingCalendar(this.base, overrides, this.coveredYears);
  }

  day(date: string): DayInfo {
    let info = this.cache.get(date);
    if (info) return info;
    const override = this.overrides.get(date);
    if (override) {
      info = { date, working: override.working, reason: 'override', name: override.note || null };
    } else {
      const base = this.base(date);
      const weekend = isoWeekday(date) >= 6;
      if (base.work && weekend) info = { date, working: true, reason: 'adjusted-workday', name: base.name };
      else if (!base.work && !weekend) info = { date, working: false, reason: 'holiday', name: base.name };
      else if (!base.work && base.name) info = { date, working: false, reason: 'holiday', name: base.name };
      else info = { date, working: base.work, reason: weekend ? 'weekend' : 'weekday', name: null };
    }
    this.cache.set(date, info);
    return info;
  }

  isWorkingDay(date: string): boolean {
    return this.day(date).working;
  }

  /** The n-th working day after `date` (n ≥ 1), not counting `date` itself. */
  addWorkingDays(date: string, n: number): string {
    let d = date;
    let left = n;
    let guard = 0;
    while (left > 0) {
      d = addDays(d, 1);
      if (this.isWorkingDay(d)) left--;
      if (++guard > 3660) throw new RangeError('addWorkingDays: more than ten years');
    }
    return d;
  }

  /** Working days in (from, to], i.e. not counting `from`. */
  workingDaysBetween(from: string, to: string): number {
    let n = 0;
    for (let d = addDays(from, 1); d <= to; d = addDays(d, 1)) if (this.isWorkingDay(d)) n++;
    return n;
  }

  /** A year the national data does not cover (so only weekends are known), or null. */
  uncoveredYear(date: string): number | null {
    if (!this.coveredYears) return null;
    const y = Number(date.slice(0, 4));
    return y < this.coveredYears.from || y > this.coveredYears.to ? y : null;
  }
}

/** A weekend-only calendar (tests and the fallback when no national data is given). */
export const weekendsOnly: BaseCalendar = (date) => ({ work: isoWeekday(date) < 6, name: null });
