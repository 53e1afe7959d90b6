/**
 * The window's waiting list in the fair order (issue 9): GET /api/windows/:id/call-order lists the waiting tickets as
 * the queue's call-next will take them (priority classes, interleave, aging), not by issue time. Over real sockets:
 * five normal tickets from a kiosk, then two 绿色通道 tickets from the desk; the listed order is exactly the order in
 * which 叫下一位 then calls them, and it is not the issue order.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ack, IssuedTicket, TicketView, WindowCallOrder } from '@onedoor/protocol';
import { command, startTestHall, type TestHall } from '../helpers/test-hall.js';

describe("a window's call order (real hall)", () => {
  let hall: TestHall;
  beforeAll(async () => {
    hall = await startTestHall();
  });
  afterAll(async () => {
    await hall.close();
  });

  it('lists the waiting tickets in the order call-next calls them', async () => {
    const token = await hall.login('clerk01');
    const clerk = await hall.connect('/window', { sessionToken: token });
    const desk = await hall.connect('/window', { sessionToken: await hall.login('clerk19') });
    const kiosk = await hall.connect('/kiosk', { deviceToken: await hall.deviceToken('kiosk') });
    await command(clerk, 'window:sign-in', { windowId: 'w01' });
    const issued: string[] = [];
    for (let i = 0; i < 5; i++)
      issued.push((await command<IssuedTicket>(kiosk, 'ticket:issue', { serviceId: 'general' })).ticket.id);
    for (let i = 0; i < 2; i++)
      issued.push(
        (await command<IssuedTicket>(desk, 'ticket:issue', { serviceId: 'general', priority: 'green' })).ticket.id,
      );

    const read = async (windowId: string) => {
      const res = await fetch(`${hall.baseUrl}/api/windows/${windowId}/call-order`, {
        headers: { authorization: `Bearer ${token}` },
      });
      return (await res.json()) as Ack<WindowCallOrder>;
    };
    const listed = await read('w01');
    if (!listed.ok) throw new Error(listed.error.messageEn);
    expect([...listed.data.ticketIds].sort()).toEqual([...issued].sort());
    // The greens come up between the normals: the list is not the issue order.
    expect(listed.data.ticketIds).not.toEqual(issued);

    const called: string[] = [];
    for (let i = 0; i < issued.length; i++) {
      called.push((await command<TicketView>(clerk, 'ticket:call-next', { windowId: 'w01' })).id);
      await command(clerk, 'ticket:finish', { windowId: 'w01' });
    }
    expect(called).toEqual(listed.data.ticketIds);
    const after = await read('w01');
    expect(after.ok && after.data.ticketIds).toEqual([]);

    const unknown = await read('w99');
    expect(unknown.ok ? null : unknown.error).toMatchObject({ code: 'NOT_FOUND', message: '窗口 w99 不存在' });
  });
});
