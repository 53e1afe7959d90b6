import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { hallConfigSchema } from '../../config/config.schema.js';
import { openSqliteHall, type SqliteHall } from '../../../../test/helpers/sqlite-hall.js';
import { demoAppointmentStates, seedDemoAppointments } from './demo-seed.js';

describe("the demo's appointments", () => {
  const open: SqliteHall[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'onedoor-demo-seed-'));
  afterEach(() => {
    for (const hall of open.splice(0)) hall.close();
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const start = (now: number) => {
    const config = hallConfigSchema.parse({ dataDir: dir, log: { level: 'silent' } });
    const first = open[0];
    const hall = openSqliteHall({
      file: join(dir, 'hall.sqlite'),
      config,
      clock: { now: () => now },
      ...(first ? { vault: first.vault } : {}),
    });
    open.push(hall);
    return hall.app;
  };

  // Found by a CI run at 21:54 in Shanghai: the "later today" booking (slot in three hours) fell on tomorrow's business
  // day, so a restart listed two of the three printed codes.
  it('started late in the evening, books all three on the day the demo starts, and a restart finds all three', () => {
    const now = Date.parse('2026-12-02T14:30:00Z'); // 22:30 in Shanghai
    const codes = seedDemoAppointments(start(now));
    expect(codes).toHaveLength(3);
    const again = start(now + 60_000);
    expect(seedDemoAppointments(again).sort()).toEqual([...codes].sort());
    expect(demoAppointmentStates(again).map((a) => a.label.split(' ')[0])).toEqual(['准时', '过早', '迟到']);
  });
});
