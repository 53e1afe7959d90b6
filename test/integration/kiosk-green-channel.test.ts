/**
 * 绿色通道 at the kiosk (issue 9), over real sockets against a real hall: a kiosk's `ticket:issue` with priority green
 * is refused unless a staff member unlocked it at that kiosk (`staff:green-unlock`) with their staff card or their
 * 工号 and 密码; the server checks the role on the kiosk's message — a visitor's card, a wrong password, an approver,
 * a disabled account unlock nothing. One unlock, one ticket, at that kiosk only, for a few minutes; a lost ack retried
 * with the same requestId gets the same ticket. The audit log names the staff member, never the card's number.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ack, GreenUnlock, IssuedTicket, StaffView } from '@onedoor/protocol';
import { command, request, startTestHall, type ClientSocket, type TestHall } from '../helpers/test-hall.js';

const STAFF_CARD = { idNumber: '330102198808087016', name: '林峰' }; // clerk19's demo card
const VISITOR_CARD = { idNumber: '11010519491231002X', name: '张三' };

describe('绿色通道 at the kiosk through a staff card or code (real hall)', () => {
  let hall: TestHall;
  let kiosk: ClientSocket;
  let otherKiosk: ClientSocket;
  let offset = 0;
  let greenTicketId = '';
  const waitingCount = async () =>
    (await command<{ tickets: { status: string }[] }>(kiosk, 'hall:snapshot', {})).tickets.filter(
      (t) => t.status === 'waiting',
    ).length;

  beforeAll(async () => {
    hall = await startTestHall({ clock: { now: () => Date.now() + offset } });
    kiosk = await hall.connect('/kiosk', { deviceToken: await hall.deviceToken('kiosk') });
    otherKiosk = await hall.connect('/kiosk', { deviceToken: await hall.deviceToken('kiosk') });
    for (let i = 0; i < 3; i++) await command<IssuedTicket>(kiosk, 'ticket:issue', { serviceId: 'general' });
  });
  afterAll(async () => {
    await hall.close();
  });

  it('refuses a green ticket without a staff unlock, and a visitor card unlocks nothing', async () => {
    const before = await waitingCount();
    const bare = await request<IssuedTicket>(kiosk, 'ticket:issue', { serviceId: 'general', priority: 'green' });
    expect(bare.ok ? null : bare.error).toMatchObject({
      code: 'FORBIDDEN',
      message: '绿色通道号须由工作人员在本机刷工作人员卡或输入工号和密码授权',
    });
    const visitor = await request<GreenUnlock>(kiosk, 'staff:green-unlock', { card: VISITOR_CARD });
    expect(visitor.ok ? null : visitor.error).toMatchObject({
      code: 'FORBIDDEN',
      message: '此卡不是本大厅登记的工作人员卡，不能开具绿色通道号；需要绿色通道请联系导办人员',
      messageEn: 'this card is not a staff card of this hall; a 绿色通道 ticket needs a staff member',
    });
    const guessed = await request<IssuedTicket>(kiosk, 'ticket:issue', {
      serviceId: 'general',
      priority: 'green',
      greenUnlock: 'made-up-unlock-id',
    });
    expect(guessed.ok).toBe(false);
    expect(await waitingCount()).toBe(before);
  });

  it('a staff card unlocks one green ticket at that kiosk; a retry gets the same ticket, a second one needs a new unlock', async () => {
    const unlock = await command<GreenUnlock>(kiosk, 'staff:green-unlock', { card: STAFF_CARD });
    expect(unlock.staffName).toBe('林峰');
    // Another kiosk cannot use it.
    const elsewhere = await request<IssuedTicket>(otherKiosk, 'ticket:issue', {
      serviceId: 'general',
      priority: 'green',
      greenUnlock: unlock.unlockId,
    });
    expect(elsewhere.ok).toBe(false);
    const payload = {
      requestId: 'green-kiosk-001',
      serviceId: 'general',
      priority: 'green',
      greenUnlock: unlock.unlockId,
    };
    const issued = await command<IssuedTicket>(kiosk, 'ticket:issue', payload);
    greenTicketId = issued.ticket.id;
    expect(issued.ticket).toMatchObject({ priority: 'green', source: 'kiosk' });
    // Three normal tickets wait, yet the interleave calls it sooner than fourth.
    expect(issued.peopleAhead).toBeLessThan(3);
    const retried = await command<IssuedTicket>(kiosk, 'ticket:issue', payload);
    expect(retried.ticket.id).toBe(issued.ticket.id);
    const second = await request<IssuedTicket>(kiosk, 'ticket:issue', { ...payload, requestId: 'green-kiosk-002' });
    expect(second.ok ? null : second.error.message).toBe('该绿色通道授权已使用，请工作人员重新刷卡或输入工号');
  });

  it('a staff code unlocks too; a wrong password or an approver does not; an unlock expires', async () => {
    const code = await command<GreenUnlock>(kiosk, 'staff:green-unlock', {
      code: { username: 'clerk01', password: 'demo1234' },
    });
    expect(code.staffName).toBe('李娜');
    const wrong = await request<GreenUnlock>(kiosk, 'staff:green-unlock', {
      code: { username: 'clerk01', password: 'not-the-password' },
    });
    expect(wrong.ok ? null : wrong.error).toMatchObject({ code: 'UNAUTHENTICATED', message: '用户名或密码错误' });
    const approver = await request<GreenUnlock>(kiosk, 'staff:green-unlock', {
      code: { username: 'approver-scjgj', password: 'demo1234' },
    });
    expect(approver.ok ? null : approver.error.code).toBe('FORBIDDEN');
    expect(approver.ok ? null : approver.error.message).toContain('无权开具绿色通道号');
    const neither = await request<GreenUnlock>(kiosk, 'staff:green-unlock', {});
    expect(neither.ok ? null : neither.error.code).toBe('BAD_REQUEST');

    offset += 4 * 60_000;
    const late = await request<IssuedTicket>(kiosk, 'ticket:issue', {
      serviceId: 'general',
      priority: 'green',
      greenUnlock: code.unlockId,
    });
    expect(late.ok ? null : late.error.message).toBe('绿色通道授权已超过 3 分钟失效，请工作人员重新刷卡或输入工号');
  });

  it("a card registered by the admin unlocks; the staff member's card stops working once the account is disabled", async () => {
    const admin = await hall.login('admin');
    const save = async (body: Record<string, unknown>) => {
      const res = await fetch(`${hall.baseUrl}/api/staff/clerk02`, {
        method: 'PUT',
        headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
        body: JSON.stringify({ id: 'clerk02', username: 'clerk02', name: '张伟', roles: ['clerk'], ...body }),
      });
      return (await res.json()) as Ack<StaffView>;
    };
    const card = { idNumber: '330106199001010018', name: '张伟' };
    expect((await request(kiosk, 'staff:green-unlock', { card })).ok).toBe(false);
    expect((await save({ cardIdNumber: card.idNumber, enabled: true })).ok).toBe(true);
    expect((await command<GreenUnlock>(kiosk, 'staff:green-unlock', { card })).staffName).toBe('张伟');
    // Another staff member cannot take the same card.
    const clash = await fetch(`${hall.baseUrl}/api/staff/clerk03`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        id: 'clerk03',
        username: 'clerk03',
        name: '王芳芳',
        roles: ['clerk', 'manager'],
        cardIdNumber: card.idNumber,
      }),
    });
    expect(clash.status).toBe(409);
    // Refused as a whole: the rest of the form was not saved either.
    expect(hall.running.auth.staffMember('clerk03')).toMatchObject({ name: '王芳', roles: ['clerk'], hasCard: false });
    expect((await save({ enabled: false })).ok).toBe(true);
    const disabled = await request<GreenUnlock>(kiosk, 'staff:green-unlock', { card });
    expect(disabled.ok ? null : disabled.error.message).toBe('张伟 的账号已停用，不能授权绿色通道');

    // The audit names who unlocked where; no card number is written anywhere in it.
    const rows = hall.running.db
      .prepare(
        "SELECT staff_id, action, target, detail FROM audit_log WHERE action LIKE 'green-unlock%' OR action LIKE 'staff-card%'",
      )
      .all() as { staff_id: string | null; action: string; target: string | null; detail: string | null }[];
    expect(rows.some((r) => r.action === 'green-unlock' && r.staff_id === 'clerk19')).toBe(true);
    // The green ticket names who gave it, once (the retry above wrote nothing more).
    const given = hall.running.db
      .prepare("SELECT staff_id, target FROM audit_log WHERE action = 'green-ticket'")
      .all() as { staff_id: string; target: string }[];
    expect(given).toEqual([{ staff_id: 'clerk19', target: `ticket:${greenTicketId}` }]);
    expect(rows.some((r) => r.action === 'green-unlock-refused' && r.staff_id === null)).toBe(true);
    expect(JSON.stringify(hall.running.db.prepare('SELECT * FROM audit_log').all())).not.toMatch(
      /330102198808087016|330106199001010018/,
    );
    expect(JSON.stringify(hall.running.db.prepare('SELECT * FROM staff').all())).not.toContain(card.idNumber);
  });
});
