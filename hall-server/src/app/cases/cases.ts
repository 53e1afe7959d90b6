import type {
  CaseApplicant,
  CaseDetail,
  CaseQueue,
  CaseSettings,
  CaseSettingsInput,
  CaseSummary,
  DeliverCaseInput,
  ExternalResult,
  ReadyCasesQuery,
  ReceiveCaseInput,
} from '@onedoor/protocol';
import { queueScope, type CaseAction, type CaseStage, type CaseState } from '../../domain/cases/index.js';
import { type Result, success } from '../../domain/result.js';
import type { Actor as HallActor, StaffRecord } from '../ports.js';
import { act, applyExternalResult, saveSettings } from './actions.js';
import { settings, userOf, type CaseStaff, type CasesDeps, type SealedApplicant } from './case-work.js';
import { deliver, findReady } from './handover.js';
import { receive } from './intake.js';
import { backOfficeQueue, detail, detailFor, ofTicket, recent, summary, warnings } from './queries.js';

export type { CaseStaff, CasesDeps } from './case-work.js';

/**
 * 办件: receipt at the comprehensive window (one window for any matter or 一件事), acceptance with 容缺, routing to
 * departments (一次分办), back-office review, conclusion, notification and hand-over (出件). Each write is one hall
 * transaction through the pipeline: case rows, materials, an append-only step per stage change, and the event.
 * Who may see and do what is the case-access policy in `domain/cases/case-access.ts`.
 */
export class Cases {
  constructor(private readonly deps: CasesDeps) {}

  /** The staff member as the case policy sees them: their roles and the department they act for. */
  staff(record: StaffRecord): CaseStaff {
    return { record, deptId: this.deps.catalog.staffDepartment(record.id) };
  }

  receive(input: ReceiveCaseInput, staff: CaseStaff): Promise<Result<CaseDetail>> {
    return receive(this.deps, input, staff);
  }

  act(caseId: string, action: CaseAction, staff: CaseStaff): Promise<Result<CaseDetail>> {
    return act(this.deps, caseId, action, staff);
  }

  deliver(caseId: string, input: DeliverCaseInput, staff: CaseStaff): Promise<Result<CaseDetail>> {
    return deliver(this.deps, caseId, input, staff);
  }

  findReady(query: ReadyCasesQuery): CaseSummary[] {
    return findReady(this.deps, query);
  }

  applyExternalResult(input: ExternalResult): Promise<Result<CaseDetail & { alreadyApplied: boolean }>> {
    return applyExternalResult(this.deps, input);
  }

  settings(): CaseSettings {
    return settings(this.deps);
  }

  saveSettings(input: CaseSettingsInput, actor: HallActor): Promise<Result<CaseSettings>> {
    return saveSettings(this.deps, input, actor);
  }

  summary(c: CaseState): CaseSummary {
    return summary(this.deps, c);
  }

  detail(caseId: string): CaseDetail | null {
    return detail(this.deps, caseId);
  }

  /** The detail, if the staff member may see the case. */
  detailFor(staff: CaseStaff, caseId: string): Result<CaseDetail> {
    return detailFor(this.deps, userOf(staff), caseId);
  }

  findByNo(caseNo: string): CaseState | null {
    return this.deps.cases.findByNo(caseNo);
  }

  queue(deptId: string | null, stages?: readonly CaseStage[]): CaseSummary[] {
    return backOfficeQueue(this.deps, deptId, stages);
  }

  /** The back-office queue the staff member may read: a manager's choice of department (or all), else their own. */
  queueFor(staff: CaseStaff, requestedDept: string | null): Result<CaseQueue> {
    const scope = queueScope(userOf(staff), requestedDept);
    if (!scope.ok) return scope;
    const deptId = scope.value;
    return success({
      deptId,
      department: deptId ? this.deps.catalog.department(deptId) : null,
      cases: backOfficeQueue(this.deps, deptId),
    });
  }

  warnings(deptId: string | null): CaseSummary[] {
    return warnings(this.deps, deptId);
  }

  warningsFor(staff: CaseStaff, requestedDept: string | null): Result<CaseSummary[]> {
    const scope = queueScope(userOf(staff), requestedDept);
    return scope.ok ? success(warnings(this.deps, scope.value)) : scope;
  }

  recent(limit = 50, stage?: CaseStage): CaseSummary[] {
    return recent(this.deps, limit, stage);
  }

  ofTicket(ticketId: string): CaseSummary[] {
    return ofTicket(this.deps, ticketId);
  }

  /** The applicant's full personal data (staff only; the caller audits the read). */
  revealApplicant(caseId: string): CaseApplicant | null {
    const sealed = this.deps.cases.sealedApplicant(caseId);
    return sealed ? this.deps.vault.open<SealedApplicant>(sealed) : null;
  }

  /**
   * DESIGN.md rule 8: sealed applicant data of closed cases is purged after the retention period (config
   * `retention.personalDataDays`).
   */
  purgePersonalData(retentionDays: number): Promise<Result<{ purged: number }>> {
    const before = new Date(this.deps.clock.now() - retentionDays * 86_400_000).toISOString();
    return this.deps.pipeline.record<{ purged: number }>({ kind: 'system', reason: 'retention' }, () => {
      const purged = this.deps.cases.purgePersonalData(before);
      return {
        value: { purged },
        eventType: purged > 0 ? 'case.personal-data-purged' : null,
        payload: { before, purged },
      };
    });
  }
}
