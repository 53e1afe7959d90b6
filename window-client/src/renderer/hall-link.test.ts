import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { HallEvent, HallSnapshot } from '@onedoor/protocol';

/** A stand-in socket: records emits; `answers` decides, per emit, whether the ack times out or what it says. */
const fake = {
  connected: true,
  active: true,
  handlers: new Map<string, (...args: unknown[]) => void>(),
  emitted: [] as { event: string; payload: Record<string, unknown> }[],
  answers: [] as (null | unknown)[],
  on(event: string, fn: (...args: unknown[]) => void) {
    this.handlers.set(event, fn);
    return this;
  },
  timeout() {
    return {
      emit: (event: string, payload: Record<string, unknown>, cb: (err: Error | null, ack?: unknown) => void) => {
        fake.emitted.push({ event, payload });
        const answer = fake.answers.shift();
        if (answer === null || answer === undefined) cb(new Error('operation has timed out'));
        else cb(null, answer);
      },
    };
  },
  removeAllListeners() {},
  disconnect() {},
  connect() {},
};
vi.mock('socket.io-client', () => ({ io: () => fake }));

const { HallLink } = await import('./hall-link');

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

describe('HallLink', () => {
  beforeEach(() => {
    const target = new EventTarget();
    vi.stubGlobal('window', target);
    vi.stubGlobal('document', Object.assign(new EventTarget(), { visibilityState: 'visible' }));
    fake.connected = true;
    fake.handlers.clear();
    fake.emitted = [];
    fake.answers = [];
  });
  afterEach(() => vi.unstubAllGlobals());

  const make = () => {
    const changes: { seq: number; base: number; applied: number[] }[] = [];
    const link = new HallLink('http://hall', 'token', {
      onChange: (state, base, applied) =>
        changes.push({ seq: state.seq, base: base.seq, applied: applied.map((e) => e.seq) }),
      onStatus: () => undefined,
      onUnauthorized: () => undefined,
    });
    return { link, changes };
  };

  it('asks again with the same requestId when an ack is lost, so the server acts once', async () => {
    const { link } = make();
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
    const { link } = make();
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
    const { link } = make();
    fake.connected = false;
    const ack = await link.command('ticket:finish', { windowId: 'w01' });
    expect(ack.ok).toBe(false);
    if (!ack.ok) expect(ack.error.code).toBe('UNAVAILABLE');
    expect(fake.emitted).toHaveLength(0);
    link.close();
  });

  it('feeds snapshots and events through the SequenceTracker; a gap asks for a fresh snapshot', () => {
    const { link, changes } = make();
    fake.handlers.get('hall:snapshot')!(snapshot(5));
    fake.handlers.get('hall:event')!(event(6));
    fake.handlers.get('hall:event')!(event(6)); // replay: ignored
    expect(changes).toEqual([
      { seq: 5, base: 5, applied: [] },
      { seq: 6, base: 5, applied: [6] },
    ]);
    fake.answers = [{ ok: true, data: snapshot(9) }];
    fake.handlers.get('hall:event')!(event(8)); // 7 is missing
    expect(fake.emitted.map((e) => e.event)).toEqual(['hall:snapshot']);
    expect(changes.at(-1)).toEqual({ seq: 9, base: 9, applied: [] });
    expect(link.state?.seq).toBe(9);
    link.close();
  });
});
