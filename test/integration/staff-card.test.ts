/**
 * A staff member's card for 绿色通道, registered from the console (PUT /api/staff/:id/card) against a real hall: the
 * manager registers 张伟's card and the staff list says he has one (never the number); 王芳 cannot take the same card
 * and nothing changes; a wrong check digit, a manager touching the administrator and a clerk are refused; removing the
 * card stops it unlocking at the kiosk. The audit names who did it, and the number is nowhere in the database.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRestClient, type GreenUnlock, type RestClient, type StaffView } from '@onedoor/protocol';
import { command, request, startTestHall, type ClientSocket, type TestHall } from '../helpers/test-hall.js';

const CARD = { idNumber: '330106199001010018', name: '张伟' };

describe("a staff member's card from the console (real hall)", () => {
  let hall: TestHall;
  let manager: RestClient;
  let kiosk: ClientSocket;

  beforeAll(async () => {
    hall = await startTestHall();
    const token = await hall.login('manager01');
    manager = createRestClient({ origin: hall.baseUrl, token: () => token });
    kiosk = await hall.connect('/kiosk', { deviceToken: await hall.deviceToken('kiosk') });
  });
  afterAll(async () => {
    await hall?.close();
  });

  const cards = async (): Promise<Record<string, boolean>> => {
    const r = await manager.call('GET /api/staff', {});
    if (!r.ok) throw new Error(r.error.messageEn);
    return Object.fromEntries(r.data.map((s: StaffView) => [s.id, s.hasCard]));
  };
  const register = (id: string, cardIdNumber: string | null) =>
    manager.call('PUT /api/staff/:id/card', { params: { id }, body: { cardIdNumber } });
  const unlockedBy = async () => {
    const r = await request<GreenUnlock>(kiosk, 'staff:green-unlock', { card: CARD });
    return r.ok ? r.data.staffName : r.error.code;
  };

  it('registers a card; the staff list says who has one and never carries the number', async () => {
    expect(await cards()).toMatchObject({ clerk02: false, clerk03: false, clerk19: true });
    const saved = await register('clerk02', CARD.idNumber);
    expect(saved).toMatchObject({ ok: true, data: { id: 'clerk02', name: '张伟', hasCard: true } });
    expect(await cards()).toMatchObject({ clerk02: true, clerk03: false });
    expect((await command<GreenUnlock>(kiosk, 'staff:green-unlock', { card: CARD })).staffName).toBe('张伟');
    const list = await fetch(`${hall.baseUrl}/api/staff`, {
      headers: { authorization: `Bearer ${await hall.login('manager01')}` },
    });
    expect(await list.text()).not.toContain(CARD.idNumber);
  });

  it('refuses the same card for a second staff member, in Chinese and English, and changes nothing', async () => {
    const clash = await register('clerk03', CARD.idNumber);
    expect(clash).toMatchObject({
      ok: false,
      status: 409,
      error: {
        code: 'CONFLICT',
        message: '该卡已登记给其他工作人员',
        messageEn: 'this card is registered to another staff member',
      },
    });
    expect(await cards()).toMatchObject({ clerk02: true, clerk03: false });
    expect(await unlockedBy()).toBe('张伟');
  });

  it('refuses a wrong check digit, an administrator touched by a manager, and a clerk; nothing changes', async () => {
    const badDigit = await register('clerk03', '330106199001010019');
    expect(badDigit).toMatchObject({ ok: false, status: 400 });
    if (!badDigit.ok) {
      expect(badDigit.error.message).toContain('身份证号码校验位错误');
      expect(badDigit.error.messageEn).toContain('check digit');
    }
    const admin = await register('admin', '11010519491231002X');
    expect(admin).toMatchObject({ ok: false, status: 403, error: { code: 'FORBIDDEN' } });
    const clerkToken = await hall.login('clerk01');
    const clerk = createRestClient({ origin: hall.baseUrl, token: () => clerkToken });
    const byClerk = await clerk.call('PUT /api/staff/:id/card', {
      params: { id: 'clerk01' },
      body: { cardIdNumber: '11010519491231002X' },
    });
    expect(byClerk).toMatchObject({ ok: false, status: 403 });
    expect(await cards()).toMatchObject({ admin: false, clerk01: false, clerk02: true, clerk03: false });
  });

  it('removes the card: the list says so and the card no longer unlocks; the audit names the manager', async () => {
    expect(await register('clerk02', null)).toMatchObject({ ok: true, data: { hasCard: false } });
    expect(await cards()).toMatchObject({ clerk02: false });
    expect(await unlockedBy()).toBe('FORBIDDEN');
    // Now free, the card can go to 王芳.
    expect(await register('clerk03', CARD.idNumber)).toMatchObject({ ok: true, data: { hasCard: true } });

    const rows = hall.running.db
      .prepare(
        "SELECT staff_id, action, target FROM audit_log WHERE action LIKE 'staff-card%' AND staff_id IS NOT NULL",
      )
      .all();
    expect(rows).toEqual([
      { staff_id: 'manager01', action: 'staff-card-registered', target: 'staff:clerk02' },
      { staff_id: 'manager01', action: 'staff-card-removed', target: 'staff:clerk02' },
      { staff_id: 'manager01', action: 'staff-card-registered', target: 'staff:clerk03' },
    ]);
    for (const table of ['audit_log', 'staff'])
      expect(JSON.stringify(hall.running.db.prepare(`SELECT * FROM ${table}`).all())).not.toContain(CARD.idNumber);
  });
});
