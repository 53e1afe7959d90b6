import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import mqtt from 'mqtt';
import type { Ack, IssuedTicket, WindowView } from '@onedoor/protocol';
import { command, request, startTestHall, type ClientSocket, type TestHall } from '../helpers/test-hall.js';

/** The findings of the attack on issue 12, each reproduced through the real server and real socket.io clients. */
describe('attack findings (issue 12)', () => {
  let hall: TestHall;
  beforeEach(async () => {
    hall = await startTestHall();
  });
  afterEach(async () => {
    await hall.close();
  });

  const disconnected = (socket: ClientSocket) =>
    new Promise<string>((resolve) => socket.once('disconnect', (reason) => resolve(reason)));

  it('finding 1: a snapshot flood is refused past the rate limit and clerks keep being answered', async () => {
    const display = await hall.connect('/display', { deviceToken: await hall.deviceToken('display') });
    const clerk = await hall.connect('/window', { sessionToken: await hall.login('clerk01') });
    const acks = await Promise.all(Array.from({ length: 300 }, () => request(display, 'hall:snapshot', {})));
    const limited = acks.filter((a) => !a.ok && a.error.code === 'RATE_LIMITED');
    expect(limited.length).toBeGreaterThan(200);
    expect(limited[0]).toMatchObject({ ok: false, error: { message: expect.stringMatching(/频繁/) } });
    // The clerk is unaffected by the display's flood.
    expect(await command<WindowView>(clerk, 'window:sign-in', { windowId: 'w01' })).toMatchObject({ state: 'open' });
  });

  it("finding 4: a kiosk cannot void another kiosk's ticket", async () => {
    const kioskA = await hall.connect('/kiosk', { deviceToken: await hall.deviceToken('kiosk') });
    const kioskB = await hall.connect('/kiosk', { deviceToken: await hall.deviceToken('kiosk') });
    const issued = await command<IssuedTicket>(kioskA, 'ticket:issue', { serviceId: 'general' });
    const forged = await request(kioskB, 'ticket:print-result', { ticketId: issued.ticket.id, printed: false });
    expect(forged).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(hall.running.hall.ticketView(issued.ticket.id)?.status).toBe('waiting');
    // Its own kiosk still may.
    const own = await request(kioskA, 'ticket:print-result', { ticketId: issued.ticket.id, printed: false });
    expect(own.ok).toBe(true);
  });

  it('finding 5: logout, disable and re-pair cut open sockets at once', async () => {
    const token = await hall.login('clerk01');
    const clerk = await hall.connect('/window', { sessionToken: token });
    const cut = disconnected(clerk);
    clerk.io.opts.reconnection = false;
    await fetch(`${hall.baseUrl}/api/auth/logout`, { method: 'POST', headers: { authorization: `Bearer ${token}` } });
    expect(await cut).toBe('io server disconnect');

    const clerk2 = await hall.connect('/window', { sessionToken: await hall.login('clerk02') });
    clerk2.io.opts.reconnection = false;
    const cut2 = disconnected(clerk2);
    const staff = hall.running.auth.listStaff().find((s) => s.id === 'clerk02')!;
    await hall.running.auth.saveStaff({ ...staff, enabled: false });
    expect(await cut2).toBe('io server disconnect');

    {
      const kiosk = await hall.connect('/kiosk', { deviceToken: await hall.deviceToken('kiosk', 'kiosk-repair') });
      kiosk.io.opts.reconnection = false;
      const cut3 = disconnected(kiosk);
      hall.running.auth.issueDeviceToken('kiosk-repair');
      expect(await cut3).toBe('io server disconnect');
    }
  });

  it("finding 6: a clerk cannot take over another clerk's window", async () => {
    const a = await hall.connect('/window', { sessionToken: await hall.login('clerk01') });
    const b = await hall.connect('/window', { sessionToken: await hall.login('clerk02') });
    await command(a, 'window:sign-in', { windowId: 'w01' });
    const taken = await request(b, 'window:sign-in', { windowId: 'w01' });
    expect(taken).toMatchObject({ ok: false, error: { code: 'WINDOW_BUSY', message: expect.stringMatching(/签到/) } });
    expect(hall.running.hall.windowView('w01')?.clerkId).toBe('clerk01');
  });

  it('finding 12: an unknown event gets a structured error, not silence', async () => {
    const kiosk = await hall.connect('/kiosk', { deviceToken: await hall.deviceToken('kiosk') });
    const ack: Ack<unknown> = await request(kiosk, 'ticket:void-everything', {});
    expect(ack).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST', messageEn: /unknown event/ } });
  });

  it('finding 2: a device token works on MQTT only under its own device id', async () => {
    const token = await hall.deviceToken('gateway', 'gw-attack');
    const tryConnect = (username: string) =>
      new Promise<boolean>((resolve) => {
        const c = mqtt.connect(hall.running.mqttUrl, { username, password: token, reconnectPeriod: 0 });
        c.once('connect', () => {
          c.end(true);
          resolve(true);
        });
        c.once('error', () => {
          c.end(true);
          resolve(false);
        });
      });
    expect(await tryConnect('pad-w01')).toBe(false);
    expect(await tryConnect('gw-attack')).toBe(true);
  });
});
