/**
 * 办件 through the real hall server: a 开餐馆 一件事 received and accepted at the comprehensive window with 容缺
 * materials, routed to three departments (一次分办), approved by each department's approver in the back office,
 * concluded as a bundle, the applicant notified and the result handed over at the 出件 window. Every step is in the
 * case history and in the append-only `events` table. Catalog imports are all-or-nothing.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idNumberCheckChar } from '@onedoor/protocol';
import { startTestHall, type TestHall } from '../helpers/test-hall';
import type { CaseDetail, CaseSummary } from '@onedoor/protocol';

const withCheck = (first17: string) => first17 + idNumberCheckChar(first17);
const CONTACT_ID = withCheck('33010619850312004');
const PROXY_ID = withCheck('33010219900101003');
const BAD_PROXY_ID = `${PROXY_ID.slice(0, 17)}${PROXY_ID.endsWith('1') ? '2' : '1'}`;

type Body<T> =
  | { ok: true; data: T }
  | {
      ok: false;
      error: { code: string; message: string; messageEn: string; details?: { path: string; message: string }[] };
      issues?: { sheet: string; row: number; column: string; message: string; messageEn: string }[];
    };

let hall: TestHall;
const tokens: Record<string, string> = {};

async function api<T>(
  who: string,
  method: string,
  path: string,
  body?: unknown,
  raw?: { type: string; data: Buffer },
): Promise<{ status: number; body: Body<T> }> {
  const headers: Record<string, string> = { authorization: `Bearer ${tokens[who]}` };
  let payload: RequestInit['body'];
  if (raw) {
    headers['content-type'] = raw.type;
    payload = new Uint8Array(raw.data);
  } else if (body !== undefined) {
    headers['content-type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  const res = await fetch(`${hall.baseUrl}${path}`, { method, headers, ...(payload ? { body: payload } : {}) });
  return { status: res.status, body: (await res.json()) as Body<T> };
}

async function ok<T>(who: string, method: string, path: string, body?: unknown): Promise<T> {
  const r = await api<T>(who, method, path, body);
  if (!r.body.ok) throw new Error(`${method} ${path} → ${r.status} ${r.body.error.code} ${r.body.error.message}`);
  return r.body.data;
}

beforeAll(async () => {
  hall = await startTestHall();
  for (const u of [
    'clerk01',
    'manager01',
    'admin',
    'approver-scjgj',
    'approver-xfjy',
    'approver-cgj',
    'approver-rsj',
    'approver-gaj',
  ])
    tokens[u] = await hall.login(u);
});
afterAll(async () => {
  await hall?.close();
});

describe('一件事 开餐馆: window → departments → 出件', () => {
  let bundle: CaseDetail;

  it('resolves the bundle for the answers: members, merged material list, one form', async () => {
    const r = await ok<{
      members: { id: string; deptId: string }[];
      materials: { materialId: string; need: string; usedBy: string[] }[];
      skipped: { matterId: string }[];
    }>('clerk01', 'POST', '/api/catalog/bundles/yjs-kcg/resolve', {
      answers: { mj300: 'yes', zhaopai: 'no', ztlx: 'individual' },
    });
    expect(r.members.map((m) => m.id)).toEqual(['yyzz-sl', 'spjy-xk', 'xf-jc']);
    expect(r.skipped.map((s) => s.matterId)).toEqual(['zp-sz']);
    const ids = r.materials.map((m) => m.materialId);
    expect(new Set(ids).size).toBe(ids.length);
    expect(r.materials.find((m) => m.materialId === 'm-pmt')?.usedBy).toEqual(['spjy-xk', 'xf-jc']);
  });

  it('receives and accepts it with 容缺 materials; members are routed to their departments', async () => {
    const resolved = await ok<{ materials: { materialId: string; need: string }[] }>(
      'clerk01',
      'POST',
      '/api/catalog/bundles/yjs-kcg/resolve',
      { answers: { mj300: 'yes', zhaopai: 'no', ztlx: 'individual' } },
    );
    const tolerated = ['m-spaq-zd', 'm-jkzm'];
    const materials = resolved.materials.map((m) => ({
      materialId: m.materialId,
      status: tolerated.includes(m.materialId) ? 'tolerated' : m.materialId === 'm-yyzz' ? 'cert-lookup' : 'received',
    }));
    const res = await api<CaseDetail>('clerk01', 'POST', '/api/cases', {
      bundleId: 'yjs-kcg',
      answers: { mj300: 'yes', zhaopai: 'no', ztlx: 'individual' },
      form: { shopName: '老街面馆', address: '上城区清河坊12号', area: 320, scope: '热食类食品制售' },
      applicant: {
        kind: 'legal',
        orgName: '杭州老街面馆餐饮有限公司',
        creditCode: '91330102MA2H1234X5',
        contactName: '王小明',
        contactIdNumber: CONTACT_ID,
        phone: '13812345678',
      },
      materials,
      takeWay: 'window',
      accept: true,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    if (!res.body.ok) return;
    bundle = res.body.data;
    expect(bundle).toMatchObject({
      type: 'bundle',
      stage: 'accepted',
      tolerance: true,
      caseKind: 'joint',
      deptId: 'scjgj',
      applicant: '杭州老街面馆餐饮有限公司',
      applicantIdMasked: `${CONTACT_ID.slice(0, 4)}**********${CONTACT_ID.slice(-4)}`,
    });
    expect(bundle.caseNo).toMatch(/^330100\d{8}\d{6}$/);
    expect(bundle.members.map((m) => [m.matterId, m.deptId, m.stage])).toEqual(
      expect.arrayContaining([
        ['yyzz-sl', 'scjgj', 'reviewing'],
        ['spjy-xk', 'scjgj', 'reviewing'],
        ['xf-jc', 'xfjy', 'reviewing'],
      ]),
    );
    const numbers = [bundle.caseNo, ...bundle.members.map((m) => m.caseNo)];
    expect(new Set(numbers).size).toBe(4);
    const acceptStep = bundle.steps.find((s) => s.action === 'accept')!;
    expect(acceptStep.notices.map((n) => n.code)).toEqual(['B8', 'B6']);
    expect(acceptStep.notices[1]!.content.tolerated).toEqual(
      expect.arrayContaining([expect.objectContaining({ name: '从业人员健康证明' })]),
    );
    expect(bundle.steps[0]).toMatchObject({
      action: 'receive',
      linkCode: 1,
      staffId: 'clerk01',
      notices: [expect.objectContaining({ code: 'B16' })],
    });
    expect(bundle.materials.filter((m) => m.status === 'tolerated').every((m) => m.dueDate !== null)).toBe(true);
    expect(bundle.timing).toMatchObject({ promisedLimitDays: 5, overdue: false });
    // Nothing personal in clear in the case tables or the event log.
    const dump =
      JSON.stringify(hall.running.db.prepare('SELECT * FROM cases').all()) +
      JSON.stringify(hall.running.db.prepare('SELECT * FROM events').all()) +
      JSON.stringify(hall.running.db.prepare('SELECT * FROM case_steps').all());
    expect(dump).not.toContain(CONTACT_ID);
    expect(dump).not.toContain('王小明');
    expect(dump).not.toContain('13812345678');
  });

  it('shows each department only its own cases, soonest deadline first, with marks', async () => {
    const scjg = await ok<{ cases: CaseSummary[] }>('approver-scjgj', 'GET', '/api/cases/queue');
    expect(scjg.cases.map((c) => c.matterId).sort()).toEqual(['spjy-xk', 'yyzz-sl']);
    const dues = scjg.cases.map((c) => Date.parse(c.timing!.dueAt!));
    expect([...dues].sort((a, b) => a - b)).toEqual(dues);
    expect(scjg.cases.every((c) => ['normal', 'yellow', 'red'].includes(c.level!))).toBe(true);
    const xf = await ok<{ cases: CaseSummary[] }>('approver-xfjy', 'GET', '/api/cases/queue');
    expect(xf.cases.map((c) => c.matterId)).toEqual(['xf-jc']);
    const cg = await ok<{ cases: CaseSummary[] }>('approver-cgj', 'GET', '/api/cases/queue');
    expect(cg.cases).toEqual([]);
  });

  it('refuses what is not allowed, with clear errors', async () => {
    const food = bundle.members.find((m) => m.matterId === 'spjy-xk')!;
    const fire = bundle.members.find((m) => m.matterId === 'xf-jc')!;
    const owed = await api('approver-scjgj', 'POST', `/api/cases/${food.id}/approve`, { opinion: '同意' });
    expect(owed.status).toBe(409);
    expect(!owed.body.ok && owed.body.error.message).toContain('容缺材料尚未补齐');
    const other = await api('approver-scjgj', 'POST', `/api/cases/${fire.id}/approve`, { opinion: '同意' });
    expect(other.status).toBe(403);
    expect(!other.body.ok && other.body.error.message).toBe('该办件不属于您所在部门');
    const onBundle = await api('approver-scjgj', 'POST', `/api/cases/${bundle.id}/approve`, { opinion: '同意' });
    expect(onBundle.status).toBe(403);
    const clerkApprove = await api('clerk01', 'POST', `/api/cases/${fire.id}/approve`, { opinion: '同意' });
    expect(clerkApprove.status).toBe(403);
    const noOpinion = await api('approver-xfjy', 'POST', `/api/cases/${fire.id}/approve`, { opinion: '' });
    expect(noOpinion.status).toBe(400);
    const memberDeliver = await api('clerk01', 'POST', `/api/cases/${food.id}/deliver`, {
      way: 'express',
      company: 'EMS',
      waybillNo: '1180012345678',
    });
    expect(memberDeliver.status).toBe(422);
    expect(!memberDeliver.body.ok && memberDeliver.body.error.code).toBe('INVALID_TRANSITION');
  });

  it('the fire brigade suspends for an on-site check, resumes, and approves', async () => {
    const fire = bundle.members.find((m) => m.matterId === 'xf-jc')!;
    const s = await ok<CaseDetail>('approver-xfjy', 'POST', `/api/cases/${fire.id}/suspend`, {
      reason: '需现场核查消防设施',
    });
    expect(s).toMatchObject({ stage: 'suspended', level: 'paused' });
    expect(s.steps.at(-1)).toMatchObject({
      linkCode: 12,
      deptId: 'xfjy',
      staffId: 'approver-xfjy',
      notices: [expect.objectContaining({ code: 'B5' })],
    });
    // The bundle's promise waits while a member is paused.
    expect((await ok<CaseDetail>('clerk01', 'GET', `/api/cases/${bundle.id}`)).level).toBe('paused');
    const r = await ok<CaseDetail>('approver-xfjy', 'POST', `/api/cases/${fire.id}/resume`, {
      opinion: '现场核查完成',
    });
    expect(r.stage).toBe('reviewing');
    const a = await ok<CaseDetail>('approver-xfjy', 'POST', `/api/cases/${fire.id}/approve`, {
      opinion: '现场检查合格，准予许可',
      resultNo: '杭消安检字〔2026〕第0815号',
    });
    expect(a).toMatchObject({ stage: 'concluded', result: 'approved' });
    expect(a.steps.at(-1)!.notices[0]).toMatchObject({
      code: 'B13',
      content: expect.objectContaining({ resultNo: '杭消安检字〔2026〕第0815号' }),
    });
  });

  it('the window takes the 容缺 materials; the market regulator reviews and approves both; the bundle concludes', async () => {
    const supplied = await ok<CaseDetail>('clerk01', 'POST', `/api/cases/${bundle.id}/supply`, {
      materialIds: ['m-spaq-zd', 'm-jkzm'],
    });
    expect(supplied.tolerance).toBe(false);
    expect(supplied.steps.at(-1)!.notices[0]!.code).toBe('B20');
    const food = bundle.members.find((m) => m.matterId === 'spjy-xk')!;
    const licence = bundle.members.find((m) => m.matterId === 'yyzz-sl')!;
    const foodDetail = await ok<CaseDetail>('approver-scjgj', 'GET', `/api/cases/${food.id}`);
    expect(foodDetail.materials.filter((m) => m.status === 'tolerated')).toEqual([]);
    await ok('approver-scjgj', 'POST', `/api/cases/${food.id}/review`, {
      node: '审批',
      opinion: '材料齐全，符合条件，拟同意',
    });
    await ok('approver-scjgj', 'POST', `/api/cases/${licence.id}/approve`, { opinion: '核准登记' });
    const last = await ok<CaseDetail>('approver-scjgj', 'POST', `/api/cases/${food.id}/approve`, {
      opinion: '准予许可',
    });
    expect(last.stage).toBe('concluded');
    const b = await ok<CaseDetail>('clerk01', 'GET', `/api/cases/${bundle.id}`);
    expect(b).toMatchObject({ stage: 'concluded', result: 'approved' });
    expect(b.steps.at(-1)).toMatchObject({
      action: 'conclude-bundle',
      linkCode: 4,
      notices: [expect.objectContaining({ code: 'B13' })],
    });
    // The applicant is told (phone masked in the record; the text carries no ID number).
    await expect
      .poll(
        () =>
          (
            hall.running.db.prepare('SELECT status FROM case_notifications WHERE case_id = ?').get(bundle.id) as
              { status: string } | undefined
          )?.status,
      )
      .toBe('sent');
    const n = hall.running.db
      .prepare('SELECT to_masked, text FROM case_notifications WHERE case_id = ?')
      .get(bundle.id) as { to_masked: string; text: string };
    expect(n.to_masked).toBe('138****5678');
    expect(n.text).toContain(bundle.caseNo);
    bundle = b;
  });

  it('出件: finds the result by ID number (keyed hash) or case number and records the hand-over to a proxy', async () => {
    const byId = await ok<CaseSummary[]>('clerk01', 'POST', '/api/cases/ready', { idNumber: CONTACT_ID });
    expect(byId.map((c) => c.caseNo)).toEqual([bundle.caseNo]);
    expect(await ok<CaseSummary[]>('clerk01', 'POST', '/api/cases/ready', { idNumber: PROXY_ID })).toEqual([]);
    const byNo = await ok<CaseSummary[]>('clerk01', 'POST', '/api/cases/ready', { caseNo: bundle.members[0]!.caseNo });
    expect(byNo.map((c) => c.id)).toEqual([bundle.id]);
    const badProxy = await api('clerk01', 'POST', `/api/cases/${bundle.id}/deliver`, {
      way: 'window',
      receiver: { proxy: true, name: '李代领', idNumber: BAD_PROXY_ID },
    });
    expect(badProxy.status).toBe(400);
    expect(!badProxy.body.ok && badProxy.body.error.message).toContain('校验位错误');
    const notApplicant = await api('clerk01', 'POST', `/api/cases/${bundle.id}/deliver`, {
      way: 'window',
      receiver: { proxy: false, idNumber: PROXY_ID },
    });
    expect(notApplicant.status).toBe(403);
    const d = await ok<CaseDetail>('clerk01', 'POST', `/api/cases/${bundle.id}/deliver`, {
      way: 'window',
      receiver: { proxy: true, name: '李代领', idNumber: PROXY_ID },
    });
    expect(d).toMatchObject({
      stage: 'delivered',
      delivery: {
        way: 'window',
        proxy: true,
        receiverNameMasked: '李*领',
        proxyIdMasked: `${PROXY_ID.slice(0, 4)}**********${PROXY_ID.slice(-4)}`,
      },
    });
    expect(d.members.every((m) => m.stage === 'delivered')).toBe(true);
    expect(d.steps.at(-1)!.notices[0]!.code).toBe('B19');
    expect(await ok<CaseSummary[]>('clerk01', 'POST', '/api/cases/ready', { idNumber: CONTACT_ID })).toEqual([]);
  });

  it('has every step in the case history and in the events table', async () => {
    const all = [bundle.id, ...bundle.members.map((m) => m.id)];
    const steps = all.flatMap(
      (id) =>
        hall.running.db
          .prepare('SELECT case_id, step_no, action, event_seq FROM case_steps WHERE case_id = ? ORDER BY step_no')
          .all(id) as { case_id: string; step_no: number; action: string; event_seq: number }[],
    );
    const actions = steps.map((s) => s.action);
    for (const a of [
      'receive',
      'accept',
      'route',
      'suspend',
      'resume',
      'supply',
      'review',
      'approve',
      'conclude-bundle',
      'deliver',
    ])
      expect(actions).toContain(a);
    const events = hall.running.db.prepare("SELECT seq, type, payload FROM events WHERE type LIKE 'case.%'").all() as {
      seq: number;
      type: string;
      payload: string;
    }[];
    const bySeq = new Map(events.map((e) => [e.seq, e]));
    for (const s of steps) {
      const e = bySeq.get(s.event_seq);
      expect(e, `event for ${s.action} (step ${s.step_no})`).toBeDefined();
      const payload = JSON.parse(e!.payload) as { steps: { caseId: string; stepNo: number }[] };
      expect(payload.steps).toContainEqual({ caseId: s.case_id, stepNo: s.step_no });
    }
    expect(events.map((e) => e.type)).toEqual(
      expect.arrayContaining([
        'case.accepted',
        'case.suspend',
        'case.resume',
        'case.supply',
        'case.review',
        'case.approve',
        'case.deliver',
        'case.notified',
      ]),
    );
    // The history is append-only.
    expect(() => hall.running.db.prepare('DELETE FROM case_steps').run()).toThrow(/append-only/);
    // The detail shows the same history.
    const d = await ok<CaseDetail>('manager01', 'GET', `/api/cases/${bundle.members[0]!.id}`);
    expect(d.steps.map((s) => s.stepNo)).toEqual(d.steps.map((_, i) => i + 1));
  });
});

describe('single cases, versions, platform results, calendar', () => {
  const applicant = { kind: 'person', name: '赵六', idNumber: withCheck('33010519700515001'), phone: '13900001111' };

  it('即办件 at the window: accepted and concluded on the spot by the clerk', async () => {
    const c = await ok<CaseDetail>('clerk01', 'POST', '/api/cases', {
      matterId: 'sbk-bh',
      applicant,
      materials: [
        { materialId: 'm-sfz', status: 'cert-lookup' },
        { materialId: 'm-sbk-sqb', status: 'received' },
        { materialId: 'm-zp', status: 'received' },
      ],
      accept: true,
    });
    expect(c).toMatchObject({ stage: 'accepted', caseKind: 'immediate', matterVersion: 1 });
    const done = await ok<CaseDetail>('clerk01', 'POST', `/api/cases/${c.id}/approve`, { opinion: '当场制卡' });
    expect(done).toMatchObject({ stage: 'concluded', result: 'approved' });
    expect(done.timing?.speedUp).not.toBeNull();
  });

  it('a missing material gets a one-time 补齐补正 notice; the clock starts at acceptance', async () => {
    const c = await ok<CaseDetail>('clerk01', 'POST', '/api/cases', {
      matterId: 'hk-qy',
      answers: { qclx: 'other' },
      applicant,
      materials: [
        { materialId: 'm-sfz', status: 'received' },
        { materialId: 'm-hkb', status: 'received' },
        { materialId: 'm-zfzm', status: 'received' },
      ],
    });
    const refused = await api('clerk01', 'POST', `/api/cases/${c.id}/accept`, {});
    expect(refused.status).toBe(400);
    expect(!refused.body.ok && refused.body.error.message).toContain('缺少必要材料：户口迁移证');
    const corr = await ok<CaseDetail>('clerk01', 'POST', `/api/cases/${c.id}/request-correction`, {
      opinion: '请补交户口迁移证',
      materialIds: ['m-qyz'],
    });
    expect(corr.steps.at(-1)).toMatchObject({ linkCode: 11, notices: [expect.objectContaining({ code: 'B18' })] });
    const back = await ok<CaseDetail>('clerk01', 'POST', `/api/cases/${c.id}/supply`, { materialIds: ['m-qyz'] });
    expect(back.stage).toBe('received');
    const acc = await ok<CaseDetail>('clerk01', 'POST', `/api/cases/${c.id}/accept`, {});
    expect(acc).toMatchObject({ stage: 'reviewing', deptId: 'gaj', node: '审核' });
    expect(acc.timing?.dueAt).toBeTruthy();
  });

  it('a platform result concludes a case once (idempotent)', async () => {
    const c = await ok<CaseDetail>('clerk01', 'POST', '/api/cases', {
      matterId: 'hk-qy',
      answers: { qclx: 'city' },
      applicant,
      materials: [
        { materialId: 'm-sfz', status: 'received' },
        { materialId: 'm-hkb', status: 'received' },
        { materialId: 'm-zfzm', status: 'received' },
      ],
      accept: true,
      platformRef: 'PLAT-2026-000123',
    });
    const r1 = await ok<CaseDetail & { alreadyApplied: boolean }>('admin', 'POST', '/api/cases/external-result', {
      platformRef: 'PLAT-2026-000123',
      result: 'approved',
      opinion: '准予迁入',
      deptName: '公安局',
    });
    expect(r1).toMatchObject({ stage: 'concluded', result: 'approved', alreadyApplied: false });
    expect(r1.steps.at(-1)).toMatchObject({ source: 'platform', staffId: 'platform' });
    const r2 = await ok<CaseDetail & { alreadyApplied: boolean }>('admin', 'POST', '/api/cases/external-result', {
      caseNo: c.caseNo,
      result: 'approved',
      opinion: '准予迁入',
    });
    expect(r2.alreadyApplied).toBe(true);
    expect(r2.steps.length).toBe(r1.steps.length);
    const clash = await api('admin', 'POST', '/api/cases/external-result', {
      caseNo: c.caseNo,
      result: 'refused',
      opinion: 'x',
    });
    expect(clash.status).toBe(409);
  });

  it('a case keeps the matter version it was received under', async () => {
    const before = await ok<CaseDetail>('clerk01', 'POST', '/api/cases', {
      matterId: 'ggws-xk',
      applicant,
      materials: [],
    });
    const v1 = await ok<{ version: number; promisedLimitDays: number }>(
      'clerk01',
      'GET',
      '/api/catalog/matters/ggws-xk',
    );
    const v2 = await ok<{ version: number }>('manager01', 'PUT', '/api/catalog/matters/ggws-xk', {
      ...v1,
      version: undefined,
      promisedLimitDays: 3,
    });
    expect(v2.version).toBe(2);
    const after = await ok<CaseDetail>('clerk01', 'POST', '/api/cases', {
      matterId: 'ggws-xk',
      applicant,
      materials: [],
    });
    expect([before.matterVersion, before.promisedLimitDays, after.matterVersion, after.promisedLimitDays]).toEqual([
      1, 5, 2, 3,
    ]);
    expect((await ok<CaseDetail>('clerk01', 'GET', `/api/cases/${before.id}`)).matterVersion).toBe(1);
    // Versions are immutable in the database.
    expect(() => hall.running.db.prepare("UPDATE catalog_matters SET name = 'x' WHERE id = 'ggws-xk'").run()).toThrow(
      /immutable/,
    );
  });

  it('local calendar overrides are hall configuration', async () => {
    const saved = await ok('manager01', 'PUT', '/api/calendar/overrides/2027-01-04', {
      working: false,
      note: '系统升级停办',
    });
    expect(saved).toMatchObject({ date: '2027-01-04', working: false });
    const cal = await ok<{ days: { date: string; working: boolean; reason: string; uncovered: boolean }[] }>(
      'clerk01',
      'GET',
      '/api/calendar?from=2027-01-04&days=2',
    );
    expect(cal.days[0]).toMatchObject({ date: '2027-01-04', working: false, reason: 'override' });
    const national = await ok<{ days: { date: string; working: boolean; reason: string }[] }>(
      'clerk01',
      'GET',
      '/api/calendar?from=2026-10-10&days=1',
    );
    expect(national.days[0]).toMatchObject({ working: true, reason: 'adjusted-workday' });
    expect(
      (await api('clerk01', 'PUT', '/api/calendar/overrides/2027-01-05', { working: false, note: 'x' })).status,
    ).toBe(403);
  });
});

describe('API documentation', () => {
  it('documents the case and catalog routes in /api/openapi.json', async () => {
    const res = await fetch(`${hall.baseUrl}/api/openapi.json`);
    const doc = (await res.json()) as { paths: Record<string, unknown> };
    for (const p of [
      '/api/cases',
      '/api/cases/queue',
      '/api/cases/{id}/approve',
      '/api/cases/{id}/deliver',
      '/api/cases/ready',
      '/api/catalog/import',
      '/api/catalog/bundles/{id}/resolve',
      '/api/calendar/overrides/{date}',
    ]) {
      expect(Object.keys(doc.paths)).toContain(p);
    }
  });
});

describe('catalog import and export', () => {
  const count = (table: string) =>
    (hall.running.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;

  it('a malformed Excel file reports each bad row (sheet, row, column) and imports nothing', async () => {
    const wb = new ExcelJS.Workbook();
    const dept = wb.addWorksheet('部门');
    dept.addRow(['部门编号 id', '部门名称 name', '统一社会信用代码 creditCode']);
    dept.addRow(['sjj', '数据资源局', '11330100MB0A99999X']);
    dept.addRow(['bad dept', '某局', '123']);
    const matters = wb.addWorksheet('事项');
    matters.addRow([
      '事项编号 id',
      '版本号 version',
      '生效日期 effectiveFrom',
      '事项名称 name',
      '基本编码 basicCode',
      '实施编码 implCode',
      '事项类型 type',
      '办件类型 caseKind',
      '实施部门 deptId',
      '设定依据 legalBasis',
      '受理条件 acceptConditions',
      '法定时限(工作日) legalLimitDays',
      '承诺时限(工作日) promisedLimitDays',
      '结果名称 resultName',
    ]);
    matters.addRow([
      'sj-kf',
      1,
      '2026-01-01',
      '公共数据开放申请',
      'QT09901001',
      'QT09901001-330100',
      '其他行政权力',
      '承诺件',
      'sjj',
      '《公共数据条例》',
      '申请人身份明确',
      20,
      10,
      '开放数据授权书',
    ]);
    matters.addRow([
      'sj-bad1',
      1,
      '2026-01-01',
      '时限有误的事项',
      'QT09901002',
      'QT09901002-330100',
      '其他行政权力',
      '承诺件',
      'sjj',
      '依据',
      '条件',
      20,
      0.3,
      '结果',
    ]);
    matters.addRow([
      'sj-bad2',
      1,
      '2026-01-01',
      null,
      'QT09901003',
      'QT09901003-330100',
      '许可证',
      '承诺件',
      'sjj',
      '依据',
      '条件',
      5,
      10,
      '结果',
    ]);
    const links = wb.addWorksheet('事项材料');
    links.addRow([
      '事项编号 matterId',
      '事项版本 matterVersion',
      '材料编号 materialId',
      '是否必要 need',
      '原件份数 originalCount',
    ]);
    links.addRow(['sj-kf', 1, 'm-sfz', '必要', 1]);
    links.addRow(['sj-kf', 1, 'm-sfz', '必须', 'two']);
    const file = Buffer.from(await wb.xlsx.writeBuffer());

    const before = {
      d: count('catalog_departments'),
      m: count('catalog_matters'),
      i: count('catalog_imports'),
      seq: hall.running.hall.currentSeq,
    };
    const r = await api('manager01', 'POST', '/api/catalog/import?fileName=bad.xlsx', undefined, {
      type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      data: file,
    });
    expect(r.status).toBe(400);
    if (r.body.ok) return;
    const where = r.body.issues!.map((i) => `${i.sheet}!${i.row}!${i.column.split('(')[0]}`);
    expect(where).toEqual(
      expect.arrayContaining([
        '部门!3!A',
        '部门!3!C',
        '事项!3!M',
        '事项!4!D',
        '事项!4!G',
        '事项材料!3!D',
        '事项材料!3!E',
      ]),
    );
    // promised (10) > legal (5) on row 4 is a row-level rule, reported once the row parses; here the row already failed.
    expect(r.body.error.message).toMatch(/^导入失败，未导入任何内容：共 \d+ 处错误/);
    expect(r.body.error.messageEn).toContain('nothing was imported');
    expect(r.body.issues!.find((i) => i.sheet === '事项' && i.row === 3)!.message).toContain('0.5 为步长');
    expect(r.body.issues!.find((i) => i.sheet === '事项材料' && i.row === 3 && i.column.startsWith('E'))!.message).toBe(
      '「two」不是数字',
    );
    // Nothing of the file was kept — not even its valid rows — and no event was written.
    expect({
      d: count('catalog_departments'),
      m: count('catalog_matters'),
      i: count('catalog_imports'),
      seq: hall.running.hall.currentSeq,
    }).toEqual(before);
    expect((await ok<{ id: string }[]>('clerk01', 'GET', '/api/catalog/departments')).map((d) => d.id)).not.toContain(
      'sjj',
    );
  });

  it('a version conflict refuses the whole import too', async () => {
    const exported = await ok<{ matters: { id: string; version: number; name: string }[]; departments: unknown[] }>(
      'manager01',
      'GET',
      '/api/catalog/export?format=json',
    );
    const m = exported.matters.find((x) => x.id === 'sbk-bh')!;
    const before = count('catalog_matters');
    const r = await api('manager01', 'POST', '/api/catalog/import', {
      matters: [{ ...m, name: '社会保障卡补换（改名）' }],
      departments: [{ id: 'tmp', name: '临时部门' }],
    });
    expect(r.status).toBe(400);
    expect(!r.body.ok && r.body.issues![0]).toMatchObject({ sheet: 'matters', row: 1, column: 'version' });
    expect(count('catalog_matters')).toBe(before);
    expect((await ok<{ id: string }[]>('clerk01', 'GET', '/api/catalog/departments')).map((d) => d.id)).not.toContain(
      'tmp',
    );
  });

  it('exports Excel that imports back unchanged, and a new version through Excel', async () => {
    const res = await fetch(`${hall.baseUrl}/api/catalog/export?format=xlsx`, {
      headers: { authorization: `Bearer ${tokens.manager01}` },
    });
    expect(res.headers.get('content-type')).toContain('spreadsheetml');
    const file = Buffer.from(await res.arrayBuffer());
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(file as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      '说明',
      '部门',
      '材料库',
      '事项',
      '事项材料',
      '办理情形',
      '一件事',
      '一件事成员',
      '一件事表单',
    ]);
    const again = await api<{ matters: { added: number; unchanged: number } }>(
      'manager01',
      'POST',
      '/api/catalog/import?fileName=export.xlsx',
      undefined,
      { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', data: file },
    );
    expect(again.body.ok && again.body.data.matters.added).toBe(0);
    // Raise 社会保障卡补换 to version 2 in the sheet…
    const ws = wb.getWorksheet('事项')!;
    const header = Array.from(ws.getRow(1).values as unknown[], (v) => String(v ?? ''));
    const col = (k: string) => header.findIndex((h) => h.endsWith(` ${k}`));
    ws.eachRow((row, n) => {
      if (n > 1 && row.getCell(col('id')).value === 'sbk-bh') {
        row.getCell(col('version')).value = 2;
        row.getCell(col('promisedLimitDays')).value = 0;
      }
    });
    // …and move its material rows to version 2 (rows of a version that is not in the file would be refused as orphans).
    const mm = wb.getWorksheet('事项材料')!;
    const mmHeader = Array.from(mm.getRow(1).values as unknown[], (v) => String(v ?? ''));
    const mmCol = (k: string) => mmHeader.findIndex((h) => h.endsWith(` ${k}`));
    mm.eachRow((row, n) => {
      if (n > 1 && row.getCell(mmCol('matterId')).value === 'sbk-bh') row.getCell(mmCol('matterVersion')).value = 2;
    });
    const changed = Buffer.from(await wb.xlsx.writeBuffer());
    const imported = await api<{ matters: { added: number } }>('manager01', 'POST', '/api/catalog/import', undefined, {
      type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      data: changed,
    });
    expect(imported.body.ok ? imported.body.data.matters.added : JSON.stringify(imported.body).slice(0, 1500)).toBe(1);
    const current = await ok<{ version: number; promisedLimitDays: number; materials: unknown[] }>(
      'clerk01',
      'GET',
      '/api/catalog/matters/sbk-bh',
    );
    expect(current).toMatchObject({ version: 2, promisedLimitDays: 0 });
    expect(current.materials).toHaveLength(3);
  });
});

describe('restart', () => {
  it('keeps cases, continues the daily sequence, finds results by ID after a restart, and seeds the demo only once', async () => {
    const { mkdtempSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const dataDir = mkdtempSync(join(tmpdir(), 'onedoor-restart-'));
    const applicant = { kind: 'person', name: '孙七', idNumber: withCheck('33010519880808002') };
    const receive = async (h: TestHall, token: string) => {
      const res = await fetch(`${h.baseUrl}/api/cases`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          matterId: 'sbk-bh',
          applicant,
          materials: ['m-sbk-sqb', 'm-zp']
            .map((materialId) => ({ materialId, status: 'received' }))
            .concat([{ materialId: 'm-sfz', status: 'cert-lookup' }]),
          accept: true,
        }),
      });
      return ((await res.json()) as { data: CaseDetail }).data;
    };
    const first = await startTestHall({ dataDir });
    try {
      const token = await first.login('clerk01');
      const a = await receive(first, token);
      await fetch(`${first.baseUrl}/api/cases/${a.id}/approve`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ opinion: '当场办结' }),
      });
      await first.stop();
      const second = await startTestHall({ dataDir });
      try {
        const t2 = await second.login('clerk01');
        const b = await receive(second, t2);
        // Same day: the next number; across midnight: the new day's first.
        if (a.caseNo.slice(0, 14) === b.caseNo.slice(0, 14)) expect(BigInt(b.caseNo) - BigInt(a.caseNo)).toBe(1n);
        else expect(b.caseNo.endsWith('000001')).toBe(true);
        const ready = await fetch(`${second.baseUrl}/api/cases/ready`, {
          method: 'POST',
          headers: { authorization: `Bearer ${t2}`, 'content-type': 'application/json' },
          body: JSON.stringify({ idNumber: applicant.idNumber }),
        });
        expect(((await ready.json()) as { data: CaseSummary[] }).data.map((c) => c.caseNo)).toEqual([a.caseNo]);
        const imports = second.running.db
          .prepare("SELECT count(*) AS n FROM catalog_imports WHERE format = 'demo'")
          .get() as { n: number };
        expect(imports.n).toBe(1);
        expect(await second.login('approver-gaj')).toBeTruthy();
      } finally {
        await second.stop();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
