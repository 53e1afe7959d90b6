import type { CaseState, CaseStep } from '../../domain/cases/case.types.js';
import { CASE_ACTION_TEXT } from '@onedoor/protocol';
import type { QueueState } from '../../domain/queue/queue.types.js';
import type { CaseStore, CatalogStore, Clock, EvaluationStore, StaffStore } from '../ports.js';
import type { PlatformCodes } from './codes.js';
import type { CaseStagePush, EvaluationPush, NoShowPush } from './contract.js';
import type { OutboxEntry, OutboxStore, PlatformLookups } from './platform-ports.js';

export type RatingRecord = Parameters<EvaluationStore['recordOnce']>[0];

export interface RecorderDeps {
  hallCode: string;
  codes: PlatformCodes;
  outbox: OutboxStore;
  lookups: PlatformLookups;
  /** The case store the use cases write through (reads see the open transaction). */
  cases: CaseStore;
  catalog: CatalogStore;
  staff: StaffStore;
  queueState: () => QueueState;
  clock: Clock;
}

/** The one latest-wins record of the hall's queue status. */
export const QUEUE_STATUS_KEY = 'queue-status';

/**
 * Turns what the hall just did into outbox records, inside the command's transaction: a case step, a rating, a change
 * of the queue, a no-show. A record is the push as the contract has it (codes mapped by the code tables), so a retry
 * sends the same bytes; only the 收件 push's applicant and the queue status are filled in when sent.
 */
export class OutboxRecorder {
  constructor(private readonly deps: RecorderDeps) {}

  /** A case step was appended under the hall event `eventSeq`. */
  caseStep(step: CaseStep, eventSeq: number): void {
    // A step the platform made itself (a result decided in a department system) is not echoed back to it.
    if (step.source === 'platform') return;
    const { cases, codes, hallCode } = this.deps;
    const c = cases.find(step.caseId);
    if (!c) throw new Error(`case ${step.caseId} is not there to report its step ${step.stepNo}`);
    const push: CaseStagePush = {
      hallCode,
      caseNo: c.caseNo,
      hallCaseId: c.id,
      platformRef: c.platformRef,
      parentCaseNo: c.parentId ? (cases.find(c.parentId)?.caseNo ?? null) : null,
      matter: {
        code: this.implCode(c),
        name: c.name,
        kind: codes.caseKinds[c.caseKind],
        kindId: c.caseKind,
        deptId: c.deptId,
        promisedDays: c.promisedLimitDays,
        legalDays: c.legalLimitDays,
      },
      step: {
        no: step.stepNo,
        action: step.action,
        actionName: CASE_ACTION_TEXT[step.action],
        stage: step.stage,
        stageCode: codes.stages[step.stage],
        stageName: codes.stageNames[step.stage],
        node: step.node,
        at: step.at,
        source: step.source,
        handler: { id: step.staffId, name: step.staffName, deptId: step.deptId },
        opinion: step.opinion,
        result: step.stage === 'concluded' || step.stage === 'delivered' ? c.result : null,
        notices: step.notices.map((n) => n.code),
      },
      applicant: {
        kind: codes.applicantKinds[c.applicantKind],
        kindId: c.applicantKind,
        nameMasked: c.applicantNameMasked,
        idMasked: c.applicantIdMasked,
        orgName: c.orgName,
      },
      channel: c.channel,
      receivedAt: c.receivedAt,
      acceptedAt: c.acceptedAt,
      concludedAt: c.concludedAt,
    };
    this.append({
      kind: 'case-stage',
      stream: `case:${c.id}`,
      idempotencyKey: `${hallCode}:case-stage:${c.id}:${step.stepNo}`,
      caseNo: c.caseNo,
      summary: `办件 ${c.caseNo} ${push.step.stageName}${push.step.actionName === push.step.stageName ? '' : `（${push.step.actionName}）`}`,
      payload: push,
      eventSeq,
    });
  }

  /** A rating was recorded (one per ticket). */
  rating(e: RatingRecord): void {
    const { lookups, cases, codes, hallCode, queueState, staff } = this.deps;
    const ticket = lookups.ticket(e.ticketId);
    const c = ticket?.caseId ? cases.find(ticket.caseId) : null;
    const state = queueState();
    const service = ticket ? state.services.get(ticket.serviceId) : undefined;
    const clerk = e.clerkId ? staff.findStaff(e.clerkId) : null;
    const channel = codes.evaluationChannels[e.channel] ?? e.channel;
    const push: EvaluationPush = {
      hallCode,
      evaluationId: e.id,
      projectNo: c?.caseNo ?? null,
      serviceNumber: ticket?.number ?? e.ticketId,
      businessDay: ticket?.businessDay ?? state.businessDay,
      taskCode: c ? this.implCode(c) : null,
      taskName: c?.name ?? service?.name ?? '',
      proStatus: c ? codes.stages[c.stage] : null,
      satisfaction: codes.satisfaction[String(e.level) as keyof PlatformCodes['satisfaction']],
      level: e.level,
      channel,
      channelId: e.channel,
      assessTime: e.at,
      assessNumber: 1,
      window: { id: e.windowId, name: state.windows.get(e.windowId)?.config.name ?? e.windowId },
      staff: clerk ? { id: clerk.id, name: clerk.name } : null,
    };
    this.append({
      kind: 'evaluation',
      // After the case's stages, when there is a case: the platform knows the 办件 before its rating.
      stream: c ? `case:${c.id}` : `ticket:${e.ticketId}`,
      idempotencyKey: `${hallCode}:evaluation:${e.id}`,
      caseNo: c?.caseNo ?? null,
      summary: `好差评 ${push.serviceNumber}${c ? `（办件 ${c.caseNo}）` : ''} ${e.level} 星`,
      payload: push,
      eventSeq: null,
    });
  }

  /** The queue changed: the queue status is due again (latest wins; what is sent is the state at sending time). */
  queueChanged(): void {
    const now = new Date(this.deps.clock.now()).toISOString();
    this.deps.outbox.touch(
      QUEUE_STATUS_KEY,
      {
        kind: 'queue-status',
        stream: 'queue',
        idempotencyKey: `${this.deps.hallCode}:queue-status`,
        caseNo: null,
        summary: '排队状态（手机端）',
        payload: null,
        createdAt: now,
        eventSeq: null,
      },
      now,
    );
  }

  /** A platform booking nobody came for. */
  noShow(push: NoShowPush, eventSeq: number): void {
    this.append({
      kind: 'no-show',
      stream: `appointment:${push.appointmentId}`,
      idempotencyKey: `${this.deps.hallCode}:no-show:${push.appointmentId}`,
      caseNo: null,
      summary: `预约 ${push.code} 未到（爽约）`,
      payload: push,
      eventSeq,
    });
  }

  private implCode(c: CaseState): string | null {
    if (!c.matterId || !c.matterVersion) return null;
    return this.deps.catalog.matterVersion(c.matterId, c.matterVersion)?.implCode ?? null;
  }

  private append(e: Omit<OutboxEntry, 'createdAt'>): void {
    this.deps.outbox.append({ ...e, createdAt: new Date(this.deps.clock.now()).toISOString() });
  }
}
