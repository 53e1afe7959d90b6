import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { hallCalendar } from './chinese-days.js';
import { CaseClock, isValidLimitDays, speedUp, type Pause } from './case-clock.js';
import { WorkingCalendar, weekendsOnly } from './working-calendar.js';

const TZ = 'Asia/Shanghai';
/** Hall-local wall time → epoch ms (Asia/Shanghai is UTC+8 all year). */
const local = (s: string): number => Date.parse(`${s.replace(' ', 'T')}:00+08:00`);
const iso = (s: string): string => new Date(local(s)).toISOString();

describe('working-day calendar (chinese-days + local overrides)', () => {
  const cal = hallCalendar();

  it('knows the 2026 National Day holiday and its make-up working days', () => {
    for (const d of ['2026-10-01', '2026-10-02', '2026-10-05', '2026-10-07'])
      expect(cal.day(d)).toMatchObject({ working: false, reason: 'holiday', name: '国庆节' });
    // Sunday 20 September and Saturday 10 October are 调休上班日.
    expect(cal.day('2026-09-20')).toMatchObject({ working: true, reason: 'adjusted-workday', name: '国庆节' });
    expect(cal.day('2026-10-10')).toMatchObject({ working: true, reason: 'adjusted-workday' });
    expect(cal.day('2026-10-11')).toMatchObject({ working: false, reason: 'weekend' });
    expect(cal.day('2026-10-08')).toMatchObject({ working: true, reason: 'weekday' });
  });

  it('knows the 2026 Spring Festival and its make-up Saturdays', () => {
    expect(cal.day('2026-02-14')).toMatchObject({ working: true, reason: 'adjusted-workday', name: '春节' });
    expect(cal.day('2026-02-28')).toMatchObject({ working: true, reason: 'adjusted-workday' });
    for (const d of ['2026-02-16', '2026-02-20', '2026-02-23']) expect(cal.isWorkingDay(d)).toBe(false);
    expect(cal.isWorkingDay('2026-02-24')).toBe(true);
  });

  it('counts working days across holidays', () => {
    // 30 Sep (Wed) + 5 working days → 8, 9, 10 (Sat, make-up), 12, 13 October.
    expect(cal.addWorkingDays('2026-09-30', 5)).toBe('2026-10-13');
    expect(cal.workingDaysBetween('2026-09-30', '2026-10-13')).toBe(5);
  });

  it('lets the hall override a day either way, overriding the national data', () => {
    const local2 = cal.withOverrides([
      { date: '2026-11-25', working: false, note: '大厅线路改造停办' },
      { date: '2026-10-03', working: true, note: '国庆值班受理' },
    ]);
    expect(local2.day('2026-11-25')).toMatchObject({ working: false, reason: 'override', name: '大厅线路改造停办' });
    expect(local2.day('2026-10-03')).toMatchObject({ working: true, reason: 'override' });
    expect(cal.isWorkingDay('2026-11-25')).toBe(true);
  });

  it('reports years the national data does not cover yet', () => {
    expect(cal.uncoveredYear('2026-12-31')).toBeNull();
    expect(cal.uncoveredYear('2099-01-04')).toBe(2099);
  });
});

describe('case clock (half working days, pauses)', () => {
  const clock = new CaseClock(hallCalendar(), TZ);
  const run = (startedAt: string, pauses: Pause[] = []) => ({ startedAt: local(startedAt), pauses, stoppedAt: null });

  it('does not count the half-day of acceptance', () => {
    expect(new Date(clock.dueAt(run('2026-11-23 10:00'), 1)!).toISOString()).toBe(iso('2026-11-24 12:00'));
    expect(new Date(clock.dueAt(run('2026-11-23 15:00'), 1)!).toISOString()).toBe(iso('2026-11-25 00:00'));
  });

  it('handles 0.5-day limits: morning → same evening, afternoon → next working morning', () => {
    expect(clock.dueAt(run('2026-11-23 09:00'), 0.5)).toBe(local('2026-11-24 00:00'));
    expect(clock.dueAt(run('2026-11-23 14:00'), 0.5)).toBe(local('2026-11-24 12:00'));
    // Friday afternoon → Monday morning.
    expect(clock.dueAt(run('2026-11-27 14:00'), 0.5)).toBe(local('2026-11-30 12:00'));
    // 2.5 days from Monday afternoon: Tue, Wed, Thu morning.
    expect(clock.dueAt(run('2026-11-23 14:00'), 2.5)).toBe(local('2026-11-26 12:00'));
  });

  it('skips the National Day holiday and counts the make-up Saturday', () => {
    expect(clock.dueAt(run('2026-09-30 10:00'), 1)).toBe(local('2026-10-08 12:00'));
    // From 30 Sep: 30 Sep, 8 Oct, 9 Oct, 10 Oct (Sat, make-up), 12 Oct.
    expect(clock.dueAt(run('2026-09-29 15:00'), 5)).toBe(local('2026-10-13 00:00'));
  });

  it('skips the Spring Festival and counts the make-up Saturday before it', () => {
    expect(clock.dueAt(run('2026-02-13 16:00'), 2)).toBe(local('2026-02-25 00:00'));
  });

  it('stops the clock during 补齐补正 and 挂起: a touched half-day is not counted', () => {
    const pauses = [{ from: local('2026-11-24 10:00'), to: local('2026-11-25 09:00') }];
    expect(clock.dueAt(run('2026-11-23 09:00'), 3)).toBe(local('2026-11-26 12:00'));
    expect(clock.dueAt(run('2026-11-23 09:00', pauses), 3)).toBe(local('2026-11-28 00:00'));
    const s = clock.status(run('2026-11-23 09:00', pauses), 3, local('2026-11-26 13:00'));
    // Counted: 23 pm, 25 pm, 26 am → 1.5 days.
    expect(s).toMatchObject({ elapsedDays: 1.5, remainingDays: 1.5, overdue: false, pausedHalfDays: 3 });
  });

  it('has no due date while paused, and resumes from where it stopped', () => {
    const open = clock.status(
      run('2026-11-23 09:00', [{ from: local('2026-11-24 10:00'), to: null }]),
      3,
      local('2026-12-10 10:00'),
    );
    expect(open).toMatchObject({ dueAt: null, paused: true, level: 'paused', elapsedDays: 0.5, overdue: false });
  });

  it('warns yellow at max(1, ceil(20% × limit)) remaining days and red when overdue', () => {
    // 10-day limit from Mon 2 Nov 2026 09:00 → due Mon 16 Nov 12:00; yellow from 2 days left.
    const c = run('2026-11-02 09:00');
    expect(clock.status(c, 10, local('2026-11-10 18:00')).level).toBe('normal'); // 6.5 elapsed → 3.5 left
    expect(clock.status(c, 10, local('2026-11-12 13:00')).level).toBe('yellow'); // 8 elapsed → 2 left
    expect(clock.status(c, 10, local('2026-11-16 11:00')).level).toBe('yellow');
    const late = clock.status(c, 10, local('2026-11-16 12:30'));
    expect(late).toMatchObject({ level: 'red', overdue: true });
    // A 1-day limit is yellow at once (max(1, ceil(0.2)) = 1).
    expect(clock.status(run('2026-11-23 09:00'), 1, local('2026-11-23 10:00')).level).toBe('yellow');
    // A weekend after the deadline keeps it red.
    expect(clock.status(run('2026-11-26 09:00'), 1, local('2026-11-28 10:00')).level).toBe('red');
  });

  it('freezes at conclusion and computes 提速 against the legal limit', () => {
    const done = { startedAt: local('2026-11-02 09:00'), pauses: [], stoppedAt: local('2026-11-05 10:00') };
    const s = clock.status(done, 5, local('2026-12-31 10:00'));
    expect(s).toMatchObject({ elapsedDays: 2.5, overdue: false, level: 'normal' });
    expect(speedUp(s.elapsedDays, 20)).toEqual({ savedDays: 17.5, rate: 0.875 });
    expect(speedUp(1, 0)).toBeNull();
  });

  it('validates limits in 0.5 steps like the platform', () => {
    for (const ok of [0, 0.5, 1, 1.5, 20, 999.5]) expect(isValidLimitDays(ok)).toBe(true);
    for (const bad of [0.25, 1.2, 1000, -1, '01', '0.50']) expect(isValidLimitDays(bad)).toBe(false);
  });
});

describe('property: a paused day is never counted', () => {
  const base = Date.parse('2026-01-05T00:00:00+08:00');
  const DAY = 86_400_000;
  const cal = hallCalendar();
  const clock = new CaseClock(cal, TZ);
  const moment = fc.integer({ min: 0, max: 120 * DAY }).map((ms) => base + ms);
  const pausesArb = fc.array(
    fc.tuple(fc.integer({ min: 0, max: 120 * DAY }), fc.integer({ min: 0, max: 15 * DAY }), fc.boolean()),
    { maxLength: 4 },
  );

  it('counted half-days are working, after the start, before `until`, and touch no pause', () => {
    fc.assert(
      fc.property(moment, pausesArb, moment, (startedAt, rawPauses, until) => {
        const pauses: Pause[] = rawPauses.map(([from, len, open], i) => ({
          from: base + from,
          to: open && i === rawPauses.length - 1 ? null : base + from + len,
        }));
        const counted = clock.countedHalfDays({ startedAt, pauses, stoppedAt: null }, until);
        const pausedDays = new Set<string>();
        for (const p of pauses) {
          for (let t = p.from; t <= Math.min(p.to ?? until, until + DAY); t += 3_600_000)
            pausedDays.add(clock.halfDayOf(t).date + clock.halfDayOf(t).half);
        }
        for (const h of counted) {
          if (!cal.isWorkingDay(h.date)) return false;
          if (h.start < startedAt || h.end > until) return false;
          if (pausedDays.has(h.date + h.half)) return false;
          for (const p of pauses) if (p.from < h.end && (p.to ?? Infinity) >= h.start) return false;
        }
        // Pausing never makes more time count, and elapsed time never runs backwards.
        const unpaused = clock.countedHalfDays({ startedAt, pauses: [], stoppedAt: null }, until).length;
        const later = clock.countedHalfDays({ startedAt, pauses, stoppedAt: null }, until + DAY).length;
        return counted.length <= unpaused && later >= counted.length;
      }),
      { numRuns: 300 },
    );
  });

  it('elapsed time stands still while a pause is open', () => {
    fc.assert(
      fc.property(
        moment,
        fc.integer({ min: 0, max: 30 * DAY }),
        fc.integer({ min: 0, max: 30 * DAY }),
        (startedAt, pauseAfter, wait) => {
          const from = startedAt + pauseAfter;
          const input = { startedAt, pauses: [{ from, to: null }], stoppedAt: null };
          return clock.elapsedDays(input, from + wait) === clock.elapsedDays(input, from);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('the due date moves out by at least the paused working half-days', () => {
    fc.assert(
      fc.property(
        moment,
        fc.integer({ min: 0, max: 10 * DAY }),
        fc.integer({ min: 1, max: 10 * DAY }),
        fc.integer({ min: 1, max: 40 }),
        (startedAt, after, len, halfDays) => {
          const limit = halfDays / 2;
          const pause = { from: startedAt + after, to: startedAt + after + len };
          const plain = clock.dueAt({ startedAt, pauses: [] }, limit)!;
          const paused = clock.dueAt({ startedAt, pauses: [pause] }, limit)!;
          if (paused < plain) return false;
          // Between the start and the paused due date exactly `halfDays` countable half-days ran.
          return clock.countedHalfDays({ startedAt, pauses: [pause], stoppedAt: null }, paused).length === halfDays;
        },
      ),
      { numRuns: 200 },
    );
  });

  it('the weekend-only calendar never counts Saturday or Sunday', () => {
    const c = new CaseClock(new WorkingCalendar(weekendsOnly), TZ);
    fc.assert(
      fc.property(moment, moment, (a, b) =>
        c
          .countedHalfDays({ startedAt: Math.min(a, b), pauses: [], stoppedAt: null }, Math.max(a, b))
          .every((h) => ![0, 6].includes(new Date(`${h.date}T00:00:00Z`).getUTCDay())),
      ),
      { numRuns: 100 },
    );
  });
});
