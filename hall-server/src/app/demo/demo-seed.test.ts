import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { hallConfigSchema } from '../../config/config.schema.js';
import { openSqliteHall, type SqliteHall } from '../../../../test/helpers/sqlite-hall.js';
import { nodeCredentials } from '../../adapters/crypto/credentials.js';
import {
  demoAppointmentStates,
  demoPasswordHash,
  seedDemoAppointments,
  seedDemoCatalog,
  seedDemoHall,
} from './demo-seed.js';
import { DEMO_APPROVERS } from './demo-catalog.js';
import { DEMO_PASSWORD, demoServices } from './demo-hall.js';
import { isWithinOpeningHours } from '../../domain/time/hall-time.js';

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

describe("the demo's accounts", () => {
  it('a fresh demo hall makes one scrypt hash for all its accounts, and each signs in with the demo password', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'onedoor-demo-accounts-'));
    const config = hallConfigSchema.parse({ dataDir: dir, log: { level: 'silent' } });
    const hall = openSqliteHall({ file: join(dir, 'hall.sqlite'), config });
    const hashes = vi.spyOn(nodeCredentials, 'hashPassword');
    try {
      const hash = demoPasswordHash(hall.app);
      await seedDemoHall(hall.app, hash);
      await seedDemoCatalog(hall.app, hash);
      expect(hashes).toHaveBeenCalledTimes(1);
      for (const username of ['admin', 'clerk01', DEMO_APPROVERS[0]!.username])
        expect((await hall.app.auth.login(username, DEMO_PASSWORD)).ok).toBe(true);
    } finally {
      hashes.mockRestore();
      hall.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("the demo's services", () => {
  // The demo hall's hours were 00:00–23:59 with the end exclusive: in the last minute of every day the kiosk refused
  // a number ("不在办理时间"), and every test issuing one then failed (seen in a run that crossed midnight).
  it('take numbers at any minute of the day, the last one too', () => {
    for (const at of ['2026-12-03T23:59:30+08:00', '2026-12-04T00:00:30+08:00', '2026-12-04T12:00:00+08:00'])
      for (const s of demoServices(false))
        expect(isWithinOpeningHours(s.openingHours, Date.parse(at), 'Asia/Shanghai'), `${s.id} at ${at}`).toBe(true);
  });
});
