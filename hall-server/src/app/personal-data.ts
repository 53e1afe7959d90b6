import {
  appError,
  idNumberKind,
  maskIdNumber,
  type AppError,
  type CaseApplicant,
  type IdNumberKind,
  type TicketHolder,
} from '@onedoor/protocol';
import { type Result, failure, success } from '../domain/result.js';
import { AuthService } from './auth/auth.js';
import type { Cases } from './cases/cases.js';
import type { StaffRecord } from './ports.js';
import type { HallQueue } from './queue/hall-queue.js';

/** What the audit keeps of an ID card read at a window: never the full number. */
export interface CardReadAudit {
  windowId: string;
  at: string;
  /** Masked (4201**********1234). */
  idNumber: string;
  kind: IdNumberKind;
}

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

  /**
   * The window read an applicant's card in full (name and number on the intake screen). Nothing comes back but what
   * was audited: the read happened on the window's PC, the hall keeps who read it, at which window, when, and the
   * masked number. Only the clerk serving `ticketId` at a window may report a read for it — the window is the one
   * they serve it at, not one the screen names — so a read for anyone else is refused, and the refusal audited.
   */
  cardRead(staff: StaffRecord, ticketId: string, idNumber: string): Result<CardReadAudit> {
    const windowId = this.servingWindow(staff, ticketId);
    if (!windowId) return this.refuse(staff, `ticket:${ticketId}`, 'read-id-card-refused');
    const masked = maskIdNumber(idNumber);
    const kind = idNumberKind(idNumber);
    const at = this.deps.auth.audit(
      staff.id,
      'read-id-card',
      `window:${windowId}`,
      `ticket:${ticketId}; ${kind}; ${masked}`,
    );
    return success({ windowId, at, idNumber: masked, kind });
  }

  /** The window where `staff` is signed in and now serves `ticketId`, or null. */
  private servingWindow(staff: StaffRecord, ticketId: string): string | null {
    for (const [windowId, { runtime }] of this.deps.hall.queueState.windows)
      if (runtime.clerkId === staff.id && runtime.currentTicketId === ticketId) return windowId;
    return null;
  }

  /** A manager always; a clerk when the ticket now served at one of their windows passes `covers`. */
  private mayRead(staff: StaffRecord, covers: (currentTicketId: string) => boolean): boolean {
    if (AuthService.hasRole(staff, 'manager')) return true;
    for (const { runtime } of this.deps.hall.queueState.windows.values())
      if (runtime.clerkId === staff.id && runtime.currentTicketId !== null && covers(runtime.currentTicketId))
        return true;
    return false;
  }

  private refuse(staff: StaffRecord, target: string, action = 'read-personal-data-refused'): Result<never> {
    this.deps.auth.audit(staff.id, action, target);
    return failure(notYourVisitor());
  }
}
