import type { ComplaintStatus, ComplaintStep } from '@onedoor/protocol';

export type ComplaintAction = ComplaintStep['action'];

/** GB/T 36113 §7 in order: what follows each status (null once archived). */
export function nextComplaintAction(status: ComplaintStatus): ComplaintAction | null {
  const next: Record<ComplaintStatus, ComplaintAction | null> = {
    registered: 'investigate',
    investigating: 'handle',
    handled: 'feedback',
    'feedback-given': 'archive',
    archived: null,
  };
  return next[status];
}

export const COMPLAINT_ACTION_TEXT: Record<ComplaintAction, string> = {
  investigate: '调查：核实投诉事实',
  handle: '处置：处理意见',
  feedback: '反馈：告知投诉人并记录其评价',
  archive: '归档：资料归档',
};

/** The step's body from the form's fields. */
export function complaintStepBody(
  action: ComplaintAction,
  note: string,
  satisfaction: 'satisfied' | 'basic' | 'unsatisfied',
): ComplaintStep {
  return action === 'feedback' ? { action, note, satisfaction } : { action, note };
}
