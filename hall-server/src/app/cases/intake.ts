import { appError, maskIdNumber, maskName, type CaseDetail, type ReceiveCaseInput } from '@onedoor/protocol';
import {
  checklistChanges,
  noChanges,
  resolveMatterMaterials,
  type Answers,
  type ChecklistChanges,
  type Matter,
  type RequiredMaterial,
} from '../../domain/catalog/index.js';
import { intakeMaterials, receiveStep, type CaseState } from '../../domain/cases/index.js';
import { type Result, failure, success } from '../../domain/result.js';
import type { CommandScope } from '../pipeline.js';
import { acceptWithCascade } from './cascade.js';
import {
  actorFor,
  allocateCaseNo,
  caseContext,
  hallActor,
  type CaseStaff,
  type CasesDeps,
  type SealedApplicant,
  type StepRef,
} from './case-work.js';
import { detail } from './queries.js';

/** The fields every new case starts with, from the receipt at the window. */
type Receipt = Omit<
  CaseState,
  | 'id'
  | 'caseNo'
  | 'type'
  | 'parentId'
  | 'matterId'
  | 'matterVersion'
  | 'bundleId'
  | 'bundleVersion'
  | 'name'
  | 'caseKind'
  | 'deptId'
  | 'legalLimitDays'
  | 'promisedLimitDays'
>;

/**
 * 收件 at a comprehensive window: one matter, or a 一件事 bundle with a member case per chosen matter (each with its
 * own number, matter version and department); with `accept` also 受理 in the same step. The applicant's personal data
 * is sealed; the case keeps it masked.
 */
export async function receive(deps: CasesDeps, input: ReceiveCaseInput, staff: CaseStaff): Promise<Result<CaseDetail>> {
  const actor = actorFor(staff);
  const a = input.applicant;
  const person =
    a.kind === 'person' ? { name: a.name, idNumber: a.idNumber } : { name: a.contactName, idNumber: a.contactIdNumber };
  const sealedValue: SealedApplicant = {
    ...person,
    ...(a.phone ? { phone: a.phone } : {}),
    ...(a.kind === 'legal' ? { orgName: a.orgName } : {}),
  };
  const personal = { key: deps.vault.lookupKey(person.idNumber), sealed: deps.vault.seal(sealedValue) };
  const r = await deps.pipeline.record<string>(hallActor(actor), (scope: CommandScope) => {
    const now = deps.clock.now();
    const at = new Date(now).toISOString();
    const steps: StepRef[] = [];
    const receipt = (): Receipt => ({
      stage: 'received',
      resumeStage: null,
      node: null,
      result: null,
      tolerance: false,
      receivedAt: at,
      acceptedAt: null,
      concludedAt: null,
      deliveredAt: null,
      pauses: [],
      applicantNameMasked: maskName(person.name),
      applicantIdMasked: maskIdNumber(person.idNumber),
      applicantKind: a.kind,
      orgName: a.kind === 'legal' ? a.orgName : null,
      takeWay: input.takeWay,
      channel: input.channel,
      ticketId: input.ticketId ?? null,
      delivery: null,
      answers: input.answers,
      form: input.form,
      platformRef: null,
    });
    const create = (c: CaseState, required: readonly RequiredMaterial[], notice: boolean): Result<CaseState> => {
      const mats = intakeMaterials(
        required,
        input.materials.filter((m) => required.some((x) => x.materialId === m.materialId)),
        now,
      );
      if (!mats.ok) return mats;
      deps.cases.insertCase(c, personal, at);
      deps.cases.saveMaterials(c.id, mats.value);
      const step = receiveStep(c, mats.value, { now, actor });
      steps.push({
        caseId: c.id,
        stepNo: deps.cases.appendStep({ ...step, caseId: c.id, notices: notice ? step.notices : [] }, scope.seq()),
      });
      return success(c);
    };

    let top: CaseState;
    if (input.matterId) {
      const resolved = matterInForce(deps, input.matterId, input.answers, input.matterVersion);
      if (!resolved.ok) return { error: resolved.error };
      const unknown = input.materials.find((m) => !resolved.value.materials.some((x) => x.materialId === m.materialId));
      if (unknown)
        return {
          error: appError(
            'BAD_REQUEST',
            `「${resolved.value.matter.name}」在所选情形下不需要材料 ${unknown.materialId}`,
            `material ${unknown.materialId} is not needed for this matter and answers`,
          ),
        };
      const m = resolved.value.matter;
      const no = allocateCaseNo(deps);
      if (!no.ok) return { error: no.error };
      const made = create(
        {
          ...receipt(),
          id: deps.ids.newId(),
          caseNo: no.value,
          type: 'single',
          parentId: null,
          matterId: m.id,
          matterVersion: m.version,
          bundleId: null,
          bundleVersion: null,
          name: m.name,
          caseKind: m.caseKind,
          deptId: m.deptId,
          legalLimitDays: m.legalLimitDays,
          promisedLimitDays: m.promisedLimitDays,
          platformRef: input.platformRef ?? null,
        },
        resolved.value.materials,
        true,
      );
      if (!made.ok) return { error: made.error };
      top = made.value;
    } else {
      const resolved = deps.catalog.resolveBundle(input.bundleId!, input.answers);
      if (!resolved.ok) return { error: resolved.error };
      const rb = resolved.value;
      if (input.bundleVersion !== undefined && input.bundleVersion !== rb.bundle.version)
        return {
          error: appError(
            'CATALOG_CHANGED',
            `一件事「${rb.bundle.name}」已更新（第${input.bundleVersion}版 → 第${rb.bundle.version}版），请按新清单核对后再受理；本次未收件`,
            `the bundle ${rb.bundle.name} changed (version ${input.bundleVersion} → ${rb.bundle.version}); check against the new list and accept again; nothing was received`,
          ),
        };
      const unknown = input.materials.find((m) => !rb.materials.some((x) => x.materialId === m.materialId));
      if (unknown)
        return {
          error: appError(
            'BAD_REQUEST',
            `「${rb.bundle.name}」在所选情形下不需要材料 ${unknown.materialId}`,
            `material ${unknown.materialId} is not needed for this bundle and answers`,
          ),
        };
      const missingField = rb.form.find(
        (f) => f.required && (input.form[f.key] === undefined || input.form[f.key] === ''),
      );
      if (missingField)
        return {
          error: appError(
            'BAD_REQUEST',
            `请填写「${missingField.label}」（一表申请）`,
            `form field ${missingField.key} is required`,
          ),
        };
      const no = allocateCaseNo(deps);
      if (!no.ok) return { error: no.error };
      const parent: CaseState = {
        ...receipt(),
        id: deps.ids.newId(),
        caseNo: no.value,
        type: 'bundle',
        parentId: null,
        matterId: null,
        matterVersion: null,
        bundleId: rb.bundle.id,
        bundleVersion: rb.bundle.version,
        name: rb.bundle.name,
        caseKind: 'joint',
        deptId: rb.bundle.leadDeptId,
        legalLimitDays: Math.max(...rb.members.map((m) => m.legalLimitDays)),
        promisedLimitDays: rb.bundle.promisedLimitDays,
        platformRef: input.platformRef ?? null,
      };
      const made = create(parent, rb.materials, true);
      if (!made.ok) return { error: made.error };
      top = made.value;
      for (const m of rb.members) {
        const mno = allocateCaseNo(deps);
        if (!mno.ok) return { error: mno.error };
        const member: CaseState = {
          ...receipt(),
          id: deps.ids.newId(),
          caseNo: mno.value,
          type: 'member',
          parentId: parent.id,
          matterId: m.id,
          matterVersion: m.version,
          bundleId: rb.bundle.id,
          bundleVersion: rb.bundle.version,
          name: m.name,
          caseKind: m.caseKind,
          deptId: m.deptId,
          legalLimitDays: m.legalLimitDays,
          promisedLimitDays: Math.min(m.promisedLimitDays, rb.bundle.promisedLimitDays),
        };
        const own = rb.materials.filter((x) => x.usedBy.includes(m.id));
        const mm = create(member, own, false);
        if (!mm.ok) return { error: mm.error };
      }
    }
    if (input.accept) {
      const accepted = acceptWithCascade(deps, scope, top, { type: 'accept' }, caseContext(deps, actor), steps);
      if (!accepted.ok) return { error: accepted.error };
    }
    return {
      value: top.id,
      eventType: input.accept ? 'case.accepted' : 'case.received',
      payload: { caseId: top.id, caseNo: top.caseNo, type: top.type, steps },
    };
  });
  if (!r.ok) return r;
  return success(detail(deps, r.value)!);
}

/**
 * The matter as it is in force now, resolved for the answers; refused — nothing received — when it was withdrawn
 * (停用, or gone from the catalog) since the clerk chose it, or when the version in force asks for another material
 * list than the `ticked` version the clerk's checklist came from. The refusal names what changed, so the clerk can
 * check the new list with the visitor.
 */
function matterInForce(
  deps: CasesDeps,
  matterId: string,
  answers: Answers,
  ticked: number | undefined,
): Result<{ matter: Matter; materials: RequiredMaterial[] }> {
  const current = deps.catalog.matter(matterId);
  if (!current || !current.enabled) {
    const name = (ticked !== undefined ? deps.catalog.matter(matterId, ticked) : current)?.name ?? matterId;
    return failure(
      appError(
        'MATTER_NOT_IN_FORCE',
        `事项「${name}」已停止办理（已从事项目录停用或失效），本次未收件；请告知申请人或改选其他事项`,
        `the matter ${name} is no longer in force (withdrawn from the catalog); nothing was received`,
      ),
    );
  }
  const resolved = deps.catalog.resolveMatter(matterId, answers);
  if (ticked === undefined || ticked === current.version) return resolved;
  const before = deps.catalog.matter(matterId, ticked);
  const was = before ? resolveMatterMaterials(before, deps.catalog.materialMap(), answers) : null;
  const from = `第${ticked}版 → 第${current.version}版`;
  const fromEn = `version ${ticked} → ${current.version}`;
  // The answers no longer fit the questions in force: the situations themselves changed.
  if (!resolved.ok)
    return failure(
      appError(
        'CATALOG_CHANGED',
        `事项「${current.name}」的办理情形已更新（${from}），请重新回答后再受理；本次未收件`,
        `the situation questions of ${current.name} changed (${fromEn}); answer them again; nothing was received`,
      ),
    );
  const changes = was?.ok ? checklistChanges(was.value, resolved.value.materials) : null;
  // Another version with the same checklist (a fee or a time limit changed): received under the version in force.
  if (changes && noChanges(changes)) return resolved;
  return failure(
    appError(
      'CATALOG_CHANGED',
      `事项「${current.name}」的材料清单已更新（${from}）${changes ? `：${changeText(changes, 'zh')}` : ''}。请按新清单核对后再受理；本次未收件`,
      `the material list of ${current.name} changed (${fromEn})${changes ? `: ${changeText(changes, 'en')}` : ''}; check against the new list and accept again; nothing was received`,
    ),
  );
}

function changeText(c: ChecklistChanges, lang: 'zh' | 'en'): string {
  const q = (names: string[]) => names.map((n) => (lang === 'zh' ? `「${n}」` : n)).join(lang === 'zh' ? '' : ', ');
  const parts =
    lang === 'zh'
      ? [
          c.added.length ? `新增${q(c.added)}` : '',
          c.removed.length ? `不再需要${q(c.removed)}` : '',
          c.changed.length ? `${q(c.changed)}的要求有变化` : '',
        ]
      : [
          c.added.length ? `added ${q(c.added)}` : '',
          c.removed.length ? `no longer needed ${q(c.removed)}` : '',
          c.changed.length ? `changed terms for ${q(c.changed)}` : '',
        ];
  return parts.filter(Boolean).join(lang === 'zh' ? '；' : '; ');
}
