import { describe, expect, it } from 'vitest';
import {
  computeKpis,
  groupBy,
  percentile90,
  periodReport,
  type CaseFact,
  type EvaluationFact,
  type TicketFact,
} from './kpi';

const min = 60_000;

// A fixed day, small enough to count by hand. Minutes after opening.
const tickets: TicketFact[] = [
  {
    ticketId: 'A',
    serviceId: 's1',
    issuedAt: 0,
    calledAt: 5 * min,
    servedAt: 6 * min,
    finishedAt: 16 * min,
    outcome: 'served',
    transfers: 0,
    windowId: 'w1',
    clerkId: 'k1',
    appointment: 'kept',
  },
  {
    ticketId: 'B',
    serviceId: 's1',
    issuedAt: 0,
    calledAt: 15 * min,
    servedAt: 16 * min,
    finishedAt: 36 * min,
    outcome: 'served',
    transfers: 1,
    windowId: 'w2',
    clerkId: 'k2',
  },
  {
    ticketId: 'C',
    serviceId: 's2',
    issuedAt: 10 * min,
    calledAt: 40 * min,
    outcome: 'no-show',
    transfers: 0,
    windowId: 'w1',
    clerkId: 'k1',
  },
  { ticketId: 'D', serviceId: 's2', issuedAt: 20 * min, outcome: 'abandoned', transfers: 0, appointment: 'missed' },
  {
    ticketId: 'E',
    serviceId: 's1',
    issuedAt: 30 * min,
    calledAt: 35 * min,
    servedAt: 36 * min,
    finishedAt: 41 * min,
    outcome: 'served',
    transfers: 0,
    windowId: 'w1',
    clerkId: 'k1',
  },
];

const base = { matterId: 'm1', departmentId: 'd1', receivedAt: 0 };
const cases: CaseFact[] = [
  {
    ...base,
    caseId: 'c1',
    atComprehensiveWindow: true,
    status: 'concluded',
    legalLimitDays: 20,
    actualWorkingDays: 5,
    overdue: false,
    visits: 1,
  },
  {
    ...base,
    caseId: 'c2',
    atComprehensiveWindow: true,
    status: 'concluded',
    legalLimitDays: 10,
    actualWorkingDays: 12,
    overdue: true,
    visits: 2,
  },
  { ...base, caseId: 'c3', atComprehensiveWindow: false, status: 'accepted', overdue: false, visits: 1 },
  { ...base, caseId: 'c4', atComprehensiveWindow: true, status: 'refused', overdue: false, visits: 1 },
  // 即办件: concluded on the spot, no legal limit, so not in 提速率.
  { ...base, caseId: 'c5', atComprehensiveWindow: true, status: 'concluded', overdue: false, visits: 0 },
];

const evaluations: EvaluationFact[] = [
  { ticketId: 'A', level: 5 },
  { ticketId: 'A', level: 4 }, // a second rating of the same service: two ratings, one rated service
  { ticketId: 'B', level: 2 },
  { caseId: 'c1', level: 1 },
  { level: 3 }, // a QR-code rating tied to no ticket
];

describe('KPIs over a fixed day, figures counted by hand', () => {
  const report = periodReport({ tickets, cases, evaluations });

  it('counts the queue: 5 issued, 3 served, 1 no-show, 1 abandoned, 1 transfer, appointments 1 kept / 1 missed', () => {
    expect(report.queue).toMatchObject({
      issued: 5,
      served: 3,
      noShows: 1,
      abandoned: 1,
      transfers: 1,
      appointmentsKept: 1,
      appointmentsMissed: 1,
    });
  });

  it('waits (to the first call) are 5, 15, 30, 5 min: average 13.75, P90 30; service 10, 20, 5 min: average 11.67, P90 20', () => {
    expect(report.queue.wait).toEqual({ count: 4, averageMs: 13.75 * min, p90Ms: 30 * min });
    expect(report.queue.service.count).toBe(3);
    expect(report.queue.service.averageMs).toBeCloseTo((35 / 3) * min, 6);
    expect(report.queue.service.p90Ms).toBe(20 * min);
  });

  it('counts cases: 5 received, 4 accepted (3 of them concluded), 1 refused, 1 overdue', () => {
    expect(report.cases).toEqual({ received: 5, accepted: 4, refused: 1, concluded: 3, overdue: 1 });
  });

  it('一窗受理率 4/5, 最多跑一次率 2/3, 按时办结率 2/3, 超期率 1/3', () => {
    const k = report.kpis;
    expect([k.oneWindowRate.numerator, k.oneWindowRate.denominator, k.oneWindowRate.value]).toEqual([4, 5, 0.8]);
    expect([k.atMostOneVisitRate.numerator, k.atMostOneVisitRate.denominator]).toEqual([2, 3]);
    expect([k.onTimeRate.numerator, k.onTimeRate.denominator]).toEqual([2, 3]);
    expect([k.overdueRate.numerator, k.overdueRate.denominator]).toEqual([1, 3]);
  });

  it('提速率 = mean(1 − 5/20, 1 − 12/10) = mean(0.75, −0.2) = 0.275 over the two promised cases', () => {
    expect(report.kpis.speedUpRate.denominator).toBe(2);
    expect(report.kpis.speedUpRate.value).toBeCloseTo(0.275, 10);
  });

  it('参评率 2/3 (A and B rated, E not); 好评率 2/5; 差评率 2/5', () => {
    const k = report.kpis;
    expect([k.participationRate.numerator, k.participationRate.denominator]).toEqual([2, 3]);
    expect([k.goodRate.numerator, k.goodRate.denominator, k.goodRate.value]).toEqual([2, 5, 0.4]);
    expect([k.badRate.numerator, k.badRate.denominator, k.badRate.value]).toEqual([2, 5, 0.4]);
  });

  it('every KPI carries its formula in Chinese and English', () => {
    for (const r of Object.values(report.kpis)) {
      expect(r.formula).toMatch(/=/);
      expect(r.formulaEn).toMatch(/=/);
    }
  });

  it('an empty period answers "no figure", not 0 %', () => {
    const k = computeKpis({ tickets: [], cases: [], evaluations: [] });
    expect(k.goodRate.value).toBeNull();
    expect(k.speedUpRate.value).toBeNull();
    expect(periodReport({ tickets: [], cases: [], evaluations: [] }).queue.wait.averageMs).toBeNull();
  });

  it('groups by window: w1 served A and E and saw C not show', () => {
    const byWindow = groupBy(tickets, (t) => t.windowId);
    const w1 = periodReport({ tickets: byWindow.get('w1') ?? [], cases: [], evaluations: [] }).queue;
    expect([w1.issued, w1.served, w1.noShows]).toEqual([3, 2, 1]);
    expect(byWindow.has('undefined')).toBe(false);
  });

  it('P90 is nearest-rank', () => {
    expect(percentile90([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])).toBe(9);
    expect(percentile90([7])).toBe(7);
    expect(percentile90([])).toBeNull();
  });
});
