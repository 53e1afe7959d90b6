/**
 * The kiosk's hall link against a real hall server (demo hall): the queue-protecting paths the e2e cannot reach
 * easily — a retried issue returns the same ticket, an abandoned issue is voided, a print result left in storage by
 * a previous page is delivered after a reload.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HallSnapshot } from '@onedoor/protocol';
import { request, startTestHall, type ClientSocket, type TestHall } from '../../../test/helpers/test-hall';
import { KioskLink } from './hall-link';
import { pairWithHall } from '../shared/pairing';
import type { PendingCheckIn, PendingIssue } from './visit-flow';

function memoryStorage(initial: Record<string, string> = {}) {
  const m = new Map(Object.entries(initial));
  return { getItem: (k: string) => m.get(k) ?? null, setItem: (k: string, v: string) => void m.set(k, v), m };
}

async function until<T>(what: string, get: () => Promise<T> | T, ok: (v: T) => boolean, ms = 10_000): Promise<T> {
  const end = Date.now() + ms;
  let last = await get();
  while (!ok(last)) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
    last = await get();
  }
  return last;
}

let n = 0;
const newId = () => `kiosk-test-${++n}-${Math.random().toString(36).slice(2, 10)}`;
const pending = (serviceId: string): PendingIssue => {
  const requestId = newId();
  return { requestId, payload: { requestId, serviceId, priority: 'normal' } };
};

const checkIn = (by: { code: string } | { idNumber: string }): PendingCheckIn => {
  const requestId = newId();
  return { requestId, payload: { requestId, ...by } };
};

describe('kiosk hall link (real hall server)', () => {
  let hall: TestHall;
  let watcher: ClientSocket;
  const links: KioskLink[] = [];
  const active = async (): Promise<HallSnapshot['tickets']> => {
    for (;;) {
      const ack = await request<HallSnapshot>(watcher, 'hall:snapshot', {});
      if (ack.ok) return ack.data.tickets;
      // The hall allows a socket a few snapshots a second (issue 12); a test polling faster waits its turn.
      if (ack.error.code !== 'RATE_LIMITED') throw new Error(ack.error.message);
      await new Promise((r) => setTimeout(r, 500));
    }
  };
  /** A kiosk page; pass the token of an earlier one to reload the same kiosk. */
  const open = async (storage = memoryStorage(), deviceToken?: string) => {
    const token = deviceToken ?? (await hall.deviceToken('kiosk'));
    const statuses: string[] = [];
    const snapshots: HallSnapshot[] = [];
    const link = new KioskLink(
      { origin: hall.baseUrl, deviceToken: token, storage, newId, ackTimeoutMs: 3000 },
      {
        onSnapshot: (s) => snapshots.push(s),
        onStatus: (s) => statuses.push(s),
        onUnauthorized: () => statuses.push('unauthorized'),
      },
    );
    links.push(link);
    await until(
      'online',
      () => statuses.at(-1),
      (s) => s === 'online',
    );
    await until(
      'snapshot',
      () => snapshots.length,
      (k) => k > 0,
    );
    return { link, statuses, snapshots, storage, token };
  };

  beforeAll(async () => {
    hall = await startTestHall({ seedDemo: true });
    watcher = await hall.connect('/window', { sessionToken: await hall.login('clerk01', 'demo1234') });
  });
  afterAll(async () => {
    links.forEach((l) => l.close());
    await hall?.close();
  });

  it('sending the same issue twice (a retry after a lost ack) returns the same ticket', async () => {
    const { link, snapshots } = await open();
    const p = pending('general');
    const first = await link.issue(p);
    const again = await link.issue(p);
    expect(first.kind).toBe('ok');
    expect(again).toEqual(first);
    expect((await active()).filter((t) => first.kind === 'ok' && t.id === first.ticket.ticket.id)).toHaveLength(1);
    // The link keeps its hall state current through hall:event (SequenceTracker).
    await until(
      'the issued ticket in the kiosk state',
      () => snapshots.at(-1)!.tickets.length,
      (k) => k >= 1,
    );
  });

  it('a refusal comes back as data (real-name service without a card)', async () => {
    const { link } = await open();
    const r = await link.issue(pending('household'));
    expect(r.kind).toBe('refused');
    if (r.kind === 'refused') expect(r.error.code).toBe('REAL_NAME_REQUIRED');
  });

  it('an abandoned issue is resolved: the ticket it made is voided and never called', async () => {
    const { link } = await open();
    const p = pending('tax');
    // The first send reached the server but the visitor gave up before an answer came.
    const made = await link.issue(p);
    expect(made.kind).toBe('ok');
    const id = made.kind === 'ok' ? made.ticket.ticket.id : '';
    link.resolveAbandoned(p);
    await until('the abandoned ticket to be voided', active, (tickets) => !tickets.some((t) => t.id === id));
    expect(link.outboxSize).toBe(0);
  });

  it('a print failure left in storage by the previous page is sent after a reload', async () => {
    const { link, token } = await open();
    const made = await link.issue(pending('tax'));
    if (made.kind !== 'ok') throw new Error('issue failed');
    link.close();
    const job = {
      kind: 'print-result',
      payload: { requestId: newId(), ticketId: made.ticket.ticket.id, printed: false, reason: '打印机缺纸' },
    };
    const storage = memoryStorage({ 'onedoor.kiosk.outbox': JSON.stringify([job]) });
    // The same kiosk reloaded (a kiosk may void only tickets it issued itself).
    await open(storage, token);
    await until(
      'the ticket voided after the reload',
      active,
      (tickets) => !tickets.some((t) => t.id === made.ticket.ticket.id),
    );
    expect(JSON.parse(storage.m.get('onedoor.kiosk.outbox')!)).toEqual([]);
  });

  it('a printed ticket stays in the queue', async () => {
    const { link } = await open();
    const made = await link.issue(pending('tax'));
    if (made.kind !== 'ok') throw new Error('issue failed');
    link.reportPrint({ requestId: newId(), ticketId: made.ticket.ticket.id, printed: true });
    await until(
      'outbox empty',
      () => link.outboxSize,
      (k) => k === 0,
    );
    expect((await active()).some((t) => t.id === made.ticket.ticket.id)).toBe(true);
  });

  it('a check-in sent twice (retry after a lost ack) returns the same 预约 ticket; the early code is refused as data', async () => {
    const { link } = await open();
    const [onTime, early] = hall.running.demoAppointmentCodes;
    const p = checkIn({ code: onTime! });
    const first = await link.checkIn(p);
    const again = await link.checkIn(p);
    expect(first.kind).toBe('ok');
    expect(again).toEqual(first);
    if (first.kind === 'ok') {
      expect(first.result.outcome).toBe('on-time');
      expect(first.result.issued.ticket).toMatchObject({ priority: 'appointment', serviceId: 'real-estate' });
    }
    const refused = await link.checkIn(checkIn({ code: early! }));
    expect(refused.kind).toBe('refused');
    if (refused.kind === 'refused') {
      expect(refused.error.code).toBe('APPOINTMENT_TOO_EARLY');
      expect(refused.error.message).toContain('之后签到');
    }
  });

  it('an abandoned check-in is resolved: the ticket it made is voided', async () => {
    const { link } = await open();
    const late = hall.running.demoAppointmentCodes[2]!;
    const p = checkIn({ code: late });
    const made = await link.checkIn(p);
    if (made.kind !== 'ok') throw new Error(`check-in failed: ${JSON.stringify(made)}`);
    const id = made.result.issued.ticket.id;
    expect((await active()).some((t) => t.id === id)).toBe(true);
    link.resolveAbandonedCheckIn(p);
    await until('the abandoned check-in ticket to be voided', active, (tickets) => !tickets.some((t) => t.id === id));
    expect(link.outboxSize).toBe(0);
  });

  it('pairs with a 6-digit code and says why when the code is wrong', async () => {
    const bad = await pairWithHall(hall.baseUrl, '000000');
    expect(bad.ok).toBe(false);
    const id = `kiosk-pair-${Date.now()}`;
    hall.running.auth.saveDevice({ id, kind: 'kiosk', name: id, windowId: null, settings: {} });
    const code = hall.running.auth.createPairingCode(id);
    if (!code.ok) throw new Error('no code');
    const good = await pairWithHall(hall.baseUrl, code.value.code);
    expect(good.ok).toBe(true);
  });
});
