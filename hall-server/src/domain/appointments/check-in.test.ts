import { describe, expect, it } from 'vitest';
import { decideCheckIn, type CheckInRules } from './check-in.js';

const rules: CheckInRules = { earlyMinutes: 30, lateMinutes: 15, whenLate: 'walk-in' };
const start = Date.parse('2026-11-27T02:00:00Z'); // 10:00 in Shanghai
const slot = { status: 'booked' as const, slotStart: start, slotEnd: start + 3_600_000 };
const min = 60_000;

describe('appointment check-in', () => {
  it('is on time from 30 minutes before the slot to 15 minutes after it', () => {
    expect(decideCheckIn(slot, start - 30 * min, rules, true)).toEqual({ kind: 'on-time' });
    expect(decideCheckIn(slot, start + 75 * min, rules, true)).toEqual({ kind: 'on-time' });
  });

  it('tells an early visitor when to come back', () => {
    expect(decideCheckIn(slot, start - 31 * min, rules, true)).toEqual({
      kind: 'too-early',
      opensAt: start - 30 * min,
    });
  });

  it('turns a late visitor into a walk-in, or refuses, per the hall rules', () => {
    expect(decideCheckIn(slot, start + 76 * min, rules, true)).toEqual({ kind: 'late-walk-in' });
    expect(decideCheckIn(slot, start + 76 * min, { ...rules, whenLate: 'refuse' }, true)).toEqual({ kind: 'too-late' });
    expect(decideCheckIn(slot, start + 24 * 60 * min, rules, false)).toEqual({ kind: 'too-late' });
  });

  it('refuses a used or cancelled booking', () => {
    expect(decideCheckIn({ ...slot, status: 'checked-in' }, start, rules, true)).toEqual({ kind: 'used' });
    expect(decideCheckIn({ ...slot, status: 'cancelled' }, start, rules, true)).toEqual({ kind: 'cancelled' });
  });
});
