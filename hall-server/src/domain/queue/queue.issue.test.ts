import { describe, expect, it } from 'vitest';
import { createQueueState, decide, formatTicketNumber } from './queue.js';
import { DAY, holder, makeService, MINUTE, standardHall, T0, TestHall, makeWindow } from './queue.test-support.js';

describe('formatTicketNumber', () => {
  it('pads to the digits of rangeEnd by default', () => {
    expect(formatTicketNumber({ prefix: 'A', rangeEnd: 999 }, 1)).toBe('A001');
    expect(formatTicketNumber({ prefix: 'A', rangeEnd: 999 }, 999)).toBe('A999');
    expect(formatTicketNumber({ prefix: 'GA', rangeEnd: 99 }, 7)).toBe('GA07');
    expect(formatTicketNumber({ prefix: 'B', rangeEnd: 9999 }, 42)).toBe('B0042');
  });

  it('uses an explicit width', () => {
    expect(formatTicketNumber({ prefix: 'A', rangeEnd: 999, width: 4 }, 12)).toBe('A0012');
  });
});

describe('issue', () => {
  it('issues A001, A002 … and counts each service separately', () => {
    const hall = standardHall();
    const first = hall.issue('A');
    expect(first).toMatchObject({
      number: 'A001',
      seqNo: 1,
      status: 'waiting',
      priority: 'normal',
      source: 'kiosk',
      businessDay: DAY,
      issuedAt: new Date(T0).toISOString(),
      sortKey: T0,
      enqueuedAt: T0,
      callCount: 0,
      windowId: null,
      holder: null,
    });
    expect(hall.issue('A').number).toBe('A002');
    expect(hall.issue('B').number).toBe('B001');
    expect(hall.state.lastNumber.get('A')).toBe(2);
    expect(hall.state.lastNumber.get('B')).toBe(1);
  });

  it('starts at rangeStart and formats with the configured width', () => {
    const hall = standardHall({}, [
      makeService('A', 'A', { rangeStart: 100, rangeEnd: 999 }),
      makeService('B', 'B', { width: 4 }),
    ]);
    expect(hall.issue('A').number).toBe('A100');
    expect(hall.issue('B').number).toBe('B0001');
  });

  it('refuses an unknown or disabled service', () => {
    const hall = standardHall({}, [makeService('A', 'A', { enabled: false })]);
    expect(hall.fail({ type: 'issue', serviceId: 'X', priority: 'normal', source: 'kiosk' }).code).toBe('NOT_FOUND');
    const disabled = hall.fail({ type: 'issue', serviceId: 'A', priority: 'normal', source: 'kiosk' });
    expect(disabled.code).toBe('SERVICE_DISABLED');
    expect(disabled.message).toContain('暂停办理');
  });

  it('refuses outside opening hours, in the hall time zone, and says when it opens', () => {
    const hall = standardHall({}, [
      makeService('A', 'A', { openingHours: [{ days: [1, 2, 3, 4, 5], from: '09:00', to: '12:00' }] }),
    ]);
    hall.now = T0 - 1; // 08:59:59.999 in Shanghai
    const closed = hall.fail({ type: 'issue', serviceId: 'A', priority: 'normal', source: 'kiosk' });
    expect(closed.code).toBe('SERVICE_CLOSED');
    expect(closed.message).toContain('周一至周五 09:00-12:00');
    hall.now = T0;
    expect(hall.issue('A').number).toBe('A001');
    hall.now = T0 + 3 * 60 * MINUTE; // 12:00
    expect(hall.fail({ type: 'issue', serviceId: 'A', priority: 'normal', source: 'kiosk' }).code).toBe(
      'SERVICE_CLOSED',
    );
  });

  it('requires a holder for real-name services and keeps only masked data', () => {
    const hall = standardHall({}, [makeService('A', 'A', { realName: true })]);
    const refused = hall.fail({ type: 'issue', serviceId: 'A', priority: 'normal', source: 'kiosk' });
    expect(refused.code).toBe('REAL_NAME_REQUIRED');
    expect(refused.message).toContain('刷身份证');
    const ticket = hall.issue('A', 'normal', { holder: holder('k1') });
    expect(ticket.holder).toEqual({ key: 'k1', nameMasked: '张*三', idMasked: '4201**********1234' });
  });

  it('stops at the daily cap', () => {
    const hall = standardHall({}, [makeService('A', 'A', { dailyCap: 2 })]);
    hall.issue('A');
    hall.issue('A');
    const error = hall.fail({ type: 'issue', serviceId: 'A', priority: 'normal', source: 'kiosk' });
    expect(error.code).toBe('DAILY_CAP_REACHED');
    expect(error.message).toContain('该业务今日号已取完');
  });

  it('counts voided tickets against the cap because numbers are never reused', () => {
    const hall = standardHall({}, [makeService('A', 'A', { dailyCap: 2 })]);
    const first = hall.issue('A');
    hall.run({ type: 'void', ticketId: first.id, reason: 'print-failed' });
    expect(hall.issue('A').number).toBe('A002');
    expect(hall.fail({ type: 'issue', serviceId: 'A', priority: 'normal', source: 'kiosk' }).code).toBe(
      'DAILY_CAP_REACHED',
    );
  });

  it('stops at the end of the number range', () => {
    const hall = standardHall({}, [makeService('A', 'A', { rangeStart: 1, rangeEnd: 2 })]);
    expect(hall.issue('A').number).toBe('A1');
    expect(hall.issue('A').number).toBe('A2');
    const error = hall.fail({ type: 'issue', serviceId: 'A', priority: 'normal', source: 'kiosk' });
    expect(error.code).toBe('NUMBER_RANGE_EXHAUSTED');
    expect(error.message).toContain('该业务今日号已取完');
  });

  it('limits tickets per person per service per day, not counting voided ones', () => {
    const hall = standardHall({}, [
      makeService('A', 'A', { perPersonDailyLimit: 2 }),
      makeService('B', 'B', { perPersonDailyLimit: 2 }),
    ]);
    const first = hall.issue('A', 'normal', { holder: holder('same-person') });
    hall.issue('A', 'normal', { holder: holder('same-person') });
    const error = hall.fail({
      type: 'issue',
      serviceId: 'A',
      priority: 'normal',
      source: 'kiosk',
      holder: holder('same-person'),
    });
    expect(error.code).toBe('PERSON_LIMIT_REACHED');
    expect(error.message).toBe('您今日已取过该业务的号（每人每天限 2 张）');
    // Someone else, or another service, is not affected.
    expect(hall.issue('A', 'normal', { holder: holder('someone-else') }).number).toBe('A003');
    expect(hall.issue('B', 'normal', { holder: holder('same-person') }).number).toBe('B001');
    // A ticket whose print failed never reached the person.
    hall.run({ type: 'void', ticketId: first.id, reason: 'print-failed' });
    expect(hall.issue('A', 'normal', { holder: holder('same-person') }).number).toBe('A004');
  });

  it('keeps a priority class and source as given', () => {
    const hall = standardHall();
    expect(hall.issue('A', 'appointment', { source: 'appointment' })).toMatchObject({
      priority: 'appointment',
      source: 'appointment',
    });
  });

  it('never repeats a number that a loaded ticket already carries, even if the counter was lost', () => {
    const service = makeService('A', 'A');
    const window = makeWindow('w1', '1', [['A', 1]]);
    const before = new TestHall({ services: [service], windows: [window] });
    before.issue('A');
    before.issue('A');
    const state = createQueueState({
      businessDay: DAY,
      services: [service],
      windows: [window],
      tickets: before.state.tickets.values(),
    });
    expect(state.lastNumber.get('A')).toBe(2);
    const result = decide(state, { type: 'issue', serviceId: 'A', priority: 'normal', source: 'kiosk' }, before.ctx());
    expect(result.ok && result.value[0]?.type === 'ticket.issued' && result.value[0].ticket.number).toBe('A003');
  });
});
