import { describe, expect, it } from 'vitest';
import { mayAct, queueScope, seeCase, type CaseUser } from './case-access.js';
import type { CaseState } from './case.types.js';

const user = (roles: CaseUser['roles'], deptId: string | null = null): CaseUser => ({ id: 'u', roles, deptId });
const manager = user(['manager']);
const clerk = user(['clerk']);
const rsj = user(['approver'], 'rsj');
const nobody = user(['approver']);

const aCase = (over: Partial<CaseState> = {}): CaseState => ({
  id: 'c1',
  caseNo: '33010020261123000001',
  type: 'single',
  parentId: null,
  matterId: 'm',
  matterVersion: 1,
  bundleId: null,
  bundleVersion: null,
  name: '社保卡补换',
  caseKind: 'promised',
  deptId: 'rsj',
  stage: 'reviewing',
  resumeStage: null,
  node: '审核',
  result: null,
  legalLimitDays: 20,
  promisedLimitDays: 5,
  tolerance: false,
  receivedAt: '2026-11-23T01:00:00.000Z',
  acceptedAt: '2026-11-23T01:00:00.000Z',
  concludedAt: null,
  deliveredAt: null,
  pauses: [],
  applicantNameMasked: '王*明',
  applicantIdMasked: '3301**********0041',
  applicantKind: 'person',
  orgName: null,
  takeWay: 'window',
  channel: 'window',
  ticketId: null,
  delivery: null,
  answers: {},
  form: {},
  platformRef: null,
  ...over,
});

describe('who may see a case', () => {
  it('managers and window clerks see every case; an approver their department’s and the bundles it belongs to', () => {
    const other = { deptId: 'gaj', memberDeptIds: [] };
    expect(seeCase(manager, other).ok).toBe(true);
    expect(seeCase(clerk, other).ok).toBe(true);
    expect(seeCase(rsj, { deptId: 'rsj', memberDeptIds: [] }).ok).toBe(true);
    expect(seeCase(rsj, { deptId: 'scjgj', memberDeptIds: ['gaj', 'rsj'] }).ok).toBe(true);
    const denied = seeCase(rsj, other);
    expect(denied.ok ? '' : denied.error.message).toBe('该办件不属于您所在部门');
    expect(seeCase(nobody, { deptId: 'rsj', memberDeptIds: [] }).ok).toBe(false);
  });

  it('reads the back-office queue of the asked department for managers, of their own for everyone else', () => {
    expect(queueScope(manager, 'gaj')).toEqual({ ok: true, value: 'gaj' });
    expect(queueScope(manager, null)).toEqual({ ok: true, value: null });
    // An approver cannot widen the queue to another department (or to all of them) by asking.
    expect(queueScope(rsj, 'gaj')).toEqual({ ok: true, value: 'rsj' });
    expect(queueScope(rsj, null)).toEqual({ ok: true, value: 'rsj' });
    const none = queueScope(nobody, null);
    expect(none.ok ? '' : none.error.message).toBe('您的账号尚未设置所属部门，请联系管理员');
  });
});

describe('who may act on a case', () => {
  it('lets the window take the window’s actions and the department the back office’s', () => {
    expect(mayAct(clerk, aCase({ stage: 'received' }), 'accept')).toBeNull();
    expect(mayAct(clerk, aCase({ stage: 'received' }), 'request-correction')).toBeNull();
    expect(mayAct(clerk, aCase({ stage: 'reviewing' }), 'request-correction')?.message).toBe(
      '您没有「补齐补正」的权限',
    );
    expect(mayAct(clerk, aCase(), 'approve')?.code).toBe('FORBIDDEN');
    expect(mayAct(rsj, aCase(), 'approve')).toBeNull();
    expect(mayAct(rsj, aCase({ deptId: 'gaj' }), 'approve')?.message).toBe('该办件不属于您所在部门');
    expect(mayAct(rsj, aCase(), 'deliver')?.code).toBe('FORBIDDEN');
    expect(mayAct(manager, aCase({ deptId: 'gaj' }), 'approve')).toBeNull();
  });

  it('lets a clerk conclude an immediate single case right after acceptance, and no other', () => {
    const immediate = aCase({ caseKind: 'immediate', stage: 'accepted' });
    expect(mayAct(clerk, immediate, 'approve')).toBeNull();
    expect(mayAct(clerk, { ...immediate, caseKind: 'promised' }, 'approve')?.code).toBe('FORBIDDEN');
    expect(mayAct(clerk, { ...immediate, type: 'member' }, 'refuse')?.code).toBe('FORBIDDEN');
  });

  it('sends a bundle’s decisions to its member cases, and asks an approver without a department to get one', () => {
    expect(mayAct(rsj, aCase({ type: 'bundle' }), 'approve')?.message).toBe('一件事由各成员部门分别审批');
    expect(mayAct(nobody, aCase(), 'review')?.message).toBe('您的账号尚未设置所属部门，请联系管理员');
  });
});
