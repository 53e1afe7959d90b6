import { appError, CASE_ACTION_TEXT, MATERIAL_STATUS_TEXT, type AppError } from '@onedoor/protocol';
import { type Result, failure, success } from '../result.js';
import type { CaseClock, ClockInput, ClockStatus, WarningPolicy } from '../calendar/case-clock.js';
import { speedUp } from '../calendar/case-clock.js';
import type { RequiredMaterial } from '../catalog/catalog.types.js';
import {
  CASE_STAGES,
  NOTICE_TITLES,
  RESULT_TEXT,
  type Actor,
  type CaseAction,
  type CaseMaterial,
  type CaseResult,
  type CaseStage,
  type CaseState,
  type CaseStep,
  type MaterialIntake,
  type Notice,
  type NoticeCode,
} from './case.types.js';

export interface CaseContext {
  /** epoch ms (injected clock) */
  now: number;
  actor: Actor;
  /** Hall-local date of `now` */
  today: string;
  /** The working-day calendar, for 容缺 due dates and deadlines on notices. */
  clock: CaseClock;
  /** Default working days to supply a 容缺 material when the catalog sets none. */
  toleranceDays: number;
  /** True when a bundle parent applies the action to its member (accept, deliver). */
  viaParent?: boolean;
  /** Printed on 办结 notices. */
  resultName?: string;
}

export interface Decision {
  state: CaseState;
  materials: CaseMaterial[];
  step: Omit<CaseStep, 'caseId' | 'stepNo'>;
}

const err = {
  transition: (c: CaseState, action: CaseAction['type']): AppError =>
    appError(
      'INVALID_TRANSITION',
      `办件 ${c.caseNo} 当前为「${CASE_STAGES[c.stage].label}」，不能「${CASE_ACTION_TEXT[action]}」`,
      `case ${c.caseNo} is ${c.stage}; "${action}" is not allowed`,
    ),
  bundleOnly: (c: CaseState, action: CaseAction['type']): AppError =>
    appError(
      'INVALID_TRANSITION',
      `「${c.name}」是一件事，「${CASE_ACTION_TEXT[action]}」由各成员办件分别办理`,
      `${c.caseNo} is a bundle; "${action}" is done on its member cases`,
    ),
  memberOnly: (c: CaseState, action: CaseAction['type']): AppError =>
    appError(
      'INVALID_TRANSITION',
      `办件 ${c.caseNo} 属于一件事，「${CASE_ACTION_TEXT[action]}」须在一件事办件上统一办理`,
      `${c.caseNo} is a bundle member; "${action}" is done on the bundle case`,
    ),
  needOpinion: (what: string): AppError => appError('BAD_REQUEST', `请填写${what}`, `${what} is required`),
  unknownMaterial: (id: string): AppError =>
    appError('BAD_REQUEST', `本办件没有材料 ${id}`, `the case has no material ${id}`),
};

/** Which stages each action may start from. */
export const ALLOWED_FROM: Record<CaseAction['type'], readonly CaseStage[]> = {
  accept: ['received'],
  reject: ['received', 'correction'],
  'request-correction': ['received', 'accepted', 'reviewing'],
  supply: ['correction', 'accepted', 'reviewing', 'suspended', 'concluded'],
  route: ['accepted'],
  review: ['reviewing'],
  approve: ['reviewing', 'accepted'],
  refuse: ['reviewing', 'accepted'],
  suspend: ['accepted', 'reviewing'],
  resume: ['suspended'],
  withdraw: ['received', 'accepted', 'reviewing', 'correction', 'suspended'],
  deliver: ['concluded'],
  'conclude-bundle': ['accepted', 'reviewing'],
};

const BUNDLE_ACTIONS: readonly CaseAction['type'][] = [
  'accept',
  'reject',
  'request-correction',
  'supply',
  'withdraw',
  'deliver',
  'conclude-bundle',
];
const PARENT_ONLY_FOR_MEMBERS: readonly CaseAction['type'][] = ['accept', 'reject', 'deliver', 'withdraw'];

const iso = (ms: number) => new Date(ms).toISOString();

function notice(code: NoticeCode, c: CaseState, content: Record<string, unknown>): Notice {
  return {
    code,
    title: NOTICE_TITLES[code],
    content: { caseNo: c.caseNo, name: c.name, applicant: c.orgName ?? c.applicantNameMasked, ...content },
  };
}

const materialLines = (list: readonly CaseMaterial[]) =>
  list
    .filter((m) => m.status !== 'not-needed')
    .map((m) => ({
      name: m.name,
      original: m.originalCount,
      copies: m.copyCount,
      status: MATERIAL_STATUS_TEXT[m.status],
      dueDate: m.dueDate,
    }));

/** The clock of an accepted case (null before acceptance). */
export function clockInput(c: CaseState): ClockInput | null {
  if (!c.acceptedAt) return null;
  return {
    startedAt: Date.parse(c.acceptedAt),
    pauses: c.pauses.map((p) => ({ from: Date.parse(p.from), to: p.to === null ? null : Date.parse(p.to) })),
    stoppedAt: c.concludedAt ? Date.parse(c.concludedAt) : null,
  };
}

export interface CaseTiming extends ClockStatus {
  promisedLimitDays: number;
  legalLimitDays: number;
  /** Due under the legal limit */
  legalDueAt: string | null;
  /** 提速 against the legal limit (concluded cases) */
  speedUp: { savedDays: number; rate: number } | null;
}

export function caseTiming(c: CaseState, clock: CaseClock, now: number, policy?: WarningPolicy): CaseTiming | null {
  const input = clockInput(c);
  if (!input) return null;
  const s = clock.status(input, c.promisedLimitDays, now, policy);
  const legalDue = clock.dueAt(input, c.legalLimitDays);
  return {
    ...s,
    promisedLimitDays: c.promisedLimitDays,
    legalLimitDays: c.legalLimitDays,
    legalDueAt: legalDue === null ? null : iso(legalDue),
    speedUp: c.concludedAt ? speedUp(s.elapsedDays, c.legalLimitDays) : null,
  };
}

/** 容缺 materials past their due date. */
export function lateMaterials(materials: readonly CaseMaterial[], today: string): CaseMaterial[] {
  return materials.filter(
    (m) => (m.status === 'tolerated' || m.status === 'missing') && m.dueDate !== null && m.dueDate < today,
  );
}

/** Builds the material checklist of a new case from the catalog list and what the window received. */
export function intakeMaterials(
  required: readonly RequiredMaterial[],
  intake: readonly MaterialIntake[],
  now: number,
): Result<CaseMaterial[]> {
  const byId = new Map(intake.map((i) => [i.materialId, i]));
  for (const i of intake)
    if (!required.some((r) => r.materialId === i.materialId)) return failure(err.unknownMaterial(i.materialId));
  const out: CaseMaterial[] = [];
  for (const r of required) {
    const got = byId.get(r.materialId);
    const status = got?.status ?? (r.need === 'optional' ? 'not-needed' : 'missing');
    if (status === 'cert-lookup' && !r.certLookup) {
      return failure(
        appError(
          'BAD_REQUEST',
          `「${r.name}」不能以电子证照代替`,
          `${r.materialId} cannot be replaced by an electronic licence lookup`,
        ),
      );
    }
    out.push({
      materialId: r.materialId,
      name: r.name,
      need: r.need,
      originalCount: r.originalCount,
      copyCount: r.copyCount,
      electronicAccepted: r.electronicAccepted,
      certLookup: r.certLookup,
      usedBy: r.usedBy,
      status,
      dueDate: status === 'tolerated' ? (got?.dueDate ?? null) : null,
      receivedAt: status === 'received' || status === 'cert-lookup' ? iso(now) : null,
      note: got?.note ?? null,
    });
  }
  return success(out);
}

/** The 收件 step of a new case (B16 收件通知书). */
export function receiveStep(
  c: CaseState,
  materials: readonly CaseMaterial[],
  ctx: Pick<CaseContext, 'now' | 'actor'>,
): Decision['step'] {
  const missing = materials.filter((m) => m.status === 'missing' && m.need !== 'optional').map((m) => m.name);
  return {
    action: 'receive',
    fromStage: null,
    stage: 'received',
    linkCode: CASE_STAGES.received.code,
    node: null,
    at: iso(ctx.now),
    deptId: ctx.actor.deptId,
    staffId: ctx.actor.staffId,
    staffName: ctx.actor.staffName,
    source: ctx.actor.source,
    opinion: missing.length > 0 ? `待补材料：${missing.join('、')}` : null,
    notices: [notice('B16', c, { receivedAt: iso(ctx.now), materials: materialLines(materials), missing })],
  };
}

/**
 * Each 容缺 material's due date: the day the applicant promised at the window, or the end of its supply period. A
 * promise past the period (or before today) is refused: the receipt in the visitor's hand must be the hall's record.
 */
function toleranceDueDates(
  materials: CaseMaterial[],
  required: ReadonlyMap<string, number | null>,
  ctx: CaseContext,
): Result<void> {
  for (const m of materials) {
    if (m.status !== 'tolerated') continue;
    const last = ctx.clock.calendar.addWorkingDays(ctx.today, required.get(m.materialId) ?? ctx.toleranceDays);
    if (m.dueDate === null) m.dueDate = last;
    else if (m.dueDate < ctx.today || m.dueDate > last)
      return failure(
        appError(
          'BAD_REQUEST',
          `「${m.name}」的补交日期须在 ${ctx.today} 至 ${last} 之间，收到的是 ${m.dueDate}`,
          `the date to bring ${m.materialId} must be from ${ctx.today} to ${last}, got ${m.dueDate}`,
          [{ path: `materials.${m.materialId}.dueDate`, message: `${ctx.today}–${last}` }],
        ),
      );
  }
  return success(undefined);
}

/**
 * Decides one action on a case: checks the stage machine and the rules, returns the new state, the material list and
 * the step to append (with its notice documents). Pure: nothing is written here.
 *
 * `toleranceDaysById` gives the catalog's 容缺 supply period per material (null = hall default).
 */
export function decide(
  c: CaseState,
  materials: readonly CaseMaterial[],
  action: CaseAction,
  ctx: CaseContext,
  toleranceDaysById: ReadonlyMap<string, number | null> = new Map(),
): Result<Decision> {
  if (c.type === 'bundle' && !BUNDLE_ACTIONS.includes(action.type)) return failure(err.bundleOnly(c, action.type));
  if (c.type === 'member' && !ctx.viaParent && PARENT_ONLY_FOR_MEMBERS.includes(action.type))
    return failure(err.memberOnly(c, action.type));
  if (action.type === 'conclude-bundle' && c.type !== 'bundle') return failure(err.transition(c, action.type));
  if (!ALLOWED_FROM[action.type].includes(c.stage)) return failure(err.transition(c, action.type));

  const now = iso(ctx.now);
  const next: CaseState = { ...c, pauses: c.pauses.map((p) => ({ ...p })) };
  const mats: CaseMaterial[] = materials.map((m) => ({ ...m, usedBy: [...m.usedBy] }));
  const notices: Notice[] = [];
  let opinion: string | null = null;
  const closePause = () => {
    const open = next.pauses.find((p) => p.to === null);
    if (open) open.to = now;
  };
  const requireText = (text: string | undefined, what: string): Result<string> => {
    const t = text?.trim() ?? '';
    return t.length === 0 ? failure(err.needOpinion(what)) : success(t);
  };

  switch (action.type) {
    case 'accept': {
      const missing = mats.filter((m) => m.status === 'missing' && m.need === 'required');
      if (missing.length > 0) {
        return failure(
          appError(
            'BAD_REQUEST',
            `缺少必要材料：${missing.map((m) => m.name).join('、')}。请一次性告知补齐补正，或不予受理`,
            `required materials missing: ${missing.map((m) => m.materialId).join(', ')}`,
          ),
        );
      }
      const notTolerable = mats.find((m) => m.status === 'tolerated' && m.need !== 'tolerance');
      if (notTolerable)
        return failure(
          appError(
            'BAD_REQUEST',
            `「${notTolerable.name}」是必要材料，不能容缺受理`,
            `${notTolerable.materialId} may not be tolerated`,
          ),
        );
      for (const m of mats) if (m.status === 'missing' && m.need === 'tolerance') m.status = 'tolerated';
      const dated = toleranceDueDates(mats, toleranceDaysById, ctx);
      if (!dated.ok) return dated;
      next.stage = 'accepted';
      next.acceptedAt = now;
      next.tolerance = mats.some((m) => m.status === 'tolerated');
      opinion = action.opinion?.trim() || null;
      const input = clockInput(next)!;
      const due = ctx.clock.dueAt(input, next.promisedLimitDays);
      notices.push(
        notice('B8', next, {
          acceptedAt: now,
          promisedLimitDays: next.promisedLimitDays,
          promisedDueAt: due === null ? null : iso(due),
          materials: materialLines(mats),
          takeWay: next.takeWay,
        }),
      );
      if (next.tolerance) {
        notices.push(
          notice('B6', next, {
            tolerated: mats.filter((m) => m.status === 'tolerated').map((m) => ({ name: m.name, dueDate: m.dueDate })),
            promise:
              '本人（单位）承诺在规定期限内补齐容缺材料，并对所提交材料的真实性负责；逾期未补齐的，同意按规定终止办理并记入信用记录。',
          }),
        );
      }
      break;
    }
    case 'reject': {
      if (c.stage === 'correction' && c.resumeStage !== 'received') return failure(err.transition(c, action.type));
      const reason = requireText(action.reason, '不予受理的理由');
      if (!reason.ok) return reason;
      closePause();
      next.stage = 'not_accepted';
      next.resumeStage = null;
      opinion = reason.value;
      notices.push(
        notice('B4', next, {
          reason: reason.value,
          returnedMaterials: materialLines(mats.filter((m) => m.status === 'received')),
          remedy: '如不服本决定，可依法申请行政复议或者提起行政诉讼。',
        }),
      );
      break;
    }
    case 'request-correction': {
      const text = requireText(action.opinion, '补齐补正的内容');
      if (!text.ok) return text;
      if (action.materialIds.length === 0)
        return failure(
          appError(
            'BAD_REQUEST',
            '请选择需要补齐补正的材料（一次性告知）',
            'list the materials to supply (one-time notice)',
          ),
        );
      for (const id of action.materialIds) {
        const m = mats.find((x) => x.materialId === id);
        if (!m) return failure(err.unknownMaterial(id));
        m.status = 'missing';
        m.receivedAt = null;
      }
      next.resumeStage = c.stage;
      next.stage = 'correction';
      next.pauses.push({ kind: 'correction', from: now, to: null, reason: text.value });
      opinion = text.value;
      notices.push(
        notice('B18', next, {
          requestedAt: now,
          opinion: text.value,
          materials: materialLines(mats.filter((m) => action.materialIds.includes(m.materialId))),
          note: '补齐补正期间不计入办理时限',
        }),
      );
      break;
    }
    case 'supply': {
      if (action.materialIds.length === 0)
        return failure(appError('BAD_REQUEST', '请选择补交的材料', 'choose the supplied materials'));
      for (const id of action.materialIds) {
        const m = mats.find((x) => x.materialId === id);
        if (!m) return failure(err.unknownMaterial(id));
        if (m.status !== 'missing' && m.status !== 'tolerated')
          return failure(appError('BAD_REQUEST', `「${m.name}」已收取，无需补交`, `${id} was already received`));
        m.status = 'received';
        m.receivedAt = now;
        m.dueDate = null;
      }
      opinion = action.opinion?.trim() || null;
      if (c.stage === 'correction') {
        const still = mats.filter((m) => m.status === 'missing' && m.need === 'required');
        if (still.length > 0)
          return failure(
            appError(
              'BAD_REQUEST',
              `仍缺少：${still.map((m) => m.name).join('、')}`,
              `still missing: ${still.map((m) => m.materialId).join(', ')}`,
            ),
          );
        closePause();
        next.stage = c.resumeStage ?? 'received';
        next.resumeStage = null;
        notices.push(
          notice('B9', next, {
            suppliedAt: now,
            materials: materialLines(mats.filter((m) => action.materialIds.includes(m.materialId))),
          }),
        );
      } else {
        next.tolerance = mats.some((m) => m.status === 'tolerated');
        notices.push(
          notice('B20', next, {
            suppliedAt: now,
            materials: materialLines(mats.filter((m) => action.materialIds.includes(m.materialId))),
          }),
        );
      }
      break;
    }
    case 'route': {
      next.stage = 'reviewing';
      next.node = action.node?.trim() || '审核';
      opinion = action.opinion?.trim() || null;
      notices.push(
        notice('B17', next, {
          routedAt: now,
          deptId: c.deptId,
          node: next.node,
          materials: materialLines(mats),
          promisedLimitDays: c.promisedLimitDays,
        }),
      );
      break;
    }
    case 'review': {
      const text = requireText(action.opinion, '审核意见');
      if (!text.ok) return text;
      const node = requireText(action.node, '下一环节');
      if (!node.ok) return node;
      next.node = node.value;
      opinion = text.value;
      break;
    }
    case 'approve':
    case 'refuse': {
      if (c.stage === 'accepted' && c.caseKind !== 'immediate') {
        return failure(
          appError(
            'INVALID_TRANSITION',
            `「${c.name}」是${c.caseKind === 'promised' ? '承诺件' : '需审批的办件'}，须分办到部门审核后办结`,
            `${c.caseNo} must be routed for review before it is concluded`,
          ),
        );
      }
      const text = requireText(action.opinion, action.type === 'approve' ? '审批意见' : '不予许可的理由');
      if (!text.ok) return text;
      if (action.type === 'approve') {
        const owed = mats.filter((m) => (m.status === 'tolerated' || m.status === 'missing') && m.need !== 'optional');
        if (owed.length > 0) {
          return failure(
            appError(
              'CONFLICT',
              `容缺材料尚未补齐（${owed.map((m) => m.name).join('、')}），补齐后方可办结`,
              `tolerated materials not yet supplied: ${owed.map((m) => m.materialId).join(', ')}`,
            ),
          );
        }
      }
      next.stage = 'concluded';
      next.node = null;
      next.concludedAt = now;
      next.result = action.type === 'approve' ? 'approved' : 'refused';
      opinion = text.value;
      const timing = caseTiming(next, ctx.clock, ctx.now);
      notices.push(
        action.type === 'approve'
          ? notice('B13', next, {
              concludedAt: now,
              result: RESULT_TEXT.approved,
              resultName: ctx.resultName ?? null,
              resultNo: action.resultNo ?? null,
              opinion: text.value,
              takeWay: c.takeWay,
              elapsedDays: timing?.elapsedDays ?? null,
            })
          : notice('B14', next, {
              concludedAt: now,
              reason: text.value,
              remedy: '如不服本决定，可在收到本通知书之日起六十日内申请行政复议，或者六个月内提起行政诉讼。',
            }),
      );
      break;
    }
    case 'suspend': {
      const reason = requireText(action.reason, '挂起原因');
      if (!reason.ok) return reason;
      next.resumeStage = c.stage;
      next.stage = 'suspended';
      next.pauses.push({ kind: 'suspended', from: now, to: null, reason: reason.value });
      opinion = reason.value;
      notices.push(
        notice('B5', next, {
          suspendedAt: now,
          reason: reason.value,
          note: '特别程序（如听证、检验检测、专家评审、现场核查）所需时间不计入办理时限',
        }),
      );
      break;
    }
    case 'resume': {
      closePause();
      next.stage = c.resumeStage ?? 'reviewing';
      next.resumeStage = null;
      opinion = action.opinion?.trim() || null;
      break;
    }
    case 'withdraw': {
      const reason = requireText(action.reason, '撤回原因');
      if (!reason.ok) return reason;
      closePause();
      next.stage = 'withdrawn';
      next.resumeStage = null;
      next.node = null;
      opinion = reason.value;
      notices.push(
        notice('B15', next, {
          withdrawnAt: now,
          reason: reason.value,
          returnedMaterials: materialLines(mats.filter((m) => m.status === 'received')),
        }),
      );
      break;
    }
    case 'deliver': {
      next.stage = 'delivered';
      next.deliveredAt = now;
      next.delivery = { ...action.delivery, at: now, staffId: ctx.actor.staffId };
      opinion = null;
      notices.push(
        notice('B19', next, { deliveredAt: now, result: c.result ? RESULT_TEXT[c.result] : null, ...action.delivery }),
      );
      break;
    }
    case 'conclude-bundle': {
      next.stage = 'concluded';
      next.concludedAt = now;
      next.result = action.result;
      notices.push(notice('B13', next, { concludedAt: now, result: RESULT_TEXT[action.result], takeWay: c.takeWay }));
      break;
    }
  }

  return success({
    state: next,
    materials: mats,
    step: {
      action: action.type,
      fromStage: c.stage,
      stage: next.stage,
      linkCode: action.type === 'supply' && c.stage !== 'correction' ? 99 : CASE_STAGES[next.stage].code,
      node: next.node,
      at: now,
      deptId: ctx.actor.deptId,
      staffId: ctx.actor.staffId,
      staffName: ctx.actor.staffName,
      source: ctx.actor.source,
      opinion,
      notices,
    },
  });
}

/** A bundle is concluded when every member is: approved if all were, refused if all were, else partial. */
export function bundleOutcome(members: readonly Pick<CaseState, 'stage' | 'result'>[]): CaseResult | null {
  const live = members.filter((m) => m.stage !== 'withdrawn' && m.stage !== 'not_accepted');
  if (live.length === 0 || live.some((m) => m.stage !== 'concluded' && m.stage !== 'delivered')) return null;
  if (live.every((m) => m.result === 'approved')) return 'approved';
  if (live.every((m) => m.result === 'refused')) return 'refused';
  return 'partial';
}
