import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CheckInResult, TicketView } from '@onedoor/protocol';
import { command, request, startTestHall, type TestHall } from '../helpers/test-hall.js';

describe('appointment check-in at the kiosk', () => {
  let hall: TestHall;
  beforeEach(async () => {
    hall = await startTestHall();
  });
  afterEach(async () => {
    await hall.close();
  });

  it('gives an on-time booking a priority ticket that is called before walk-ins', async () => {
    // Strict priority (no interleave) so the appointment goes first at a fresh window.
    await hall.close();
    hall = await startTestHall({ config: { queue: { normalPerPriority: 0 } } });
    const [onTime] = hall.running.demoAppointmentCodes;
    const kiosk = await hall.connect('/kiosk', { deviceToken: await hall.deviceToken('kiosk') });
    await command(kiosk, 'ticket:issue', { serviceId: 'real-estate' });
    const r = await command<CheckInResult>(kiosk, 'appointment:check-in', { code: onTime!.toLowerCase() });
    expect(r.outcome).toBe('on-time');
    expect(r.issued.ticket).toMatchObject({
      number: 'B002',
      priority: 'appointment',
      source: 'appointment',
      holderName: '陈*',
      realName: true,
    });
    expect(r.appointment).toMatchObject({ status: 'checked-in', ticketId: r.issued.ticket.id });
    const again = await request(kiosk, 'appointment:check-in', { code: onTime });
    expect(again.ok).toBe(false);
    if (!again.ok) expect(again.error.code).toBe('APPOINTMENT_USED');

    const clerk = await hall.connect('/window', { sessionToken: await hall.login('clerk09') });
    await command(clerk, 'window:sign-in', { windowId: 'w09' });
    const first = await command<TicketView>(clerk, 'ticket:call-next', { windowId: 'w09' });
    expect(first.number).toBe('B002');
  });

  it('finds the booking by ID card, tells an early visitor when to come back, and gives a late one a normal ticket', async () => {
    const [, early, late] = hall.running.demoAppointmentCodes;
    const kiosk = await hall.connect('/kiosk', { deviceToken: await hall.deviceToken('kiosk') });
    const byCard = await command<CheckInResult>(kiosk, 'appointment:check-in', { idNumber: '330102198503151232' });
    expect(byCard.outcome).toBe('on-time');

    const tooEarly = await request(kiosk, 'appointment:check-in', { code: early });
    expect(tooEarly.ok).toBe(false);
    if (!tooEarly.ok) {
      expect(tooEarly.error.code).toBe('APPOINTMENT_TOO_EARLY');
      expect(tooEarly.error.message).toMatch(/请于 \d{4}-\d{2}-\d{2} \d{2}:\d{2} 之后签到/);
    }
    const lateResult = await command<CheckInResult>(kiosk, 'appointment:check-in', { code: late });
    expect(lateResult.outcome).toBe('late-walk-in');
    expect(lateResult.issued.ticket.priority).toBe('normal');
    expect(lateResult.message).toContain('已超过预约时段');

    const unknown = await request(kiosk, 'appointment:check-in', { code: 'NOPE0000' });
    expect(unknown.ok).toBe(false);
    if (!unknown.ok) expect(unknown.error.code).toBe('APPOINTMENT_NOT_FOUND');
    const badCard = await request(kiosk, 'appointment:check-in', { idNumber: '330102198503151233' });
    expect(badCard.ok).toBe(false);
    if (!badCard.ok) expect(badCard.error.message).toContain('校验位错误');
  });

  it('books through REST with personal data sealed, and refuses a taken code', async () => {
    const token = await hall.login('manager01');
    const now = Date.now();
    const put = (id: string, code: string) =>
      fetch(`${hall.baseUrl}/api/appointments/${id}`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({
          code,
          serviceId: 'tax',
          holder: { idNumber: '11010519491231002X', name: '张小三' },
          slotStart: new Date(now).toISOString(),
          slotEnd: new Date(now + 3_600_000).toISOString(),
        }),
      });
    const ok = await put('a1', 'TAX00001');
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({
      ok: true,
      data: { code: 'TAX00001', holderName: '张*三', holderId: '1101**********002X', status: 'booked' },
    });
    const clash = await put('a2', 'TAX00001');
    expect(clash.status).toBe(409);
    const dump = JSON.stringify(hall.running.db.prepare('SELECT * FROM appointments').all());
    expect(dump).not.toContain('11010519491231002X');
    expect(
      (
        hall.running.db.prepare("SELECT count(*) AS n FROM events WHERE type = 'appointment.booked'").get() as {
          n: number;
        }
      ).n,
    ).toBe(1);
  });
});

describe('a check-in whose ticket could not be printed', () => {
  it('opens the booking again', async () => {
    const hall = await startTestHall();
    try {
      const [onTime] = hall.running.demoAppointmentCodes;
      const kiosk = await hall.connect('/kiosk', { deviceToken: await hall.deviceToken('kiosk') });
      const first = await command<CheckInResult>(kiosk, 'appointment:check-in', { code: onTime });
      const voided = await command<TicketView>(kiosk, 'ticket:print-result', {
        ticketId: first.issued.ticket.id,
        printed: false,
        reason: '缺纸',
      });
      expect(voided.status).toBe('abandoned');
      const again = await command<CheckInResult>(kiosk, 'appointment:check-in', { code: onTime });
      expect(again.outcome).toBe('on-time');
      expect(again.issued.ticket.id).not.toBe(first.issued.ticket.id);
    } finally {
      await hall.close();
    }
  });
});
