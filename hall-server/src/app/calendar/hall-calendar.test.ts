import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { hallConfigSchema } from '../../config/config.schema.js';
import { openSqliteHall, type SqliteHall } from '../../../../test/helpers/sqlite-hall.js';

describe("the hall's own day and time zone", () => {
  const open: { dir: string; hall: SqliteHall }[] = [];
  afterEach(() => {
    for (const { dir, hall } of open.splice(0)) {
      hall.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
  const start = (now: number, timeZone?: string) => {
    const dir = mkdtempSync(join(tmpdir(), 'onedoor-cal-'));
    const config = hallConfigSchema.parse({
      dataDir: dir,
      hall: timeZone ? { timeZone } : {},
      log: { level: 'silent' },
    });
    const hall = openSqliteHall({ file: join(dir, 'hall.sqlite'), config, clock: { now: () => now } });
    open.push({ dir, hall });
    return hall.app;
  };

  it('lists the calendar from the business day in the hall, not from the UTC date', () => {
    // 07:30 on Monday 23 November in Shanghai is still Sunday the 22nd in UTC.
    const app = start(Date.parse('2026-11-22T23:30:00Z'));
    expect(app.calendar.days(undefined, 2).map((d) => [d.date, d.working])).toEqual([
      ['2026-11-23', true],
      ['2026-11-24', true],
    ]);
    expect(app.calendar.days('2026-11-22', 1)[0]).toMatchObject({
      date: '2026-11-22',
      working: false,
      reason: 'weekend',
    });
  });

  it('tells every client its time zone in the snapshot', () => {
    expect(start(Date.parse('2026-11-22T23:30:00Z')).hall.snapshot()).toMatchObject({
      timeZone: 'Asia/Shanghai',
      businessDay: '2026-11-23',
    });
    expect(start(Date.parse('2026-11-22T23:30:00Z'), 'Asia/Urumqi').hall.snapshot()).toMatchObject({
      timeZone: 'Asia/Urumqi',
      businessDay: '2026-11-23',
    });
  });
});
