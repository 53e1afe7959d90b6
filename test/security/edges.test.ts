import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { idNumberCheckChar, type Ack } from '@onedoor/protocol';
import { silentLogger } from '../../hall-server/src/app/ports.js';
import { request, startTestHall, type ClientSocket, type TestHall } from '../helpers/test-hall.js';
import { until } from '../helpers/wait.js';

/** Edges that once answered nothing, or 500 (issue 12, finding 12). */
describe('every edge answers a malformed message (issue 12)', () => {
  let hall: TestHall;
  beforeEach(async () => {
    hall = await startTestHall();
  });
  afterEach(async () => {
    await hall.close();
  });

  it('finding 12: a 200k-deep form in POST /api/cases answers 400 with a plain message, and changes nothing', async () => {
    const token = await hall.login('clerk01');
    const before = hall.running.db.prepare('SELECT COUNT(*) AS n FROM cases').get() as { n: number };
    const deep = `${'['.repeat(200_000)}${']'.repeat(200_000)}`;
    const idNumber = `33010519700515001${idNumberCheckChar('33010519700515001')}`;
    const body = `{"matterId":"sbk-bh","form":{"nested":${deep}},"applicant":{"kind":"person","name":"赵六","idNumber":"${idNumber}"}}`;
    const res = await fetch(`${hall.baseUrl}/api/cases`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body,
    });
    expect(res.status).toBe(400);
    const ack = (await res.json()) as Ack<unknown>;
    expect(ack).toMatchObject({
      ok: false,
      error: { code: 'BAD_REQUEST', message: expect.stringMatching(/嵌套/), messageEn: /nested/ },
    });
    expect(hall.running.db.prepare('SELECT COUNT(*) AS n FROM cases').get()).toEqual(before);
  });

  const emitRaw = (socket: ClientSocket, event: string, ...args: unknown[]) =>
    new Promise<Ack<unknown>>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no ack for ${event}`)), 10_000);
      (socket as unknown as { emit: (e: string, ...a: unknown[]) => void }).emit(
        event,
        ...args,
        (ack: Ack<unknown>) => {
          clearTimeout(timer);
          resolve(ack);
        },
      );
    });

  it('finding 12: a missing payload or extra arguments get a structured error ack', async () => {
    const kiosk = await hall.connect('/kiosk', { deviceToken: await hall.deviceToken('kiosk') });
    const tickets = hall.running.hall.queueState.tickets.size;
    const missing = await emitRaw(kiosk, 'ticket:issue');
    expect(missing).toMatchObject({
      ok: false,
      error: { code: 'BAD_REQUEST', message: expect.stringMatching(/内容/) },
    });
    const extra = await emitRaw(kiosk, 'ticket:issue', { serviceId: 'general' }, 'more', 42);
    expect(extra).toMatchObject({
      ok: false,
      error: { code: 'BAD_REQUEST', messageEn: expect.stringMatching(/one payload/) },
    });
    expect(hall.running.hall.queueState.tickets.size).toBe(tickets);
    // The well-formed message still works on the same socket.
    expect((await request(kiosk, 'ticket:issue', { serviceId: 'general' })).ok).toBe(true);
  });

  it('finding 12: a frame over the limit closes with the WebSocket code for it (1009), and the log says who', async () => {
    const warnings: string[] = [];
    const logged = await startTestHall({
      log: { ...silentLogger, warn: (_obj, msg) => void warnings.push(String(msg)) },
    });
    try {
      const kiosk = await logged.connect('/kiosk', { deviceToken: await logged.deviceToken('kiosk', 'kiosk-big') });
      kiosk.io.opts.reconnection = false;
      const closed = new Promise<{ reason: string; code: unknown }>((resolve) =>
        kiosk.once('disconnect', (reason, details) =>
          resolve({ reason, code: (details as { context?: { code?: number } } | undefined)?.context?.code }),
        ),
      );
      (kiosk as unknown as { emit: (e: string, p: unknown) => void }).emit('ticket:issue', {
        serviceId: 'x'.repeat(2_000_000),
      });
      expect(await closed).toEqual({ reason: 'transport close', code: 1009 });
      await until('the warning', () => warnings.some((w) => /1009/.test(w)));
      // The hall keeps serving: the same kiosk connects again.
      const again = await logged.connect('/kiosk', { deviceToken: await logged.deviceToken('kiosk') });
      expect((await request(again, 'ticket:issue', { serviceId: 'general' })).ok).toBe(true);
    } finally {
      await logged.close();
    }
  });
});
