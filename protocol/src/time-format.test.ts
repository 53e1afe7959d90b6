import { describe, expect, it } from 'vitest';
import {
  FALLBACK_TIME_ZONE,
  formatClock,
  formatClockLine,
  formatDayLabel,
  formatHallDate,
  formatHallDateTime,
  formatHallTime,
  hallClockParts,
  hallTimeZone,
} from './time-format.js';

describe('formatClock', () => {
  it('writes the date the Chinese way in the hall time zone', () => {
    // 01:15:30 UTC = 09:15:30 in Shanghai, a Friday.
    expect(formatClockLine(Date.parse('2026-11-27T01:15:30Z'))).toBe('2026年11月27日 星期五 09:15:30');
    expect(formatClock(Date.parse('2026-11-27T16:00:05Z'))).toEqual({
      date: '2026年11月28日',
      weekday: '星期六',
      time: '00:00:05',
    });
    expect(formatClockLine(Date.parse('2026-01-04T23:59:59Z'), 'UTC')).toBe('2026年1月4日 星期日 23:59:59');
  });
});

describe('hall-local time', () => {
  // 16:30 UTC on Friday 27 November: already Saturday in Shanghai (UTC+8), still Friday morning in New York (UTC-5).
  const lateFriday = '2026-11-27T16:30:15.000Z';

  it('shows one UTC instant as the hall sees it, across midnight, in Shanghai and in another zone', () => {
    expect(formatHallDateTime(lateFriday, 'Asia/Shanghai', { seconds: true })).toBe('2026-11-28 00:30:15');
    expect(formatHallDateTime(lateFriday, 'America/New_York', { seconds: true })).toBe('2026-11-27 11:30:15');
    expect(formatHallDate(lateFriday, 'Asia/Shanghai')).toBe('2026-11-28');
    expect(formatHallDate(Date.parse(lateFriday), 'America/New_York')).toBe('2026-11-27');
    expect(formatHallTime(lateFriday, 'Asia/Shanghai')).toBe('00:30');
    expect(formatHallTime(lateFriday, 'Asia/Urumqi', { seconds: true })).toBe('22:30:15');
    expect(formatClockLine(lateFriday, 'Asia/Shanghai')).toBe('2026年11月28日 星期六 00:30:15');
    expect(formatClockLine(lateFriday, 'America/New_York')).toBe('2026年11月27日 星期五 11:30:15');
  });

  it('midnight is 00, never 24, and the hour before it is still the old day', () => {
    expect(hallClockParts('2026-11-27T16:00:00Z', 'Asia/Shanghai')).toEqual({
      year: 2026,
      month: 11,
      day: 28,
      hour: 0,
      minute: 0,
      second: 0,
      weekday: 6,
    });
    expect(formatHallDateTime('2026-11-27T15:59:59Z', 'Asia/Shanghai', { seconds: true })).toBe('2026-11-27 23:59:59');
  });

  it('follows daylight saving where the hall has it', () => {
    expect(formatHallTime('2026-07-01T12:00:00Z', 'Europe/Berlin')).toBe('14:00');
    expect(formatHallTime('2026-12-01T12:00:00Z', 'Europe/Berlin')).toBe('13:00');
  });

  it("labels a kiosk's day as the browser would, but in the hall's zone", () => {
    for (const at of ['2026-11-27T01:15:30Z', '2026-11-27T16:30:00Z', '2027-02-28T23:00:00Z']) {
      const d = new Date(at);
      const options = { month: 'long', day: 'numeric', weekday: 'short', timeZone: 'Asia/Shanghai' } as const;
      expect(formatDayLabel(at, 'Asia/Shanghai', 'zh')).toBe(d.toLocaleDateString('zh-CN', options));
      expect(formatDayLabel(at, 'Asia/Shanghai', 'en')).toBe(d.toLocaleDateString('en-GB', options));
    }
    expect(formatDayLabel('2026-11-27T16:30:00Z', 'Asia/Shanghai', 'zh')).toBe('11月28日周六');
  });

  it('takes the zone from the snapshot, and Asia/Shanghai only until the first one', () => {
    expect(hallTimeZone(null)).toBe(FALLBACK_TIME_ZONE);
    expect(FALLBACK_TIME_ZONE).toBe('Asia/Shanghai');
    expect(hallTimeZone({ timeZone: 'Asia/Urumqi' })).toBe('Asia/Urumqi');
  });

  it('an unknown zone is an error, not a silent wrong time', () => {
    expect(() => formatHallTime(0, 'Mars/Base')).toThrow(RangeError);
  });
});

describe('the last-reading memo of hallClockParts', () => {
  it('answers each zone and each second for itself, and a caller changing its answer changes nothing', () => {
    const at = Date.parse('2026-11-27T16:59:59.200Z');
    expect(hallClockParts(at, 'Asia/Shanghai')).toMatchObject({ day: 28, hour: 0, minute: 59, second: 59 });
    // Same second, another zone: not the Shanghai reading.
    expect(hallClockParts(at + 300, 'America/New_York')).toMatchObject({ day: 27, hour: 11, second: 59 });
    const read = hallClockParts(at + 500, 'Asia/Shanghai');
    read.hour = 23;
    expect(hallClockParts(at + 700, 'Asia/Shanghai').hour).toBe(0);
    // The next second, across the hour.
    expect(hallClockParts(at + 800, 'Asia/Shanghai')).toMatchObject({ hour: 1, minute: 0, second: 0 });
  });
});
