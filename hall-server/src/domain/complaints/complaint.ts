import {
  appError,
  COMPLAINT_CATEGORIES,
  COMPLAINT_CATEGORY_TEXT,
  COMPLAINT_STATUS_TEXT,
  type ComplaintCategory,
  type ComplaintChannel,
  type ComplaintStatus,
  type ComplaintStep,
} from '@onedoor/protocol';
import { failure, success, type Result } from '../result.js';

const DAY_MS = 86_400_000;

/**
 * 服务投诉处置 after GB/T 36113-2018 §7: 7.1 受理 → 7.2 调查 → 7.3 处置 → 7.5 意见反馈 → 7.6 资料归档. Pure: the app
 * hands in the complaint and the step; the answer is the events, or why the step is refused (nothing changes then).
 * The complainant's person is not here: the app seals it before anything is stored.
 */
export interface Complaint {
  id: string;
  no: string;
  channel: ComplaintChannel;
  category: ComplaintCategory;
  content: string;
  windowId: string | null;
  clerkId: string | null;
  caseNo: string | null;
  status: ComplaintStatus;
  receivedAt: number;
  dueAt: number;
  findings: string | null;
  handling: string | null;
  feedback: string | null;
  satisfaction: 'satisfied' | 'basic' | 'unsatisfied' | null;
  archivedAt: number | null;
}

/** Calendar days a category has, from receipt to feedback (local hall rules, domain.md §1.2; hall configuration). */
export type ComplaintDueDays = Record<ComplaintCategory, number>;

/** 现场协调类 the same or next day; 转办处理类 within 5 working days (about a week); 意见反映类 within one week. */
export const DEFAULT_COMPLAINT_DUE_DAYS: ComplaintDueDays = { 'onsite-coordination': 1, transfer: 7, suggestion: 7 };

export type ComplaintRegistered = { type: 'complaint.registered'; complaint: Complaint };
export type ComplaintEvent =
  | ComplaintRegistered
  | { type: 'complaint.investigated'; note: string }
  | { type: 'complaint.handled'; note: string }
  | { type: 'complaint.feedback-given'; note: string; satisfaction: 'satisfied' | 'basic' | 'unsatisfied' }
  | { type: 'complaint.archived'; note: string };

export interface ComplaintRegistration {
  id: string;
  no: string;
  channel: ComplaintChannel;
  category: string;
  content: string;
  windowId?: string | undefined;
  clerkId?: string | undefined;
  caseNo?: string | undefined;
  /** Overrides the category's time limit. */
  dueAt?: string | undefined;
}

const isCategory = (c: string): c is ComplaintCategory => (COMPLAINT_CATEGORIES as readonly string[]).includes(c);

/** 7.1 投诉受理: a known category, and a due date (the category's, or one given) that is not in the past. */
export function decideRegistration(
  input: ComplaintRegistration,
  ctx: { now: number; dueDays: ComplaintDueDays },
): Result<ComplaintRegistered> {
  if (!isCategory(input.category)) {
    const known = COMPLAINT_CATEGORIES.map((c) => COMPLAINT_CATEGORY_TEXT[c].zh).join('、');
    return failure(
      appError(
        'BAD_REQUEST',
        `没有「${input.category}」这一投诉类别（可选：${known}）；投诉未登记`,
        `there is no complaint category "${input.category}" (known: ${COMPLAINT_CATEGORIES.join(', ')}); nothing was registered`,
        [{ path: 'category', message: COMPLAINT_CATEGORIES.join(' | ') }],
      ),
    );
  }
  const dueAt = input.dueAt === undefined ? ctx.now + ctx.dueDays[input.category] * DAY_MS : Date.parse(input.dueAt);
  if (dueAt <= ctx.now)
    return failure(
      appError(
        'BAD_REQUEST',
        '办理期限不能早于现在；投诉未登记',
        'the due date may not lie in the past; nothing was registered',
        [{ path: 'dueAt', message: 'in the past' }],
      ),
    );
  return success({
    type: 'complaint.registered',
    complaint: {
      id: input.id,
      no: input.no,
      channel: input.channel,
      category: input.category,
      content: input.content,
      windowId: input.windowId ?? null,
      clerkId: input.clerkId ?? null,
      caseNo: input.caseNo ?? null,
      status: 'registered',
      receivedAt: ctx.now,
      dueAt,
      findings: null,
      handling: null,
      feedback: null,
      satisfaction: null,
      archivedAt: null,
    },
  });
}

/** The status each step follows: the standard's order, one way. */
const STEP_FROM: Record<ComplaintStep['action'], ComplaintStatus> = {
  investigate: 'registered',
  handle: 'investigating',
  feedback: 'handled',
  archive: 'feedback-given',
};

const STEP_TEXT: Record<ComplaintStep['action'], { zh: string; en: string }> = {
  investigate: { zh: '调查', en: 'investigate' },
  handle: { zh: '处置', en: 'handle' },
  feedback: { zh: '反馈', en: 'give feedback' },
  archive: { zh: '归档', en: 'archive' },
};

export function decideComplaintStep(c: Complaint, step: ComplaintStep): Result<ComplaintEvent> {
  if (c.status === 'archived')
    return failure(
      appError(
        'CONFLICT',
        `投诉 ${c.no} 已归档，不能再${STEP_TEXT[step.action].zh}；投诉未变更`,
        `complaint ${c.no} is archived and cannot ${STEP_TEXT[step.action].en}; nothing was changed`,
      ),
    );
  if (c.status !== STEP_FROM[step.action]) {
    const now = COMPLAINT_STATUS_TEXT[c.status];
    return failure(
      appError(
        'CONFLICT',
        `投诉 ${c.no} 目前为「${now.zh}」，现在不能${STEP_TEXT[step.action].zh}`,
        `complaint ${c.no} is ${now.en}; "${STEP_TEXT[step.action].en}" is not its next step`,
      ),
    );
  }
  switch (step.action) {
    case 'investigate':
      return success({ type: 'complaint.investigated', note: step.note });
    case 'handle':
      return success({ type: 'complaint.handled', note: step.note });
    case 'feedback':
      return success({ type: 'complaint.feedback-given', note: step.note, satisfaction: step.satisfaction });
    case 'archive':
      return success({ type: 'complaint.archived', note: step.note });
  }
}

export function applyComplaint(c: Complaint, e: ComplaintEvent, at: number): Complaint {
  switch (e.type) {
    case 'complaint.registered':
      return e.complaint;
    case 'complaint.investigated':
      return { ...c, status: 'investigating', findings: e.note };
    case 'complaint.handled':
      return { ...c, status: 'handled', handling: e.note };
    case 'complaint.feedback-given':
      return { ...c, status: 'feedback-given', feedback: e.note, satisfaction: e.satisfaction };
    case 'complaint.archived':
      return { ...c, status: 'archived', archivedAt: at };
  }
}

/** The due date bounds the answer to the complainant: once feedback is given, the complaint is no longer late. */
export function isComplaintOverdue(c: Pick<Complaint, 'status' | 'dueAt'>, now: number): boolean {
  return (c.status === 'registered' || c.status === 'investigating' || c.status === 'handled') && now > c.dueAt;
}

const SATISFACTION_TEXT = { satisfied: '满意', basic: '基本满意', unsatisfied: '不满意' } as const;

export function complaintHistoryText(e: ComplaintEvent): string {
  switch (e.type) {
    case 'complaint.registered':
      return `受理投诉（${COMPLAINT_CATEGORY_TEXT[e.complaint.category].zh}）`;
    case 'complaint.investigated':
      return `调查：${e.note}`;
    case 'complaint.handled':
      return `处置：${e.note}`;
    case 'complaint.feedback-given':
      return `反馈（投诉人评价：${SATISFACTION_TEXT[e.satisfaction]}）：${e.note}`;
    case 'complaint.archived':
      return `归档：${e.note}`;
  }
}
