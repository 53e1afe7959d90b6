import {
  appError,
  RATING_LEVEL_TEXT,
  RECTIFICATION_STATUSES,
  RECTIFICATION_STATUS_TEXT,
  type RectificationStep,
  type RectificationView,
} from '@onedoor/protocol';
import {
  applyRectification,
  decideRectificationStep,
  historyText,
  isOverdue,
  mayHandle,
  openRectification,
  type Rectification,
  type RectificationEvent,
  type RectificationRules,
} from '../../domain/evaluations/rectification.js';
import type { HallSituation } from '../../domain/alarms/alarms.js';
import { failure, success, type Result } from '../../domain/result.js';
import type { CommandPipeline } from '../pipeline.js';
import type { Clock, EvaluationRecord, IdGenerator, RectificationStore } from '../ports.js';

export interface RectificationsDeps {
  store: RectificationStore;
  pipeline: CommandPipeline;
  clock: Clock;
  ids: IdGenerator;
  rules: RectificationRules;
  /** The department of the cases a rated service took in (the first one's), null for none. */
  deptOf: (caseIds: readonly string[]) => string | null;
}

/** Who asks: managers see every rectification, a department's staff their department's ({@link mayHandle}). */
export interface RectificationViewer {
  staffId: string;
  name: string;
  everyDept: boolean;
  deptId: string | null;
}

const iso = (ms: number) => new Date(ms).toISOString();
const notFound = (id: string) => appError('NOT_FOUND', `没有编号为 ${id} 的整改`, `no rectification ${id}`);
const notYours = () =>
  appError('FORBIDDEN', '只能处理本部门的差评整改', "only your own department's rectifications are yours to handle");
/** Rectifications stored before departments were kept have none: the hall's own. */
const withDept = (r: Rectification): Rectification => ({ ...r, deptId: r.deptId ?? null });

/**
 * 差评整改 (issue 10): a 差评 opens one in the rating's own transaction ({@link openFor}); the department carries it
 * through step by step ({@link step}), each step decided by domain/evaluations/rectification, logged as an event and
 * kept as a line of its history. The overdue ones feed the alarm model ({@link alarmInputs}).
 */
export class Rectifications {
  constructor(private readonly deps: RectificationsDeps) {}

  /** Called inside the rating's command: stores the rectification and answers the event row to log with the rating. */
  openFor(e: EvaluationRecord): { type: string; payload: unknown } {
    const event = openRectification(
      this.deps.ids.newId(),
      {
        evaluationId: e.id,
        ticketId: e.ticketId,
        windowId: e.windowId,
        clerkId: e.clerkId,
        level: e.level,
        reason: e.reason,
        ratedAt: Date.parse(e.at),
        deptId: this.deps.deptOf(e.caseIds),
      },
      this.deps.rules,
    );
    const r = applyRectification(event.rectification, event, Date.parse(e.at));
    this.deps.store.insert(r, e.at);
    this.deps.store.addHistory(r.id, { at: e.at, by: '系统', status: r.status, text: historyText(event) });
    return { type: event.type, payload: { rectificationId: r.id, evaluationId: e.id, dueAt: iso(r.dueAt) } };
  }

  /** A 差评's reason given afterwards belongs on its rectification too (the department reads it there). */
  reasonGiven(evaluationId: string, reason: string): void {
    const [r] = this.deps.store.list({ evaluationId }, 1);
    if (r && r.reason === null) this.deps.store.update({ ...r, reason });
  }

  list(
    filter: { status?: string | undefined; evaluationId?: string | undefined },
    viewer: RectificationViewer,
  ): RectificationView[] {
    return this.deps.store
      .list(filter, 500)
      .filter((r) => mayHandle(withDept(r), viewer))
      .map((r) => this.view(r));
  }

  find(id: string, viewer: RectificationViewer): Result<RectificationView> {
    const r = this.deps.store.find(id);
    if (!r) return failure(notFound(id));
    return mayHandle(withDept(r), viewer) ? success(this.view(r)) : failure(notYours());
  }

  step(id: string, step: RectificationStep, staff: RectificationViewer): Promise<Result<RectificationView>> {
    const { store, clock, pipeline, rules } = this.deps;
    return pipeline.record<RectificationView>({ kind: 'staff', staffId: staff.staffId }, () => {
      const r = store.find(id);
      if (!r) return { error: notFound(id) };
      if (!mayHandle(withDept(r), staff)) return { error: notYours() };
      const now = clock.now();
      const decided = decideRectificationStep(r, step, { now, rules });
      if (!decided.ok) return { error: decided.error };
      const next = decided.value.reduce((acc, e) => applyRectification(acc, e, now), r);
      store.update(next);
      for (const e of decided.value)
        store.addHistory(id, { at: iso(now), by: staff.name, status: next.status, text: historyText(e) });
      const [first, ...rest] = decided.value.map((e) => logged(id, e));
      return { value: this.view(next), eventType: first!.type, payload: first!.payload, also: rest };
    });
  }

  /** What the alarm model looks at: every rectification whose 整改 is still to be done. */
  alarmInputs(windowName: (id: string) => string | undefined): HallSituation['rectifications'] {
    return this.deps.store.awaiting().map((r) => {
      const where = windowName(r.windowId) ?? r.windowId;
      const level = RATING_LEVEL_TEXT[r.level];
      return {
        rectificationId: r.id,
        dueAt: r.dueAt,
        closed: false,
        label: { zh: `${where}（${level.zh}）`, en: `${where} (${level.en})` },
      };
    });
  }

  private view(r: Rectification): RectificationView {
    return {
      id: r.id,
      evaluationId: r.evaluationId,
      ticketId: r.ticketId,
      windowId: r.windowId,
      clerkId: r.clerkId,
      deptId: r.deptId ?? null,
      level: r.level,
      reason: r.reason,
      ratedAt: iso(r.ratedAt),
      status: r.status,
      statusText: RECTIFICATION_STATUS_TEXT[r.status].zh,
      dueAt: iso(r.dueAt),
      overdue: isOverdue(r, this.deps.clock.now()),
      reviewer: r.reviewer,
      judgement: r.judgement,
      measures: r.measures,
      callBack: r.callBack,
      result: r.result,
      closedAt: r.closedAt === null ? null : iso(r.closedAt),
      history: this.deps.store.history(r.id).map((h) => ({
        ...h,
        status: RECTIFICATION_STATUSES.find((s) => s === h.status) ?? 'pending',
      })),
    };
  }
}

/** An event as the event log keeps it: the rectification's id and what was decided (notes of staff, no personal data). */
function logged(id: string, e: RectificationEvent): { type: string; payload: unknown } {
  const { type, ...rest } = e;
  return { type, payload: { rectificationId: id, ...rest } };
}
