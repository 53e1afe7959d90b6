import { appError, type CalendarDay, type CalendarOverride } from '@onedoor/protocol';
import { hallCalendar } from '../../domain/calendar/chinese-days.js';
import { CaseClock } from '../../domain/calendar/case-clock.js';
import { isValidDate } from '../../domain/calendar/working-calendar.js';
import { type Result, failure } from '../../domain/result.js';
import { businessDayOf } from '../../domain/time/hall-time.js';
import type { CommandPipeline, DerivedMemory } from '../pipeline.js';
import type { Actor, CatalogStore, Clock } from '../ports.js';

export interface HallCalendarDeps {
  store: CatalogStore;
  pipeline: CommandPipeline;
  clock: Clock;
  timeZone: string;
  resetTime: string;
}

/** Days one calendar request may list. */
const MAX_DAYS = 400;

/**
 * The hall's working-day calendar: the national holidays and adjusted working days (chinese-days) with the hall's
 * local overrides on top, and the case clock built on it. The clock is cached; an override change (or a rollback of
 * one) drops the cache, so it is rebuilt from what the database holds.
 */
export class HallCalendar implements DerivedMemory {
  private cache: CaseClock | null = null;
  private changes = 0;

  constructor(private readonly deps: HallCalendarDeps) {
    deps.pipeline.track(this);
  }

  get version(): number {
    return this.changes;
  }

  reload(): void {
    this.changes++;
    this.cache = null;
  }

  clock(): CaseClock {
    this.cache ??= new CaseClock(hallCalendar(this.deps.store.calendarOverrides()), this.deps.timeZone);
    return this.cache;
  }

  overrides(): CalendarOverride[] {
    return this.deps.store.calendarOverrides();
  }

  /** `days` days from `from` (default: the hall's business day today — not the UTC date, which is wrong 00:00–08:00 in China). */
  days(from: string | undefined, days: number): CalendarDay[] {
    const { clock, timeZone, resetTime } = this.deps;
    const cal = this.clock().calendar;
    const out: CalendarDay[] = [];
    let d = from ?? businessDayOf(clock.now(), timeZone, resetTime);
    for (let i = 0; i < Math.min(days, MAX_DAYS); i++) {
      out.push({ ...cal.day(d), uncovered: cal.uncoveredYear(d) !== null });
      const [y, m, dd] = d.split('-').map(Number) as [number, number, number];
      d = new Date(Date.UTC(y, m - 1, dd + 1)).toISOString().slice(0, 10);
    }
    return out;
  }

  saveOverride(o: CalendarOverride, actor: Actor): Promise<Result<CalendarOverride>> {
    if (!isValidDate(o.date))
      return Promise.resolve(failure(appError('BAD_REQUEST', `日期 ${o.date} 无效`, `invalid date ${o.date}`)));
    return this.deps.pipeline.record<CalendarOverride>(actor, () => {
      this.deps.store.saveCalendarOverride(
        o,
        actor.kind === 'staff' ? actor.staffId : null,
        new Date(this.deps.clock.now()).toISOString(),
      );
      this.reload();
      return { value: o, eventType: 'calendar.override-saved', payload: o };
    });
  }

  deleteOverride(date: string, actor: Actor): Promise<Result<{ date: string }>> {
    return this.deps.pipeline.record<{ date: string }>(actor, () => {
      if (!this.deps.store.deleteCalendarOverride(date))
        return { error: appError('NOT_FOUND', `${date} 没有本地调整`, `no local override on ${date}`) };
      this.reload();
      return { value: { date }, eventType: 'calendar.override-deleted', payload: { date } };
    });
  }
}
