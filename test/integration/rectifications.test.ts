/**
 * 差评整改 over a real hall (issue 10), with the hall's clock moved by the test: a 不满意 at the window opens a
 * rectification due 15 days later; the department judges it valid (with a reviewer), rectifies, calls the visitor back
 * and records the result, each step in its history and the event log. Past its 整改期限 it raises an alarm; a due date
 * in the past or a step out of order is refused in both languages and changes nothing. Unrated services take the
 * hall's default level after the configured days, once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  idNumberCheckChar,
  type Ack,
  type AlarmList,
  type EvaluationView,
  type IssuedTicket,
  type RectificationView,
} from '@onedoor/protocol';
import { command, startTestHall, type ClientSocket, type TestHall } from '../helpers/test-hall.js';
import { waitForValue } from '../helpers/wait.js';
import { restData } from '../helpers/demo-cases.js';

const DAY = 86_400_000;

describe('差评整改 and default ratings (real hall, moved clock)', () => {
  let hall: TestHall;
  let offset = 0;
  let manager = '';
  let clerkToken = '';
  let clerk: ClientSocket;
  let kiosk: ClientSocket;

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
  const data = async <T>(token: string, method: string, path: string, body?: unknown): Promise<T> => {
    const r = await rest<T>(token, method, path, body);
    if (!r.body.ok) throw new Error(`${method} ${path}: ${r.body.error.messageEn}`);
    return r.body.data;
  };
  const serveAndRate = async (rating: { level: number; reason?: string } | null) => {
    const ticket = await command<IssuedTicket>(kiosk, 'ticket:issue', { serviceId: 'general' });
    await command(clerk, 'ticket:call-next', { windowId: 'w01' });
    await command(clerk, 'ticket:finish', { windowId: 'w01' });
    if (rating) await data(clerkToken, 'POST', '/api/windows/w01/evaluations', rating);
    return ticket.ticket.id;
  };
  const eventTypes = () =>
    (hall.running.db.prepare('SELECT type FROM events ORDER BY seq, idx').all() as { type: string }[]).map(
      (r) => r.type,
    );

  beforeAll(async () => {
    hall = await startTestHall({
      clock: { now: () => Date.now() + offset },
      config: {
        alarms: { scanSeconds: 0.2 },
        evaluations: { defaultRating: { afterDays: 7, level: 3 }, defaultScanSeconds: 0.2 },
      },
    });
    manager = await hall.login('manager01');
    clerkToken = await hall.login('clerk01');
    clerk = await hall.connect('/window', { sessionToken: clerkToken });
    kiosk = await hall.connect('/kiosk', { deviceToken: await hall.deviceToken('kiosk') });
    await command(clerk, 'window:sign-in', { windowId: 'w01' });
  });
  afterAll(async () => {
    await hall.close();
  });

  it('a 差评 is judged, rectified, called back and concluded; each step is in its history and the event log', async () => {
    const ticketId = await serveAndRate({ level: 2, reason: '等候时间长' });
    const [r] = await data<RectificationView[]>(manager, 'GET', '/api/rectifications');
    expect(r).toMatchObject({ ticketId, level: 2, reason: '等候时间长', status: 'pending', statusText: '待研判' });
    expect(Date.parse(r!.dueAt) - Date.parse(r!.ratedAt)).toBe(15 * DAY);

    const steps = [
      { action: 'judge', valid: true, reviewer: '张科长', note: '核实属实，高峰期窗口不足' },
      { action: 'rectify', measures: '高峰期增开2号窗口' },
      { action: 'call-back', note: '电话回访，群众认可', visitorRating: 'satisfied' },
      { action: 'conclude', result: '整改完成，已向群众反馈' },
    ];
    const statuses: string[] = [];
    for (const step of steps) {
      const after = await data<RectificationView>(manager, 'POST', `/api/rectifications/${r!.id}/steps`, step);
      statuses.push(after.status);
    }
    expect(statuses).toEqual(['rectifying', 'rectified', 'called-back', 'closed']);
    const done = await data<RectificationView>(manager, 'GET', `/api/rectifications/${r!.id}`);
    expect(done).toMatchObject({
      reviewer: '张科长',
      measures: '高峰期增开2号窗口',
      callBack: { visitorRating: 'satisfied' },
      result: '整改完成，已向群众反馈',
      overdue: false,
    });
    expect(done.history.map((h) => `${h.by}|${h.text}`)).toEqual([
      '系统|收到差评，开始整改流程：等候时间长',
      '王主任|研判为有效差评（审核人：张科长）：核实属实，高峰期窗口不足',
      '王主任|整改措施：高峰期增开2号窗口',
      '王主任|回访（群众评价：满意）：电话回访，群众认可',
      '王主任|整改结果：整改完成，已向群众反馈',
    ]);
    const types = eventTypes();
    const opened = types.indexOf('rectification.opened');
    expect(types[opened - 1]).toBe('evaluation.recorded');
    expect(types.slice(opened)).toEqual(
      expect.arrayContaining([
        'rectification.judged',
        'rectification.rectified',
        'rectification.called-back',
        'rectification.concluded',
      ]),
    );

    // A closed rectification moves no more.
    const again = await rest(manager, 'POST', `/api/rectifications/${r!.id}/steps`, {
      action: 'rectify',
      measures: '再整改',
    });
    expect(again.status).toBe(409);
    expect(!again.body.ok && again.body.error).toMatchObject({
      message: '该整改已办结，不能再整改；整改未变更',
      messageEn: 'this rectification is closed; it cannot rectify any more; nothing was changed',
    });
  });

  it('belongs to the department of the case served: its 审批人员 carry it, another department’s may not', async () => {
    await command<IssuedTicket>(kiosk, 'ticket:issue', { serviceId: 'general' });
    await command(clerk, 'ticket:call-next', { windowId: 'w01' });
    const ticketId = (
      await data<{ windows: { id: string; currentTicketId: string | null }[] }>(manager, 'GET', '/api/snapshot')
    ).windows.find((w) => w.id === 'w01')!.currentTicketId!;
    const id17 = '33010519700515001';
    await restData(hall.baseUrl, clerkToken, 'POST', '/api/cases', {
      matterId: 'sbk-bh',
      ticketId,
      applicant: { kind: 'person', name: '赵六', idNumber: id17 + idNumberCheckChar(id17), phone: '13900001111' },
      materials: [
        { materialId: 'm-sfz', status: 'cert-lookup' },
        { materialId: 'm-sbk-sqb', status: 'received' },
        { materialId: 'm-zp', status: 'received' },
      ],
    });
    await command(clerk, 'ticket:finish', { windowId: 'w01' });
    await data(clerkToken, 'POST', '/api/windows/w01/evaluations', { level: 1, reason: '需要多次跑动' });
    const [r] = await data<RectificationView[]>(manager, 'GET', `/api/rectifications?status=pending`);
    expect(r).toMatchObject({ ticketId, deptId: 'rsj', reason: '需要多次跑动' });

    const other = await hall.login('approver-gaj');
    expect(await data<RectificationView[]>(other, 'GET', '/api/rectifications')).toEqual([]);
    const refused = await rest(other, 'POST', `/api/rectifications/${r!.id}/steps`, {
      action: 'judge',
      valid: false,
      reviewer: '陈静',
      note: '不是本部门的',
    });
    expect(refused.status).toBe(403);
    expect(!refused.body.ok && refused.body.error.message).toBe('只能处理本部门的差评整改');

    const own = await hall.login('approver-rsj');
    expect((await data<RectificationView[]>(own, 'GET', '/api/rectifications')).map((x) => x.id)).toEqual([r!.id]);
    const judged = await data<RectificationView>(own, 'POST', `/api/rectifications/${r!.id}/steps`, {
      action: 'judge',
      valid: true,
      reviewer: '刘科长',
      note: '材料一次性告知不到位，属实',
    });
    expect(judged).toMatchObject({ status: 'rectifying', reviewer: '刘科长' });
    expect(judged.history.at(-1)!.by).toBe('人社局审批员 刘洋');
  });

  it('a due date in the past, a step out of order, a clerk: refused with zh/en, nothing changed', async () => {
    await serveAndRate({ level: 1, reason: '服务态度差' });
    const open = (await data<RectificationView[]>(manager, 'GET', '/api/rectifications?status=pending'))[0]!;
    const before = eventTypes().length;

    const past = await rest(manager, 'POST', `/api/rectifications/${open.id}/steps`, {
      action: 'judge',
      valid: true,
      reviewer: '张科长',
      note: '核实属实',
      dueAt: new Date(Date.now() + offset - DAY).toISOString(),
    });
    expect(past.status).toBe(400);
    expect(!past.body.ok && past.body.error).toMatchObject({
      message: '整改期限不能早于现在；整改未变更',
      messageEn: 'the rectification due date may not lie in the past; nothing was changed',
    });
    const tooLate = await rest(manager, 'POST', `/api/rectifications/${open.id}/steps`, {
      action: 'judge',
      valid: true,
      reviewer: '张科长',
      note: '核实属实',
      dueAt: new Date(Date.parse(open.ratedAt) + 16 * DAY).toISOString(),
    });
    expect(!tooLate.body.ok && tooLate.body.error.message).toBe('整改期限须在评价后 15 天以内；整改未变更');
    const early = await rest(manager, 'POST', `/api/rectifications/${open.id}/steps`, {
      action: 'call-back',
      note: '电话回访',
      visitorRating: 'basic',
    });
    expect(early.status).toBe(409);
    expect(!early.body.ok && early.body.error.messageEn).toBe(
      'this rectification is to be judged; "call back" is not its next step',
    );
    const noReviewer = await rest(manager, 'POST', `/api/rectifications/${open.id}/steps`, {
      action: 'judge',
      valid: false,
      reviewer: '',
      note: '恶意差评',
    });
    expect(noReviewer.status).toBe(400);
    expect((await rest(clerkToken, 'GET', '/api/rectifications')).status).toBe(403);

    const still = await data<RectificationView>(manager, 'GET', `/api/rectifications/${open.id}`);
    expect(still).toMatchObject({ status: 'pending', reviewer: null, dueAt: open.dueAt });
    expect(still.history).toHaveLength(1);
    expect(eventTypes()).toHaveLength(before);

    // Judged invalid, with its reviewer: closed at once, never overdue.
    const invalid = await data<RectificationView>(manager, 'POST', `/api/rectifications/${open.id}/steps`, {
      action: 'judge',
      valid: false,
      reviewer: '李副主任',
      note: '经核实为误评',
    });
    expect(invalid).toMatchObject({ status: 'invalid', statusText: '无效差评', reviewer: '李副主任' });
  });

  it('a rectification past its 整改期限 raises an alarm; the unrated service of that day takes 基本满意, once', async () => {
    await serveAndRate({ level: 2, reason: '办事效率低' });
    const unrated = await serveAndRate(null);
    const late = (await data<RectificationView[]>(manager, 'GET', '/api/rectifications?status=pending'))[0]!;
    await data(manager, 'POST', `/api/rectifications/${late.id}/steps`, {
      action: 'judge',
      valid: true,
      reviewer: '张科长',
      note: '属实',
    });
    const alarms = async () => data<AlarmList>(manager, 'GET', '/api/alarms');
    expect((await alarms()).open.some((a) => a.kind === 'rectification-overdue')).toBe(false);

    offset += 16 * DAY;
    // Sessions last hours, not weeks: the manager signs in again on the sixteenth day.
    manager = await hall.login('manager01');
    const alarm = await waitForValue(
      'the overdue rectification alarm',
      async () => (await alarms()).open.find((a) => a.key === `rectification-overdue:${late.id}`),
      (a) => a !== undefined,
    );
    expect(alarm).toMatchObject({
      kind: 'rectification-overdue',
      severity: 'critical',
      message: '差评整改已超期：1号窗口（不满意）',
    });
    expect((await data<RectificationView>(manager, 'GET', `/api/rectifications/${late.id}`)).overdue).toBe(true);

    const defaulted = await waitForValue(
      'the default rating',
      async () => (await data<EvaluationView[]>(manager, 'GET', `/api/evaluations?ticketId=${unrated}`))[0],
      (e) => e !== undefined,
    );
    expect(defaulted).toMatchObject({ channel: 'default', level: 3, levelText: '基本满意', reason: null });
    // Idempotent: a later run rates the next unrated service and leaves the first alone (one rating, one event).
    clerkToken = await hall.login('clerk01');
    clerk = await hall.connect('/window', { sessionToken: clerkToken });
    await command(clerk, 'window:sign-in', { windowId: 'w01' });
    const later = await serveAndRate(null);
    offset += 8 * DAY;
    manager = await hall.login('manager01');
    await waitForValue(
      'the second default rating',
      async () => (await data<EvaluationView[]>(manager, 'GET', `/api/evaluations?ticketId=${later}`)).length,
      (n) => n === 1,
    );
    const all = await data<EvaluationView[]>(manager, 'GET', '/api/evaluations');
    expect(
      all
        .filter((e) => e.channel === 'default')
        .map((e) => e.ticketId)
        .sort(),
    ).toEqual([unrated, later].sort());
    expect(all.filter((e) => e.ticketId === unrated)).toHaveLength(1);
    expect(eventTypes().filter((t) => t === 'evaluation.defaulted')).toHaveLength(2);
    // Rectifying clears the condition; the alarm stays listed until acknowledged.
    await data(manager, 'POST', `/api/rectifications/${late.id}/steps`, {
      action: 'rectify',
      measures: '已培训窗口人员',
    });
    const cleared = await waitForValue(
      'the alarm cleared',
      async () => (await alarms()).open.find((a) => a.id === alarm!.id),
      (a) => a?.clearedAt !== null,
    );
    expect(cleared!.acknowledgedAt).toBeNull();
  });
});
