import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { idNumberCheckChar } from '@onedoor/protocol';
import { hallConfigSchema } from '../../config/config.schema.js';
import { openSqliteHall, type SqliteHall } from '../../../../test/helpers/sqlite-hall.js';
import { SimNotificationSender } from '../../../../test/helpers/sqlite-hall.js';
import type { StaffRecord } from '../ports.js';
import type { Cases, CaseStaff } from './cases.js';
import { DEMO_CATALOG } from '../demo/demo-catalog.js';

const local = (s: string) => Date.parse(`${s.replace(' ', 'T')}:00+08:00`);
const staff = (id: string, roles: StaffRecord['roles'], deptId: string | null = null): CaseStaff => ({
  record: { id, username: id, name: id, roles, passwordHash: '', enabled: true },
  deptId,
});
const applicant = (phone?: string) => {
  const first17 = '33010619850312004';
  return {
    kind: 'person' as const,
    name: '王小明',
    idNumber: first17 + idNumberCheckChar(first17),
    ...(phone ? { phone } : {}),
  };
};

describe('CaseService (unit, real SQLite, simulated SMS)', () => {
  let dir: string;
  let db: SqliteHall['db'];
  let hall: SqliteHall;
  let cases: Cases;
  let sms: SimNotificationSender;
  let now = local('2026-11-23 09:00');
  const clerk = staff('clerk01', ['clerk']);
  const rsj = staff('approver-rsj', ['approver'], 'rsj');

  beforeEach(async () => {
    now = local('2026-11-23 09:00');
    dir = mkdtempSync(join(tmpdir(), 'onedoor-cases-'));
    const config = hallConfigSchema.parse({ dataDir: dir, log: { level: 'silent' } });
    const clock = { now: () => now };
    let n = 0;
    const ids = { newId: () => `id-${++n}` };
    sms = new SimNotificationSender();
    hall = openSqliteHall({ file: join(dir, 'hall.sqlite'), config, clock, ids, notifier: sms });
    db = hall.db;
    const app = hall.app;
    const catalog = app.catalog;
    cases = app.cases;
    const r = await catalog.importCatalog(
      DEMO_CATALOG,
      (e, i, f) => ({ sheet: e, row: i + 1, column: f }),
      { kind: 'system', reason: 'test' },
      { format: 'demo', fileName: null },
    );
    expect(r.ok).toBe(true);
  });
  afterEach(() => {
    hall.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const receiveCard = (phone?: string) =>
    cases.receive(
      {
        matterId: 'sbk-bh',
        answers: {},
        form: {},
        applicant: applicant(phone),
        materials: [
          { materialId: 'm-sfz', status: 'cert-lookup' },
          { materialId: 'm-sbk-sqb', status: 'received' },
          { materialId: 'm-zp', status: 'received' },
        ],
        takeWay: 'window',
        channel: 'window',
        accept: true,
      },
      clerk,
    );

  it('notifies the applicant once the case is concluded, with the phone masked in the record', async () => {
    const c = await receiveCard('13812345678');
    if (!c.ok) throw new Error(c.error.message);
    expect(sms.sent).toEqual([]);
    const done = await cases.act(c.value.id, { type: 'approve', opinion: '当场制卡' }, clerk);
    if (!done.ok) throw new Error(done.error.message);
    expect(sms.sent).toEqual([
      expect.objectContaining({ to: '13812345678', caseNo: c.value.caseNo, kind: 'result-ready' }),
    ]);
    expect(sms.sent[0]!.text).toContain('请携带本人身份证到综合出件窗口领取');
    const rows = db.prepare('SELECT to_masked, status FROM case_notifications').all();
    expect(rows).toEqual([{ to_masked: '138****5678', status: 'sent' }]);
  });

  it('keeps a failed message as failed (for a retry), and the case concluded', async () => {
    const c = await receiveCard('13812345678');
    if (!c.ok) throw new Error(c.error.message);
    sms.failNext = 1;
    const done = await cases.act(c.value.id, { type: 'approve', opinion: '当场制卡' }, clerk);
    expect(done.ok && done.value.stage).toBe('concluded');
    expect(db.prepare('SELECT status, error FROM case_notifications').get()).toMatchObject({
      status: 'failed',
      error: expect.stringContaining('simulated'),
    });
  });

  it('records no-phone when the applicant left none', async () => {
    const c = await receiveCard();
    if (!c.ok) throw new Error(c.error.message);
    await cases.act(c.value.id, { type: 'approve', opinion: '当场制卡' }, clerk);
    expect(sms.sent).toEqual([]);
    expect(db.prepare('SELECT status FROM case_notifications').get()).toEqual({ status: 'no-phone' });
  });

  it('allocates unique, never reused case numbers (area + date + daily sequence), also under concurrent receipts', async () => {
    const all = await Promise.all(Array.from({ length: 25 }, () => receiveCard()));
    const numbers = all.map((r) => (r.ok ? r.value.caseNo : r.error.message));
    expect(new Set(numbers).size).toBe(25);
    expect(numbers.every((n) => /^33010020261123\d{6}$/.test(n))).toBe(true);
    // A refused receipt (rolled back after its number was drawn) shows no gap; the next day starts again at 000001.
    const refused = await cases.receive(
      {
        matterId: 'sbk-bh',
        answers: {},
        form: {},
        applicant: applicant(),
        materials: [{ materialId: 'm-zp', status: 'cert-lookup' }],
        takeWay: 'window',
        channel: 'window',
        accept: false,
      },
      clerk,
    );
    expect(refused.ok ? '' : refused.error.message).toBe('「近期一寸免冠照片」不能以电子证照代替');
    const after = await receiveCard();
    expect(after.ok && after.value.caseNo).toBe('33010020261123000026');
    now = local('2026-11-24 09:00');
    const next = await receiveCard();
    expect(next.ok && next.value.caseNo).toBe('33010020261124000001');
    expect(() =>
      db.prepare("UPDATE cases SET case_no = '33010020261124000001' WHERE case_no != '33010020261124000001'").run(),
    ).toThrow(/UNIQUE/);
  });

  it('uses a configured number format', async () => {
    const s = await cases.saveSettings({ caseNoFormat: 'HZ{yy}{MM}{dd}-{seq:5}' }, { kind: 'system', reason: 'test' });
    expect(s.ok).toBe(true);
    const c = await receiveCard();
    expect(c.ok && c.value.caseNo).toBe('HZ261123-00001');
    const bad = await cases.saveSettings({ caseNoFormat: '{area}{yyyyMMdd}' }, { kind: 'system', reason: 'test' });
    expect(bad.ok).toBe(false);
  });

  it('lets an approver act only on cases of their department', async () => {
    const c = await cases.receive(
      {
        matterId: 'hk-qy',
        answers: { qclx: 'city' },
        form: {},
        applicant: applicant(),
        materials: ['m-sfz', 'm-hkb', 'm-zfzm'].map((materialId) => ({ materialId, status: 'received' as const })),
        takeWay: 'window',
        channel: 'window',
        accept: true,
      },
      clerk,
    );
    if (!c.ok) throw new Error(c.error.message);
    const denied = await cases.act(c.value.id, { type: 'approve', opinion: '同意' }, rsj);
    expect(denied.ok ? '' : denied.error.message).toBe('该办件不属于您所在部门');
    const ok = await cases.act(
      c.value.id,
      { type: 'approve', opinion: '同意' },
      staff('approver-gaj', ['approver'], 'gaj'),
    );
    expect(ok.ok).toBe(true);
  });

  it('purges sealed applicant data of closed cases after the retention period', async () => {
    const c = await receiveCard('13812345678');
    if (!c.ok) throw new Error(c.error.message);
    await cases.act(c.value.id, { type: 'approve', opinion: '当场制卡' }, clerk);
    const first17 = '33010619850312004';
    await cases.deliver(
      c.value.id,
      { way: 'window', receiver: { proxy: false, idNumber: first17 + idNumberCheckChar(first17) } },
      clerk,
    );
    const open = await receiveCard('13812345678');
    if (!open.ok) throw new Error(open.error.message);
    now += 181 * 86_400_000;
    const r = await cases.purgePersonalData(180);
    expect(r.ok && r.value.purged).toBe(1);
    expect(cases.revealApplicant(c.value.id)).toBeNull();
    expect(cases.revealApplicant(open.value.id)).toMatchObject({ name: '王小明', phone: '13812345678' });
    expect(cases.detail(c.value.id)).toMatchObject({ applicantIdMasked: expect.stringContaining('****') });
  });

  it('warns when a 容缺 material is late, and when the case nears or passes its deadline', async () => {
    const c = await cases.receive(
      {
        matterId: 'spjy-xk',
        answers: {},
        form: {},
        applicant: applicant(),
        materials: [
          ...['m-spjy-sqs', 'm-pmt', 'm-spaq-zd'].map((materialId) => ({ materialId, status: 'received' as const })),
          { materialId: 'm-sfz', status: 'cert-lookup' as const },
          { materialId: 'm-yyzz', status: 'cert-lookup' as const },
          { materialId: 'm-jkzm', status: 'tolerated' as const },
        ],
        takeWay: 'window',
        channel: 'window',
        accept: true,
      },
      clerk,
    );
    if (!c.ok) throw new Error(c.error.message);
    // 健康证明: 10 working days after Monday 23 November → Monday 7 December.
    expect(c.value.materials.find((m) => m.materialId === 'm-jkzm')).toMatchObject({
      status: 'tolerated',
      dueDate: '2026-12-07',
    });
    expect(cases.warnings('scjgj')).toEqual([]);
    now = local('2026-11-27 13:00'); // 4 of 5 days used → yellow
    expect(cases.warnings('scjgj').map((w) => w.level)).toEqual(['yellow']);
    now = local('2026-12-08 09:00'); // overdue, and the 容缺 material is late
    const [w] = cases.warnings('scjgj');
    expect(w).toMatchObject({
      level: 'red',
      lateMaterials: [{ materialId: 'm-jkzm', name: '从业人员健康证明', dueDate: '2026-12-07' }],
    });
  });
});
