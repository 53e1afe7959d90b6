import { appError, maskIdNumber, maskName, type CaseDetail, type ReceiveCaseInput } from '@onedoor/protocol';
import type { RequiredMaterial } from '../../domain/catalog/index.js';
import { intakeMaterials, receiveStep, type CaseState } from '../../domain/cases/index.js';
import { type Result, success } from '../../domain/result.js';
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
      const resolved = deps.catalog.resolveMatter(input.matterId, input.answers);
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
      const unknown = input.materials.find((m) => !rb.materials.some((x) => x.materialId === m.materialId));
      if (unknown)
        return {
          error: appError(
            'BAD_REQUEST',
            `「${rb.bundle.name}」在所选情形下不需要材料 ${unknown.materialId}`,
            `material ${unknown.materialId} is not needed for this bundle and answers`,
          ),
        };
      const missingField = rb.form.find((f) => f.required && (input.form[f.key] === undefined || input.form[f.key] === ''));
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
