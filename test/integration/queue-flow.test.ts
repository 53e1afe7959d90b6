import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { io } from 'socket.io-client';
import type { HallEvent, IssuedTicket, TicketView, WindowView } from '@onedoor/protocol';
import { command, request, startTestHall, type TestHall } from '../helpers/test-hall.js';

describe('queue over real sockets, real SQLite', () => {
  let hall: TestHall;
  beforeEach(async () => {
    hall = await startTestHall();
  });
  afterEach(async () => {
    await hall.close();
  });

  it('gives an unauthenticated socket nothing', async () => {
    for (const ns of ['/kiosk', '/window', '/display', '/console', '/']) {
      const socket = io(`${hall.baseUrl}${ns}`, {
        transports: ['websocket'],
        reconnection: false,
        auth: { deviceToken: 'forged' },
      });
      let snapshot = false;
      socket.on('hall:snapshot' as never, () => {
        snapshot = true;
      });
      const err = await new Promise<Error & { data?: { code: string; message: string } }>((resolve) =>
        socket.once('connect_error', resolve),
      );
      expect(err.data?.code).toBe('UNAUTHENTICATED');
      expect(err.data?.message).toMatch(/未登录|配对/);
      expect(snapshot).toBe(false);
      socket.close();
    }
    // A clerk token cannot open the manager console.
    await expect(hall.connect('/console', { sessionToken: await hall.login('clerk01') })).rejects.toThrow(
      /connect_error/,
    );
  });

  it('issues at the kiosk, calls at the window, and every display sees the call with its sentence', async () => {
    const kiosk = await hall.connect('/kiosk', { deviceToken: await hall.deviceToken('kiosk') });
    const display = await hall.connect('/display', { deviceToken: await hall.deviceToken('display') });
    const clerk = await hall.connect('/window', { sessionToken: await hall.login('clerk01') });
    const events: HallEvent[] = [];
    display.on('hall:event', (e) => events.push(e));

    const signedIn = await command<WindowView>(clerk, 'window:sign-in', { windowId: 'w01' });
    expect(signedIn).toMatchObject({ id: 'w01', state: 'open', clerkName: '李娜' });

    const first = await command<IssuedTicket>(kiosk, 'ticket:issue', { serviceId: 'general' });
    const second = await command<IssuedTicket>(kiosk, 'ticket:issue', { serviceId: 'general' });
    expect(first.ticket.number).toBe('A001');
    expect(second.ticket.number).toBe('A002');
    expect(second.peopleAhead).toBe(1);
    expect(first.progressUrl).toMatch(/\/t\/[0-9a-f-]+$/);

    const called = await command<TicketView>(clerk, 'ticket:call-next', { windowId: 'w01' });
    expect(called).toMatchObject({ number: 'A001', status: 'called', windowId: 'w01' });

    await expect.poll(() => events.find((e) => e.type === 'ticket.called')).toBeTruthy();
    const call = events.find((e) => e.type === 'ticket.called')!.call!;
    expect(call).toMatchObject({
      number: 'A001',
      windowNumber: '1',
      text: '请 A001 号 到 1 号窗口办理',
      recall: false,
    });
    // Sequence numbers are gap-free as seen by the display.
    const seqs = events.map((e) => e.seq);
    expect(seqs).toEqual(seqs.map((_, i) => display.firstSnapshot.seq + 1 + i));

    const recalled = await command<TicketView>(clerk, 'ticket:recall', { windowId: 'w01' });
    expect(recalled.callCount).toBe(2);
    await expect.poll(() => events.filter((e) => e.call?.number === 'A001').length).toBe(2);
    expect(events.find((e) => e.type === 'ticket.recalled')?.call?.recall).toBe(true);
  });

  it('refuses bad input with a Chinese and English error and changes nothing', async () => {
    const kiosk = await hall.connect('/kiosk', { deviceToken: await hall.deviceToken('kiosk') });
    const before = hall.running.hall.currentSeq;
    const malformed = await request(kiosk, 'ticket:issue', { serviceId: 42, priority: 'vip' });
    expect(malformed.ok).toBe(false);
    if (!malformed.ok) {
      expect(malformed.error.code).toBe('BAD_REQUEST');
      expect(malformed.error.message).toContain('请求内容有误');
      expect(malformed.error.messageEn).toContain('invalid request');
    }
    const badId = await request(kiosk, 'ticket:issue', {
      serviceId: 'household',
      holder: { idNumber: '110105194912310021', name: '张三' },
    });
    expect(badId.ok).toBe(false);
    if (!badId.ok) expect(badId.error.message).toContain('校验位错误');
    const unknown = await request(kiosk, 'ticket:issue', { serviceId: 'no-such-service' });
    expect(unknown.ok).toBe(false);
    if (!unknown.ok) expect(unknown.error.code).toBe('NOT_FOUND');
    const realNameWithout = await request(kiosk, 'ticket:issue', { serviceId: 'household' });
    expect(realNameWithout.ok).toBe(false);
    if (!realNameWithout.ok) expect(realNameWithout.error.code).toBe('REAL_NAME_REQUIRED');
    expect(hall.running.hall.currentSeq).toBe(before);
    const rows = hall.running.db.prepare('SELECT count(*) AS n FROM tickets').get() as { n: number };
    expect(rows.n).toBe(0);
  });

  it('takes real-name tickets, masks them in public, limits each person, seals the full data', async () => {
    const kiosk = await hall.connect('/kiosk', { deviceToken: await hall.deviceToken('kiosk') });
    const holder = { idNumber: '11010519491231002X', name: '张小三' };
    const a = await command<IssuedTicket>(kiosk, 'ticket:issue', { serviceId: 'household', holder });
    expect(a.ticket).toMatchObject({
      number: 'C001',
      holderName: '张*三',
      holderId: '1101**********002X',
      realName: true,
    });
    await command<IssuedTicket>(kiosk, 'ticket:issue', { serviceId: 'household', holder });
    const third = await request(kiosk, 'ticket:issue', { serviceId: 'household', holder });
    expect(third.ok).toBe(false);
    if (!third.ok) expect(third.error.code).toBe('PERSON_LIMIT_REACHED');
    // Nothing in the database holds the number in clear.
    const dump =
      JSON.stringify(hall.running.db.prepare('SELECT * FROM tickets').all()) +
      JSON.stringify(hall.running.db.prepare('SELECT * FROM events').all());
    expect(dump).not.toContain('11010519491231002X');
    expect(dump).not.toContain('张小三');
    // A manager can read it, and the read is audited (a clerk only for the visitor at their window: test/security).
    const token = await hall.login('manager01');
    const res = await fetch(`${hall.baseUrl}/api/tickets/${a.ticket.id}/holder`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(await res.json()).toMatchObject({ ok: true, data: { idNumber: '11010519491231002X', name: '张小三' } });
    expect(
      hall.running.authRepo
        .auditEntries()
        .some((e) => e.action === 'read-personal-data' && e.target === `ticket:${a.ticket.id}`),
    ).toBe(true);
  });

  it('answers a retried command with its first result (idempotent requestId)', async () => {
    const kiosk = await hall.connect('/kiosk', { deviceToken: await hall.deviceToken('kiosk') });
    const requestId = 'kiosk-retry-000001';
    const a = await command<IssuedTicket>(kiosk, 'ticket:issue', { serviceId: 'general', requestId });
    const b = await command<IssuedTicket>(kiosk, 'ticket:issue', { serviceId: 'general', requestId });
    expect(b.ticket.id).toBe(a.ticket.id);
    expect((hall.running.db.prepare('SELECT count(*) AS n FROM tickets').get() as { n: number }).n).toBe(1);
  });

  it('voids a ticket whose print failed, so it is never called', async () => {
    const kiosk = await hall.connect('/kiosk', { deviceToken: await hall.deviceToken('kiosk') });
    const clerk = await hall.connect('/window', { sessionToken: await hall.login('clerk01') });
    await command(clerk, 'window:sign-in', { windowId: 'w01' });
    const t = await command<IssuedTicket>(kiosk, 'ticket:issue', { serviceId: 'general' });
    const voided = await command<TicketView>(kiosk, 'ticket:print-result', {
      ticketId: t.ticket.id,
      printed: false,
      reason: '缺纸',
    });
    expect(voided.status).toBe('abandoned');
    const next = await request(clerk, 'ticket:call-next', { windowId: 'w01' });
    expect(next.ok).toBe(false);
    if (!next.ok) expect(next.error.code).toBe('NO_TICKET_WAITING');
  });

  it('only lets the signed-in clerk drive a window', async () => {
    const clerk1 = await hall.connect('/window', { sessionToken: await hall.login('clerk01') });
    const clerk2 = await hall.connect('/window', { sessionToken: await hall.login('clerk02') });
    await command(clerk1, 'window:sign-in', { windowId: 'w01' });
    const r = await request(clerk2, 'ticket:call-next', { windowId: 'w01' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('FORBIDDEN');
  });
});

describe('commands that change nothing', () => {
  it('take no sequence number (a clerk signing in again after a client restart)', async () => {
    const hall = await startTestHall();
    try {
      const clerk = await hall.connect('/window', { sessionToken: await hall.login('clerk01') });
      await command(clerk, 'window:sign-in', { windowId: 'w01' });
      const seq = hall.running.hall.currentSeq;
      const again = await command<WindowView>(clerk, 'window:sign-in', { windowId: 'w01' });
      expect(again).toMatchObject({ id: 'w01', clerkId: 'clerk01', state: 'open' });
      expect(hall.running.hall.currentSeq).toBe(seq);
    } finally {
      await hall.close();
    }
  });
});
