import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  businessDayOf,
  describeOpeningHours,
  describeOpeningHoursEn,
  formatLocal,
  isWithinOpeningHours,
  localInstant,
  localParts,
  nextResetAt,
} from './hall-time.js';

const SH = 'Asia/Shanghai';
const BERLIN = 'Europe/Berlin';
const at = (iso: string): number => Date.parse(iso);

describe('localParts / formatLocal', () => {
  it('reads the wall clock of the hall, not of UTC', () => {
    // 2026-11-27 23:30 UTC is already Saturday morning in Shanghai.
    expect(localParts(at('2026-11-27T23:30:00Z'), SH)).toEqual({ date: '2026-11-28', time: '07:30', isoWeekday: 6 });
    expect(localParts(at('2026-11-27T23:30:00Z'), 'UTC')).toEqual({ date: '2026-11-27', time: '23:30', isoWeekday: 5 });
  });

  it('numbers Sunday 7 and Monday 1', () => {
    expect(localParts(at('2026-11-29T04:00:00Z'), SH).isoWeekday).toBe(7);
    expect(localParts(at('2026-11-30T04:00:00Z'), SH).isoWeekday).toBe(1);
  });

  it('shows midnight as 00:00', () => {
    expect(localParts(at('2026-11-27T16:00:00Z'), SH).time).toBe('00:00');
  });

  it('formats YYYY-MM-DD HH:MM for printed tickets', () => {
    expect(formatLocal(at('2026-11-27T01:15:42Z'), SH)).toBe('2026-11-27 09:15');
    expect(formatLocal(at('2026-07-01T01:15:00Z'), BERLIN)).toBe('2026-07-01 03:15');
  });
});

describe('addDays', () => {
  it('crosses month, year and leap day', () => {
    expect(addDays('2026-11-30', 1)).toBe('2026-12-01');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2028-03-01', -1)).toBe('2028-02-29');
  });
});

describe('businessDayOf', () => {
  it('keeps the night before the reset time in the previous day (reset 03:00, Shanghai)', () => {
    // 2026-11-28 02:59 local = 2026-11-27 18:59 UTC
    expect(businessDayOf(at('2026-11-27T18:59:00Z'), SH, '03:00')).toBe('2026-11-27');
    expect(businessDayOf(at('2026-11-27T18:59:59.999Z'), SH, '03:00')).toBe('2026-11-27');
    expect(businessDayOf(at('2026-11-27T19:00:00Z'), SH, '03:00')).toBe('2026-11-28');
  });

  it('is the local calendar date with a midnight reset, even when the UTC date differs', () => {
    // 07:30 local on the 28th is 23:30 UTC on the 27th: the bug behind "corrupted tickets after 5pm".
    expect(businessDayOf(at('2026-11-27T23:30:00Z'), SH, '00:00')).toBe('2026-11-28');
    expect(businessDayOf(at('2026-11-27T15:59:59Z'), SH, '00:00')).toBe('2026-11-27');
    expect(businessDayOf(at('2026-11-27T16:00:00Z'), SH, '00:00')).toBe('2026-11-28');
  });

  it('does not flip back when DST repeats the reset time (Berlin, 25 Oct 2026, reset 02:30)', () => {
    // 02:30 happens at 00:30Z (CEST) and again at 01:30Z (CET); the day starts at the first one.
    expect(businessDayOf(at('2026-10-25T00:29:59Z'), BERLIN, '02:30')).toBe('2026-10-24');
    expect(businessDayOf(at('2026-10-25T00:30:00Z'), BERLIN, '02:30')).toBe('2026-10-25');
    // 01:15Z is 02:15 CET — "before 02:30" on the wall clock, yet the day has already started.
    expect(businessDayOf(at('2026-10-25T01:15:00Z'), BERLIN, '02:30')).toBe('2026-10-25');
  });

  it('starts the day at the end of a DST gap that swallows the reset time (Berlin, 29 Mar 2026, reset 02:30)', () => {
    expect(businessDayOf(at('2026-03-29T00:59:59Z'), BERLIN, '02:30')).toBe('2026-03-28');
    expect(businessDayOf(at('2026-03-29T01:00:00Z'), BERLIN, '02:30')).toBe('2026-03-29');
  });
});

describe('localInstant', () => {
  it('converts a wall-clock time to UTC in Shanghai and Berlin', () => {
    expect(localInstant('2026-11-28', '03:00', SH)).toBe(at('2026-11-27T19:00:00Z'));
    expect(localInstant('2026-01-15', '03:00', BERLIN)).toBe(at('2026-01-15T02:00:00Z'));
    expect(localInstant('2026-07-15', '03:00', BERLIN)).toBe(at('2026-07-15T01:00:00Z'));
  });
});

describe('nextResetAt', () => {
  it('is 24 h apart in Shanghai and strictly after the given instant', () => {
    const first = nextResetAt(at('2026-11-27T12:00:00Z'), SH, '03:00');
    expect(new Date(first).toISOString()).toBe('2026-11-27T19:00:00.000Z');
    expect(nextResetAt(first, SH, '03:00') - first).toBe(86_400_000);
    expect(nextResetAt(first - 1, SH, '03:00')).toBe(first);
  });

  it('follows Berlin across the spring DST change (a 23 h day)', () => {
    const before = nextResetAt(at('2026-03-27T12:00:00Z'), BERLIN, '03:00');
    expect(new Date(before).toISOString()).toBe('2026-03-28T02:00:00.000Z'); // 03:00 CET
    const onDstDay = nextResetAt(before, BERLIN, '03:00');
    expect(new Date(onDstDay).toISOString()).toBe('2026-03-29T01:00:00.000Z'); // 03:00 CEST
    expect(onDstDay - before).toBe(23 * 3_600_000);
  });

  it('follows Berlin across the autumn DST change (a 25 h day)', () => {
    const before = nextResetAt(at('2026-10-24T12:00:00Z'), BERLIN, '03:00');
    expect(new Date(before).toISOString()).toBe('2026-10-25T02:00:00.000Z'); // 03:00 CET, after the change
    expect(before - nextResetAt(at('2026-10-23T12:00:00Z'), BERLIN, '03:00')).toBe(25 * 3_600_000);
  });

  it('resets at the end of the gap when the reset time does not exist that day', () => {
    expect(new Date(nextResetAt(at('2026-03-28T12:00:00Z'), BERLIN, '02:30')).toISOString()).toBe(
      '2026-03-29T01:00:00.000Z',
    );
  });

  it('resets once, at the first occurrence, when the reset time happens twice', () => {
    const first = nextResetAt(at('2026-10-24T12:00:00Z'), BERLIN, '02:30');
    expect(new Date(first).toISOString()).toBe('2026-10-25T00:30:00.000Z');
    expect(new Date(nextResetAt(first, BERLIN, '02:30')).toISOString()).toBe('2026-10-26T01:30:00.000Z');
  });

  it('agrees with businessDayOf in any zone, reset time and instant (property)', () => {
    const zones = [SH, BERLIN, 'America/New_York', 'Australia/Lord_Howe', 'Asia/Kolkata', 'UTC', 'America/Santiago'];
    fc.assert(
      fc.property(
        fc.constantFrom(...zones),
        fc.integer({ min: 0, max: 23 }),
        fc.constantFrom(0, 15, 30, 45),
        fc.integer({ min: at('2024-01-01T00:00:00Z'), max: at('2030-12-31T00:00:00Z') }),
        (zone, hour, minute, instant) => {
          const reset = `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
          const day = businessDayOf(instant, zone, reset);
          const next = nextResetAt(instant, zone, reset);
          expect(next).toBeGreaterThan(instant);
          expect(next - instant).toBeLessThanOrEqual(26 * 3_600_000);
          expect(businessDayOf(next - 1, zone, reset)).toBe(day);
          expect(businessDayOf(next, zone, reset)).toBe(addDays(day, 1));
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('isWithinOpeningHours', () => {
  const weekdays = { days: [1, 2, 3, 4, 5], from: '09:00', to: '12:00' };
  const afternoon = { days: [1, 2, 3, 4, 5], from: '13:30', to: '17:00' };
  // Friday 2026-11-27 in Shanghai; local = UTC + 8.
  const fridayLocal = (hhmm: string): number => at(`2026-11-27T${hhmm}:00+08:00`);

  it('is always open without rules', () => {
    expect(isWithinOpeningHours([], at('2026-11-29T20:00:00Z'), SH)).toBe(true);
  });

  it('opens at `from` and closes at `to`, with a lunch break', () => {
    const hours = [weekdays, afternoon];
    expect(isWithinOpeningHours(hours, fridayLocal('08:59'), SH)).toBe(false);
    expect(isWithinOpeningHours(hours, fridayLocal('09:00'), SH)).toBe(true);
    expect(isWithinOpeningHours(hours, fridayLocal('11:59'), SH)).toBe(true);
    expect(isWithinOpeningHours(hours, fridayLocal('12:00'), SH)).toBe(false);
    expect(isWithinOpeningHours(hours, fridayLocal('13:30'), SH)).toBe(true);
    expect(isWithinOpeningHours(hours, fridayLocal('17:00'), SH)).toBe(false);
  });

  it('uses the hall time zone (10:00 Shanghai is 02:00 UTC)', () => {
    expect(isWithinOpeningHours([weekdays], at('2026-11-27T02:00:00Z'), SH)).toBe(true);
    expect(isWithinOpeningHours([weekdays], at('2026-11-27T02:00:00Z'), 'UTC')).toBe(false);
  });

  it('honours the weekday list', () => {
    const saturday = at('2026-11-28T10:00:00+08:00');
    expect(isWithinOpeningHours([weekdays], saturday, SH)).toBe(false);
    expect(isWithinOpeningHours([weekdays, { days: [6], from: '09:00', to: '12:00' }], saturday, SH)).toBe(true);
  });

  it('runs a span with to < from past midnight into the next day', () => {
    const night = [{ days: [5], from: '22:00', to: '02:00' }];
    expect(isWithinOpeningHours(night, fridayLocal('23:00'), SH)).toBe(true);
    expect(isWithinOpeningHours(night, at('2026-11-28T01:59:00+08:00'), SH)).toBe(true); // Saturday early
    expect(isWithinOpeningHours(night, at('2026-11-28T02:00:00+08:00'), SH)).toBe(false);
    expect(isWithinOpeningHours(night, at('2026-11-27T01:00:00+08:00'), SH)).toBe(false); // Friday early: Thursday not listed
  });

  it('treats from === to as the whole day', () => {
    expect(isWithinOpeningHours([{ days: [5], from: '00:00', to: '00:00' }], fridayLocal('23:59'), SH)).toBe(true);
  });
});

describe('describeOpeningHours', () => {
  it('words the hours for a visitor', () => {
    expect(
      describeOpeningHours([
        { days: [1, 2, 3, 4, 5], from: '09:00', to: '12:00' },
        { days: [6, 7], from: '09:00', to: '11:00' },
      ]),
    ).toBe('周一至周五 09:00-12:00；周六、周日 09:00-11:00');
    expect(describeOpeningHours([{ days: [1, 3, 4, 5], from: '09:00', to: '17:00' }])).toBe(
      '周一、周三至周五 09:00-17:00',
    );
  });
});

describe('an all-day rule (from = to)', () => {
  it('is written as the whole day, in both languages', () => {
    const allWeek = [{ days: [1, 2, 3, 4, 5, 6, 7], from: '00:00', to: '00:00' }];
    expect(describeOpeningHours(allWeek)).toBe('周一至周日 全天');
    expect(describeOpeningHoursEn(allWeek)).toBe('Mon–Sun all day');
  });
});

describe('describeOpeningHoursEn', () => {
  it('words the same hours in English', () => {
    expect(
      describeOpeningHoursEn([
        { days: [1, 2, 3, 4, 5], from: '09:00', to: '12:00' },
        { days: [6, 7], from: '09:00', to: '11:00' },
      ]),
    ).toBe('Mon–Fri 09:00-12:00; Sat, Sun 09:00-11:00');
    expect(describeOpeningHoursEn([{ days: [1, 3, 4, 5], from: '09:00', to: '17:00' }])).toBe(
      'Mon, Wed–Fri 09:00-17:00',
    );
  });
});
