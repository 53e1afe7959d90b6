import { appError, CASE_ACTION_TEXT, type AppError, type StaffRole } from '@onedoor/protocol';
import { type Result, failure, success } from '../result.js';
import type { CaseAction, CaseState } from './case.types.js';

/**
 * Who may see and act on a case — the one policy every edge (REST, the window, the back office) goes through.
 *
 * - Managers (and admins) see and do everything.
 * - Window clerks see every case (any matter is received at any comprehensive window, 一窗受理) and take the window's
 *   actions: receive, accept or reject, ask for corrections before acceptance, take supplied materials, withdraw, hand
 *   over; they may also conclude an immediate single case (即办件) straight after acceptance.
 * - Approvers see their department's cases and the bundles one of them belongs to, and take the back-office actions
 *   (review, approve, refuse, suspend, resume, corrections, supplies) on their department's cases only; a bundle is
 *   decided through its member cases.
 */
export interface CaseUser {
  id: string;
  roles: readonly StaffRole[];
  /** The department an approver acts for; null when none is set. */
  deptId: string | null;
}

const isManager = (u: CaseUser) => u.roles.includes('manager') || u.roles.includes('admin');

const noDepartment = (): AppError =>
  appError(
    'FORBIDDEN',
    '您的账号尚未设置所属部门，请联系管理员',
    'your account has no department; ask an administrator',
  );
const otherDepartment = (): AppError =>
  appError('FORBIDDEN', '该办件不属于您所在部门', 'the case belongs to another department');

const WINDOW_ACTIONS: readonly CaseAction['type'][] = [
  'accept',
  'reject',
  'supply',
  'withdraw',
  'deliver',
  'request-correction',
];
const BACK_OFFICE_ACTIONS: readonly CaseAction['type'][] = [
  'review',
  'approve',
  'refuse',
  'suspend',
  'resume',
  'request-correction',
  'supply',
];

/** May the user see this case? `memberDeptIds`: the departments of a bundle's member cases. */
export function seeCase(u: CaseUser, c: { deptId: string; memberDeptIds: readonly string[] }): Result<null> {
  if (isManager(u) || u.roles.includes('clerk')) return success(null);
  if (u.deptId !== null && (c.deptId === u.deptId || c.memberDeptIds.includes(u.deptId))) return success(null);
  return failure(otherDepartment());
}

/**
 * Which department's back-office queue (and warnings) the user reads: a manager the one asked for (null = every
 * department), anyone else only their own.
 */
export function queueScope(u: CaseUser, requested: string | null): Result<string | null> {
  if (isManager(u)) return success(requested);
  return u.deptId === null ? failure(noDepartment()) : success(u.deptId);
}

/** May the user take this action on this case? Null when allowed, else why not. */
export function mayAct(u: CaseUser, c: CaseState, action: CaseAction['type']): AppError | null {
  if (isManager(u)) return null;
  if (u.roles.includes('clerk')) {
    if (WINDOW_ACTIONS.includes(action) && (action !== 'request-correction' || c.stage === 'received')) return null;
    if (
      (action === 'approve' || action === 'refuse') &&
      c.caseKind === 'immediate' &&
      c.type === 'single' &&
      c.stage === 'accepted'
    )
      return null;
  }
  if (u.roles.includes('approver') && BACK_OFFICE_ACTIONS.includes(action)) {
    if (u.deptId === null) return noDepartment();
    if (c.deptId !== u.deptId) return otherDepartment();
    if (c.type === 'bundle')
      return appError('FORBIDDEN', '一件事由各成员部门分别审批', 'a bundle is approved through its member cases');
    return null;
  }
  return appError('FORBIDDEN', `您没有「${CASE_ACTION_TEXT[action]}」的权限`, `not allowed to ${action}`);
}

/** The actor recorded on a case's steps for a staff member: their department, and where they act from. */
export function caseActorOf(u: CaseUser & { name: string }): {
  staffId: string;
  staffName: string;
  deptId: string;
  source: 'window' | 'backoffice';
} {
  return {
    staffId: u.id,
    staffName: u.name,
    deptId: u.deptId ?? HALL_DEPT,
    source: u.roles.includes('approver') && !u.roles.includes('clerk') ? 'backoffice' : 'window',
  };
}

/** The department recorded for window staff, who act for the hall rather than a department. */
export const HALL_DEPT = 'hall';
