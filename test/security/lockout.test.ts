import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Ack } from '@onedoor/protocol';
import { startTestHall, type TestHall } from '../helpers/test-hall.js';

const MINUTE = 60_000;

/** Sign-in lockout and pairing limits (issue 12, findings 7 and 3), on the hall's injected clock: no sleeps. */
describe('sign-in lockout and pairing limits (issue 12)', () => {
  let hall: TestHall;
  let now = Date.parse('2026-03-02T02:00:00Z');
  beforeEach(async () => {
    now = Date.parse('2026-03-02T02:00:00Z');
    // Pairing codes outlive the pairing lock here, so the right code is still good when the lock passes.
    hall = await startTestHall({ clock: { now: () => now }, config: { security: { pairingCodeMinutes: 60 } } });
  });
  afterEach(async () => {
    await hall.close();
  });

  const post = async (path: string, body: unknown) => {
    const res = await fetch(`${hall.baseUrl}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return { status: res.status, ack: (await res.json()) as Ack<unknown> };
  };
  const login = (username: string, password: string) => post('/api/auth/login', { username, password });

  /** Sends `n` requests, `parallel` at a time; answers every status seen with its count. */
  async function many(n: number, parallel: number, send: (i: number) => Promise<{ status: number }>) {
    const statuses = new Map<number, number>();
    for (let i = 0; i < n; i += parallel) {
      const batch = await Promise.all(Array.from({ length: Math.min(parallel, n - i) }, (_, j) => send(i + j)));
      for (const r of batch) statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
    }
    return Object.fromEntries(statuses);
  }

  /** Audit rows of an action, and the attempts they stand for (refusals while locked are written in rows of 100). */
  const audited = (action: string, target?: string) => {
    const rows = hall.running.db
      .prepare(`SELECT detail FROM audit_log WHERE action = ? ${target ? 'AND target = ?' : ''}`)
      .all(...(target ? [action, target] : [action])) as { detail: string }[];
    const attempts = rows.reduce((n, r) => n + Number(/refused (\d+)/.exec(r.detail)?.[1] ?? 1), 0);
    return { rows: rows.length, attempts };
  };

  it('finding 7: 2,000 wrong passwords lock the account, each failure audited; the lock expires; success resets', async () => {
    const statuses = await many(2000, 50, (i) => login('clerk01', `wrong-${i}`));
    // The first few are checked (401); the account is locked after that (429), without checking the password.
    expect(statuses[401]).toBeLessThanOrEqual(5);
    expect(statuses[429]).toBeGreaterThanOrEqual(1995);
    // Each checked password has its row; the refusals while locked are counted in a few rows, not 1,995 fsyncs.
    expect(audited('login-failed', 'user:clerk01').rows).toBeLessThan(40);

    // The right password is refused while locked, with when to come back (the hall's local time, Asia/Shanghai).
    const refused = await login('clerk01', 'demo1234');
    expect(refused.status).toBe(429);
    expect(refused.ack).toMatchObject({
      ok: false,
      error: { code: 'RATE_LIMITED', message: expect.stringMatching(/锁定.*10:05 后再试/), messageEn: /10:05/ },
    });

    now += 5 * MINUTE + 1;
    expect((await login('clerk01', 'demo1234')).status).toBe(200);
    // Every one of the 2,001 refused attempts is in the audit log, and who came from where.
    expect(audited('login-failed', 'user:clerk01').attempts).toBe(2001);
    expect(hall.running.authRepo.auditEntries().find((e) => e.action === 'login-failed')?.detail).toMatch(
      /address (::ffff:)?127\.0\.0\.1/,
    );
    // The count started over: four more wrong passwords do not lock, and the right one still works.
    expect(await many(4, 4, () => login('clerk01', 'nope'))).toEqual({ 401: 4 });
    expect((await login('clerk01', 'demo1234')).status).toBe(200);
    expect(await many(4, 1, () => login('clerk01', 'nope'))).toEqual({ 401: 4 });
    expect((await login('clerk01', 'demo1234')).status).toBe(200);
  });

  it('finding 7: each further lock lasts twice as long; an unknown name locks the same way', async () => {
    expect(await many(5, 1, () => login('clerk02', 'nope'))).toEqual({ 401: 4, 429: 1 });
    now += 5 * MINUTE + 1;
    const second = await many(5, 1, () => login('clerk02', 'nope'));
    expect(second).toEqual({ 401: 4, 429: 1 });
    const locked = await login('clerk02', 'demo1234');
    expect(locked.ack).toMatchObject({ ok: false, error: { messageEn: /about 10 min/ } });
    now += 5 * MINUTE + 1;
    expect((await login('clerk02', 'demo1234')).status).toBe(429);
    now += 5 * MINUTE;
    expect((await login('clerk02', 'demo1234')).status).toBe(200);
    // Whether a name exists is not told by the lock.
    expect(await many(6, 1, () => login('nobody-here', 'nope'))).toEqual({ 401: 4, 429: 2 });
  });

  it('finding 7: one address guessing at many accounts is locked out as an address', async () => {
    const names = ['clerk01', 'clerk02', 'manager01', 'admin', 'approver-gaj'];
    // Four guesses at each of five accounts: no account locks, the address does at its 20th failure.
    const statuses = await many(20, 1, (i) => login(names[i % names.length]!, `guess-${i}`));
    expect(statuses).toEqual({ 401: 19, 429: 1 });
    const refused = await login('clerk03', 'demo1234');
    expect(refused).toMatchObject({ status: 429, ack: { ok: false, error: { code: 'RATE_LIMITED' } } });
    now += 5 * MINUTE + 1;
    expect((await login('clerk03', 'demo1234')).status).toBe(200);
  });

  it('finding 3: pairing brute force is stopped per address, and a right code from that address waits for the lock', async () => {
    hall.running.auth.saveDevice({ id: 'kiosk-new', kind: 'kiosk', name: 'new kiosk', windowId: null, settings: {} });
    const code = hall.running.auth.createPairingCode('kiosk-new');
    if (!code.ok) throw new Error(code.error.messageEn);
    const wrong = (i: number) => String((Number(code.value.code) + 1 + i) % 1_000_000).padStart(6, '0');
    const statuses = await many(200, 20, (i) => post('/api/devices/pair', { code: wrong(i) }));
    expect(statuses[400]).toBeLessThanOrEqual(10);
    expect(statuses[429]).toBeGreaterThanOrEqual(190);
    const limited = await post('/api/devices/pair', { code: wrong(500) });
    expect(limited.ack).toMatchObject({
      ok: false,
      error: { code: 'RATE_LIMITED', message: expect.stringMatching(/配对/), messageEn: /pairing/ },
    });
    expect(audited('pair-failed').rows).toBeLessThan(20);

    // The right code is refused from the locked address until the lock passes; then it pairs.
    const early = await post('/api/devices/pair', { code: code.value.code });
    expect(early.status).toBe(429);
    now += 10 * MINUTE + 1;
    const paired = await post('/api/devices/pair', { code: code.value.code });
    expect(paired).toMatchObject({ status: 200, ack: { ok: true, data: { deviceId: 'kiosk-new' } } });
    expect(audited('pair-failed').attempts).toBe(202);
  });

  it('finding 3: wrong codes from many addresses stop pairing for the whole hall', async () => {
    // Each call names its own address, as 100 machines in the room would.
    for (let i = 0; i < 99; i++) expect(hall.running.auth.pair('000000', `10.0.0.${i}`).ok).toBe(false);
    const hundredth = hall.running.auth.pair('000000', '10.0.1.1');
    expect(hundredth).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED' } });
    hall.running.auth.saveDevice({ id: 'kiosk-late', kind: 'kiosk', name: 'late', windowId: null, settings: {} });
    const code = hall.running.auth.createPairingCode('kiosk-late');
    if (!code.ok) throw new Error(code.error.messageEn);
    expect(hall.running.auth.pair(code.value.code, '10.0.2.1')).toMatchObject({
      ok: false,
      error: { code: 'RATE_LIMITED' },
    });
    now += 10 * MINUTE + 1;
    expect(hall.running.auth.pair(code.value.code, '10.0.2.1').ok).toBe(true);
  });
});
