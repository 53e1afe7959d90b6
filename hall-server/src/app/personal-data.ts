import { appError, type AppError, type CaseApplicant, type TicketHolder } from '@onedoor/protocol';
import { type Result, failure, success } from '../domain/result.js';
import { AuthService } from './auth/auth.js';
import type { Cases } from './cases/cases.js';
import type { StaffRecord } from './ports.js';
import type { HallQueue } from './queue/hall-queue.js';

const notYourVisitor = (): AppError =>
  appError(
    'FORBIDDEN',
    '只能查看本窗口正在办理的群众的完整信息',
    'full personal data is shown only for the visitor now served at your window',
  );

/**
 * DESIGN.md rule 8: every read of full personal data by staff is audited — here, for every edge. Managers (and
 * admins) may read any holder or applicant; a clerk only the visitor now served at the window they are signed in to
 * (that visitor's ticket, and the cases received on it). Refused reads are audited too.
 */
export class PersonalDataReads {
  constructor(private readonly deps: { hall: HallQueue; cases: Cases; auth: AuthService }) {}

  ticketHolder(staff: StaffRecord, ticketId: string): Result<TicketHolder> {
    const target = `ticket:${ticketId}`;
    if (!this.mayRead(staff, (current) => current === ticketId)) return this.refuse(staff, target);
    const holder = this.deps.hall.revealHolder(ticketId);
    if (!holder) return failure(appError('NOT_FOUND', '该号票没有实名信息', 'the ticket carries no personal data'));
    this.deps.auth.audit(staff.id, 'read-personal-data', target);
    return success(holder);
  }

  caseApplicant(staff: StaffRecord, caseId: string): Result<CaseApplicant> {
    const target = `case:${caseId}`;
    const onTicket = (ticketId: string) => this.deps.cases.ofTicket(ticketId).some((c) => c.id === caseId);
    if (!this.mayRead(staff, onTicket)) return this.refuse(staff, target);
    const applicant = this.deps.cases.revealApplicant(caseId);
    if (!applicant) return failure(appError('NOT_FOUND', '办件不存在', 'case not found'));
    this.deps.auth.audit(staff.id, 'read-personal-data', target);
    return success(applicant);
  }

  /** A manager always; a clerk when the ticket now served at one of their windows passes `covers`. */
  private mayRead(staff: StaffRecord, covers: (currentTicketId: string) => boolean): boolean {
    if (AuthService.hasRole(staff, 'manager')) return true;
    for (const { runtime } of this.deps.hall.queueState.windows.values())
      if (runtime.clerkId === staff.id && runtime.currentTicketId !== null && covers(runtime.currentTicketId))
        return true;
    return false;
  }

  private refuse(staff: StaffRecord, target: string): Result<never> {
    this.deps.auth.audit(staff.id, 'read-personal-data-refused', target);
    return failure(notYourVisitor());
  }
}
