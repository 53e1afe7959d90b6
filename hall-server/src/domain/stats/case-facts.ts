import type { CaseTiming } from '../cases/case.machine.js';
import type { CaseStage, CaseState, CaseStep } from '../cases/case.types.js';
import type { CaseFact } from './kpi.js';

/** What the KPIs read of a case. */
export type CountedCase = Pick<
  CaseState,
  | 'id'
  | 'stage'
  | 'caseKind'
  | 'channel'
  | 'takeWay'
  | 'receivedAt'
  | 'concludedAt'
  | 'deliveredAt'
  | 'matterId'
  | 'bundleId'
  | 'deptId'
  | 'legalLimitDays'
  | 'promisedLimitDays'
>;

const STATUS_OF: Record<CaseStage, CaseFact['status']> = {
  received: 'received',
  // Withdrawn before any decision: received, never accepted or refused.
  withdrawn: 'received',
  accepted: 'accepted',
  reviewing: 'accepted',
  correction: 'accepted',
  suspended: 'accepted',
  not_accepted: 'refused',
  concluded: 'concluded',
  delivered: 'concluded',
};

/**
 * The applicant's trips to the hall for a case (最多跑一次, domain.md §8.4 asks for a visit counter). Decided rule:
 * taking it in at a window is one trip (online, express and platform intake none); every 补齐补正 material brought to
 * the hall is one more; a result handed over at the window on a later hall day than the intake is one more — picked up
 * the same day (即办件) it was the same trip.
 */
export function onSiteVisits(c: CountedCase, steps: readonly Pick<CaseStep, 'action' | 'source'>[], sameDay: boolean) {
  const intake = c.channel === 'window' ? 1 : 0;
  const supplies = steps.filter((s) => s.action === 'supply' && s.source === 'window').length;
  const pickUp = c.takeWay === 'window' && c.deliveredAt !== null && !sameDay ? 1 : 0;
  return intake + supplies + pickUp;
}

/** One case as the KPIs count it: its status, its clock against the promise, and its trips. */
export function caseFactOf(c: CountedCase, timing: CaseTiming | null, visits: number): CaseFact {
  const status = STATUS_OF[c.stage];
  const clocked = timing !== null && c.caseKind !== 'immediate';
  return {
    caseId: c.id,
    matterId: c.matterId ?? c.bundleId ?? '',
    departmentId: c.deptId,
    receivedAt: Date.parse(c.receivedAt),
    atComprehensiveWindow: c.channel === 'window',
    status,
    ...(c.concludedAt ? { concludedAt: Date.parse(c.concludedAt) } : {}),
    ...(clocked
      ? {
          promisedLimitDays: c.promisedLimitDays,
          legalLimitDays: c.legalLimitDays,
          actualWorkingDays: timing.elapsedDays,
        }
      : {}),
    // An open case past its promise counts in the period's 超期件数 too; 超期率 looks at concluded cases only (kpi.ts).
    overdue: timing?.overdue ?? false,
    visits,
  };
}
