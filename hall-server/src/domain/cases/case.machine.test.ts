import { describe, expect, it } from 'vitest';
import { CaseClock } from '../calendar/case-clock.js';
import { hallCalendar } from '../calendar/chinese-days.js';
import {
  ALLOWED_FROM,
  bundleOutcome,
  caseTiming,
  decide,
  intakeMaterials,
  lateMaterials,
  receiveStep,
  type CaseContext,
} from './case.machine.js';
import { parseCaseNoFormat, DEFAULT_CASE_NO_FORMAT } from './case-number.js';
import { CASE_STAGES, type CaseAction, type CaseMaterial, type CaseStage, type CaseState } from './case.types.js';
import type { RequiredMaterial } from '../catalog/catalog.types.js';

const local = (s: string): number => Date.parse(`${s.replace(' ', 'T')}:00+08:00`);
const clock = new CaseClock(hallCalendar(), 'Asia/Shanghai');
const ctx = (at: string, extra: Partial<CaseContext> = {}): CaseContext => ({
  now: local(at),
  today: at.slice(0, 10),
  actor: { staffId: 'clerk01', staffName: '窗口一', deptId: 'hall', source: 'window' },
  clock,
  toleranceDays: 5,
  resultName: '食品经营许可证',
  ...extra,
});

const required: RequiredMaterial[] = [
  {
    materialId: 'm-sfz',
    name: '居民身份证',
    need: 'required',
    originalCount: 1,
    copyCount: 1,
    electronicAccepted: false,
    certLookup: '居民身份证',
    acceptStandard: null,
    toleranceDays: null,
    usedBy: ['spjy-xk'],
    sort: 1,
  },
  {
    materialId: 'm-pmt',
    name: '经营场所平面布局图',
    need: 'required',
    originalCount: 1,
    copyCount: 0,
    electronicAccepted: false,
    certLookup: null,
    acceptStandard: null,
    toleranceDays: null,
    usedBy: ['spjy-xk'],
    sort: 2,
  },
  {
    materialId: 'm-jkzm',
    name: '从业人员健康证明',
    need: 'tolerance',
    originalCount: 0,
    copyCount: 1,
    electronicAccepted: false,
    certLookup: null,
    acceptStandard: null,
    toleranceDays: 3,
    usedBy: ['spjy-xk'],
    sort: 3,
  },
  {
    materialId: 'm-other',
    name: '其他说明',
    need: 'optional',
    originalCount: 1,
    copyCount: 0,
    electronicAccepted: false,
    certLookup: null,
    acceptStandard: null,
    toleranceDays: null,
    usedBy: ['spjy-xk'],
    sort: 4,
  },
];

function newCase(stage: CaseStage = 'received', extra: Partial<CaseState> = {}): CaseState {
  return {
    id: 'c1',
    caseNo: '33010020261123000001',
    type: 'single',
    parentId: null,
    matterId: 'spjy-xk',
    matterVersion: 1,
    bundleId: null,
    bundleVersion: null,
    name: '食品经营许可',
    caseKind: 'promised',
    deptId: 'scjgj',
    stage,
    resumeStage: stage === 'correction' || stage === 'suspended' ? 'reviewing' : null,
    node: stage === 'reviewing' ? '审核' : null,
    result: stage === 'concluded' || stage === 'delivered' ? 'approved' : null,
    legalLimitDays: 10,
    promisedLimitDays: 5,
    tolerance: false,
    receivedAt: new Date(local('2026-11-23 09:00')).toISOString(),
    acceptedAt:
      stage === 'received' || stage === 'not_accepted' ? null : new Date(local('2026-11-23 09:10')).toISOString(),
    concludedAt:
      stage === 'concluded' || stage === 'delivered' ? new Date(local('2026-11-24 15:00')).toISOString() : null,
    deliveredAt: null,
    pauses:
      stage === 'correction' || stage === 'suspended'
        ? [{ kind: stage, from: new Date(local('2026-11-23 14:00')).toISOString(), to: null, reason: 'x' }]
        : [],
    applicantNameMasked: '张*三',
    applicantIdMasked: '3301**********1234',
    applicantKind: 'person',
    orgName: null,
    takeWay: 'window',
    channel: 'window',
    ticketId: null,
    delivery: null,
    answers: {},
    form: {},
    platformRef: null,
    ...extra,
  };
}

const allReceived = (): CaseMaterial[] => {
  const r = intakeMaterials(
    required,
    [
      { materialId: 'm-sfz', status: 'cert-lookup' },
      { materialId: 'm-pmt', status: 'received' },
      { materialId: 'm-jkzm', status: 'received' },
    ],
    local('2026-11-23 09:00'),
  );
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
};

/** A valid example of each action, for the transition table. */
const EXAMPLES: Record<CaseAction['type'], CaseAction> = {
  accept: { type: 'accept' },
  reject: { type: 'reject', reason: '不属于本部门职权范围' },
  'request-correction': { type: 'request-correction', opinion: '平面图未标注面积', materialIds: ['m-pmt'] },
  supply: { type: 'supply', materialIds: ['m-jkzm'] },
  route: { type: 'route' },
  review: { type: 'review', node: '审批', opinion: '材料齐全，同意' },
  approve: { type: 'approve', opinion: '准予许可' },
  refuse: { type: 'refuse', opinion: '经营场所不符合要求' },
  suspend: { type: 'suspend', reason: '需现场核查' },
  resume: { type: 'resume' },
  withdraw: { type: 'withdraw', reason: '申请人主动撤回' },
  deliver: { type: 'deliver', delivery: { way: 'window', receiverNameMasked: '张*三', proxy: false } },
  'conclude-bundle': { type: 'conclude-bundle', result: 'approved' },
};

describe('case stage machine: every action from every stage', () => {
  const stages = Object.keys(CASE_STAGES) as CaseStage[];
  for (const [type, action] of Object.entries(EXAMPLES) as [CaseAction['type'], CaseAction][]) {
    if (type === 'conclude-bundle') continue;
    for (const stage of stages) {
      const allowed = ALLOWED_FROM[type].includes(stage);
      it(`${type} from ${stage}: ${allowed ? 'allowed' : 'refused'}`, () => {
        const mats = allReceived();
        // Supply needs something owed; correction-from-received may be rejected.
        if (type === 'supply') mats.find((m) => m.materialId === 'm-jkzm')!.status = 'tolerated';
        const c = newCase(
          stage,
          type === 'reject' && stage === 'correction' ? { resumeStage: 'received', acceptedAt: null } : {},
        );
        const r = decide(c, mats, action, ctx('2026-11-25 10:00'));
        if (allowed && !(type === 'approve' || type === 'refuse')) {
          expect(r.ok, r.ok ? '' : r.error.message).toBe(true);
        } else if (allowed) {
          // approve/refuse from accepted only for 即办件
          expect(r.ok).toBe(stage === 'reviewing');
        } else {
          expect(r.ok).toBe(false);
          if (!r.ok) {
            expect(r.error.code).toBe('INVALID_TRANSITION');
            expect(r.error.message).toContain(`当前为「${CASE_STAGES[stage].label}」`);
          }
        }
      });
    }
  }
});

describe('case stage machine: rules and notices', () => {
  it('收件 → 受理 with a 容缺 material: B8 receipt with the due date, B6 credit promise, due date on working days', () => {
    const intake = intakeMaterials(
      required,
      [
        { materialId: 'm-sfz', status: 'received' },
        { materialId: 'm-pmt', status: 'received' },
        { materialId: 'm-jkzm', status: 'tolerated' },
      ],
      local('2026-09-29 15:00'),
    );
    if (!intake.ok) throw new Error(intake.error.message);
    const c = newCase('received');
    const step0 = receiveStep(c, intake.value, ctx('2026-09-29 15:00'));
    expect(step0.notices[0]).toMatchObject({ code: 'B16', title: '收件通知书' });
    const r = decide(c, intake.value, { type: 'accept' }, ctx('2026-09-29 15:00'), new Map([['m-jkzm', 3]]));
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.state).toMatchObject({ stage: 'accepted', tolerance: true });
    expect(r.value.step).toMatchObject({ linkCode: 2, fromStage: 'received', stage: 'accepted' });
    expect(r.value.step.notices.map((n) => n.code)).toEqual(['B8', 'B6']);
    // 5-day promise from Tue 29 Sep afternoon: 30 Sep, 8, 9, 10 (make-up Sat), 12 Oct → due end of 12 Oct.
    expect(r.value.step.notices[0]!.content.promisedDueAt).toBe(new Date(local('2026-10-13 00:00')).toISOString());
    // 容缺 due: 3 working days after 29 Sep → 30 Sep, 8 Oct, 9 Oct.
    expect(r.value.materials.find((m) => m.materialId === 'm-jkzm')).toMatchObject({
      status: 'tolerated',
      dueDate: '2026-10-09',
    });
    expect(lateMaterials(r.value.materials, '2026-10-09')).toHaveLength(0);
    expect(lateMaterials(r.value.materials, '2026-10-10').map((m) => m.materialId)).toEqual(['m-jkzm']);
  });

  it('refuses to accept with a required material missing, or a required material 容缺', () => {
    const missing = intakeMaterials(required, [{ materialId: 'm-sfz', status: 'received' }], local('2026-11-23 09:00'));
    const r = decide(newCase(), missing.ok ? missing.value : [], { type: 'accept' }, ctx('2026-11-23 09:00'));
    expect(r.ok ? '' : r.error.message).toContain('缺少必要材料：经营场所平面布局图');
    const bad = intakeMaterials(
      required,
      [
        { materialId: 'm-sfz', status: 'received' },
        { materialId: 'm-pmt', status: 'tolerated' },
      ],
      local('2026-11-23 09:00'),
    );
    const r2 = decide(newCase(), bad.ok ? bad.value : [], { type: 'accept' }, ctx('2026-11-23 09:00'));
    expect(r2.ok ? '' : r2.error.message).toBe('「经营场所平面布局图」是必要材料，不能容缺受理');
    const lookup = intakeMaterials(
      required,
      [{ materialId: 'm-pmt', status: 'cert-lookup' }],
      local('2026-11-23 09:00'),
    );
    expect(lookup.ok ? '' : lookup.error.message).toBe('「经营场所平面布局图」不能以电子证照代替');
  });

  it('补齐补正 pauses the clock and returns to where it was; a pre-acceptance correction may end in 不予受理', () => {
    const mats = allReceived();
    const reviewing = newCase('reviewing');
    const corr = decide(reviewing, mats, EXAMPLES['request-correction'], ctx('2026-11-24 10:00'));
    if (!corr.ok) throw new Error(corr.error.message);
    expect(corr.value.state).toMatchObject({ stage: 'correction', resumeStage: 'reviewing' });
    expect(corr.value.step).toMatchObject({ linkCode: 11, notices: [expect.objectContaining({ code: 'B18' })] });
    expect(decide(corr.value.state, corr.value.materials, EXAMPLES.reject, ctx('2026-11-24 11:00')).ok).toBe(false);
    const notYet = decide(
      corr.value.state,
      corr.value.materials,
      { type: 'supply', materialIds: ['m-jkzm'] },
      ctx('2026-11-26 09:00'),
    );
    expect(notYet.ok ? '' : notYet.error.message).toBe('「从业人员健康证明」已收取，无需补交');
    const back = decide(
      corr.value.state,
      corr.value.materials,
      { type: 'supply', materialIds: ['m-pmt'] },
      ctx('2026-11-26 09:00'),
    );
    if (!back.ok) throw new Error(back.error.message);
    expect(back.value.state).toMatchObject({ stage: 'reviewing', resumeStage: null });
    expect(back.value.state.pauses).toEqual([
      {
        kind: 'correction',
        from: new Date(local('2026-11-24 10:00')).toISOString(),
        to: new Date(local('2026-11-26 09:00')).toISOString(),
        reason: '平面图未标注面积',
      },
    ]);
    expect(back.value.step.notices[0]!.code).toBe('B9');
    // Accepted Mon 23 09:10, 5 days: paused 24 am → 26 am, so 23 pm + 26 pm … → due later than without the pause.
    const t = caseTiming(back.value.state, clock, local('2026-11-26 13:00'))!;
    expect(t.pausedHalfDays).toBe(5);
    expect(t.elapsedDays).toBe(0.5);
  });

  it('挂起 / 恢复 with B5 and the reason required', () => {
    const mats = allReceived();
    expect(decide(newCase('reviewing'), mats, { type: 'suspend', reason: ' ' }, ctx('2026-11-24 10:00')).ok).toBe(
      false,
    );
    const s = decide(newCase('reviewing'), mats, EXAMPLES.suspend, ctx('2026-11-24 10:00'));
    if (!s.ok) throw new Error(s.error.message);
    expect(s.value.step).toMatchObject({ linkCode: 12, notices: [expect.objectContaining({ code: 'B5' })] });
    const r = decide(s.value.state, s.value.materials, EXAMPLES.resume, ctx('2026-11-25 10:00'));
    expect(r.ok && r.value.state.stage).toBe('reviewing');
  });

  it('办结 needs an opinion, a promised case needs review first, and 容缺 materials must be in', () => {
    const mats = allReceived();
    const accepted = newCase('accepted');
    const r = decide(accepted, mats, EXAMPLES.approve, ctx('2026-11-24 10:00'));
    expect(r.ok ? '' : r.error.message).toBe('「食品经营许可」是承诺件，须分办到部门审核后办结');
    expect(
      decide(newCase('accepted', { caseKind: 'immediate' }), mats, EXAMPLES.approve, ctx('2026-11-23 09:30')).ok,
    ).toBe(true);
    expect(decide(newCase('reviewing'), mats, { type: 'approve', opinion: '' }, ctx('2026-11-24 10:00')).ok).toBe(
      false,
    );
    const owed = mats.map((m) =>
      m.materialId === 'm-jkzm' ? { ...m, status: 'tolerated' as const, dueDate: '2026-11-26' } : m,
    );
    const blocked = decide(newCase('reviewing'), owed, EXAMPLES.approve, ctx('2026-11-24 10:00'));
    expect(blocked.ok ? '' : blocked.error.message).toBe('容缺材料尚未补齐（从业人员健康证明），补齐后方可办结');
    // Refusal is possible with 容缺 outstanding.
    const refused = decide(newCase('reviewing'), owed, EXAMPLES.refuse, ctx('2026-11-24 10:00'));
    expect(refused.ok && refused.value.step.notices[0]!.code).toBe('B14');
    const ok = decide(newCase('reviewing'), mats, EXAMPLES.approve, ctx('2026-11-24 10:00'));
    if (!ok.ok) throw new Error(ok.error.message);
    expect(ok.value.state).toMatchObject({ stage: 'concluded', result: 'approved' });
    expect(ok.value.step).toMatchObject({
      linkCode: 4,
      notices: [
        expect.objectContaining({ code: 'B13', content: expect.objectContaining({ resultName: '食品经营许可证' }) }),
      ],
    });
    const t = caseTiming(ok.value.state, clock, local('2026-12-30 10:00'))!;
    // Accepted Mon 23 09:10, concluded Tue 24 10:00: Mon afternoon only → 0.5 days; legal 10 → 9.5 days saved.
    expect(t).toMatchObject({ elapsedDays: 0.5, overdue: false, speedUp: { savedDays: 9.5, rate: 0.95 } });
  });

  it('出件 records the hand-over with B19', () => {
    const r = decide(
      newCase('concluded'),
      allReceived(),
      { type: 'deliver', delivery: { way: 'express', expressCompany: 'EMS', waybillNo: '1234567890123' } },
      ctx('2026-11-25 10:00'),
    );
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.state.delivery).toMatchObject({ way: 'express', waybillNo: '1234567890123', staffId: 'clerk01' });
    expect(r.value.step).toMatchObject({ linkCode: 99, notices: [expect.objectContaining({ code: 'B19' })] });
  });

  it('一件事: the bundle case is not reviewed itself; members are accepted and delivered through it', () => {
    const bundle = newCase('accepted', { type: 'bundle', caseKind: 'joint', matterId: null, bundleId: 'yjs-kcg' });
    expect(decide(bundle, [], EXAMPLES.route, ctx('2026-11-24 10:00')).ok).toBe(false);
    const member = newCase('received', { type: 'member', parentId: 'b1' });
    const direct = decide(member, allReceived(), EXAMPLES.accept, ctx('2026-11-24 10:00'));
    expect(direct.ok ? '' : direct.error.message).toContain('须在一件事办件上统一办理');
    expect(decide(member, allReceived(), EXAMPLES.accept, ctx('2026-11-24 10:00', { viaParent: true })).ok).toBe(true);
    expect(decide(newCase('reviewing'), [], EXAMPLES['conclude-bundle'], ctx('2026-11-24 10:00')).ok).toBe(false);
    expect(
      bundleOutcome([
        { stage: 'concluded', result: 'approved' },
        { stage: 'reviewing', result: null },
      ]),
    ).toBeNull();
    expect(
      bundleOutcome([
        { stage: 'concluded', result: 'approved' },
        { stage: 'concluded', result: 'approved' },
      ]),
    ).toBe('approved');
    expect(
      bundleOutcome([
        { stage: 'concluded', result: 'approved' },
        { stage: 'concluded', result: 'refused' },
      ]),
    ).toBe('partial');
    expect(
      bundleOutcome([
        { stage: 'concluded', result: 'refused' },
        { stage: 'withdrawn', result: null },
      ]),
    ).toBe('refused');
  });
});

describe('case numbers', () => {
  it('default: area code + yyyyMMdd + 6-digit daily sequence', () => {
    const f = parseCaseNoFormat(DEFAULT_CASE_NO_FORMAT);
    if (!f.ok) throw new Error();
    expect(f.value.render({ area: '330100', date: '2026-11-27', seq: 42 })).toEqual({
      ok: true,
      value: '33010020261127000042',
    });
    expect(f.value.scope('2026-11-27')).toBe('2026-11-27');
    expect(f.value.render({ area: '330100', date: '2026-11-27', seq: 1_000_000 }).ok).toBe(false);
  });
  it('other formats and their counter scopes; bad formats are refused', () => {
    const yearly = parseCaseNoFormat('BJ-{area}-{yyyy}-{seq:8}');
    expect(yearly.ok && yearly.value.render({ area: '330100', date: '2026-03-01', seq: 7 })).toEqual({
      ok: true,
      value: 'BJ-330100-2026-00000007',
    });
    expect(yearly.ok && yearly.value.scope('2026-03-01')).toBe('2026');
    expect(parseCaseNoFormat('{area}{yyyyMMdd}').ok).toBe(false);
    expect(parseCaseNoFormat('{area}{foo}{seq:6}').ok).toBe(false);
    expect(parseCaseNoFormat('{area}/{seq:6}').ok).toBe(false);
  });
});
