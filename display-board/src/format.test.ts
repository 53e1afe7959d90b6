import { describe, expect, it } from 'vitest';
import { formatClock, formatClockLine } from './format';

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
