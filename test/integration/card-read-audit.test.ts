import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IssuedTicket, TicketView } from '@onedoor/protocol';
import { command, startTestHall, type TestHall } from '../helpers/test-hall.js';

/**
 * Every full read of an applicant's ID card at the window (issue 9, DESIGN rule 8) is audited by the hall: who read
 * it, at which window, when, and the masked number — never the full one. Only the clerk serving the ticket may
 * report a read for it; a wrong number is refused and nothing is recorded.
 */
describe('ID card reads at the window are audited', () => {
  let hall: TestHall;
  let clerk01: string;
  let clerk02: string;
  let ticket: TicketView;
  beforeAll(async () => {
    hall = await startTestHall();
    clerk01 = await hall.login('clerk01');
    clerk02 = await hall.login('clerk02');
    const window01 = await hall.connect('/window', { sessionToken: clerk01 });
    await command(window01, 'window:sign-in', { windowId: 'w01' });
    const window02 = await hall.connect('/window', { sessionToken: clerk02 });
    await command(window02, 'window:sign-in', { windowId: 'w02' });
    const kiosk = await hall.connect('/kiosk', { deviceToken: await hall.deviceToken('kiosk') });
    await command<IssuedTicket>(kiosk, 'ticket:issue', { serviceId: 'general' });
    ticket = await command<TicketView>(window01, 'ticket:call-next', { windowId: 'w01' });
  });
  afterAll(async () => {
    await hall.close();
  });

  const post = async (token: string, ticketId: string, body: unknown) => {
    const res = await fetch(`${hall.baseUrl}/api/tickets/${ticketId}/card-reads`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return {
      status: res.status,
      ack: (await res.json()) as
        | { ok: true; data: { windowId: string; at: string; idNumber: string; kind: string } }
        | { ok: false; error: { code: string; message: string; messageEn: string } },
    };
  };
  const entries = (action: string) => hall.running.authRepo.auditEntries(1000).filter((e) => e.action === action);

  it('records clerk, window, time and masked number, never the full number', async () => {
    const before = entries('read-id-card').length;
    const { status, ack } = await post(clerk01, ticket.id, { idNumber: '11010519491231002x' });
    expect(status).toBe(201);
    expect(ack).toMatchObject({
      ok: true,
      data: { windowId: 'w01', idNumber: '1101**********002X', kind: 'resident' },
    });
    const reads = entries('read-id-card');
    expect(reads).toHaveLength(before + 1);
    const staffId = hall.running.authRepo.findStaffByUsername('clerk01')!.id;
    expect(reads[0]).toMatchObject({
      staff_id: staffId,
      target: 'window:w01',
      detail: `ticket:${ticket.id}; resident; 1101**********002X`,
    });
    if (ack.ok) expect(reads[0]!.at).toBe(ack.data.at);
    expect(Date.parse(reads[0]!.at)).not.toBeNaN();
    const all = JSON.stringify(hall.running.authRepo.auditEntries(1000));
    expect(all).not.toContain('11010519491231002X');
  });

  it('keeps the card kind: a 港澳台居民居住证 and the old 15-character foreigner card', async () => {
    const hmt = await post(clerk01, ticket.id, { idNumber: '810000199408230021' });
    expect(hmt.ack).toMatchObject({ ok: true, data: { kind: 'hmt-residence-permit', idNumber: '8100**********0021' } });
    const old = await post(clerk01, ticket.id, { idNumber: 'usa310085020018' });
    expect(old.ack).toMatchObject({ ok: true, data: { kind: 'foreigner-2017', idNumber: 'USA3*******0018' } });
    expect(entries('read-id-card')[0]!.detail).toBe(`ticket:${ticket.id}; foreigner-2017; USA3*******0018`);
  });

  it("refuses a read for a visitor not served at the clerk's window, and audits the refusal", async () => {
    const reads = entries('read-id-card').length;
    const refusedBefore = entries('read-id-card-refused').length;
    const { status, ack } = await post(clerk02, ticket.id, { idNumber: '11010519491231002X' });
    expect(status).toBe(403);
    expect(ack).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN', message: expect.stringMatching(/本窗口正在办理/) },
    });
    if (!ack.ok) expect(ack.error.messageEn).toMatch(/served at your window/);
    expect(entries('read-id-card')).toHaveLength(reads);
    expect(entries('read-id-card-refused')).toHaveLength(refusedBefore + 1);
    expect(entries('read-id-card-refused')[0]!.target).toBe(`ticket:${ticket.id}`);
  });

  it('refuses a number with a wrong check digit in Chinese and English, recording nothing', async () => {
    const reads = entries('read-id-card').length;
    const { status, ack } = await post(clerk01, ticket.id, { idNumber: '110105194912310021' });
    expect(status).toBe(400);
    expect(ack).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST', message: expect.stringMatching(/校验位/) } });
    expect(JSON.stringify(ack)).toMatch(/check digit/);
    expect(entries('read-id-card')).toHaveLength(reads);
  });

  it('is for signed-in staff only', async () => {
    const res = await fetch(`${hall.baseUrl}/api/tickets/${ticket.id}/card-reads`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ idNumber: '11010519491231002X' }),
    });
    expect(res.status).toBe(401);
  });
});
