import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseDetail, IssuedTicket, PlatformSyncState, TicketView } from '@onedoor/protocol';
import { command, request, type ClientSocket } from '../helpers/test-hall';
import { eventually, startPlatformBench, until, type PlatformBench } from '../helpers/platform';

/**
 * The platform is down for a whole simulated day. The hall's clock is injected (and the simulator shares it, so
 * signatures carry the same time): each step moves it ten minutes on, nobody sleeps a day. All day the hall issues
 * tickets, takes cases in at the window from 收件 to 出件 and records ratings on the evaluator, and none of it waits
 * for the link. The link backs off to its ceiling and the outage raises an alarm; nothing becomes a dead letter.
 * When the platform is back every record arrives exactly once, in order per case, and the queue status is the latest.
 */
const STEP_MS = 10 * 60_000;
const STEPS = 143; // 00:05 → 23:55
const DAY_START = Date.parse('2026-03-02T00:05:00+08:00');

describe('fault: the platform is down for a simulated day', () => {
  let offset = 0;
  const realStart = Date.now();
  const clock = { now: () => DAY_START + (Date.now() - realStart) + offset };
  let bench: PlatformBench;
  let kiosk: ClientSocket;
  let window: ClientSocket;
  let clerk: string;
  let manager: string;

  beforeAll(async () => {
    bench = await startPlatformBench({
      clock,
      simNow: () => clock.now(),
      config: { demo: { virtualDevices: true }, security: { sessionHours: 72 } },
      platform: { retry: { baseMs: 2000, maxMs: 600_000, maxRefusals: 3 }, alarmAfterMinutes: 15 },
    });
    clerk = await bench.hall.login('clerk01');
    manager = await bench.hall.login('manager01');
    kiosk = await bench.hall.connect('/kiosk', { deviceToken: bench.hall.running.demoTokens['kiosk-01']! });
    window = await bench.hall.connect('/window', { sessionToken: clerk });
    await command(window, 'window:sign-in', { windowId: 'w01' });
    await until(
      'the virtual evaluator is online',
      () => bench.hall.running.authRepo.findDevice('eval-w01')?.online === true,
    );
  }, 90_000);
  afterAll(async () => bench?.close());

  const sync = async () =>
    ((await bench.rest<PlatformSyncState>(manager, 'GET', '/api/platform/sync')).body as { data: PlatformSyncState })
      .data;
  const ratings = () =>
    (bench.hall.running.db.prepare('SELECT count(*) AS n FROM evaluations').get() as { n: number }).n;
  const post = async <T>(path: string, body: unknown) => {
    const r = await bench.rest<T>(clerk, 'POST', path, body);
    if (!r.body.ok) throw new Error(`${path}: ${r.body.error.message}`);
    return r.body.data;
  };

  it('keeps the hall working all day and delivers every record exactly once afterwards', async () => {
    const beforeOutage = (await bench.received()).records.length;
    await bench.control('POST', '/sim/faults', { mode: 'down' });
    const cases: CaseDetail[] = [];
    const people = ['11010519491231002X', '42010619850315123X', '310101195801018882', '440304199207084569'];
    let issued = 0;
    for (let step = 0; step < STEPS; step++) {
      offset += STEP_MS;
      const ticket = await request<IssuedTicket>(kiosk, 'ticket:issue', { serviceId: 'general' });
      expect(ticket.ok).toBe(true);
      issued++;
      if (step % 3 !== 0) continue;
      // A visitor at window 1: called, a 即办件 taken in and concluded, rated on the evaluator, handed the result.
      const called = await command<TicketView>(window, 'ticket:call-next', { windowId: 'w01' });
      const idNumber = people[step % people.length]!;
      const c = await post<CaseDetail>('/api/cases', {
        matterId: 'sbk-bh',
        applicant: { kind: 'person', name: `来访者${step}`, idNumber },
        materials: [
          { materialId: 'm-sfz', status: 'received' },
          { materialId: 'm-sbk-sqb', status: 'received' },
          { materialId: 'm-zp', status: 'received' },
        ],
        ticketId: called.id,
        accept: true,
      });
      await post(`/api/cases/${c.id}/approve`, { opinion: '即办件当场办结' });
      const before = ratings();
      const rated = await fetch(`${bench.hall.baseUrl}/api/demo/evaluators/eval-w01/ratings`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${clerk}` },
        // The wired evaluator's four keys: 非常满意, 满意, 基本满意, 不满意.
        body: JSON.stringify({ level: [5, 4, 3, 2][(step / 3) % 4] }),
      });
      expect(rated.status, await rated.clone().text()).toBe(200);
      await eventually(ratings, { timeout: 10_000 }).toBe(before + 1);
      await post(`/api/cases/${c.id}/deliver`, { way: 'window', receiver: { proxy: false, idNumber } });
      await command(window, 'ticket:finish', { windowId: 'w01' });
      cases.push(c);
    }
    expect(issued).toBe(STEPS);
    expect(cases).toHaveLength(48);

    // The day's records wait in the outbox; the link is down, an alarm says so, nothing is a dead letter.
    const down = await sync();
    expect(down.link.state).toBe('down');
    expect(down.outbox.depth).toBeGreaterThanOrEqual(cases.length * 5);
    expect(down.deadLetters).toEqual([]);
    expect(down.alarms.map((a) => a.message).join('\n')).toContain('与平台的连接已中断');
    expect((await bench.received()).records).toHaveLength(beforeOutage);
    // Backed off to its ceiling: at most one probe per few minutes of the day, not one per record.
    const probes = bench.hall.running.db.prepare('SELECT sum(attempts) AS n FROM platform_outbox').get() as {
      n: number;
    };
    expect(probes.n).toBeLessThan(STEPS * 2);

    await bench.control('POST', '/sim/faults', { mode: 'ok' });
    offset += STEP_MS; // past the next probe
    await eventually(async () => (await sync()).outbox.depth, { timeout: 60_000, interval: 200 }).toBe(0);
    const up = await sync();
    expect(up.link.state).toBe('up');
    expect(up.alarms.map((a) => a.message).join('\n')).toContain('连接已恢复');

    const db = bench.hall.running.db;
    const steps = db
      .prepare("SELECT case_id, step_no FROM case_steps WHERE source <> 'platform' ORDER BY case_id, step_no")
      .all() as { case_id: string; step_no: number }[];
    const evaluations = db.prepare('SELECT id FROM evaluations').all() as { id: string }[];
    const got = await bench.received();
    const code = bench.hallCode;
    const keysOf = (kind: string) => got.records.filter((r) => r.kind === kind).map((r) => r.idempotencyKey);
    // Exactly once: every case step and every rating, no key recorded twice.
    expect(keysOf('case-stage').sort()).toEqual(
      steps.map((s) => `${code}:case-stage:${s.case_id}:${s.step_no}`).sort(),
    );
    expect(keysOf('evaluation').sort()).toEqual(evaluations.map((e) => `${code}:evaluation:${e.id}`).sort());
    const all = got.records.map((r) => r.idempotencyKey);
    expect(new Set(all).size).toBe(all.length);
    // In order per case: its stages, then its rating (written while it was being served, before 出件 here).
    for (const c of cases) {
      const mine = got.records.filter((r) => r.caseNo === c.caseNo);
      expect(mine.map((r) => (r.kind === 'case-stage' ? r.stage : r.kind))).toEqual([
        'received',
        'accepted',
        'concluded',
        'evaluation',
        'delivered',
      ]);
    }
    // The queue status the platform holds is the hall's latest.
    const snapshot = bench.hall.running.hall.snapshot();
    const latest = got.queueStatus[code] as { services: { code: string; waiting: number }[] };
    expect(latest.services.find((s) => s.code === 'general')?.waiting).toBe(
      snapshot.services.find((s) => s.id === 'general')?.waiting,
    );
  }, 300_000);

  it('after the outage, duplicate and reordered webhooks change nothing twice', async () => {
    const db = bench.hall.running.db;
    const state = () => ({
      appointments: db.prepare('SELECT id, code, status, slot_start, slot_end FROM appointments ORDER BY id').all(),
      pretrials: db.prepare('SELECT platform_id, version, status FROM platform_pretrials ORDER BY platform_id').all(),
      steps: (db.prepare('SELECT count(*) AS n FROM case_steps').get() as { n: number }).n,
      events: (db.prepare('SELECT max(seq) AS n FROM events').get() as { n: number }).n,
    });
    const holder = { name: '王建国', idNumber: '310101195801018882' };
    await bench.control('POST', '/sim/appointments', { hallCode: bench.hallCode, id: 'storm-1', holder });
    await bench.control('POST', '/sim/appointments', {
      hallCode: bench.hallCode,
      id: 'storm-2',
      serviceCode: 'tax',
      holder,
    });
    await bench.control('POST', '/sim/appointments', {
      hallCode: bench.hallCode,
      id: 'storm-1',
      holder,
      matterName: '改约',
    });
    await bench.control('POST', '/sim/appointments/storm-2/cancel');
    const open = (await bench.rest<CaseDetail[]>(clerk, 'GET', '/api/cases?stage=delivered&limit=1')).body as {
      data: CaseDetail[];
    };
    // A department result for a case that is already through: applied once as "already concluded".
    await bench.control('POST', '/sim/case-results', {
      hallCode: bench.hallCode,
      result: { caseNo: open.data[0]!.caseNo, result: 'approved', opinion: '部门系统办结' },
    });
    const before = state();
    const replay = await bench.control<{ replayed: { status: number; answer: { data?: { applied: boolean } } }[] }>(
      'POST',
      '/sim/webhooks/replay',
      { count: 5 },
    );
    expect(replay.replayed).toHaveLength(10);
    expect(replay.replayed.every((r) => r.status === 200 && r.answer.data?.applied === false)).toBe(true);
    expect(state()).toEqual(before);
    expect(before.appointments).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ id: 'platform-storm-1', status: 'booked' }),
        expect.objectContaining({ id: 'platform-storm-2', status: 'cancelled' }),
      ]),
    );
  });
});
