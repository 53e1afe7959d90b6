import { LIMIT_DAYS_RE } from '@onedoor/protocol';
import { addDays, localInstant, localParts } from '../time/hall-time.js';
import type { WorkingCalendar } from './working-calendar.js';

/**
 * The case clock (办件计时) on the working-day calendar, counted in HALF working days so 0.5-day limits are exact.
 *
 * Decided rules (the sources give no normative text; see ../cases/README.md):
 * - A working day is two half-days: morning [00:00, 12:00) and afternoon [12:00, 24:00) hall-local time. A
 *   non-working day (weekend, holiday, local closure) has no countable half-days; an adjusted working day (调休上班)
 *   has two.
 * - The clock starts at the end of the half-day in which the case was accepted: the half-day of acceptance is not
 *   counted (the half-day analogue of 「期间开始之日不计算在内」). A 1-day limit accepted Monday 10:00 is due
 *   Tuesday 12:00; accepted Monday 15:00 it is due Tuesday 24:00.
 * - 补齐补正 and 挂起 stop the clock: a half-day that overlaps a pause in any part is not counted at all, so a paused
 *   day is never counted.
 * - Elapsed time counts completed half-days; the due moment is the end of the (2 × limit)-th countable half-day.
 */

export interface Pause {
  /** epoch ms */
  from: number;
  /** epoch ms; null while the case is still paused */
  to: number | null;
}

export interface ClockInput {
  /** When the clock started (受理 time), epoch ms. */
  startedAt: number;
  pauses: readonly Pause[];
  /** When the clock stopped for good (办结), epoch ms, or null while running. */
  stoppedAt: number | null;
}

export interface HalfDay {
  date: string;
  /** 0 = morning, 1 = afternoon */
  half: 0 | 1;
  start: number;
  end: number;
}

export type WarningLevel = 'normal' | 'yellow' | 'red' | 'paused';

export interface ClockStatus {
  /** Working days counted so far (0.5 steps). */
  elapsedDays: number;
  /** Limit minus elapsed (may be negative when overdue). */
  remainingDays: number;
  /** The due moment as an ISO string; null while paused (the clock is stopped, the due date moves). */
  dueAt: string | null;
  /** Over the limit: past the due moment (or concluded after it). */
  overdue: boolean;
  level: WarningLevel;
  paused: boolean;
  /** Working half-days that 补齐补正/挂起 kept off the clock. */
  pausedHalfDays: number;
}

export interface WarningPolicy {
  /** Yellow when remaining ≤ max(minDays, ceil(share × limit)) working days. */
  yellowShare: number;
  yellowMinDays: number;
}

export const DEFAULT_WARNING_POLICY: WarningPolicy = { yellowShare: 0.2, yellowMinDays: 1 };

/** Safety stop for walks over the calendar: 20 years of half-days. */
const MAX_HALF_DAYS = 20 * 366 * 2;

export class CaseClock {
  private readonly instants = new Map<string, number>();

  constructor(
    readonly calendar: WorkingCalendar,
    readonly timeZone: string,
  ) {}

  private at(date: string, time: string): number {
    const key = `${date} ${time}`;
    let t = this.instants.get(key);
    if (t === undefined) {
      t = localInstant(date, time, this.timeZone);
      this.instants.set(key, t);
    }
    return t;
  }

  halfDay(date: string, half: 0 | 1): HalfDay {
    const start = this.at(date, half === 0 ? '00:00' : '12:00');
    const end = half === 0 ? this.at(date, '12:00') : this.at(addDays(date, 1), '00:00');
    return { date, half, start, end };
  }

  /** The half-day containing an instant. */
  halfDayOf(epochMs: number): HalfDay {
    const p = localParts(epochMs, this.timeZone);
    return this.halfDay(p.date, p.time < '12:00' ? 0 : 1);
  }

  next(h: HalfDay): HalfDay {
    return h.half === 0 ? this.halfDay(h.date, 1) : this.halfDay(addDays(h.date, 1), 0);
  }

  /** Whether a half-day is countable: on a working day and touching no pause. */
  countable(h: HalfDay, pauses: readonly Pause[]): boolean {
    if (!this.calendar.isWorkingDay(h.date)) return false;
    for (const p of pauses) {
      const to = p.to ?? Number.POSITIVE_INFINITY;
      // Overlap of [h.start, h.end) with [p.from, to]; a zero-length pause still stops its half-day.
      if (p.from < h.end && to >= h.start) return false;
    }
    return true;
  }

  /** The half-days counted between the start of the clock and `until` (completed ones only). */
  countedHalfDays(input: ClockInput, until: number): HalfDay[] {
    const end = Math.min(until, input.stoppedAt ?? Number.POSITIVE_INFINITY);
    const out: HalfDay[] = [];
    let h = this.next(this.halfDayOf(input.startedAt));
    for (let i = 0; i < MAX_HALF_DAYS && h.end <= end; i++, h = this.next(h)) {
      if (this.countable(h, input.pauses)) out.push(h);
    }
    return out;
  }

  /** Elapsed working time in days (0.5 steps). */
  elapsedDays(input: ClockInput, until: number): number {
    return this.countedHalfDays(input, until).length / 2;
  }

  /**
   * The due moment for a limit in working days (0.5 steps), given the pauses so far. Null while a pause is open
   * (the clock is stopped and the due date is not known yet).
   */
  dueAt(input: Pick<ClockInput, 'startedAt' | 'pauses'>, limitDays: number): number | null {
    if (input.pauses.some((p) => p.to === null)) return null;
    const first = this.next(this.halfDayOf(input.startedAt));
    const needed = Math.round(limitDays * 2);
    if (needed <= 0) return first.start;
    let h = first;
    let counted = 0;
    for (let i = 0; i < MAX_HALF_DAYS; i++, h = this.next(h)) {
      if (this.countable(h, input.pauses) && ++counted === needed) return h.end;
    }
    throw new RangeError('dueAt: limit beyond twenty years');
  }

  /** Deadline, elapsed and remaining time, and the yellow/red warning of a case. */
  status(
    input: ClockInput,
    limitDays: number,
    now: number,
    policy: WarningPolicy = DEFAULT_WARNING_POLICY,
  ): ClockStatus {
    const until = input.stoppedAt ?? now;
    const elapsedDays = this.elapsedDays(input, until);
    const remainingDays = limitDays - elapsedDays;
    const paused = input.stoppedAt === null && input.pauses.some((p) => p.to === null);
    const due = this.dueAt(input, limitDays);
    // While paused, the due date is unknown, but a case that ran out before the pause stays overdue.
    const overdue = due !== null ? until > due : remainingDays < 0;
    const threshold = Math.max(policy.yellowMinDays, Math.ceil(policy.yellowShare * limitDays - 1e-9));
    let level: WarningLevel = 'normal';
    if (overdue) level = 'red';
    else if (paused) level = 'paused';
    else if (input.stoppedAt === null && remainingDays <= threshold) level = 'yellow';
    const pausedHalfDays = this.pausedHalfDays(input, until);
    return {
      elapsedDays,
      remainingDays,
      dueAt: due === null ? null : new Date(due).toISOString(),
      overdue,
      level,
      paused,
      pausedHalfDays,
    };
  }

  /** Working half-days that a pause kept off the clock. */
  pausedHalfDays(input: ClockInput, until: number): number {
    if (input.pauses.length === 0) return 0;
    const all = this.countedHalfDays({ ...input, pauses: [] }, until).length;
    return all - this.countedHalfDays(input, until).length;
  }
}

/**
 * 提速: working days saved against the legal limit, and the rate `1 − actual / legal` (domain.md §8.4; the official
 * formula was not found). Null when there is no legal limit to compare with.
 */
export function speedUp(actualDays: number, legalLimitDays: number): { savedDays: number; rate: number } | null {
  if (legalLimitDays <= 0) return null;
  return { savedDays: legalLimitDays - actualDays, rate: Math.round((1 - actualDays / legalLimitDays) * 1000) / 1000 };
}

export { LIMIT_DAYS_RE };

export function isValidLimitDays(value: number | string): boolean {
  return LIMIT_DAYS_RE.test(String(value));
}
