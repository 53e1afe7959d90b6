import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ack, AcceptanceReceiptDocument, IssuedTicket } from '@onedoor/protocol';
import { decodeEscPos } from '@onedoor/hardware/testing';
import { command, startTestHall, type TestHall } from '../helpers/test-hall.js';

/**
 * The demo hall's wired devices end to end: RS-485 bus simulator ⇄ the real device gateway ⇄ MQTT ⇄ hall server.
 * A call-pad key press becomes a call; the call reaches the window's LED strip and the pad's display.
 */
describe('virtual window devices behind the real gateway', () => {
  let hall: TestHall;
  let token: string;
  beforeAll(async () => {
    hall = await startTestHall({ config: { demo: { virtualDevices: true } } });
    token = await hall.login('clerk01');
  });
  afterAll(async () => {
    await hall.close();
  });

  const post = (path: string, body: unknown) =>
    fetch(`${hall.baseUrl}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify(body),
    });
  const shown = async () =>
    (
      (await (
        await fetch(`${hall.baseUrl}/api/demo/devices`, { headers: { authorization: `Bearer ${token}` } })
      ).json()) as { data: { deviceId: string; shows: string | null }[] }
    ).data;

  it('turns a pad key press into a call shown on the LED strip and the pad', async () => {
    const clerk = await hall.connect('/window', { sessionToken: token });
    await command(clerk, 'window:sign-in', { windowId: 'w01' });
    const kiosk = await hall.connect('/kiosk', { deviceToken: await hall.deviceToken('kiosk') });
    const t = await command<IssuedTicket>(kiosk, 'ticket:issue', { serviceId: 'general' });
    // The gateway's devices are online on the hall (retained state over MQTT).
    await expect.poll(() => hall.running.authRepo.findDevice('pad-w01')?.online, { timeout: 5000 }).toBe(true);

    const res = await post('/api/demo/pads/pad-w01/keys', { key: 'call-next' });
    expect(await res.json()).toMatchObject({ ok: true, data: { answered: true } });
    await expect
      .poll(() => hall.running.hall.windowView('w01')?.currentNumber, { timeout: 5000 })
      .toBe(t.ticket.number);
    await expect
      .poll(async () => (await shown()).find((d) => d.deviceId === 'led-w01')?.shows, { timeout: 5000 })
      .toContain('A001');
    await expect
      .poll(async () => (await shown()).find((d) => d.deviceId === 'pad-w01')?.shows, { timeout: 5000 })
      .toMatch(/001/);
  });

  it('lists the gateway itself online on the hall, like the devices behind it (GET /api/devices)', async () => {
    const manager = await hall.login('manager01');
    const list = async () =>
      (
        (await (
          await fetch(`${hall.baseUrl}/api/devices`, { headers: { authorization: `Bearer ${manager}` } })
        ).json()) as { data: { id: string; kind: string; online: boolean; status: string[] }[] }
      ).data;
    await expect
      .poll(async () => (await list()).find((d) => d.id === 'gateway-01'), { timeout: 5000 })
      .toMatchObject({ kind: 'gateway', online: true, status: [] });
    expect((await list()).find((d) => d.id === 'pad-w01')).toMatchObject({ online: true });
  });

  it('refuses unknown devices and keys with a clear error', async () => {
    const res = await post('/api/demo/pads/pad-w99/keys', { key: 'call-next' });
    expect(res.status).toBe(404);
    const bad = await post('/api/demo/pads/pad-w01/keys', { key: 'self-destruct' });
    expect(bad.status).toBe(400);
  });

  const receipt: AcceptanceReceiptDocument = {
    kind: 'acceptance-receipt',
    hallName: '示范市政务服务中心',
    caseNumber: '3301022612010007',
    matterName: '食品经营许可',
    applicantName: '王*明',
    receivedMaterials: [{ name: '食品经营许可申请书', form: '原件', copies: 1 }],
    toleratedMaterials: [{ name: '食品安全管理制度', dueDate: '2026-12-20' }],
    promisedDate: '2026-12-15',
    acceptedAt: '2026-12-01T02:00:00Z',
    queryUrl: 'http://hall.example/c/3301022612010007',
  };
  const send = (method: string, path: string, body?: unknown) =>
    fetch(`${hall.baseUrl}${path}`, {
      method,
      headers: { ...(body ? { 'content-type': 'application/json' } : {}), authorization: `Bearer ${token}` },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
  const jobs = async (windowId: string) =>
    (await (await send('GET', `/api/demo/printers/${windowId}/jobs`)).json()) as Ack<
      { kind: string; escposBase64: string }[]
    >;

  it("prints a 受理回执 on the window's virtual printer as ESC/POS; out of paper it refuses and prints nothing", async () => {
    const printed = (await (await send('POST', '/api/demo/printers/w03/documents', receipt)).json()) as Ack<{
      printed: boolean;
    }>;
    expect(printed).toEqual({ ok: true, data: { printed: true } });
    const first = await jobs('w03');
    if (!first.ok) throw new Error(first.error.messageEn);
    expect(first.data.map((j) => j.kind)).toEqual(['acceptance-receipt']);
    const decoded = decodeEscPos(Buffer.from(first.data[0]!.escposBase64, 'base64'));
    expect(decoded.unknown).toEqual([]);
    const texts = decoded.lines.map((l) => l.text);
    expect(texts).toContain('办件编号：3301022612010007');
    expect(texts).toContain('受理时间：2026-12-01 10:00');
    expect(texts).toContain('   请于 2026-12-20 前补交');
    expect(decoded.qrCodes.map((q) => q.text)).toEqual([receipt.queryUrl]);

    expect((await send('PUT', '/api/demo/printers/w03/paper', { loaded: false })).status).toBe(200);
    const refused = (await (await send('POST', '/api/demo/printers/w03/documents', receipt)).json()) as Ack<{
      printed: boolean;
      reason?: string;
    }>;
    expect(refused.ok && refused.data.printed).toBe(false);
    expect(refused.ok && refused.data.reason).toMatch(/缺纸.*\/.*paper/);
    const after = await jobs('w03');
    expect(after.ok && after.data).toHaveLength(1);

    await send('PUT', '/api/demo/printers/w03/paper', { loaded: true });
    expect(((await (await send('POST', '/api/demo/printers/w03/documents', receipt)).json()) as Ack<unknown>).ok).toBe(
      true,
    );
    const reloaded = await jobs('w03');
    expect(reloaded.ok && reloaded.data).toHaveLength(2);
  });

  it('refuses a window the hall does not have and a receipt without a case number, in plain words', async () => {
    const missing = await send('POST', '/api/demo/printers/w99/documents', receipt);
    expect(missing.status).toBe(404);
    const body = (await missing.json()) as Ack<unknown>;
    expect(!body.ok && body.error.message).toBe('窗口 w99 没有虚拟打印机');
    const bad = await send('POST', '/api/demo/printers/w03/documents', { ...receipt, caseNumber: '' });
    expect(bad.status).toBe(400);
    const badBody = (await bad.json()) as Ack<unknown>;
    expect(!badBody.ok && badBody.error.message).toContain('caseNumber');
    const unchanged = await jobs('w04');
    expect(unchanged.ok && unchanged.data).toEqual([]);
  });
});

describe('好差评 from the window evaluator', () => {
  it('records one rating for the visitor served, through the gateway', async () => {
    const hall = await startTestHall({ config: { demo: { virtualDevices: true } } });
    try {
      const token = await hall.login('clerk02');
      const clerk = await hall.connect('/window', { sessionToken: token });
      await command(clerk, 'window:sign-in', { windowId: 'w02' });
      const kiosk = await hall.connect('/kiosk', { deviceToken: await hall.deviceToken('kiosk') });
      const t = await command<IssuedTicket>(kiosk, 'ticket:issue', { serviceId: 'general' });
      await command(clerk, 'ticket:call-next', { windowId: 'w02' });
      await command(clerk, 'ticket:finish', { windowId: 'w02' });
      await expect.poll(() => hall.running.authRepo.findDevice('eval-w02')?.online, { timeout: 5000 }).toBe(true);
      const rate = (level: number) =>
        fetch(`${hall.baseUrl}/api/demo/evaluators/eval-w02/ratings`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: JSON.stringify({ level }),
        });
      expect((await rate(5)).status).toBe(200);
      const rows = () => hall.running.db.prepare('SELECT ticket_id, window_id, level, clerk_id FROM evaluations').all();
      await expect
        .poll(rows, { timeout: 5000 })
        .toEqual([{ ticket_id: t.ticket.id, window_id: 'w02', level: 5, clerk_id: 'clerk02' }]);
      await rate(1);
      await new Promise((r) => setTimeout(r, 500));
      expect(rows()).toHaveLength(1);
      expect(
        (
          hall.running.db.prepare("SELECT count(*) AS n FROM events WHERE type = 'evaluation.recorded'").get() as {
            n: number;
          }
        ).n,
      ).toBe(1);
    } finally {
      await hall.close();
    }
  });
});

describe('the device gateway against Mosquitto on 127.0.0.1:1883', () => {
  it('brings a pad key press to the hall as a call, and an unplugged gateway shows its devices offline', async (ctx) => {
    const { default: mqtt } = await import('mqtt');
    const reachable = await new Promise<boolean>((resolve) => {
      const probe = mqtt.connect('mqtt://127.0.0.1:1883', { reconnectPeriod: 0, connectTimeout: 2000 });
      probe.once('connect', () => {
        probe.end(true);
        resolve(true);
      });
      probe.once('error', () => resolve(false));
    });
    if (!reachable) {
      if (process.env.CI === 'true') throw new Error('Mosquitto is not reachable on 127.0.0.1:1883 (CI must start it)');
      ctx.skip('Mosquitto not reachable on 127.0.0.1:1883');
    }
    const hall = await startTestHall({
      config: { mqtt: { url: 'mqtt://127.0.0.1:1883' }, demo: { virtualDevices: true } },
    });
    try {
      const token = await hall.login('clerk01');
      const clerk = await hall.connect('/window', { sessionToken: token });
      await command(clerk, 'window:sign-in', { windowId: 'w01' });
      const kiosk = await hall.connect('/kiosk', { deviceToken: await hall.deviceToken('kiosk') });
      await command<IssuedTicket>(kiosk, 'ticket:issue', { serviceId: 'general' });
      await expect.poll(() => hall.running.authRepo.findDevice('pad-w01')?.online, { timeout: 5000 }).toBe(true);
      await fetch(`${hall.baseUrl}/api/demo/pads/pad-w01/keys`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ key: 'call-next' }),
      });
      await expect.poll(() => hall.running.hall.windowView('w01')?.currentNumber, { timeout: 5000 }).toBe('A001');
      // The gateway goes away: its devices turn offline on the hall.
      await hall.running.virtualDevices!.stop();
      await expect.poll(() => hall.running.authRepo.findDevice('led-w01')?.online, { timeout: 5000 }).toBe(false);
    } finally {
      await hall.close();
    }
  });
});
