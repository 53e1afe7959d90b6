import type { CaseApplicant, TicketHolder } from '@onedoor/protocol';
import type { AuthService } from './auth/auth.js';
import type { Cases } from './cases/cases.js';
import type { HallQueue } from './queue/hall-queue.js';

/** DESIGN.md rule 8: every read of full personal data by staff is audited — here, for every edge. */
export class PersonalDataReads {
  constructor(private readonly deps: { hall: HallQueue; cases: Cases; auth: AuthService }) {}

  ticketHolder(staffId: string, ticketId: string): TicketHolder | null {
    const holder = this.deps.hall.revealHolder(ticketId);
    if (holder) this.deps.auth.audit(staffId, 'read-personal-data', `ticket:${ticketId}`);
    return holder;
  }

  caseApplicant(staffId: string, caseId: string): CaseApplicant | null {
    const applicant = this.deps.cases.revealApplicant(caseId);
    if (applicant) this.deps.auth.audit(staffId, 'read-personal-data', `case:${caseId}`);
    return applicant;
  }
}
