import { describe, expect, it } from 'vitest';
import { complaintStepBody, nextComplaintAction } from './complaint-steps';

describe('complaint steps', () => {
  it('follow GB/T 36113 in order and stop at the archive', () => {
    expect(nextComplaintAction('registered')).toBe('investigate');
    expect(nextComplaintAction('feedback-given')).toBe('archive');
    expect(nextComplaintAction('archived')).toBeNull();
  });
  it('only the feedback carries the complainant’s satisfaction', () => {
    expect(complaintStepBody('feedback', '已答复', 'basic')).toEqual({
      action: 'feedback',
      note: '已答复',
      satisfaction: 'basic',
    });
    expect(complaintStepBody('handle', '已处理', 'basic')).toEqual({ action: 'handle', note: '已处理' });
  });
});
