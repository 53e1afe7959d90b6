/**
 * A board that stops reading (issue 12, finding 1's second half): its TCP window fills, and every event the hall sends
 * it piles up in the server's memory. Reproduced with a real websocket whose reading is paused — it sends nothing, so
 * a check on its incoming messages never runs — while the hall keeps issuing and calling. The hall must cut it, and
 * keep answering the clerk and the healthy board.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { IssuedTicket } from '@onedoor/protocol';
import { command, startTestHall, type ClientSocket, type TestHall } from '../helpers/test-hall.js';
import { waitForValue } from '../helpers/wait.js';

describe('a client that never reads (real hall, real websocket)', () => {
  let hall: TestHall;
  beforeAll(async () => {
    // The heartbeat would cut the board too, 18 s after it connected; on a loaded machine it sometimes got there
    // first. A minute's heartbeat leaves the cut to the pile-up, which is what this test is about.
    hall = await startTestHall({
      config: { limits: { socket: { heartbeatSeconds: 60, heartbeatTimeoutSeconds: 60 } } },
    });
  });
  afterAll(async () => {
    await hall.close();
  });

  /** A socket.io client spoken by hand: open, join /display with the token, then stop reading for good. */
  async function stalledBoard(token: string): Promise<WebSocket> {
    const url = `${hall.baseUrl.replace('http', 'ws')}/socket.io/?EIO=4&transport=websocket`;
    const ws = new WebSocket(url);
    await new Promise<void>((resolve, reject) => {
      ws.once('message', () => resolve()); // engine.io's open packet
      ws.once('error', reject);
    });
    ws.send(`40/display,${JSON.stringify({ deviceToken: token })}`);
    await new Promise<void>((resolve) => ws.once('message', () => resolve())); // the namespace's connect
    ws.on('message', () => {}); // never looked at again
    // Stop reading from the socket: the kernel's buffers fill, then the server's.
    (ws as unknown as { _socket: { pause(): void } })._socket.pause();
    return ws;
  }

  it('cuts a board that stopped reading while the hall goes on serving', async () => {
    // Why each board left, as the server saw it: the heartbeat would cut it too, but only after its timeout, with
    // every event of those seconds held in memory (this hall's heartbeat is a minute).
    const reasons: string[] = [];
    hall.running.io.of('/display').on('connection', (s) => s.on('disconnect', (reason) => reasons.push(reason)));
    expect(hall.running.io.engine.opts).toMatchObject({ pingInterval: 60_000, pingTimeout: 60_000 });
    const stalled = await stalledBoard(await hall.deviceToken('display'));
    const board = await hall.connect('/display', { deviceToken: await hall.deviceToken('display') });
    const clerk = await hall.connect('/window', { sessionToken: await hall.login('clerk01') });
    await command(clerk, 'window:sign-in', { windowId: 'w01' });
    const kiosk = await hall.connect('/kiosk', { deviceToken: await hall.deviceToken('kiosk') });
    await command<IssuedTicket>(kiosk, 'ticket:issue', { serviceId: 'general' });
    let boardEvents = 0;
    board.on('hall:event', () => boardEvents++);
    const displays = () => hall.running.io.of('/display').sockets.size;
    expect(displays()).toBe(2);

    // More than any socket buffer holds: 4,000 notices of 500 characters (about 6 MB) go to both boards, sent from
    // ten console sockets (each may send a burst of 400).
    const manager = await hall.login('manager01');
    const consoles: ClientSocket[] = [];
    for (let c = 0; c < 10; c++) consoles.push(await hall.connect('/console', { sessionToken: manager }));
    const sent = 4000;
    for (let i = 0; i < sent; i++)
      await command(consoles[i % consoles.length]!, 'notice:set', {
        text: `${i} 今日午休时间窗口轮流值守。`.padEnd(500, '请'),
      });
    await waitForValue('the stalled board cut', displays, (n) => n === 1, 30_000);
    expect(reasons).toEqual(['server namespace disconnect']);

    // The clerk is answered and the healthy board got every event.
    const called = await command<{ number: string }>(clerk, 'ticket:call-next', { windowId: 'w01' });
    expect(called.number).toBe('A001');
    await waitForValue(
      'the healthy board caught up',
      () => boardEvents,
      (n) => n >= sent,
    );
    stalled.terminate();
  }, 120_000);
});
