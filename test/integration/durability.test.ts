import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { IssuedTicket, TicketView } from '@onedoor/protocol';
import { command, startTestHall, type TestHall } from '../helpers/test-hall.js';
import {
  backupDatabase,
  restoreDatabase,
  RestoreError,
  verifyBackup,
} from '../../hall-server/src/adapters/db/backup.js';

const dirs: string[] = [];
const tmp = () => {
  const d = mkdtempSync(join(tmpdir(), 'onedoor-dur-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('durability', () => {
  it('recovers the exact state after a restart and continues the numbering', async () => {
    const dataDir = tmp();
    let hall: TestHall = await startTestHall({ dataDir });
    let kiosk = await hall.connect('/kiosk', { deviceToken: await hall.deviceToken('kiosk') });
    let clerk = await hall.connect('/window', { sessionToken: await hall.login('clerk01') });
    await command(clerk, 'window:sign-in', { windowId: 'w01' });
    for (let i = 0; i < 3; i++) await command<IssuedTicket>(kiosk, 'ticket:issue', { serviceId: 'general' });
    await command<TicketView>(clerk, 'ticket:call-next', { windowId: 'w01' });
    const before = hall.running.hall.snapshot();
    await hall.stop();

    hall = await startTestHall({ dataDir });
    const after = hall.running.hall.snapshot();
    expect(after.seq).toBe(before.seq);
    expect(after.tickets).toEqual(before.tickets);
    expect(after.windows).toEqual(before.windows);
    expect(after.recentCalls.map((c) => c.text)).toEqual(before.recentCalls.map((c) => c.text));
    expect(after.services.find((s) => s.id === 'general')?.waiting).toBe(2);

    kiosk = await hall.connect('/kiosk', { deviceToken: await hall.deviceToken('kiosk') });
    clerk = await hall.connect('/window', { sessionToken: await hall.login('clerk01') });
    const next = await command<IssuedTicket>(kiosk, 'ticket:issue', { serviceId: 'general' });
    expect(next.ticket.number).toBe('A004');
    // The clerk is still signed in at w01 and continues where the window was.
    const called = await command<TicketView>(clerk, 'ticket:call-next', { windowId: 'w01' });
    expect(called.number).toBe('A002');
    await hall.close();
  });

  it('keeps the event log append-only', async () => {
    const hall = await startTestHall();
    const kiosk = await hall.connect('/kiosk', { deviceToken: await hall.deviceToken('kiosk') });
    await command(kiosk, 'ticket:issue', { serviceId: 'general' });
    expect(() => hall.running.db.prepare('DELETE FROM events').run()).toThrow(/append-only/);
    expect(() => hall.running.db.prepare("UPDATE events SET type = 'x'").run()).toThrow(/append-only/);
    // The database itself refuses a duplicate number.
    const row = hall.running.db.prepare('SELECT * FROM tickets LIMIT 1').get() as Record<string, unknown>;
    expect(() =>
      hall.running.db
        .prepare(
          'INSERT INTO tickets (id, business_day, service_id, issued_service_id, seq_no, number, status, priority, source, issued_at, sort_key, enqueued_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
        )
        .run(
          'dup',
          row.business_day,
          row.service_id,
          row.issued_service_id,
          row.seq_no,
          row.number,
          'waiting',
          'normal',
          'kiosk',
          row.issued_at,
          0,
          0,
        ),
    ).toThrow(/UNIQUE/);
    await hall.close();
  });

  it('backs up online and restores only a sound OneDoor file', async () => {
    const hall = await startTestHall();
    const kiosk = await hall.connect('/kiosk', { deviceToken: await hall.deviceToken('kiosk') });
    for (let i = 0; i < 5; i++) await command(kiosk, 'ticket:issue', { serviceId: 'general' });
    const dir = tmp();
    const backup = join(dir, 'backup.sqlite');
    // Through the REST endpoint (admin only) and through the function.
    const adminToken = await hall.login('admin');
    const res = await fetch(`${hall.baseUrl}/api/admin/backup`, {
      method: 'POST',
      headers: { authorization: `Bearer ${adminToken}` },
    });
    expect(((await res.json()) as { ok: boolean }).ok).toBe(true);
    const clerkRes = await fetch(`${hall.baseUrl}/api/admin/backup`, {
      method: 'POST',
      headers: { authorization: `Bearer ${await hall.login('clerk01')}` },
    });
    expect(clerkRes.status).toBe(403);
    await backupDatabase(hall.running.db, backup);
    expect(verifyBackup(backup).tickets).toBe(5);
    await hall.close();

    const corrupt = join(dir, 'corrupt.sqlite');
    copyFileSync(backup, corrupt);
    const bytes = Buffer.alloc(4096, 0x5a);
    const { openSync, writeSync, closeSync, statSync } = await import('node:fs');
    const fd = openSync(corrupt, 'r+');
    writeSync(fd, bytes, 0, bytes.length, Math.floor(statSync(corrupt).size / 2));
    closeSync(fd);
    const live = join(dir, 'live.sqlite');
    writeFileSync(live, 'current');
    expect(() => restoreDatabase(corrupt, live)).toThrow(RestoreError);
    expect(() => restoreDatabase(corrupt, live)).toThrow(/损坏|corrupt/);
    const notOurs = join(dir, 'other.sqlite');
    writeFileSync(notOurs, 'hello');
    expect(() => restoreDatabase(notOurs, live)).toThrow(RestoreError);
    const { readFileSync } = await import('node:fs');
    expect(readFileSync(live, 'utf8')).toBe('current');

    const { keptOldAs } = restoreDatabase(backup, live);
    expect(keptOldAs).toMatch(/before-restore/);
    expect(verifyBackup(live).tickets).toBe(5);
    expect(readFileSync(keptOldAs!, 'utf8')).toBe('current');
  });
});

describe('retention of personal data', () => {
  it('drops sealed personal data past the retention on start, keeping masked values', async () => {
    const dataDir = tmp();
    let now = Date.now();
    const clock = { now: () => now };
    let hall = await startTestHall({ dataDir, clock, config: { retention: { personalDataDays: 30 } } });
    const kiosk = await hall.connect('/kiosk', { deviceToken: await hall.deviceToken('kiosk') });
    const t = await command<IssuedTicket>(kiosk, 'ticket:issue', {
      serviceId: 'household',
      holder: { idNumber: '11010519491231002X', name: '张小三' },
    });
    expect(hall.running.hall.revealHolder(t.ticket.id)).toMatchObject({ idNumber: '11010519491231002X' });
    await hall.stop();
    now += 31 * 86_400_000;
    hall = await startTestHall({ dataDir, clock, config: { retention: { personalDataDays: 30 } } });
    expect(hall.running.hall.revealHolder(t.ticket.id)).toBeNull();
    const row = hall.running.db
      .prepare('SELECT holder_name_masked, holder_id_masked FROM tickets WHERE id = ?')
      .get(t.ticket.id);
    expect(row).toEqual({ holder_name_masked: '张*三', holder_id_masked: '1101**********002X' });
    await hall.close();
  });
});

describe('daily reset', () => {
  it('restarts numbering at the configured local time, abandons yesterday’s open tickets and keeps their history', async () => {
    // 23:50 in Shanghai; the hall resets at 00:00 local.
    let now = Date.parse('2026-11-27T15:50:00Z');
    const hall = await startTestHall({ clock: { now: () => now }, config: { hall: { resetTime: '00:00' } } });
    try {
      const kiosk = await hall.connect('/kiosk', { deviceToken: await hall.deviceToken('kiosk') });
      const display = await hall.connect('/display', { deviceToken: await hall.deviceToken('display') });
      const resets: string[] = [];
      display.on('hall:event', (e) => e.type === 'day.reset' && resets.push(e.businessDay!));
      expect(hall.running.hall.queueState.businessDay).toBe('2026-11-27');
      const late = await command<IssuedTicket>(kiosk, 'ticket:issue', { serviceId: 'general' });
      expect(late.ticket.number).toBe('A001');
      now = Date.parse('2026-11-27T16:00:30Z'); // 00:00:30 on the 28th in Shanghai
      expect(await hall.running.hall.rolloverIfDue()).toBe(true);
      await expect.poll(() => resets).toEqual(['2026-11-28']);
      const fresh = await command<IssuedTicket>(kiosk, 'ticket:issue', { serviceId: 'general' });
      expect(fresh.ticket).toMatchObject({ number: 'A001', businessDay: '2026-11-28' });
      const old = hall.running.db
        .prepare('SELECT status, abandon_reason FROM tickets WHERE id = ?')
        .get(late.ticket.id);
      expect(old).toEqual({ status: 'abandoned', abandon_reason: 'day-reset' });
      expect(hall.running.hall.snapshot().tickets.map((t) => t.id)).toEqual([fresh.ticket.id]);
    } finally {
      await hall.close();
    }
  });
});
