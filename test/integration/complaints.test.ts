/**
 * 服务投诉 over a real hall (issue 10, GB/T 36113-2018 §7), with the hall's clock moved by the test: a complaint is
 * registered (channel, complainant, content, target window and clerk) and carried through investigate → handle →
 * feedback → archive, each step in its history and the event log. The complainant is sealed in the database and
 * masked in every list; a full read is audited. Unanswered past its category's due date it raises an alarm. An unknown
 * category, a due date in the past, a window or case that does not exist, a step on an archived complaint: refused in
 * both languages, nothing changed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ack, AlarmList, Complainant, ComplaintView } from '@onedoor/protocol';
import { startTestHall, type TestHall } from '../helpers/test-hall.js';
import { waitForValue } from '../helpers/wait.js';

const DAY = 86_400_000;

describe('服务投诉 (real hall, moved clock)', () => {
  let hall: TestHall;
  let offset = 0;
  let manager = '';

  const rest = async <T>(token: string, method: string, path: string, body?: unknown) => {
    const res = await fetch(`${hall.baseUrl}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: res.status, body: (await res.json()) as Ack<T> };
  };
  const data = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const r = await rest<T>(manager, method, path, body);
    if (!r.body.ok) throw new Error(`${method} ${path}: ${r.body.error.messageEn}`);
    return r.body.data;
  };
  const eventTypes = () =>
    (hall.running.db.prepare('SELECT type FROM events ORDER BY seq, idx').all() as { type: string }[]).map(
      (r) => r.type,
    );
  const complaintRows = () =>
    (hall.running.db.prepare('SELECT COUNT(*) AS n FROM complaints').get() as { n: number }).n;

  const registration = {
    channel: 'onsite',
    category: 'transfer',
    complainant: { name: '张三丰', phone: '13812345678' },
    content: '窗口人员要求提供清单以外的材料，往返两次',
    windowId: 'w01',
    clerkId: 'clerk01',
  };

  beforeAll(async () => {
    hall = await startTestHall({ clock: { now: () => Date.now() + offset }, config: { alarms: { scanSeconds: 0.2 } } });
    manager = await hall.login('manager01');
  });
  afterAll(async () => {
    await hall.close();
  });

  it('is registered, investigated, handled, answered and archived; the complainant masked, sealed and audited', async () => {
    const c = await data<ComplaintView>('POST', '/api/complaints', registration);
    expect(c).toMatchObject({
      no: expect.stringMatching(/^TS\d{8}-001$/),
      category: 'transfer',
      categoryText: '转办处理类',
      complainant: { name: '张*丰', phone: '138****5678', anonymous: false },
      windowId: 'w01',
      status: 'registered',
      overdue: false,
    });
    // 转办处理类: 7 calendar days by default.
    expect(Date.parse(c.dueAt) - Date.parse(c.receivedAt)).toBe(7 * DAY);

    // At rest: the masked form and the sealed one, never the name or the number in clear.
    const row = hall.running.db.prepare('SELECT * FROM complaints WHERE id = ?').get(c.id) as Record<string, string>;
    const stored = JSON.stringify(row);
    expect(stored).not.toContain('张三丰');
    expect(stored).not.toContain('13812345678');
    expect(row.complainant_sealed).toBeTruthy();

    for (const step of [
      { action: 'investigate', note: '调阅录像，属实' },
      { action: 'handle', note: '批评教育，按清单收件' },
      { action: 'feedback', note: '已电话告知处理结果', satisfaction: 'satisfied' },
      { action: 'archive', note: '资料归档' },
    ])
      await data('POST', `/api/complaints/${c.id}/steps`, step);
    const archived = await data<ComplaintView>('GET', `/api/complaints/${c.id}`);
    expect(archived).toMatchObject({
      status: 'archived',
      statusText: '已归档',
      findings: '调阅录像，属实',
      handling: '批评教育，按清单收件',
      satisfaction: 'satisfied',
    });
    expect(archived.history.map((h) => h.text)).toEqual([
      '受理投诉（转办处理类）',
      '调查：调阅录像，属实',
      '处置：批评教育，按清单收件',
      '反馈（投诉人评价：满意）：已电话告知处理结果',
      '归档：资料归档',
    ]);
    expect(eventTypes().filter((t) => t.startsWith('complaint.'))).toEqual([
      'complaint.registered',
      'complaint.investigated',
      'complaint.handled',
      'complaint.feedback-given',
      'complaint.archived',
    ]);
    const logged = JSON.stringify(
      hall.running.db.prepare("SELECT payload FROM events WHERE type LIKE 'complaint.%'").all(),
    );
    expect(logged).not.toContain('张三丰');
    expect(logged).not.toContain('13812345678');

    const list = await data<ComplaintView[]>('GET', '/api/complaints');
    expect(JSON.stringify(list)).not.toContain('13812345678');
    const full = await data<Complainant>('GET', `/api/complaints/${c.id}/complainant`);
    expect(full).toEqual({ name: '张三丰', phone: '13812345678' });
    const audit = hall.running.db
      .prepare("SELECT action FROM audit_log WHERE target = ? AND action = 'read-personal-data'")
      .all(`complaint:${c.id}`);
    expect(audit).toHaveLength(1);

    // An archived complaint never moves again.
    const before = eventTypes().length;
    const moved = await rest(manager, 'POST', `/api/complaints/${c.id}/steps`, {
      action: 'investigate',
      note: '重新调查',
    });
    expect(moved.status).toBe(409);
    expect(!moved.body.ok && moved.body.error).toMatchObject({
      message: `投诉 ${c.no} 已归档，不能再调查；投诉未变更`,
      messageEn: `complaint ${c.no} is archived and cannot investigate; nothing was changed`,
    });
    expect(eventTypes()).toHaveLength(before);
    expect((await data<ComplaintView>('GET', `/api/complaints/${c.id}`)).history).toHaveLength(5);
  });

  it('an unknown category, a due date in the past, a step out of order, a clerk: refused, nothing changed', async () => {
    const rows = complaintRows();
    const unknown = await rest(manager, 'POST', '/api/complaints', {
      ...registration,
      category: 'complaint-about-weather',
    });
    expect(unknown.status).toBe(400);
    expect(!unknown.body.ok && unknown.body.error).toMatchObject({
      message: '没有「complaint-about-weather」这一投诉类别（可选：现场协调类、转办处理类、意见反映类）；投诉未登记',
      messageEn:
        'there is no complaint category "complaint-about-weather" (known: onsite-coordination, transfer, suggestion); nothing was registered',
    });
    const past = await rest(manager, 'POST', '/api/complaints', {
      ...registration,
      dueAt: new Date(Date.now() + offset - 3_600_000).toISOString(),
    });
    expect(past.status).toBe(400);
    expect(!past.body.ok && past.body.error.message).toBe('办理期限不能早于现在；投诉未登记');
    const nowhere = await rest(manager, 'POST', '/api/complaints', { ...registration, windowId: 'w99' });
    expect(nowhere.status).toBe(400);
    expect(!nowhere.body.ok && nowhere.body.error).toMatchObject({
      message: '没有窗口 w99；投诉未登记',
      messageEn: 'there is no window w99; nothing was registered',
    });
    const noCase = await rest(manager, 'POST', '/api/complaints', { ...registration, caseNo: 'NO-SUCH-CASE' });
    expect(!noCase.body.ok && noCase.body.error.message).toBe('没有办件 NO-SUCH-CASE；投诉未登记');
    expect(complaintRows()).toBe(rows);

    const c = await data<ComplaintView>('POST', '/api/complaints', {
      ...registration,
      category: 'onsite-coordination',
      complainant: { anonymous: true },
    });
    expect(c.complainant).toEqual({ name: null, phone: null, anonymous: true });
    const early = await rest(manager, 'POST', `/api/complaints/${c.id}/steps`, { action: 'archive', note: '直接归档' });
    expect(early.status).toBe(409);
    expect(!early.body.ok && early.body.error.message).toBe(`投诉 ${c.no} 目前为「已受理」，现在不能归档`);
    expect((await data<ComplaintView>('GET', `/api/complaints/${c.id}`)).status).toBe('registered');
    const clerk = await hall.login('clerk01');
    expect((await rest(clerk, 'GET', '/api/complaints')).status).toBe(403);
  });

  it('a complaint unanswered past its due date raises an alarm; the answer clears it', async () => {
    const c = await data<ComplaintView>('POST', '/api/complaints', { ...registration, category: 'suggestion' });
    const alarms = async () => data<AlarmList>('GET', '/api/alarms');
    expect((await alarms()).open.some((a) => a.key === `complaint-overdue:${c.id}`)).toBe(false);
    offset += 8 * DAY;
    manager = await hall.login('manager01');
    const alarm = await waitForValue(
      'the overdue complaint alarm',
      async () => (await alarms()).open.find((a) => a.key === `complaint-overdue:${c.id}`),
      (a) => a !== undefined,
    );
    expect(alarm).toMatchObject({ kind: 'complaint-overdue', severity: 'critical', message: `投诉 ${c.no} 已超期` });
    expect((await data<ComplaintView>('GET', `/api/complaints/${c.id}`)).overdue).toBe(true);
    await data('POST', `/api/complaints/${c.id}/steps`, { action: 'investigate', note: '核实中' });
    await data('POST', `/api/complaints/${c.id}/steps`, { action: 'handle', note: '已改进' });
    await data('POST', `/api/complaints/${c.id}/steps`, { action: 'feedback', note: '已答复', satisfaction: 'basic' });
    await waitForValue(
      'the complaint alarm cleared',
      async () => (await alarms()).open.find((a) => a.id === alarm!.id),
      (a) => a?.clearedAt !== null,
    );
  });
});
