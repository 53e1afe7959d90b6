import { z } from 'zod';
import {
  appError,
  COMPLAINT_CATEGORY_TEXT,
  COMPLAINT_STATUSES,
  COMPLAINT_STATUS_TEXT,
  maskName,
  maskPhone,
  type Complainant,
  type ComplaintStep,
  type ComplaintView,
} from '@onedoor/protocol';
import {
  applyComplaint,
  complaintHistoryText,
  decideComplaintStep,
  decideRegistration,
  isComplaintOverdue,
  type Complaint,
  type ComplaintDueDays,
  type ComplaintEvent,
  type ComplaintRegistration,
} from '../../domain/complaints/complaint.js';
import type { HallSituation } from '../../domain/alarms/alarms.js';
import { failure, success, type Result } from '../../domain/result.js';
import { localParts } from '../../domain/time/hall-time.js';
import type { AuthService } from '../auth/auth.js';
import type { CommandPipeline } from '../pipeline.js';
import type { Clock, ComplaintStore, IdGenerator, PersonalDataVault } from '../ports.js';

export interface ComplaintsDeps {
  store: ComplaintStore;
  pipeline: CommandPipeline;
  vault: PersonalDataVault;
  auth: Pick<AuthService, 'audit'>;
  clock: Clock;
  ids: IdGenerator;
  timeZone: string;
  dueDays: ComplaintDueDays;
  /** What a complaint may be about: a window, a staff member, a case the hall knows. */
  targets: { window(id: string): boolean; staff(id: string): boolean; caseNo(no: string): boolean };
}

export type ComplaintRegistrationInput = Omit<ComplaintRegistration, 'id' | 'no'> & {
  complainant: { name?: string | undefined; phone?: string | undefined; anonymous: boolean };
};

const iso = (ms: number) => new Date(ms).toISOString();
const notFound = (id: string) => appError('NOT_FOUND', `没有编号为 ${id} 的投诉`, `no complaint ${id}`);
const maskedSchema = z.object({ name: z.string().nullable(), phone: z.string().nullable(), anonymous: z.boolean() });
const sealedSchema = z.object({ name: z.string().nullable(), phone: z.string().nullable() });

/**
 * 服务投诉 (GB/T 36113, issue 10): registered by a manager, carried through its steps, each decided by
 * domain/complaints, logged as an event and kept in its history. The complainant's name and phone are sealed with the
 * hall's data key (as a ticket's holder is) and stored masked beside it; a full read is audited.
 */
export class Complaints {
  constructor(private readonly deps: ComplaintsDeps) {}

  register(input: ComplaintRegistrationInput, staff: { id: string; name: string }): Promise<Result<ComplaintView>> {
    const { store, pipeline, clock, ids, vault, timeZone, dueDays } = this.deps;
    return pipeline.record<ComplaintView>({ kind: 'staff', staffId: staff.id }, () => {
      const unknown = this.unknownTarget(input);
      if (unknown) return { error: unknown };
      const now = clock.now();
      const day = localParts(now, timeZone).date.replaceAll('-', '');
      const no = `TS${day}-${String(store.nextNumber(day)).padStart(3, '0')}`;
      const decided = decideRegistration({ ...input, id: ids.newId(), no }, { now, dueDays });
      if (!decided.ok) return { error: decided.error };
      const e = decided.value;
      const c = applyComplaint(e.complaint, e, now);
      const { name, phone, anonymous } = input.complainant;
      const person = anonymous ? { name: null, phone: null } : { name: name ?? null, phone: phone ?? null };
      store.insert(c, {
        masked: JSON.stringify({
          name: person.name === null ? null : maskName(person.name),
          phone: person.phone === null ? null : maskPhone(person.phone),
          anonymous,
        }),
        sealed: person.name === null && person.phone === null ? null : vault.seal(person),
      });
      store.addHistory(c.id, { at: iso(now), by: staff.name, status: c.status, text: complaintHistoryText(e) });
      return { value: this.view(c), ...logged(c, e) };
    });
  }

  step(id: string, step: ComplaintStep, staff: { id: string; name: string }): Promise<Result<ComplaintView>> {
    const { store, pipeline, clock } = this.deps;
    return pipeline.record<ComplaintView>({ kind: 'staff', staffId: staff.id }, () => {
      const c = store.find(id);
      if (!c) return { error: notFound(id) };
      const decided = decideComplaintStep(c, step);
      if (!decided.ok) return { error: decided.error };
      const now = clock.now();
      const next = applyComplaint(c, decided.value, now);
      store.update(next);
      store.addHistory(id, {
        at: iso(now),
        by: staff.name,
        status: next.status,
        text: complaintHistoryText(decided.value),
      });
      return { value: this.view(next), ...logged(next, decided.value) };
    });
  }

  list(filter: { status?: string | undefined }): ComplaintView[] {
    return this.deps.store.list(filter, 500).map((c) => this.view(c));
  }

  find(id: string): Result<ComplaintView> {
    const c = this.deps.store.find(id);
    return c ? success(this.view(c)) : failure(notFound(id));
  }

  /** The complainant in full, for the feedback call: managers only, every read audited (DESIGN.md rule 8). */
  complainant(id: string, staffId: string): Result<Complainant> {
    const c = this.deps.store.find(id);
    if (!c) return failure(notFound(id));
    const sealed = this.deps.store.complainantSealed(id);
    if (sealed === null)
      return failure(
        this.view(c).complainant.anonymous
          ? appError('NOT_FOUND', '该投诉为匿名投诉，没有投诉人信息', 'the complaint is anonymous')
          : appError(
              'NOT_FOUND',
              '投诉人信息已按保存期限删除（或登记时未留）',
              "the complainant's data is past its retention and was deleted (or was never given)",
            ),
      );
    this.deps.auth.audit(staffId, 'read-personal-data', `complaint:${id}`);
    return success(sealedSchema.parse(this.deps.vault.open(sealed)));
  }

  /** What the alarm model looks at: every complaint not yet answered. */
  alarmInputs(): HallSituation['complaints'] {
    return this.deps.store
      .unanswered()
      .map((c) => ({ complaintId: c.id, dueAt: c.dueAt, closed: false, label: { zh: c.no, en: c.no } }));
  }

  /** A complaint names a window, a clerk or a case the hall has; a typo would leave it pointing at nothing. */
  private unknownTarget(input: ComplaintRegistrationInput) {
    const { targets } = this.deps;
    const refuse = (field: string, zh: string, en: string) =>
      appError('BAD_REQUEST', `${zh}；投诉未登记`, `${en}; nothing was registered`, [{ path: field, message: en }]);
    if (input.windowId !== undefined && !targets.window(input.windowId))
      return refuse('windowId', `没有窗口 ${input.windowId}`, `there is no window ${input.windowId}`);
    if (input.clerkId !== undefined && !targets.staff(input.clerkId))
      return refuse('clerkId', `没有工作人员 ${input.clerkId}`, `there is no staff member ${input.clerkId}`);
    if (input.caseNo !== undefined && !targets.caseNo(input.caseNo))
      return refuse('caseNo', `没有办件 ${input.caseNo}`, `there is no case ${input.caseNo}`);
    return null;
  }

  private view(c: Complaint): ComplaintView {
    const masked = this.deps.store.complainantMasked(c.id);
    return {
      id: c.id,
      no: c.no,
      channel: c.channel,
      category: c.category,
      categoryText: COMPLAINT_CATEGORY_TEXT[c.category].zh,
      complainant: masked ? maskedSchema.parse(JSON.parse(masked)) : { name: null, phone: null, anonymous: true },
      content: c.content,
      windowId: c.windowId,
      clerkId: c.clerkId,
      caseNo: c.caseNo,
      status: c.status,
      statusText: COMPLAINT_STATUS_TEXT[c.status].zh,
      receivedAt: iso(c.receivedAt),
      dueAt: iso(c.dueAt),
      overdue: isComplaintOverdue(c, this.deps.clock.now()),
      findings: c.findings,
      handling: c.handling,
      feedback: c.feedback,
      satisfaction: c.satisfaction,
      archivedAt: c.archivedAt === null ? null : iso(c.archivedAt),
      history: this.deps.store.history(c.id).map((h) => ({
        ...h,
        status: COMPLAINT_STATUSES.find((s) => s === h.status) ?? 'registered',
      })),
    };
  }
}

/** The event row: the complaint's number and what was decided — never the complainant. */
function logged(c: Complaint, e: ComplaintEvent): { eventType: string; payload: unknown } {
  if (e.type === 'complaint.registered')
    return {
      eventType: e.type,
      payload: { complaintId: c.id, no: c.no, category: c.category, channel: c.channel, dueAt: iso(c.dueAt) },
    };
  const { type, ...rest } = e;
  return { eventType: type, payload: { complaintId: c.id, no: c.no, ...rest } };
}
