import { describe, expect, it } from 'vitest';
import type { HallEvent, HallSnapshot } from '../dto/queue.js';
import type { ConsoleClientEvents, WindowClientEvents } from '../socket/events.js';
import { HallLink, type HallLinkHandlers, type LinkStatus } from './hall-link.js';
import { FakeSocket, ManualTimers, manualWake } from './testing.js';

const snapshot = (seq: number): HallSnapshot => ({
  seq,
  hallId: 'h',
  hallName: '大厅',
  businessDay: '2026-03-02',
  serverTime: '2026-03-02T01:00:00.000Z',
  timeZone: 'Asia/Shanghai',
  notice: '',
  services: [],
  windows: [],
  tickets: [],
  recentCalls: [],
});
const event = (seq: number): HallEvent => ({
  seq,
  type: 'notice.changed',
  at: '2026-03-02T01:00:00.000Z',
  tickets: [],
  windows: [],
  services: [],
  call: null,
  notice: `n${seq}`,
});

function make(options: { resyncMs?: number } = {}) {
  const fake = new FakeSocket<WindowClientEvents>();
  const timers = new ManualTimers();
  const wake = manualWake();
  const changes: { seq: number; base: number; applied: number[] }[] = [];
  const snapshots: { seq: number; source: string }[] = [];
  const statuses: LinkStatus[] = [];
  const refused: string[] = [];
  const handlers: HallLinkHandlers = {
    onChange: (state, base, applied) =>
      changes.push({ seq: state.seq, base: base.seq, applied: applied.map((e) => e.seq) }),
    onSnapshot: (s, source) => snapshots.push({ seq: s.seq, source }),
    onStatus: (s) => statuses.push(s),
    onUnauthorized: (e) => refused.push(`${e.code}: ${e.message}`),
  };
  const link = new HallLink<WindowClientEvents>({ socket: fake, timers, wake: wake.wake, ...options }, handlers);
  return { link, fake, timers, wake, changes, snapshots, statuses, refused };
}

describe('HallLink: commands', () => {
  it('asks again with the same requestId when an ack is lost, so the server acts once', async () => {
    const { link, fake } = make();
    fake.answers = [null, { ok: true, data: { number: 'A001' } }];
    const ack = await link.command('ticket:call-next', { windowId: 'w01' });
    expect(ack).toEqual({ ok: true, data: { number: 'A001' } });
    expect(fake.emitted).toHaveLength(2);
    const [a, b] = fake.emitted;
    expect(a!.payload.requestId).toBe(b!.payload.requestId);
    expect(String(a!.payload.requestId).length).toBeGreaterThanOrEqual(8);
    link.close();
  });

  it('each new command gets a new requestId; two lost acks end in a Chinese message', async () => {
    const { link, fake } = make();
    fake.answers = [{ ok: true, data: null }];
    await link.command('ticket:recall', { windowId: 'w01' });
    fake.answers = [null, null];
    const ack = await link.command('ticket:recall', { windowId: 'w01' });
    expect(ack.ok).toBe(false);
    if (!ack.ok) expect(ack.error.message).toContain('服务器未及时响应');
    expect(new Set(fake.emitted.map((e) => e.payload.requestId)).size).toBe(2);
    link.close();
  });

  it('sends nothing while offline (no late duplicate after reconnect)', async () => {
    const { link, fake } = make();
    fake.connected = false;
    const ack = await link.command('ticket:finish', { windowId: 'w01' });
    expect(ack.ok).toBe(false);
    if (!ack.ok) expect(ack.error.code).toBe('UNAVAILABLE');
    expect(fake.emitted).toHaveLength(0);
    expect(await link.request('ticket:finish', { windowId: 'w01' })).toBeNull();
    link.close();
  });

  it("keeps the caller's requestId, and `request` sends once: a lost ack is the caller's to retry", async () => {
    const { link, fake } = make();
    fake.answers = [{ ok: false, error: { code: 'WINDOW_IDLE', message: '窗口空闲', messageEn: 'idle' } }];
    const refused = await link.command('ticket:finish', { windowId: 'w01' }, 'request-0001');
    expect(refused).toMatchObject({ ok: false, error: { code: 'WINDOW_IDLE' } });
    fake.answers = [null];
    expect(await link.request('ticket:finish', { windowId: 'w01', requestId: 'request-0002' })).toBeNull();
    expect(fake.emitted.map((e) => e.payload.requestId)).toEqual(['request-0001', 'request-0002']);
    link.close();
  });

  it('types commands by the namespace: a console link sends console commands', async () => {
    const fake = new FakeSocket<ConsoleClientEvents>();
    const link = new HallLink<ConsoleClientEvents>(
      { socket: fake, timers: new ManualTimers() },
      { onStatus: () => undefined, onUnauthorized: () => undefined },
    );
    fake.answers = [{ ok: true, data: { notice: '午休' } }];
    const ack = await link.command('notice:set', { text: '午休' });
    expect(ack.ok && ack.data.notice).toBe('午休');
    expect(fake.emitted).toEqual([{ event: 'notice:set', payload: { text: '午休', requestId: expect.any(String) } }]);
    link.close();
  });
});

describe('HallLink: hall state', () => {
  it('feeds snapshots and events through the SequenceTracker; a gap asks for a fresh snapshot', () => {
    const { link, fake, changes } = make();
    fake.serverSends('hall:snapshot', snapshot(5));
    fake.serverSends('hall:event', event(6));
    fake.serverSends('hall:event', event(6)); // replay: ignored
    expect(changes).toEqual([
      { seq: 5, base: 5, applied: [] },
      { seq: 6, base: 5, applied: [6] },
    ]);
    fake.answers = [{ ok: true, data: snapshot(9) }];
    fake.serverSends('hall:event', event(8)); // 7 is missing
    expect(fake.emitted.map((e) => e.event)).toEqual(['hall:snapshot']);
    expect(changes.at(-1)).toEqual({ seq: 9, base: 9, applied: [] });
    expect(link.state?.seq).toBe(9);
    link.close();
  });

  it('a gap whose snapshot request goes unanswered is asked again while connected, one request at a time', () => {
    const { link, fake, timers, changes } = make();
    fake.serverSends('hall:snapshot', snapshot(1));
    fake.answers = [FakeSocket.HOLD];
    fake.serverSends('hall:event', event(3));
    fake.serverSends('hall:event', event(4)); // still in the gap: no second request while one is out
    expect(fake.emitted).toHaveLength(1);
    fake.answerHeld(null);
    timers.advance(1999);
    expect(fake.emitted).toHaveLength(1);
    fake.answers = [{ ok: true, data: snapshot(3) }];
    timers.advance(1);
    expect(fake.emitted).toHaveLength(2);
    // The buffered event 4 applies on top of the snapshot.
    expect(changes.at(-1)).toEqual({ seq: 4, base: 3, applied: [4] });
    link.close();
  });

  it('a pushed snapshot older than the state starts again from it (restored server); a late answer does not', () => {
    const { link, fake, changes, snapshots } = make();
    fake.serverSends('hall:snapshot', snapshot(40));
    fake.answers = [{ ok: true, data: snapshot(12) }];
    link.requestSnapshot();
    expect(link.state?.seq).toBe(40);
    fake.serverSends('hall:snapshot', snapshot(3));
    expect(link.state?.seq).toBe(3);
    fake.serverSends('hall:event', event(4));
    expect(changes.at(-1)).toEqual({ seq: 4, base: 3, applied: [4] });
    expect(snapshots).toEqual([
      { seq: 40, source: 'connect' },
      { seq: 3, source: 'connect' },
    ]);
    link.close();
  });

  it('asks for a snapshot when none was pushed soon after connecting, and not when one was', () => {
    const { link, fake, timers, statuses } = make();
    fake.serverSends('connect');
    expect(statuses).toEqual(['connecting', 'online']);
    fake.answers = [{ ok: true, data: snapshot(2) }];
    timers.advance(4000);
    expect(fake.emitted.map((e) => e.event)).toEqual(['hall:snapshot']);
    fake.serverSends('connect');
    fake.serverSends('hall:snapshot', snapshot(2));
    timers.advance(10_000);
    expect(fake.emitted).toHaveLength(1);
    link.close();
  });

  it('checks the state every resyncMs while connected; the period can change while running', () => {
    const { link, fake, timers } = make({ resyncMs: 120_000 });
    fake.serverSends('hall:snapshot', snapshot(1));
    fake.answers = [{ ok: true, data: snapshot(1) }];
    timers.advance(120_000);
    expect(fake.emitted).toHaveLength(1);
    link.setResync(0);
    timers.advance(600_000);
    expect(fake.emitted).toHaveLength(1);
    link.close();
  });

  it('passes device settings on', () => {
    const fake = new FakeSocket<WindowClientEvents>();
    const got: Record<string, unknown>[] = [];
    const link = new HallLink<WindowClientEvents>(
      { socket: fake, timers: new ManualTimers() },
      { onStatus: () => undefined, onUnauthorized: () => undefined, onSettings: (s) => got.push(s) },
    );
    fake.serverSends('device:settings', { services: ['tax'] });
    expect(got).toEqual([{ services: ['tax'] }]);
    link.close();
  });
});

describe('HallLink: reconnecting', () => {
  it('reconnects after the server hangs up on purpose, which socket.io does not do by itself', () => {
    const { link, fake, timers, statuses } = make();
    fake.serverSends('disconnect', 'io server disconnect');
    expect(statuses.at(-1)).toBe('offline');
    expect(fake.connects).toBe(0);
    timers.advance(2000);
    expect(fake.connects).toBe(1);
    link.close();
  });

  it('leaves ordinary drops to socket.io and retries itself after a refusal that stopped socket.io', () => {
    const { link, fake, timers } = make();
    fake.serverSends('disconnect', 'transport close');
    timers.advance(60_000);
    expect(fake.connects).toBe(0);
    fake.active = false;
    fake.serverSends(
      'connect_error',
      Object.assign(new Error('refused'), { data: { code: 'UNAVAILABLE', message: '服务器繁忙' } }),
    );
    timers.advance(3000);
    expect(fake.connects).toBe(1);
    link.close();
  });

  it('keeps trying forever: every refusal schedules the next attempt', () => {
    const { link, fake, timers } = make();
    fake.connected = false;
    fake.active = false;
    for (let i = 1; i <= 5; i++) {
      fake.serverSends('connect_error', new Error('xhr poll error'));
      timers.advance(3000);
      expect(fake.connects).toBe(i);
    }
    link.close();
  });

  it('an auth refusal closes the link and hands back, with the Chinese message; nothing retries', () => {
    const { link, fake, timers, refused, wake } = make({ resyncMs: 60_000 });
    fake.active = false;
    fake.serverSends(
      'connect_error',
      Object.assign(new Error('unauthorized'), {
        data: { code: 'UNAUTHENTICATED', message: '设备未配对或已被撤销', messageEn: 'unknown device token' },
      }),
    );
    expect(refused).toEqual(['UNAUTHENTICATED: 设备未配对或已被撤销']);
    expect(fake.disconnects).toBe(1);
    expect(wake.subscribed()).toBe(false);
    timers.advance(600_000);
    expect(fake.connects).toBe(0);
    expect(timers.pending).toBe(0);
    link.close();
  });

  it('a wake-up resyncs when connected and cuts the backoff short when not', () => {
    const { link, fake, wake } = make();
    fake.serverSends('hall:snapshot', snapshot(1));
    fake.answers = [{ ok: true, data: snapshot(1) }];
    wake.poke();
    expect(fake.emitted.map((e) => e.event)).toEqual(['hall:snapshot']);
    fake.serverSends('disconnect', 'transport close');
    wake.poke();
    expect(fake.disconnects).toBe(1);
    expect(fake.connects).toBe(1);
    link.close();
  });

  it('hold() keeps the link down through hang-ups and wake-ups until release()', () => {
    const { link, fake, timers, wake } = make();
    link.hold();
    fake.serverSends('disconnect', 'io client disconnect');
    wake.poke();
    timers.advance(60_000);
    expect(fake.connects).toBe(0);
    link.release();
    expect(fake.connects).toBe(1);
    link.close();
  });

  it('close() stops everything: no timers, no wake subscription, no listeners', () => {
    const { link, fake, timers, wake } = make({ resyncMs: 1000 });
    fake.serverSends('disconnect', 'io server disconnect');
    link.close();
    expect(timers.pending).toBe(0);
    expect(wake.subscribed()).toBe(false);
    fake.serverSends('hall:snapshot', snapshot(1));
    expect(link.state).toBeNull();
  });
});
