import { appError, type CaseDetail, type CaseSummary } from '@onedoor/protocol';
import {
  CASE_STAGES,
  RESULT_TEXT,
  caseTiming,
  lateMaterials,
  seeCase,
  type CaseStage,
  type CaseState,
  type CaseUser,
} from '../../domain/cases/index.js';
import { type Result, failure, success } from '../../domain/result.js';
import { today, warningPolicy, type CasesDeps } from './case-work.js';

const ACTIVE_BACKOFFICE: readonly CaseStage[] = ['accepted', 'reviewing', 'correction', 'suspended'];

export function summary(deps: CasesDeps, c: CaseState): CaseSummary {
  // A bundle's promise waits while any member is paused (补齐补正/挂起 of one department stops the bundle's clock).
  const clocked =
    c.type === 'bundle' ? { ...c, pauses: [...c.pauses, ...deps.cases.members(c.id).flatMap((m) => m.pauses)] } : c;
  const timing = caseTiming(clocked, deps.calendar.clock(), deps.clock.now(), warningPolicy(deps));
  const late = lateMaterials(deps.cases.materials(c.id), today(deps));
  return {
    id: c.id,
    caseNo: c.caseNo,
    type: c.type,
    parentId: c.parentId,
    name: c.name,
    matterId: c.matterId,
    matterVersion: c.matterVersion,
    bundleId: c.bundleId,
    caseKind: c.caseKind,
    deptId: c.deptId,
    deptName: deps.catalog.department(c.deptId)?.name ?? c.deptId,
    stage: c.stage,
    stageLabel: c.stage === 'concluded' && c.result ? `已办结（${RESULT_TEXT[c.result]}）` : CASE_STAGES[c.stage].label,
    linkCode: CASE_STAGES[c.stage].code,
    node: c.node,
    result: c.result,
    applicant: c.orgName ?? c.applicantNameMasked,
    applicantIdMasked: c.applicantIdMasked,
    receivedAt: c.receivedAt,
    acceptedAt: c.acceptedAt,
    concludedAt: c.concludedAt,
    tolerance: c.tolerance,
    lateMaterials: late.map((m) => ({ materialId: m.materialId, name: m.name, dueDate: m.dueDate })),
    timing,
    level: timing && !['delivered', 'withdrawn', 'not_accepted'].includes(c.stage) ? timing.level : null,
    takeWay: c.takeWay,
    origin: c.ticketId ? { ticketId: c.ticketId, ...(deps.ticketOrigin?.(c.ticketId) ?? unknownOrigin) } : null,
  };
}

// A ticket past the queue's retention: the case still says it came from a ticket.
const unknownOrigin = { ticketNumber: null, windowId: null, windowName: null };

export function detail(deps: CasesDeps, caseId: string): CaseDetail | null {
  const c = deps.cases.find(caseId);
  if (!c) return null;
  return {
    ...summary(deps, c),
    materials: deps.cases.materials(c.id),
    steps: deps.cases.steps(c.id),
    members: c.type === 'bundle' ? deps.cases.members(c.id).map((m) => summary(deps, m)) : [],
    answers: c.answers,
    form: c.form,
    delivery: c.delivery,
    pauses: c.pauses,
    legalLimitDays: c.legalLimitDays,
    promisedLimitDays: c.promisedLimitDays,
    platformRef: c.platformRef,
    notifications: deps.cases
      .notifications(c.id)
      .map(({ kind, at, toMasked, text, status }) => ({ kind, at, toMasked, text, status })),
  };
}

/** The detail of a case, if the user may see it (the case-access policy). */
export function detailFor(deps: CasesDeps, user: CaseUser, caseId: string): Result<CaseDetail> {
  const d = detail(deps, caseId);
  if (!d) return failure(appError('NOT_FOUND', '办件不存在', 'case not found'));
  const seen = seeCase(user, { deptId: d.deptId, memberDeptIds: d.members.map((m) => m.deptId) });
  return seen.ok ? success(d) : seen;
}

/**
 * A department's back-office queue, soonest deadline first (paused cases, whose deadline is not known, last), each with
 * its yellow/red mark. `deptId` null = every department (managers).
 */
export function backOfficeQueue(
  deps: CasesDeps,
  deptId: string | null,
  stages: readonly CaseStage[] = ACTIVE_BACKOFFICE,
): CaseSummary[] {
  const list = deps.cases.byDept(deptId, stages).map((c) => summary(deps, c));
  const due = (s: CaseSummary) => (s.timing?.dueAt ? Date.parse(s.timing.dueAt) : Number.POSITIVE_INFINITY);
  return list.sort((a, b) => due(a) - due(b) || a.caseNo.localeCompare(b.caseNo));
}

/** Everything that needs attention: overdue (red), close to due (yellow), 容缺 materials late. */
export function warnings(deps: CasesDeps, deptId: string | null): CaseSummary[] {
  return backOfficeQueue(deps, deptId).filter(
    (s) => s.level === 'red' || s.level === 'yellow' || s.lateMaterials.length > 0,
  );
}

/** The top-level cases taken in for one ticket (one visit may carry several matters). */
export function ofTicket(deps: CasesDeps, ticketId: string): CaseSummary[] {
  return deps.cases.byTicket(ticketId).map((c) => summary(deps, c));
}

/** Cases for the window: recent top-level cases, optionally one stage. */
export function recent(deps: CasesDeps, limit = 50, stage?: CaseStage): CaseSummary[] {
  return deps.cases.recent(limit, stage).map((c) => summary(deps, c));
}
