/**
 * A transferred ticket keeps the number its visitor holds (A001) but joins another service's queue. Found under
 * attack: the row kept its sequence number under the target service, so when the target's own counter reached it,
 * every issue there failed on UNIQUE(business_day, service_id, seq_no) and the kiosk spun on 正在取号.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IssuedTicket, TicketView } from '@onedoor/protocol';
import { command, startTestHall, type ClientSocket, type TestHall } from '../helpers/test-hall.js';

describe('numbers after a transfer (real hall, real SQLite file)', () => {
  let hall: TestHall;
  let kiosk: ClientSocket;
  let clerk: ClientSocket;
  beforeAll(async () => {
    hall = await startTestHall();
    kiosk = await hall.connect('/kiosk', { deviceToken: await hall.deviceToken('kiosk') });
    clerk = await hall.connect('/window', { sessionToken: await hall.login('clerk01') });
    await command(clerk, 'window:sign-in', { windowId: 'w01' });
  });
  afterAll(async () => {
    await hall.close();
  });

  it('the target service keeps issuing its own numbers, and the transferred visitor keeps theirs', async () => {
    const first = await command<IssuedTicket>(kiosk, 'ticket:issue', { serviceId: 'general' });
    await command<TicketView>(clerk, 'ticket:call-next', { windowId: 'w01' });
    const moved = await command<TicketView>(clerk, 'ticket:transfer', { windowId: 'w01', toServiceId: 'business' });
    expect(moved).toMatchObject({ number: first.ticket.number, serviceId: 'business', status: 'waiting' });
    // The target's counter passes the transferred ticket's sequence number: every issue still succeeds.
    const issued: string[] = [];
    for (let i = 0; i < 3; i++) {
      issued.push((await command<IssuedTicket>(kiosk, 'ticket:issue', { serviceId: 'business' })).ticket.number);
    }
    expect(new Set(issued).size).toBe(3);
    expect(issued).not.toContain(first.ticket.number);
    // And the issuing service goes on after it.
    const next = await command<IssuedTicket>(kiosk, 'ticket:issue', { serviceId: 'general' });
    expect(next.ticket.number).not.toBe(first.ticket.number);
  });
});
