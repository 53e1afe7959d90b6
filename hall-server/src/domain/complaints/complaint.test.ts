import { describe, expect, it } from 'vitest';
import {
  applyComplaint,
  decideComplaintStep,
  decideRegistration,
  DEFAULT_COMPLAINT_DUE_DAYS,
  isComplaintOverdue,
  type Complaint,
} from './complaint.js';

const DAY = 86_400_000;
const NOW = Date.parse('2026-12-03T02:00:00Z');
const ctx = { now: NOW, dueDays: DEFAULT_COMPLAINT_DUE_DAYS };
const input = {
  id: 'c1',
  no: 'TS20261203-001',
  channel: 'phone' as const,
  category: 'suggestion',
  content: '排队太久',
};

function registered(): Complaint {
  const d = decideRegistration(input, ctx);
  if (!d.ok) throw new Error(d.error.messageEn);
  return applyComplaint(d.value.complaint, d.value, NOW);
}

describe('服务投诉 (GB/T 36113 §7)', () => {
  it('is due by its category, or on a date given that is not in the past', () => {
    expect(registered().dueAt).toBe(NOW + 7 * DAY);
    const onsite = decideRegistration({ ...input, category: 'onsite-coordination' }, ctx);
    expect(onsite.ok && onsite.value.complaint.dueAt).toBe(NOW + DAY);
    const past = decideRegistration({ ...input, dueAt: new Date(NOW - 1).toISOString() }, ctx);
    expect(!past.ok && past.error.messageEn).toBe('the due date may not lie in the past; nothing was registered');
    const unknown = decideRegistration({ ...input, category: 'weather' }, ctx);
    expect(!unknown.ok && unknown.error.code).toBe('BAD_REQUEST');
  });

  it('goes investigate → handle → feedback → archive, one way; an archived one never moves', () => {
    let c = registered();
    const steps = [
      { action: 'investigate', note: '调查' },
      { action: 'handle', note: '处置' },
      { action: 'feedback', note: '反馈', satisfaction: 'basic' },
      { action: 'archive', note: '归档' },
    ] as const;
    const skipped = decideComplaintStep(c, steps[2]);
    expect(!skipped.ok && skipped.error.message).toBe('投诉 TS20261203-001 目前为「已受理」，现在不能反馈');
    for (const step of steps) {
      const d = decideComplaintStep(c, step);
      if (!d.ok) throw new Error(d.error.messageEn);
      c = applyComplaint(c, d.value, NOW + DAY);
    }
    expect(c).toMatchObject({ status: 'archived', satisfaction: 'basic', archivedAt: NOW + DAY });
    const again = decideComplaintStep(c, steps[0]);
    expect(!again.ok && again.error).toMatchObject({
      code: 'CONFLICT',
      message: '投诉 TS20261203-001 已归档，不能再调查；投诉未变更',
    });
  });

  it('is overdue past its due date until the complainant is answered', () => {
    const c = registered();
    expect(isComplaintOverdue(c, c.dueAt)).toBe(false);
    expect(isComplaintOverdue(c, c.dueAt + 1)).toBe(true);
    expect(isComplaintOverdue({ ...c, status: 'feedback-given' }, c.dueAt + 1)).toBe(false);
  });
});
