import { describe, expect, it } from 'vitest';
import { breakdown, bucketOf, type BreakdownFacts } from './breakdown';
import { periodReport, type TicketFact } from './kpi';

const TZ = 'Asia/Shanghai';
const min = 60_000;
// 2026-11-30 is a Monday; 09:00 in Beijing is 01:00 UTC.
const monday9 = Date.parse('2026-11-30T01:00:00Z');
const tuesday9 = monday9 + 24 * 60 * min;

const ticket = (id: string, at: number, more: Partial<TicketFact> = {}): TicketFact => ({
  ticketId: id,
  serviceId: 's1',
  issuedAt: at,
  outcome: 'served',
  transfers: 0,
  ...more,
});

const facts: BreakdownFacts = {
  tickets: [
    ticket('A', monday9, { calledAt: monday9 + 10 * min, windowId: 'w1', clerkId: 'k1' }),
    ticket('B', monday9 + 70 * min, { calledAt: monday9 + 90 * min, windowId: 'w2', clerkId: 'k2' }),
    ticket('C', tuesday9, { serviceId: 's2', outcome: 'no-show', windowId: 'w1', clerkId: 'k1' }),
  ],
  cases: [
    {
      caseId: 'c1',
      ticketId: 'A',
      matterId: 'm1',
      departmentId: 'd1',
      receivedAt: monday9 + 20 * min,
      atComprehensiveWindow: true,
      status: 'accepted',
      overdue: false,
      visits: 1,
    },
    // Online: no ticket, so no service, window or clerk.
    {
      caseId: 'c2',
      matterId: 'm2',
      departmentId: 'd2',
      receivedAt: tuesday9,
      atComprehensiveWindow: false,
      status: 'refused',
      overdue: false,
      visits: 0,
    },
  ],
  evaluations: [
    { ticketId: 'A', caseId: 'c1', level: 2, at: monday9 + 30 * min, windowId: 'w1', clerkId: 'k1' },
    { ticketId: 'B', level: 5, at: monday9 + 100 * min, windowId: 'w2', clerkId: 'k2' },
  ],
};

describe('bucketOf', () => {
  it('puts an instant in its hall-time hour, day, Monday-started week and month', () => {
    // 23:30 UTC on Sunday the 29th is 07:30 on Monday the 30th in Beijing: the UTC date would be a day early.
    const at = Date.parse('2026-11-29T23:30:00Z');
    expect(bucketOf(at, 'hour', TZ)).toBe('2026-11-30 07:00');
    expect(bucketOf(at, 'day', TZ)).toBe('2026-11-30');
    expect(bucketOf(at, 'week', TZ)).toBe('2026-11-30');
    expect(bucketOf(Date.parse('2026-12-06T15:00:00Z'), 'week', TZ)).toBe('2026-11-30'); // Sunday 23:00
    expect(bucketOf(Date.parse('2026-12-06T16:00:00Z'), 'week', TZ)).toBe('2026-12-07'); // Monday 00:00
    expect(bucketOf(Date.parse('2026-11-30T16:30:00Z'), 'month', TZ)).toBe('2026-12');
  });
});

describe('breakdown', () => {
  it('by day: each day its own tickets, cases and ratings, counted by hand', () => {
    const rows = breakdown(facts, { bucket: 'day', timeZone: TZ });
    expect(rows.map((r) => [r.bucket, r.key, r.queue.issued, r.queue.served, r.queue.noShows])).toEqual([
      ['2026-11-30', null, 2, 2, 0],
      ['2026-12-01', null, 1, 0, 1],
    ]);
    // Monday: waits 10 and 20 minutes; one 差评 of two ratings.
    expect(rows[0]!.queue.wait.averageMs).toBe(15 * min);
    expect(rows[0]!.kpis.badRate.value).toBe(0.5);
    expect(rows[1]!.cases.refused).toBe(1);
    expect(rows[1]!.kpis.goodRate.value).toBeNull();
  });

  it('by hour, the rows add up to the period report', () => {
    const rows = breakdown(facts, { bucket: 'hour', timeZone: TZ });
    expect(rows.map((r) => r.bucket)).toEqual(['2026-11-30 09:00', '2026-11-30 10:00', '2026-12-01 09:00']);
    const whole = periodReport(facts);
    expect(rows.reduce((n, r) => n + r.queue.issued, 0)).toBe(whole.queue.issued);
    expect(rows.reduce((n, r) => n + r.cases.received, 0)).toBe(whole.cases.received);
  });

  it('by window: a case and its rating follow the ticket; an online case has no window and is left out', () => {
    const rows = breakdown(facts, { by: 'window', timeZone: TZ });
    expect(rows.map((r) => [r.key, r.queue.issued, r.cases.received, r.kpis.badRate.numerator])).toEqual([
      ['w1', 2, 1, 1],
      ['w2', 1, 0, 0],
    ]);
  });

  it('by department: cases and the ratings of their cases; tickets have no department', () => {
    const rows = breakdown(facts, { by: 'department', timeZone: TZ });
    expect(rows.map((r) => [r.key, r.queue.issued, r.cases.received, r.kpis.badRate.denominator])).toEqual([
      ['d1', 0, 1, 1],
      ['d2', 0, 1, 0],
    ]);
  });

  it('by day × service: one row per day and service that saw something', () => {
    const rows = breakdown(facts, { bucket: 'day', by: 'service', timeZone: TZ });
    expect(rows.map((r) => [r.bucket, r.key, r.queue.issued, r.cases.received])).toEqual([
      ['2026-11-30', 's1', 2, 1],
      ['2026-12-01', 's2', 1, 0],
    ]);
  });

  it('no cut is one row: the period report itself', () => {
    const rows = breakdown(facts, { timeZone: TZ });
    expect(rows).toEqual([{ bucket: null, key: null, ...periodReport(facts) }]);
  });
});
