/**
 * 今日本窗口 from the hall, not from the screen (issue 9): a window's day read over REST after calls, a recall, a
 * service, a no-show and a transfer made over real sockets — the same figures however many screens were open.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ack, IssuedTicket, WindowDay } from '@onedoor/protocol';
import { command, startTestHall, type TestHall } from '../helpers/test-hall.js';

describe("a window's day from the event log (real hall)", () => {
  let hall: TestHall;
  beforeAll(async () => {
    hall = await startTestHall();
  });
  afterAll(async () => {
    await hall.close();
  });

  it('GET /api/windows/:id/today counts what happened at that window only', async () => {
    const token = await hall.login('clerk01');
    const clerk = await hall.connect('/window', { sessionToken: token });
    const kiosk = await hall.connect('/kiosk', { deviceToken: await hall.deviceToken('kiosk') });
    await command(clerk, 'window:sign-in', { windowId: 'w01' });
    for (let i = 0; i < 3; i++) await command<IssuedTicket>(kiosk, 'ticket:issue', { serviceId: 'general' });
    await command(clerk, 'ticket:call-next', { windowId: 'w01' });
    await command(clerk, 'ticket:recall', { windowId: 'w01' });
    await command(clerk, 'ticket:start', { windowId: 'w01' });
    await command(clerk, 'ticket:finish', { windowId: 'w01' });
    await command(clerk, 'ticket:call-next', { windowId: 'w01' });
    await command(clerk, 'ticket:no-show', { windowId: 'w01' });
    await command(clerk, 'ticket:call-next', { windowId: 'w01' });
    await command(clerk, 'ticket:transfer', { windowId: 'w01', toServiceId: 'business' });

    const read = async (windowId: string) => {
      const res = await fetch(`${hall.baseUrl}/api/windows/${windowId}/today`, {
        headers: { authorization: `Bearer ${token}` },
      });
      const body = (await res.json()) as Ack<WindowDay>;
      if (!body.ok) throw new Error(body.error.messageEn);
      return body.data;
    };
    expect(await read('w01')).toMatchObject({
      businessDay: kiosk.firstSnapshot.businessDay,
      called: 3,
      done: 1,
      noShow: 1,
      transferred: 1,
      suspended: 0,
    });
    expect(await read('w02')).toMatchObject({ called: 0, done: 0, noShow: 0, transferred: 0 });
  });
});
