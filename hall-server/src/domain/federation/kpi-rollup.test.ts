import { describe, expect, it } from 'vitest';
import { combineRollups, rollupDay, rollupPeriod, type RollupFact } from './kpi-rollup.js';

const DAY = '2026-03-02';
const at = (hhmm: string) => `${DAY}T${hhmm}:00.000Z`;
const issued = (id: string, hhmm: string): RollupFact => ({
  type: 'ticket.issued',
  at: at(hhmm),
  businessDay: DAY,
  payload: { type: 'ticket.issued', ticket: { id, issuedAt: at(hhmm) } },
});
const called = (id: string, hhmm: string, recall = false): RollupFact => ({
  type: 'ticket.called',
  at: at(hhmm),
  businessDay: DAY,
  payload: { type: 'ticket.called', ticketId: id, windowId: 'w1', recall },
});
const fact = (type: string, payload: unknown, businessDay = DAY): RollupFact => ({
  type,
  at: at('12:00'),
  businessDay,
  payload,
});

describe('daily KPI rollup', () => {
  it('counts a day’s tickets, waits to the first call, evaluations and cases', () => {
    const facts: RollupFact[] = [
      issued('t1', '09:00'),
      issued('t2', '09:00'),
      issued('t3', '09:10'),
      called('t1', '09:04'),
      called('t1', '09:06', true), // a recall does not wait again
      called('t2', '09:10'),
      fact('ticket.done', { ticketId: 't1' }),
      fact('ticket.no-show', { ticketId: 't2' }),
      fact('evaluation.recorded', { level: 5 }),
      fact('evaluation.recorded', { level: 3 }),
      fact('evaluation.recorded', { level: 1 }),
      fact('case.accept', { caseId: 'c1' }),
      fact('case.approve', { caseId: 'c1' }),
      fact('case.review', { caseId: 'c1' }),
      fact('ticket.issued', { ticket: { id: 'x', issuedAt: '2026-03-01T09:00:00Z' } }, '2026-03-01'),
    ];
    expect(rollupDay(DAY, facts)).toEqual({
      businessDay: DAY,
      ticketsIssued: 3,
      ticketsServed: 1,
      noShows: 1,
      avgWaitMinutes: 7,
      p90WaitMinutes: 10,
      waitsMeasured: 2,
      evaluationsGood: 1,
      evaluationsBad: 1,
      casesAccepted: 1,
      casesFinished: 1,
    });
  });

  it('a month from its days: counts add up, the wait is weighted by the waits measured, no p90 across days', () => {
    const d1 = rollupDay(DAY, [
      issued('t1', '09:00'),
      called('t1', '09:04'),
      issued('t2', '09:00'),
      called('t2', '09:10'),
    ]);
    const d2Facts = [
      { ...issued('u1', '09:00'), businessDay: '2026-03-03' },
      { ...called('u1', '09:02'), businessDay: '2026-03-03' },
    ];
    const d2 = rollupDay('2026-03-03', d2Facts);
    const month = combineRollups('2026-03-01', '2026-03-31', [d1, d2]);
    expect(month).toMatchObject({ ticketsIssued: 3, waitsMeasured: 3, avgWaitMinutes: 5.3, p90WaitMinutes: null });
    expect(combineRollups(DAY, DAY, [d1, d2])).toMatchObject({
      ticketsIssued: 2,
      avgWaitMinutes: 7,
      p90WaitMinutes: 10,
    });
    // Recounted from the facts, the same period's average agrees with the combined one.
    expect(
      rollupPeriod('2026-03-01', '2026-03-31', [
        ...d2Facts,
        issued('t1', '09:00'),
        called('t1', '09:04'),
        issued('t2', '09:00'),
        called('t2', '09:10'),
      ]).avgWaitMinutes,
    ).toBe(5.3);
  });

  it('a day with no calls has no wait figures', () => {
    expect(rollupDay(DAY, [issued('t1', '09:00')])).toMatchObject({ ticketsIssued: 1, avgWaitMinutes: null });
  });
});
