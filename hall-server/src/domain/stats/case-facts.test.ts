import { describe, expect, it } from 'vitest';
import type { CaseTiming } from '../cases/case.machine.js';
import { caseFactOf, onSiteVisits, type CountedCase } from './case-facts.js';

const base: CountedCase = {
  id: 'c1',
  stage: 'delivered',
  caseKind: 'promised',
  channel: 'window',
  takeWay: 'window',
  deliveredAt: '2026-11-25T03:00:00.000Z',
  receivedAt: '2026-11-23T01:00:00.000Z',
  concludedAt: '2026-11-24T07:00:00.000Z',
  matterId: 'spjy-xk',
  bundleId: null,
  deptId: 'scjgj',
  legalLimitDays: 10,
  promisedLimitDays: 5,
};
const aCase = (extra: Partial<CountedCase> = {}): CountedCase => ({ ...base, ...extra });

describe('onSiteVisits (最多跑一次)', () => {
  it('counts the intake at the window, each material brought back, and a pick-up on a later day', () => {
    const steps = [
      { action: 'receive', source: 'window' },
      { action: 'supply', source: 'window' },
      { action: 'approve', source: 'backoffice' },
    ] as const;
    expect(onSiteVisits(aCase(), steps, false)).toBe(3);
    // Picked up the same day it was taken in (即办件): the same trip.
    expect(onSiteVisits(aCase(), steps, true)).toBe(2);
  });

  it('counts no trip for an online intake mailed home, and none for a material supplied online', () => {
    const online = aCase({ channel: 'online', takeWay: 'express' });
    expect(onSiteVisits(online, [{ action: 'supply', source: 'platform' }], false)).toBe(0);
  });
});

describe('caseFactOf', () => {
  const timing: CaseTiming = {
    elapsedDays: 1.5,
    remainingDays: 3.5,
    dueAt: '2026-11-30T16:00:00.000Z',
    overdue: false,
    level: 'normal',
    paused: false,
    pausedHalfDays: 0,
    promisedLimitDays: 5,
    legalLimitDays: 10,
    legalDueAt: null,
    speedUp: null,
  };

  it('maps stages to the KPI statuses: 不予受理 is refused, 出件 is concluded, a withdrawn case only received', () => {
    expect(caseFactOf(aCase({ stage: 'not_accepted' }), null, 1).status).toBe('refused');
    expect(caseFactOf(aCase({ stage: 'delivered' }), timing, 1).status).toBe('concluded');
    expect(caseFactOf(aCase({ stage: 'correction' }), timing, 1).status).toBe('accepted');
    expect(caseFactOf(aCase({ stage: 'withdrawn' }), null, 1).status).toBe('received');
  });

  it('gives 提速 inputs for a clocked 承诺件 only, never for a 即办件', () => {
    expect(caseFactOf(aCase(), timing, 1)).toMatchObject({ legalLimitDays: 10, actualWorkingDays: 1.5 });
    expect(caseFactOf(aCase({ caseKind: 'immediate' }), timing, 1).actualWorkingDays).toBeUndefined();
  });

  it('an open case past its promise counts as overdue', () => {
    const late = { ...timing, overdue: true };
    expect(caseFactOf(aCase({ stage: 'reviewing', concludedAt: null }), late, 1)).toMatchObject({
      status: 'accepted',
      overdue: true,
    });
  });
});
