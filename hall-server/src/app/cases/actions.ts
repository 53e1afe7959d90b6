import {
  appError,
  type AppError,
  type CaseDetail,
  type CaseSettings,
  type CaseSettingsInput,
  type ExternalResult,
} from '@onedoor/protocol';
import {
  RESULT_TEXT,
  mayAct,
  parseCaseNoFormat,
  type Actor,
  type CaseAction,
  type CaseState,
} from '../../domain/cases/index.js';
import { type Result, failure, success } from '../../domain/result.js';
import type { Actor as HallActor } from '../ports.js';
import { acceptWithCascade, cascade } from './cascade.js';
import {
  actorFor,
  applyAction,
  caseContext,
  hallActor,
  settings,
  userOf,
  type CaseStaff,
  type CasesDeps,
  type StepRef,
} from './case-work.js';
import { sendQueued } from './notifications.js';
import { detail } from './queries.js';

/** Runs one staff action on a case (受理、不予受理、补齐补正、审核、办结、挂起 …), if the case-access policy allows it. */
export async function act(
  deps: CasesDeps,
  caseId: string,
  action: CaseAction,
  staff: CaseStaff,
): Promise<Result<CaseDetail>> {
  const user = userOf(staff);
  const r = await run(deps, caseId, action, actorFor(staff), (c) => mayAct(user, c, action.type));
  if (!r.ok) return r;
  return success(detail(deps, caseId)!);
}

/**
 * One action in one hall transaction: the case and everything it cascades to (bundle ↔ members), a step per stage
 * change under the command's sequence number, the applicant's message queued; the message is sent after the commit.
 */
async function run(
  deps: CasesDeps,
  caseId: string,
  action: CaseAction,
  actor: Actor,
  check: (c: CaseState) => AppError | null,
): Promise<Result<{ notify: number[] }>> {
  const notify: number[] = [];
  const r = await deps.pipeline.record<{ notify: number[] }>(hallActor(actor), (scope) => {
    const c = deps.cases.find(caseId);
    if (!c) return { error: appError('NOT_FOUND', '办件不存在', `case ${caseId} not found`) };
    const denied = check(c);
    if (denied) return { error: denied };
    const ctx = caseContext(deps, actor);
    const steps: StepRef[] = [];
    const after =
      action.type === 'accept'
        ? acceptWithCascade(deps, scope, c, action, ctx, steps)
        : applyAction(deps, scope, c, action, ctx, steps);
    if (!after.ok) return { error: after.error };
    const cascaded = cascade(deps, scope, c, after.value, action, ctx, steps, notify);
    if (cascaded) return { error: cascaded };
    return {
      value: { notify },
      eventType: `case.${action.type}`,
      payload: { caseId: c.id, caseNo: c.caseNo, action: action.type, stage: after.value.stage, steps },
    };
  });
  if (r.ok) await sendQueued(deps, notify);
  return r;
}

/**
 * A result that arrives from the provincial platform (sync): concludes the case as the platform decided. Idempotent:
 * the same result again changes nothing. The step is recorded with source 'platform'.
 */
export async function applyExternalResult(
  deps: CasesDeps,
  input: ExternalResult,
): Promise<Result<CaseDetail & { alreadyApplied: boolean }>> {
  const c = input.platformRef ? deps.cases.findByPlatformRef(input.platformRef) : deps.cases.findByNo(input.caseNo!);
  if (!c)
    return failure(appError('NOT_FOUND', '没有找到该办件', `case ${input.platformRef ?? input.caseNo} not found`));
  if (c.type === 'bundle')
    return failure(
      appError('BAD_REQUEST', '一件事的结果请按成员办件同步', 'send results for the member cases of a bundle'),
    );
  if (c.stage === 'concluded' || c.stage === 'delivered') {
    if (c.result === input.result) return success({ ...detail(deps, c.id)!, alreadyApplied: true });
    return failure(
      appError(
        'CONFLICT',
        `办件已办结，结果为「${c.result ? RESULT_TEXT[c.result] : ''}」，与平台结果不一致，请人工核查`,
        `the case is already concluded with another result (${c.result})`,
      ),
    );
  }
  const actor: Actor = {
    staffId: 'platform',
    staffName: input.deptName ? `一体化政务服务平台（${input.deptName}）` : '一体化政务服务平台',
    deptId: c.deptId,
    source: 'platform',
  };
  if (c.stage === 'accepted' && c.caseKind !== 'immediate') {
    const routed = await run(deps, c.id, { type: 'route', node: '平台审批' }, actor, () => null);
    if (!routed.ok) return routed;
  }
  const action: CaseAction =
    input.result === 'approved'
      ? { type: 'approve', opinion: input.opinion, ...(input.resultNo ? { resultNo: input.resultNo } : {}) }
      : { type: 'refuse', opinion: input.opinion };
  const r = await run(deps, c.id, action, actor, () => null);
  if (!r.ok) return r;
  return success({ ...detail(deps, c.id)!, alreadyApplied: false });
}

/** Case number format, warning share, 容缺 period (managers). */
export async function saveSettings(
  deps: CasesDeps,
  input: CaseSettingsInput,
  actor: HallActor,
): Promise<Result<CaseSettings>> {
  if (input.caseNoFormat) {
    const f = parseCaseNoFormat(input.caseNoFormat);
    if (!f.ok) return f;
  }
  return deps.pipeline.record<CaseSettings>(actor, () => {
    for (const [k, v] of Object.entries(input)) if (v !== undefined) deps.cases.putSetting(k, String(v));
    const value = settings(deps);
    return { value, eventType: 'case.settings-changed', payload: value };
  });
}
