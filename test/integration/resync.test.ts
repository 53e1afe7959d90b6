import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SequenceTracker, type HallSnapshot, type IssuedTicket } from '@onedoor/protocol';
import { command, request, startTestHall, type ClientSocket, type TestHall } from '../helpers/test-hall.js';

/** A display that follows the protocol: snapshot, numbered events, a gap → ask for a snapshot. */
function follow(socket: ClientSocket): { tracker: SequenceTracker; calls: string[] } {
  const calls: string[] = [];
  const tracker = new SequenceTracker(() => {
    void request<HallSnapshot>(socket, 'hall:snapshot', {}).then((ack) => {
      if (ack.ok) tracker.snapshot(ack.data);
    });
  });
  socket.on('hall:snapshot', (s) => {
    tracker.snapshot(s);
  });
  socket.on('hall:event', (e) => {
    for (const applied of tracker.event(e)) if (applied.call) calls.push(applied.call.text);
  });
  return { tracker, calls };
}

describe('snapshot + sequence resync', () => {
  let hall: TestHall;
  beforeEach(async () => {
    hall = await startTestHall();
  });
  afterEach(async () => {
    await hall.close();
  });

  it('a display dropped in the middle of a burst of calls ends with exactly the server state', async () => {
    const kiosk = await hall.connect('/kiosk', { deviceToken: await hall.deviceToken('kiosk') });
    const clerks = await Promise.all(
      ['clerk01', 'clerk02', 'clerk03'].map(async (u) =>
        hall.connect('/window', { sessionToken: await hall.login(u) }),
      ),
    );
    await Promise.all(clerks.map((c, i) => command(c, 'window:sign-in', { windowId: `w0${i + 1}` })));
    for (let i = 0; i < 30; i++) await command<IssuedTicket>(kiosk, 'ticket:issue', { serviceId: 'general' });

    const display = await hall.connect('/display', { deviceToken: await hall.deviceToken('display') });
    const { tracker } = follow(display);
    tracker.snapshot(display.firstSnapshot);

    const burst = async (n: number) => {
      for (let i = 0; i < n; i++) await command(clerks[i % 3]!, 'ticket:call-next', { windowId: `w0${(i % 3) + 1}` });
    };
    await burst(6);
    // Drop the display's transport mid-burst; socket.io reconnects by itself and the server pushes a fresh snapshot.
    (display.io.engine as unknown as { close(): void }).close();
    await burst(9);
    await expect.poll(() => display.connected, { timeout: 5000 }).toBe(true);
    await burst(6);

    const server = hall.running.hall.snapshot();
    await expect.poll(() => tracker.current?.seq, { timeout: 5000 }).toBe(server.seq);
    const { serverTime: _a, ...client } = tracker.current!;
    const { serverTime: _b, ...expected } = server;
    expect(client.tickets).toEqual(expected.tickets);
    expect(client.windows).toEqual(expected.windows);
    expect(client.services.map((s) => [s.id, s.waiting])).toEqual(expected.services.map((s) => [s.id, s.waiting]));
    expect(client.recentCalls.map((c) => c.seq)).toEqual(expected.recentCalls.map((c) => c.seq));
  });

  it('a client that misses events asks for a snapshot and never applies an old event', async () => {
    const display = await hall.connect('/display', { deviceToken: await hall.deviceToken('display') });
    let gaps = 0;
    const tracker = new SequenceTracker(() => gaps++);
    tracker.snapshot(display.firstSnapshot);
    const kiosk = await hall.connect('/kiosk', { deviceToken: await hall.deviceToken('kiosk') });
    const events: Parameters<SequenceTracker['event']>[0][] = [];
    display.on('hall:event', (e) => events.push(e));
    for (let i = 0; i < 3; i++) await command(kiosk, 'ticket:issue', { serviceId: 'general' });
    await expect.poll(() => events.length).toBe(3);
    // Deliver out of order: the second is skipped → gap reported, nothing applied until the snapshot.
    expect(tracker.event(events[1]!)).toEqual([]);
    expect(gaps).toBe(1);
    const snap = await request<HallSnapshot>(display, 'hall:snapshot', {});
    expect(snap.ok).toBe(true);
    if (snap.ok) tracker.snapshot(snap.data);
    expect(tracker.current!.seq).toBe(events[2]!.seq);
    // Replays of old events change nothing.
    expect(tracker.event(events[0]!)).toEqual([]);
    expect(tracker.current!.tickets.map((t) => t.number)).toEqual(['A001', 'A002', 'A003']);
  });
});
