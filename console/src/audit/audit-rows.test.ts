import { describe, expect, it } from 'vitest';
import { auditRows, describeChange } from './audit-rows';

describe('audit rows', () => {
  it('shows only the fields that changed, old → new', () => {
    expect(
      describeChange({ id: 'tax', name: '税务', enabled: true }, { id: 'tax', name: '税务', enabled: false }),
    ).toBe('enabled: true → false');
    expect(describeChange(null, { id: 'x' })).toBe('新建 {"id":"x"}');
    expect(describeChange({ date: '2026-12-01' }, null)).toBe('删除 {"date":"2026-12-01"}');
  });

  it('names the action and the person, and keeps the detail', () => {
    const [row] = auditRows([
      {
        id: 1,
        at: '2026-12-03T02:00:00.000Z',
        staffId: 'manager01',
        staffName: '王主任',
        action: 'config.staff.password-reset',
        target: 'clerk01',
        detail: 'password reset',
        before: null,
        after: null,
      },
    ]);
    expect(row).toMatchObject({ who: '王主任', action: '重置密码', target: 'clerk01', change: 'password reset' });
  });
});
