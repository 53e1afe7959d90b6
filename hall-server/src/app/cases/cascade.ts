import type { AppError } from '@onedoor/protocol';
import { bundleOutcome, type CaseAction, type CaseContext, type CaseState } from '../../domain/cases/index.js';
import type { Result } from '../../domain/result.js';
import type { CommandScope } from '../pipeline.js';
import { applyAction, pickStatus, type CasesDeps, type StepRef } from './case-work.js';
import { queueResultNotice } from './notifications.js';

/** 受理: a bundle accepts and routes every member (一次分办); a promised single case is routed to its department. */
export function acceptWithCascade(
  deps: CasesDeps,
  scope: CommandScope,
  c: CaseState,
  action: CaseAction,
  ctx: CaseContext,
  steps: StepRef[],
): Result<CaseState> {
  const accepted = applyAction(deps, scope, c, action, ctx, steps);
  if (!accepted.ok) return accepted;
  if (c.type === 'bundle') {
    const parentMats = new Map(deps.cases.materials(c.id).map((m) => [m.materialId, m]));
    for (const member of deps.cases.members(c.id)) {
      // Members share the bundle's material checklist (and its 容缺 due dates).
      deps.cases.saveMaterials(
        member.id,
        deps.cases.materials(member.id).map((m) => ({ ...m, ...pickStatus(parentMats.get(m.materialId)) })),
      );
      const a = applyAction(deps, scope, member, { type: 'accept' }, { ...ctx, viaParent: true }, steps);
      if (!a.ok) return a;
      const routed = applyAction(
        deps,
        scope,
        a.value,
        { type: 'route', node: '审核', opinion: `一件事「${c.name}」分办至部门` },
        ctx,
        steps,
      );
      if (!routed.ok) return routed;
    }
  } else if (accepted.value.caseKind !== 'immediate') {
    return applyAction(deps, scope, accepted.value, { type: 'route', node: '审核' }, ctx, steps);
  }
  return accepted;
}

/**
 * What an action on one case means for the others (bundle ↔ members) and for the applicant. Pushes the ids of the
 * messages to send after the commit onto `notify`.
 */
export function cascade(
  deps: CasesDeps,
  scope: CommandScope,
  before: CaseState,
  after: CaseState,
  action: CaseAction,
  ctx: CaseContext,
  steps: StepRef[],
  notify: number[],
): AppError | null {
  const { cases } = deps;
  const viaParent = { ...ctx, viaParent: true };
  if (before.type === 'bundle') {
    const members = cases.members(before.id);
    if (action.type === 'reject' || action.type === 'withdraw' || action.type === 'deliver') {
      for (const m of members) {
        if (action.type === 'deliver' && m.stage !== 'concluded') continue;
        if (
          action.type !== 'deliver' &&
          !['received', 'accepted', 'reviewing', 'correction', 'suspended'].includes(m.stage)
        )
          continue;
        const memberAction: CaseAction =
          action.type === 'deliver'
            ? action
            : m.stage === 'received' && action.type === 'reject'
              ? action
              : { type: 'withdraw', reason: action.reason };
        const r = applyAction(deps, scope, m, memberAction, viaParent, steps);
        if (!r.ok) return r.error;
      }
    }
    if (action.type === 'supply') {
      const parentMats = new Map(cases.materials(before.id).map((m) => [m.materialId, m]));
      for (const m of members) {
        const ids = cases
          .materials(m.id)
          .filter(
            (x) => action.materialIds.includes(x.materialId) && (x.status === 'missing' || x.status === 'tolerated'),
          )
          .map((x) => x.materialId);
        if (ids.length === 0) continue;
        if (m.stage === 'received') {
          cases.saveMaterials(
            m.id,
            cases
              .materials(m.id)
              .map((x) => (ids.includes(x.materialId) ? { ...x, ...pickStatus(parentMats.get(x.materialId)) } : x)),
          );
          continue;
        }
        const r = applyAction(
          deps,
          scope,
          m,
          { type: 'supply', materialIds: ids, opinion: `一件事补交材料（${before.caseNo}）` },
          ctx,
          steps,
        );
        if (!r.ok) return r.error;
      }
    }
  }
  if (before.type === 'member' && after.stage === 'concluded' && before.stage !== 'concluded' && before.parentId) {
    const parent = cases.find(before.parentId);
    const outcome = bundleOutcome(cases.members(before.parentId));
    if (parent && outcome && parent.stage !== 'concluded') {
      const r = applyAction(
        deps,
        scope,
        parent,
        { type: 'conclude-bundle', result: outcome },
        { ...ctx, actor: { staffId: 'system', staffName: '系统', deptId: parent.deptId, source: 'system' } },
        steps,
      );
      if (!r.ok) return r.error;
      notify.push(queueResultNotice(deps, r.value));
    }
  }
  if (before.type === 'single' && after.stage === 'concluded' && before.stage !== 'concluded')
    notify.push(queueResultNotice(deps, after));
  return null;
}
