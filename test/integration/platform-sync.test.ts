/**
 * 一网通办 through the real interfaces: a hall server (demo hall, real SQLite file) beside the platform simulator,
 * talking the signed contract over HTTP. Appointments in by webhook and by pull (booked, changed, cancelled; duplicate
 * and reordered webhooks change nothing twice), pre-reviewed applications found and taken in, department results that
 * conclude a case, no-shows reported, refused webhooks (signature, clock, replay), dead letters and their retry.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  AppointmentView,
  CaseDetail,
  CheckInResult,
  OutboxItemView,
  PlatformSyncState,
  PretrialView,
} from '@onedoor/protocol';
import { DEMO_CATALOG } from '../../hall-server/src/app/demo/demo-catalog.js';
import { loadConfig } from '../../hall-server/src/config/config.loader.js';
import { command, startTestHall } from '../helpers/test-hall';
import { eventually, HMAC_KEYS, postWebhook, startPlatformBench, type PlatformBench } from '../helpers/platform';

const YYZZ = DEMO_CATALOG.matters.find((m) => m.id === 'yyzz-sl')!;

describe('platform sync (hall server + platform simulator, HMAC-SHA256)', () => {
  let bench: PlatformBench;
  let clerk: string;
  let manager: string;

  beforeAll(async () => {
    bench = await startPlatformBench();
    clerk = await bench.hall.login('clerk01');
    manager = await bench.hall.login('manager01');
  }, 60_000);
  afterAll(async () => bench?.close());

  const appointments = async () =>
    (await bench.rest<AppointmentView[]>(clerk, 'GET', '/api/appointments')).body as {
      ok: true;
      data: AppointmentView[];
    };
  const eventCount = (type: string) =>
    (bench.hall.running.db.prepare('SELECT count(*) AS n FROM events WHERE type = ?').get(type) as { n: number }).n;
  const syncState = async () =>
    ((await bench.rest<PlatformSyncState>(manager, 'GET', '/api/platform/sync')).body as { data: PlatformSyncState })
      .data;
  const caseRecords = async (caseNo: string) =>
    (await bench.received()).records.filter((r) => r.kind === 'case-stage' && r.caseNo === caseNo);

  it('an appointment booked, changed and cancelled online arrives by webhook; replayed webhooks change nothing twice', async () => {
    const booked = await bench.control<{ appointment: { code: string }; webhook: { status: number; answer: unknown } }>(
      'POST',
      '/sim/appointments',
      {
        hallCode: bench.hallCode,
        id: 'appt-replay',
        serviceCode: 'tax',
        matterName: '个人所得税汇算',
        holder: { name: '李小梅', idNumber: '42010619850315123X' },
      },
    );
    expect(booked.webhook).toMatchObject({
      status: 200,
      answer: { ok: true, data: { applied: true, outcome: 'booked' } },
      answerVerified: true,
    });
    const code = booked.appointment.code;
    const mine = () => appointments().then((r) => r.data.find((a) => a.code === code));
    expect(await mine()).toMatchObject({
      serviceId: 'tax',
      status: 'booked',
      holderName: '李*梅',
      holderId: '4201**********123X',
    });

    const later = new Date(Date.now() + 90 * 60_000).toISOString();
    const changed = await bench.control<{ webhook: { answer: unknown } }>('POST', '/sim/appointments', {
      hallCode: bench.hallCode,
      id: 'appt-replay',
      serviceCode: 'tax',
      holder: { name: '李小梅', idNumber: '42010619850315123X' },
      slotEnd: later,
    });
    expect(changed.webhook.answer).toMatchObject({ data: { applied: true, outcome: 'changed' } });
    expect((await mine())!.slotEnd).toBe(later);
    const applied = eventCount('platform.appointment');

    // Both webhooks again, newest first, each twice, signed afresh: recognised by id and version.
    const replay = await bench.control<{
      replayed: { status: number; answer: { data: { applied: boolean; outcome: string } } }[];
    }>('POST', '/sim/webhooks/replay', { count: 2 });
    expect(replay.replayed.map((r) => [r.status, r.answer.data.applied, r.answer.data.outcome])).toEqual([
      [200, false, 'duplicate'],
      [200, false, 'duplicate'],
      [200, false, 'older-version'],
      [200, false, 'older-version'],
    ]);
    expect(eventCount('platform.appointment')).toBe(applied);
    expect((await mine())!.slotEnd).toBe(later);

    const cancelled = await bench.control<{ webhook: { answer: unknown } }>(
      'POST',
      '/sim/appointments/appt-replay/cancel',
    );
    expect(cancelled.webhook.answer).toMatchObject({ data: { applied: true, outcome: 'cancelled' } });
    await bench.control('POST', '/sim/webhooks/replay', { count: 3 });
    // The booking replayed after its cancellation does not come back.
    expect((await mine())!.status).toBe('cancelled');
    expect(eventCount('platform.appointment')).toBe(applied + 1);
  });

  it('checked in at the kiosk by ID card: a priority ticket, and the visitor’s place reaches the platform', async () => {
    const booked = await bench.control<{ appointment: { id: string; code: string } }>('POST', '/sim/appointments', {
      hallCode: bench.hallCode,
      serviceCode: 'real-estate',
      holder: { name: '王建国', idNumber: '310101195801018882' },
    });
    const kiosk = await bench.hall.connect('/kiosk', { deviceToken: bench.hall.running.demoTokens['kiosk-01']! });
    const checkedIn = await command<CheckInResult>(kiosk, 'appointment:check-in', { idNumber: '310101195801018882' });
    expect(checkedIn).toMatchObject({ outcome: 'on-time', appointment: { code: booked.appointment.code } });
    expect(checkedIn.issued.ticket).toMatchObject({ priority: 'appointment', source: 'appointment' });
    await eventually(async () => {
      const q = (await bench.received()).queueStatus[bench.hallCode] as
        { tickets: { appointmentId: string; ticketNumber: string; status: string }[] } | undefined;
      return q?.tickets.find((t) => t.appointmentId === booked.appointment.id);
    }).toEqual({
      appointmentId: booked.appointment.id,
      ticketNumber: checkedIn.issued.ticket.number,
      status: 'waiting',
      ahead: expect.any(Number),
      window: null,
    });
    kiosk.disconnect();
  });

  it('records the webhook could not bring arrive with the scheduled pull', async () => {
    await bench.control('POST', '/sim/faults', { mode: 'down' });
    const made = await bench.control<{ appointment: { code: string }; webhook: { error: string } }>(
      'POST',
      '/sim/appointments',
      { hallCode: bench.hallCode, serviceCode: 'general', holder: { name: '陈思远', idNumber: '440304199207084569' } },
    );
    expect(made.webhook.error).toMatch(/platform is down/);
    await bench.control('POST', '/sim/faults', { mode: 'ok' });
    // The feed also holds every version the webhooks brought before (4 of the tests above): those change nothing.
    const pulled = await bench.rest<{ applied: number; ignored: number }>(manager, 'POST', '/api/platform/pull');
    expect(pulled.body).toMatchObject({ ok: true, data: { applied: 1 } });
    expect((pulled.body as { data: { ignored: number } }).data.ignored).toBeGreaterThanOrEqual(4);
    expect((await appointments()).data.some((a) => a.code === made.appointment.code)).toBe(true);
    const again = await bench.rest<{ applied: number; ignored: number }>(manager, 'POST', '/api/platform/pull');
    expect(again.body).toMatchObject({ ok: true, data: { applied: 0, ignored: 0 } });
  });

  it('a pre-reviewed application is found by 预审号 or ID card and taken in without re-entering its materials', async () => {
    const now = new Date().toISOString();
    const pretrial = {
      id: 'pre-yyzz-1',
      code: 'YS-2026-0001',
      matterCode: YYZZ.implCode,
      matterName: YYZZ.name,
      applicant: { kind: 'person', name: '张三', idNumber: '11010519491231002X', phone: '13800000000' },
      answers: { ztlx: 'individual' },
      form: {},
      materials: [
        { materialId: 'm-sldj-sqs', name: '企业设立登记申请书', checkedOnline: true },
        { materialId: 'm-sfz', name: '居民身份证', checkedOnline: true },
        { materialId: 'm-zssyzm', name: '住所（经营场所）使用证明', checkedOnline: false },
      ],
      submittedAt: now,
      reviewedAt: now,
    };
    const sent = await bench.control<{ webhook: { answer: unknown } }>('POST', '/sim/pretrials', {
      hallCode: bench.hallCode,
      pretrial,
    });
    expect(sent.webhook.answer).toMatchObject({ data: { applied: true, outcome: 'stored' } });

    const byCode = await bench.rest<PretrialView[]>(clerk, 'POST', '/api/platform/pretrials/find', {
      code: 'YS-2026-0001',
    });
    expect(byCode.body).toMatchObject({
      ok: true,
      data: [
        {
          code: 'YS-2026-0001',
          status: 'ready',
          matter: { id: 'yyzz-sl', name: '营业执照设立登记' },
          applicant: { kind: 'person', nameMasked: '张*', idMasked: '1101**********002X' },
          materials: [
            { materialId: 'm-sldj-sqs', checkedOnline: true, known: true },
            { materialId: 'm-sfz', checkedOnline: true, known: true },
            { materialId: 'm-zssyzm', checkedOnline: false, known: true },
          ],
        },
      ],
    });
    const byCard = await bench.rest<PretrialView[]>(clerk, 'POST', '/api/platform/pretrials/find', {
      idNumber: '11010519491231002x',
    });
    expect(byCard.body).toMatchObject({ ok: true, data: [{ code: 'YS-2026-0001' }] });

    // At the window the clerk only checks originals and the one material not checked online (容缺 here).
    const taken = await bench.rest<CaseDetail>(clerk, 'POST', '/api/platform/pretrials/YS-2026-0001/intake', {
      materials: [{ materialId: 'm-zssyzm', status: 'tolerated' }],
      accept: true,
    });
    expect(taken.status).toBe(201);
    const detail = (taken.body as { data: CaseDetail }).data;
    expect(detail).toMatchObject({ matterId: 'yyzz-sl', platformRef: 'pre-yyzz-1', applicant: '张*' });
    expect(detail.materials.map((m) => [m.materialId, m.status, m.note])).toEqual([
      ['m-sldj-sqs', 'received', '网上预审已核验'],
      ['m-sfz', 'received', '网上预审已核验'],
      ['m-zssyzm', 'tolerated', null],
    ]);
    expect(['accepted', 'reviewing']).toContain(detail.stage);

    const after = await bench.rest<PretrialView[]>(clerk, 'POST', '/api/platform/pretrials/find', {
      code: 'YS-2026-0001',
    });
    expect(after.body).toMatchObject({ data: [{ status: 'received', caseId: detail.id }] });
    const twice = await bench.rest<CaseDetail>(clerk, 'POST', '/api/platform/pretrials/YS-2026-0001/intake', {
      accept: true,
    });
    expect(twice.status).toBe(409);
    expect(twice.body).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', message: expect.stringContaining('已收件') },
    });

    // Its stages reach the platform under the application's id; the 收件 push carries the applicant in full.
    await eventually(async () => (await caseRecords(detail.caseNo)).map((r) => r.stage)).toEqual(
      detail.steps.map((s) => s.stage),
    );
    const first = (await caseRecords(detail.caseNo))[0]!.body as { platformRef: string; applicant: { full?: unknown } };
    expect(first.platformRef).toBe('pre-yyzz-1');
    expect(first.applicant.full).toEqual({ name: '张三', idNumber: '11010519491231002X', phone: '13800000000' });
  });

  it('a pre-review only on the platform is fetched when the clerk asks for it', async () => {
    await bench.control('POST', '/sim/faults', { mode: 'down' });
    const now = new Date().toISOString();
    await bench.control('POST', '/sim/pretrials', {
      hallCode: bench.hallCode,
      pretrial: {
        id: 'pre-only-online',
        code: 'YS-2026-0002',
        matterCode: YYZZ.implCode,
        matterName: YYZZ.name,
        applicant: { kind: 'person', name: '王建国', idNumber: '310101195801018882' },
        materials: [{ materialId: 'm-sfz', name: '居民身份证', checkedOnline: true }],
        submittedAt: now,
        reviewedAt: now,
      },
    });
    const unreachable = await bench.rest(clerk, 'POST', '/api/platform/pretrials/find', { code: 'YS-2026-0002' });
    expect(unreachable.status).toBe(503);
    expect(unreachable.body).toMatchObject({
      ok: false,
      error: { code: 'UNAVAILABLE', message: expect.stringContaining('平台暂时无法查询') },
    });
    await bench.control('POST', '/sim/faults', { mode: 'ok' });
    const found = await bench.rest(clerk, 'POST', '/api/platform/pretrials/find', { code: 'YS-2026-0002' });
    expect(found.body).toMatchObject({ ok: true, data: [{ code: 'YS-2026-0002', platformId: 'pre-only-online' }] });
  });

  it('a result decided in a department system concludes the case and queues the applicant’s message', async () => {
    const received = await bench.rest<CaseDetail>(clerk, 'POST', '/api/cases', {
      matterId: 'yyzz-sl',
      answers: { ztlx: 'individual' },
      applicant: { kind: 'person', name: '林晓雨', idNumber: '330106199207084565', phone: '13900000001' },
      materials: [
        { materialId: 'm-sldj-sqs', status: 'received' },
        { materialId: 'm-sfz', status: 'received' },
        { materialId: 'm-zssyzm', status: 'received' },
      ],
      accept: true,
    });
    const c = (received.body as { data: CaseDetail }).data;
    const result = await bench.control<{ result: { id: string }; webhook: { answer: unknown } }>(
      'POST',
      '/sim/case-results',
      {
        hallCode: bench.hallCode,
        result: {
          caseNo: c.caseNo,
          result: 'approved',
          opinion: '符合条件，准予登记',
          resultNo: 'YYZZ-2026-001',
          deptName: '市场监管局',
        },
      },
    );
    expect(result.webhook.answer).toMatchObject({ data: { applied: true, outcome: 'concluded' } });
    const concluded = (await bench.rest<CaseDetail>(clerk, 'GET', `/api/cases/${c.id}`)).body as { data: CaseDetail };
    expect(concluded.data).toMatchObject({ stage: 'concluded', result: 'approved' });
    expect(concluded.data.steps.at(-1)).toMatchObject({ source: 'platform', stage: 'concluded' });
    expect(concluded.data.notifications.map((n) => n.kind)).toContain('result-ready');
    const steps = concluded.data.steps.length;

    await bench.control('POST', '/sim/webhooks/replay', { count: 1 });
    const again = (await bench.rest<CaseDetail>(clerk, 'GET', `/api/cases/${c.id}`)).body as { data: CaseDetail };
    expect(again.data.steps).toHaveLength(steps);
    // The platform's own step is not echoed back; the hall's steps are.
    await eventually(async () => (await caseRecords(c.caseNo)).map((r) => r.stage)).toEqual(
      concluded.data.steps.filter((s) => s.source !== 'platform').map((s) => s.stage),
    );
  });

  it('a platform booking nobody came for is reported back as a no-show', async () => {
    const yesterday = Date.now() - 26 * 3_600_000;
    const made = await bench.control<{ appointment: { id: string } }>('POST', '/sim/appointments', {
      hallCode: bench.hallCode,
      serviceCode: 'general',
      holder: { name: '周建国', idNumber: '330108197701207894' },
      slotStart: new Date(yesterday).toISOString(),
      slotEnd: new Date(yesterday + 3_600_000).toISOString(),
    });
    await bench.rest(manager, 'POST', '/api/platform/pull');
    await eventually(async () =>
      (await bench.received()).records
        .filter((r) => r.kind === 'no-show')
        .map((r) => (r.body as { appointmentId: string }).appointmentId),
    ).toContain(made.appointment.id);
  });

  it('webhooks with a wrong signature, a skewed clock or a replayed nonce are refused and change nothing', async () => {
    const event = {
      type: 'appointment.booked',
      eventId: 'evt-forged',
      hallCode: bench.hallCode,
      appointment: {
        id: 'forged-1',
        version: 1,
        status: 'booked',
        code: 'FORGED01',
        serviceCode: 'general',
        holder: { name: '张三', idNumber: '11010519491231002X' },
        slotStart: new Date().toISOString(),
        slotEnd: new Date(Date.now() + 3_600_000).toISOString(),
      },
    };
    const wrongKey = await postWebhook(bench.hall.baseUrl, event, {
      keys: { ...HMAC_KEYS, hmacKey: 'not the platform key at all' },
    });
    expect(wrongKey.status).toBe(401);
    expect(wrongKey.body).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED', message: '签名校验未通过' } });
    const skewed = await postWebhook(bench.hall.baseUrl, event, { now: Date.now() - 10 * 60_000 });
    expect(skewed.status).toBe(401);
    expect(skewed.body).toMatchObject({
      error: { message: expect.stringContaining('请求时间与本机时钟相差超过 300 秒') },
    });
    expect((await appointments()).data.some((a) => a.code === 'FORGED01')).toBe(false);

    const genuine = await postWebhook(bench.hall.baseUrl, event);
    expect(genuine).toMatchObject({ status: 200, body: { ok: true, data: { applied: true } } });
    const replayed = await postWebhook(bench.hall.baseUrl, event, { headers: genuine.headers });
    expect(replayed.status).toBe(409);
    expect(replayed.body).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', message: expect.stringContaining('重复的请求') },
    });
    expect((await appointments()).data.filter((a) => a.code === 'FORGED01')).toHaveLength(1);
  });

  it('a record the platform keeps refusing becomes a dead letter that holds its case; a manual retry sends both in order', async () => {
    await bench.control('POST', '/sim/faults', { mode: 'refuse' });
    const received = await bench.rest<CaseDetail>(clerk, 'POST', '/api/cases', {
      matterId: 'sbk-bh',
      applicant: { kind: 'person', name: '陈明', idNumber: '330102198503151232' },
      materials: [
        { materialId: 'm-sfz', status: 'received' },
        { materialId: 'm-sbk-sqb', status: 'received' },
        { materialId: 'm-zp', status: 'received' },
      ],
    });
    const c = (received.body as { data: CaseDetail }).data;
    await eventually(async () => (await syncState()).deadLetters.map((d) => d.caseNo), { timeout: 15_000 }).toContain(
      c.caseNo,
    );
    const dead = (await syncState()).deadLetters.find((d) => d.caseNo === c.caseNo)!;
    expect(dead).toMatchObject({ status: 'dead', refusals: 3, lastError: expect.stringContaining('HTTP 422') });
    expect((await syncState()).alarms.map((a) => a.message).join('\n')).toContain('已转入死信');

    // The next step of the case waits behind its dead letter, even with the platform accepting again.
    await bench.control('POST', '/sim/faults', { mode: 'ok' });
    await bench.rest(clerk, 'POST', `/api/cases/${c.id}/accept`, {});
    await eventually(async () => (await syncState()).outbox.blocked).toBeGreaterThanOrEqual(1);
    expect(await caseRecords(c.caseNo)).toEqual([]);

    const retried = await bench.rest<OutboxItemView>(manager, 'POST', `/api/platform/outbox/${dead.id}/retry`);
    expect(retried.body).toMatchObject({ ok: true, data: { id: dead.id, status: 'pending', refusals: 0 } });
    await eventually(async () => (await caseRecords(c.caseNo)).map((r) => [r.stepNo, r.stage])).toEqual([
      [1, 'received'],
      [2, 'accepted'],
    ]);
    expect((await syncState()).deadLetters.some((d) => d.id === dead.id)).toBe(false);
    const notDead = await bench.rest(manager, 'POST', `/api/platform/outbox/${dead.id}/retry`);
    expect(notDead.status).toBe(404);
    const clerkTries = await bench.rest(clerk, 'POST', `/api/platform/outbox/${dead.id}/retry`);
    expect(clerkTries.status).toBe(403);
  });
});

describe('a hall without a platform, and a platform configured wrongly', () => {
  it('answers the sync state as not connected and the platform routes with a plain reason; keeps no outbox', async () => {
    const hall = await startTestHall({ seedDemo: true });
    try {
      const manager = await hall.login('manager01');
      const get = await fetch(`${hall.baseUrl}/api/platform/sync`, { headers: { authorization: `Bearer ${manager}` } });
      expect(await get.json()).toMatchObject({ ok: true, data: { enabled: false, timeZone: 'Asia/Shanghai' } });
      const pull = await fetch(`${hall.baseUrl}/api/platform/pull`, {
        method: 'POST',
        headers: { authorization: `Bearer ${manager}` },
      });
      expect(pull.status).toBe(503);
      expect(await pull.json()).toMatchObject({
        ok: false,
        error: { code: 'UNAVAILABLE', message: '本大厅未接入一体化政务服务平台（未设置 HALL_PLATFORM_URL）' },
      });
      const hook = await postWebhook(hall.baseUrl, { type: 'case.result' });
      expect(hook.status).toBe(503);
      const clerk = await hall.login('clerk01');
      await fetch(`${hall.baseUrl}/api/cases`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${clerk}` },
        body: JSON.stringify({
          matterId: 'sbk-bh',
          applicant: { kind: 'person', name: '张三', idNumber: '11010519491231002X' },
          accept: true,
        }),
      });
      expect((hall.running.db.prepare('SELECT count(*) AS n FROM platform_outbox').get() as { n: number }).n).toBe(0);
    } finally {
      await hall.close();
    }
  });

  it('refuses to start with a platform URL and no key, or a code table that does not hold, saying what to fix', async () => {
    expect(() => loadConfig({ HALL_PLATFORM_URL: 'http://127.0.0.1:9' })).toThrow(
      /「platform\.signing\.hmacKey」：设置了 platform\.url 时需要签名密钥/,
    );
    expect(() => loadConfig({ HALL_PLATFORM_URL: 'http://127.0.0.1:9', HALL_PLATFORM_SIGNING: 'sm2' })).toThrow(
      /SM2 签名需要本大厅私钥和平台公钥/,
    );
    const dataDir = mkdtempSync(join(tmpdir(), 'onedoor-platform-bad-'));
    await expect(
      startTestHall({
        seedDemo: false,
        dataDir,
        config: {
          platform: {
            url: 'http://127.0.0.1:9',
            signing: { hmacKey: 'k'.repeat(16) },
            codes: { stages: { received: 'one' } },
          },
        },
      }),
    ).rejects.toThrow(/platform\.codes\.stages\.received/);
    rmSync(dataDir, { recursive: true, force: true });
  });
});
