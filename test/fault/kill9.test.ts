import { afterAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { io, type Socket } from 'socket.io-client';
import { SequenceTracker, type Ack, type HallSnapshot, type IssuedTicket, type TicketView } from '@onedoor/protocol';

/**
 * Kill -9 the hall server under a stream of issue/call commands, several times. After every restart: each
 * acknowledged ticket and call is in the database, no number is duplicated, and clients that reconnect by
 * themselves converge on the server's state.
 */
const ROUNDS = 4;

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

function startChild(dataDir: string, port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/fault/hall-child.ts', dataDir, String(port)], {
    cwd: process.cwd(),
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('child hall did not start')), 30_000);
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('"ready":true')) {
        clearTimeout(timer);
        resolve(child);
      }
    });
    child.once('exit', (code) => reject(new Error(`child exited early with ${code}`)));
  });
}

function emitAck<T>(socket: Socket, event: string, payload: unknown, timeoutMs = 3000): Promise<Ack<T> | null> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(null), timeoutMs);
    socket.emit(event, payload, (ack: Ack<T>) => {
      clearTimeout(timer);
      resolve(ack);
    });
  });
}

describe('fault: SIGKILL under load', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'onedoor-kill9-'));
  let child: ChildProcess | null = null;
  afterAll(() => {
    if (child && child.exitCode === null) child.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('loses no acknowledged ticket or call, duplicates no number, and clients resync', async () => {
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    child = await startChild(dataDir, port);

    // Credentials survive restarts (sessions and device tokens live in the database).
    const login = async (username: string) => {
      const res = await fetch(`${base}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username, password: 'demo1234' }),
      });
      return ((await res.json()) as { data: { sessionToken: string } }).data.sessionToken;
    };
    const managerToken = await login('manager01');
    const pairDevice = async (id: string, kind: string) => {
      const h = { 'content-type': 'application/json', authorization: `Bearer ${managerToken}` };
      await fetch(`${base}/api/devices/${id}`, { method: 'PUT', headers: h, body: JSON.stringify({ kind, name: id }) });
      const code = (
        (await (
          await fetch(`${base}/api/devices/${id}/pairing-code`, {
            method: 'POST',
            headers: { authorization: h.authorization },
          })
        ).json()) as { data: { code: string } }
      ).data.code;
      const paired = (await (
        await fetch(`${base}/api/devices/pair`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ code }),
        })
      ).json()) as { data: { deviceToken: string } };
      return paired.data.deviceToken;
    };
    const kioskToken = await pairDevice('kiosk-fault', 'kiosk');
    const displayToken = await pairDevice('display-fault', 'display');
    const clerkTokens = await Promise.all(['clerk01', 'clerk02'].map(login));

    const opts = { transports: ['websocket'], reconnectionDelay: 100, reconnectionDelayMax: 300 };
    const kiosk = io(`${base}/kiosk`, { ...opts, auth: { deviceToken: kioskToken } });
    const clerks = clerkTokens.map((t) => io(`${base}/window`, { ...opts, auth: { sessionToken: t } }));
    const display = io(`${base}/display`, { ...opts, auth: { deviceToken: displayToken } });
    const tracker = new SequenceTracker(() => {
      display.emit('hall:snapshot', {}, (ack: Ack<HallSnapshot>) => ack.ok && tracker.snapshot(ack.data));
    });
    display.on('hall:snapshot', (s: HallSnapshot) => tracker.snapshot(s));
    display.on('hall:event', (e) => tracker.event(e));

    const ackedTickets = new Map<string, string>(); // ticket id → number
    const ackedCalls = new Map<string, number>(); // ticket id → callCount acknowledged
    let requestCounter = 0;

    for (let round = 0; round < ROUNDS; round++) {
      await Promise.all(
        [kiosk, ...clerks].map((s) =>
          s.connected ? Promise.resolve() : new Promise((r) => s.once('connect', () => r(null))),
        ),
      );
      await Promise.all(clerks.map((c, i) => emitAck(c, 'window:sign-in', { windowId: `w0${i + 1}` })));

      let running = true;
      const issuer = async () => {
        while (running) {
          const requestId = `fault-${round}-${++requestCounter}`;
          const ack = await emitAck<IssuedTicket>(kiosk, 'ticket:issue', { serviceId: 'general', requestId }, 1500);
          if (ack?.ok) ackedTickets.set(ack.data.ticket.id, ack.data.ticket.number);
          if (!ack) await new Promise((r) => setTimeout(r, 50));
        }
      };
      const caller = async (clerkIndex: number) => {
        while (running) {
          const ack = await emitAck<TicketView>(
            clerks[clerkIndex]!,
            'ticket:call-next',
            { windowId: `w0${clerkIndex + 1}` },
            1500,
          );
          if (ack?.ok) ackedCalls.set(ack.data.id, Math.max(ackedCalls.get(ack.data.id) ?? 0, ack.data.callCount));
          await new Promise((r) => setTimeout(r, ack?.ok ? 5 : 30));
        }
      };
      const load = Promise.all([issuer(), issuer(), issuer(), caller(0), caller(1)]);
      await new Promise((r) => setTimeout(r, 400 + round * 150));
      child.kill('SIGKILL');
      await new Promise((r) => child!.once('exit', r));
      running = false;
      await load;

      // The database as the killed process left it: every acknowledged operation must be there.
      const db = new Database(join(dataDir, 'onedoor.sqlite'), { readonly: true });
      const rows = db
        .prepare('SELECT id, number, service_id, seq_no, business_day, called_at, call_count FROM tickets')
        .all() as {
        id: string;
        number: string;
        service_id: string;
        seq_no: number;
        business_day: string;
        called_at: string | null;
        call_count: number;
      }[];
      const dup = db
        .prepare('SELECT business_day, service_id, seq_no, count(*) AS n FROM tickets GROUP BY 1, 2, 3 HAVING n > 1')
        .all();
      db.close();
      const byId = new Map(rows.map((r) => [r.id, r]));
      expect(dup).toEqual([]);
      expect(new Set(rows.map((r) => `${r.business_day}/${r.number}`)).size).toBe(rows.length);
      for (const [id, number] of ackedTickets) expect(byId.get(id)?.number, `acked ticket ${number}`).toBe(number);
      for (const [id, count] of ackedCalls) {
        expect(byId.get(id)?.called_at, `acked call of ${id}`).not.toBeNull();
        expect(byId.get(id)!.call_count).toBeGreaterThanOrEqual(count);
      }
      expect(ackedTickets.size).toBeGreaterThan(round * 5);

      child = await startChild(dataDir, port);
    }

    // After the last restart the reconnected display converges on the server's state.
    await new Promise((r) => setTimeout(r, 200));
    const clerkAgain = clerks[0]!;
    await new Promise((r) => (clerkAgain.connected ? r(null) : clerkAgain.once('connect', () => r(null))));
    const serverSnapshot = await emitAck<HallSnapshot>(clerkAgain, 'hall:snapshot', {});
    expect(serverSnapshot?.ok).toBe(true);
    const server = (serverSnapshot as { ok: true; data: HallSnapshot }).data;
    await expect.poll(() => tracker.current?.seq, { timeout: 3000 }).toBe(server.seq);
    expect(tracker.current!.tickets).toEqual(server.tickets);
    expect(tracker.current!.windows).toEqual(server.windows);

    for (const s of [kiosk, display, ...clerks]) s.close();
    child.kill('SIGTERM');
    await new Promise((r) => child!.once('exit', r));
  }, 120_000);
});
