import { describe, expect, it } from 'vitest';
import { matterSchema, type Material, type PretrialView } from '@onedoor/protocol';
import { initialIntake, transition, type IntakeEvent, type IntakeState, type Matter } from './intake-flow';

let n = 0;
const ctx = { newId: () => `req-${++n}` };
const run = (events: IntakeEvent[], from: IntakeState = initialIntake()) => {
  let state = from;
  const effects = [];
  for (const e of events) {
    const out = transition(state, e, ctx);
    state = out.state;
    effects.push(...out.effects);
  }
  return { state, effects };
};

const catalogMatter = (extra: Record<string, unknown> = {}) =>
  matterSchema.parse({
    id: 'sbk-bh',
    effectiveFrom: '2026-01-01',
    name: '社会保障卡补办',
    basicCode: 'GG00601003',
    implCode: 'IMPL-SBK',
    type: 'GG',
    caseKind: 'immediate',
    deptId: 'rsj',
    legalBasis: '演示',
    acceptConditions: '演示',
    legalLimitDays: 1,
    promisedLimitDays: 1,
    result: { name: '社会保障卡' },
    materials: [
      { materialId: 'm-sfz', sort: 1, acceptStandard: '有效期内' },
      { materialId: 'm-sqb', sort: 2, acceptStandard: '本人签字' },
      { materialId: 'm-zp', sort: 3, acceptStandard: '白底' },
    ],
    ...extra,
  });
const library: Material[] = [
  { id: 'm-sfz', name: '居民身份证', kind: '证件', source: '政府部门核发' },
  { id: 'm-sqb', name: '申领登记表', kind: '表格', source: '窗口代填' },
  { id: 'm-zp', name: '免冠照片', kind: '其他', source: '申请人自备' },
  { id: 'm-dlz', name: '代理人身份证', kind: '证件', source: '政府部门核发' },
];
const pick: IntakeEvent = { type: 'pick', def: catalogMatter(), materials: library };
const card: IntakeEvent = { type: 'card', name: '张三', idNumber: '11010519491231002X' };
const allAtHand: IntakeEvent[] = [
  { type: 'mark', materialId: 'm-sfz', mark: 'cert-lookup' },
  { type: 'mark', materialId: 'm-sqb', mark: 'received' },
  { type: 'mark', materialId: 'm-zp', mark: 'tolerated', dueDate: '2026-12-09' },
];

describe('intake flow', () => {
  it('refuses a typed number with a wrong check digit and takes the 15-character foreigner number', () => {
    const bad = run([{ type: 'typed', name: '张三', idNumber: '110105194912310021' }]);
    expect(bad.state).toMatchObject({ step: 'identify' });
    if (bad.state.step === 'identify') expect(bad.state.error).toContain('校验位错误');
    expect(run([{ type: 'typed', name: 'JOHN', idNumber: 'usa310085020018' }]).state).toMatchObject({
      step: 'choose',
      applicant: { idNumber: 'USA310085020018', source: 'typed' },
    });
  });

  it('accepts only with every material at hand and a due date on each 容缺 item, after the printer said yes', () => {
    const open = run([card, pick, { type: 'accept' }]);
    // Only the look-up of the applicant's pre-reviews went out: nothing is accepted with materials missing.
    expect(open.effects).toEqual([{ type: 'find-pretrials', query: { idNumber: '11010519491231002X' } }]);
    if (open.state.step === 'checklist') expect(open.state.error).toContain('3 项材料未收齐');
    const noDate = run(
      [
        { type: 'mark', materialId: 'm-sfz', mark: 'received' },
        { type: 'mark', materialId: 'm-sqb', mark: 'received' },
        { type: 'mark', materialId: 'm-zp', mark: 'tolerated' },
        { type: 'accept' },
      ],
      open.state,
    );
    if (noDate.state.step === 'checklist') expect(noDate.state.error).toContain('补交日期');
    const ok = run([...allAtHand, { type: 'accept' }], open.state);
    expect(ok.effects).toEqual([{ type: 'check-printer' }]);
    const received = run(
      [
        { type: 'printer-status', ok: true },
        { type: 'received', caseNo: 'C1' },
      ],
      ok.state,
    );
    expect(received.effects.map((e) => e.type)).toEqual(['receive-case', 'print-receipt']);
    expect(received.state).toMatchObject({ step: 'accepted', last: { caseNo: 'C1' } });
  });

  it('out of paper: nothing is received until the clerk accepts without printing; the receipt is owed and reprinted', () => {
    const ready = run([card, pick, ...allAtHand, { type: 'accept' }]);
    const paperOut = run([{ type: 'printer-status', ok: false, problem: '打印机缺纸' }], ready.state);
    expect(paperOut.state).toMatchObject({ step: 'printer-problem', problem: '打印机缺纸' });
    expect(paperOut.effects).toEqual([]);
    const anyway = run([{ type: 'accept-without-print' }, { type: 'received', caseNo: 'C2' }], paperOut.state);
    expect(anyway.effects.map((e) => e.type)).toEqual(['receive-case']);
    expect(anyway.state).toMatchObject({ step: 'accepted', last: { caseNo: 'C2', receiptPrinted: false } });
    const reprinted = run(
      [
        { type: 'reprint', caseNo: 'C2' },
        { type: 'receipt-printed', caseNo: 'C2', ok: true },
      ],
      anyway.state,
    );
    expect(reprinted.effects).toMatchObject([
      { type: 'print-receipt', caseNo: 'C2', matter: { name: '社会保障卡补办' } },
    ]);
    expect(reprinted.state.taken).toMatchObject([{ caseNo: 'C2', matterName: '社会保障卡补办', receiptPrinted: true }]);
  });

  it('out of paper: the clerk may load paper and retry, or cancel back to the checklist — nothing sent either way', () => {
    const ready = run([card, pick, ...allAtHand, { type: 'accept' }]);
    const paperOut = run([{ type: 'printer-status', ok: false, problem: '打印机缺纸' }], ready.state);
    const cancelled = run([{ type: 'cancel-accept' }], paperOut.state);
    expect(cancelled.effects).toEqual([]);
    expect(cancelled.state).toMatchObject({ step: 'checklist', error: null, taken: [] });
    if (cancelled.state.step === 'checklist')
      expect(cancelled.state.matter.items.map((i) => i.mark)).toEqual(['cert-lookup', 'received', 'tolerated']);
    const retried = run([{ type: 'retry-printer' }], paperOut.state);
    expect(retried.effects).toEqual([{ type: 'check-printer' }]);
    const loaded = run([{ type: 'printer-status', ok: true }], retried.state);
    expect(loaded.effects.map((e) => e.type)).toEqual(['receive-case']);
  });

  it('a receipt that did not come out says why and stays owed; a failed reprint does not undo one that printed', () => {
    const ready = run([card, pick, ...allAtHand, { type: 'accept' }, { type: 'printer-status', ok: true }]);
    const jammed = run(
      [
        { type: 'received', caseNo: 'C3' },
        { type: 'receipt-printed', caseNo: 'C3', ok: false, problem: '打印机缺纸' },
      ],
      ready.state,
    );
    expect(jammed.state).toMatchObject({
      step: 'accepted',
      printProblem: '打印机缺纸',
      last: { receiptPrinted: false },
    });
    const printed = run([{ type: 'receipt-printed', caseNo: 'C3', ok: true }], jammed.state);
    expect(printed.state).toMatchObject({ printProblem: null, last: { receiptPrinted: true } });
    const again = run([{ type: 'receipt-printed', caseNo: 'C3', ok: false, problem: '打印机缺纸' }], printed.state);
    expect(again.state).toMatchObject({ printProblem: '打印机缺纸', last: { receiptPrinted: true } });
  });

  it('a server refusal (matter no longer in force) goes back to the checklist with its message', () => {
    const ready = run([card, pick, ...allAtHand, { type: 'accept' }, { type: 'printer-status', ok: true }]);
    const refused = run([{ type: 'receive-refused', message: '该事项已停止办理' }], ready.state);
    expect(refused.state).toMatchObject({ step: 'checklist', error: '该事项已停止办理', taken: [] });
  });

  it('a material list changed meanwhile: the checklist is rebuilt from the new version, keeping the ticks that still apply', () => {
    const ready = run([card, pick, ...allAtHand, { type: 'accept' }, { type: 'printer-status', ok: true }]);
    expect(ready.effects.at(-1)).toMatchObject({ type: 'receive-case', matter: { version: 1 } });
    // Version 2: 免冠照片 now needs two originals, 代理人身份证 is new, 申领登记表 stays as it was.
    const v2 = catalogMatter({
      version: 2,
      materials: [
        { materialId: 'm-sfz', sort: 1, acceptStandard: '有效期内' },
        { materialId: 'm-sqb', sort: 2, acceptStandard: '本人签字' },
        { materialId: 'm-zp', sort: 3, acceptStandard: '白底', originalCount: 2 },
        { materialId: 'm-dlz', sort: 4 },
      ],
    });
    const message = '事项「社会保障卡补办」的材料清单已更新（第1版 → 第2版）：新增「代理人身份证」';
    const changed = run([{ type: 'catalog-changed', message, def: v2, materials: library }], ready.state);
    expect(changed.effects).toEqual([]);
    expect(changed.state).toMatchObject({ step: 'checklist', error: message, matter: { version: 2 } });
    if (changed.state.step !== 'checklist') return;
    expect(changed.state.matter.items.map((i) => [i.materialId, i.mark])).toEqual([
      ['m-sfz', 'cert-lookup'],
      ['m-sqb', 'received'],
      ['m-zp', 'pending'],
      ['m-dlz', 'pending'],
    ]);
    // The new list is accepted like any other, under its version.
    const again = run(
      [
        { type: 'mark', materialId: 'm-zp', mark: 'received' },
        { type: 'mark', materialId: 'm-dlz', mark: 'received' },
        { type: 'accept' },
        { type: 'printer-status', ok: true },
      ],
      changed.state,
    );
    expect(again.effects.at(-1)).toMatchObject({ type: 'receive-case', matter: { version: 2 } });
    // An answer for another matter (the clerk moved on) is dropped.
    const other = catalogMatter({ id: 'other', version: 2 });
    const stale = run([{ type: 'catalog-changed', message, def: other, materials: library }], ready.state);
    expect(stale.state.step).toBe('receiving');
  });

  it('refuses with a 一次性告知书 listing every missing material and why; then the next matter of the same visit', () => {
    const { state, effects } = run([
      card,
      pick,
      { type: 'mark', materialId: 'm-sfz', mark: 'received' },
      { type: 'mark', materialId: 'm-sqb', mark: 'missing', reason: '未带登记表' },
      { type: 'refuse' },
    ]);
    expect(effects).toEqual([
      { type: 'find-pretrials', query: { idNumber: '11010519491231002X' } },
      {
        type: 'print-notice',
        applicant: { name: '张三', idNumber: '11010519491231002X', source: 'card' },
        matterName: '社会保障卡补办',
        missing: [
          { name: '申领登记表', reason: '未带登记表' },
          { name: '免冠照片', reason: '未提供' },
        ],
      },
    ]);
    expect(run([{ type: 'next-matter' }], state).state).toMatchObject({ step: 'choose', applicant: { name: '张三' } });
  });

  it('a material refused as it is needs its reason before the notice; it blocks acceptance like a missing one', () => {
    const open = run([
      card,
      pick,
      { type: 'mark', materialId: 'm-sfz', mark: 'received' },
      { type: 'mark', materialId: 'm-sqb', mark: 'rejected' },
      { type: 'mark', materialId: 'm-zp', mark: 'missing' },
    ]);
    const unexplained = run([{ type: 'refuse' }], open.state);
    expect(unexplained.effects).toEqual([]);
    expect(unexplained.state).toMatchObject({ step: 'checklist', error: expect.stringContaining('申领登记表') });
    const blocked = run([{ type: 'accept' }], open.state);
    expect(blocked.state).toMatchObject({ error: expect.stringContaining('2 项材料未收齐') });
    const told = run(
      [{ type: 'mark', materialId: 'm-sqb', mark: 'rejected', reason: '未本人签字' }, { type: 'refuse' }],
      open.state,
    );
    expect(told.effects).toMatchObject([
      {
        type: 'print-notice',
        missing: [
          { name: '申领登记表', reason: '未本人签字' },
          { name: '免冠照片', reason: '未提供' },
        ],
      },
    ]);
    expect(told.state.step).toBe('notice');
  });

  it('one visit, two matters: two cases on the same applicant', () => {
    const first = run([
      card,
      pick,
      ...allAtHand,
      { type: 'accept' },
      { type: 'printer-status', ok: true },
      { type: 'received', caseNo: 'C1' },
      { type: 'next-matter' },
    ]);
    const second = run(
      [
        pick,
        ...allAtHand,
        { type: 'accept' },
        { type: 'printer-status', ok: true },
        { type: 'received', caseNo: 'C3' },
      ],
      first.state,
    );
    expect(second.state.taken.map((c) => c.caseNo)).toEqual(['C1', 'C3']);
    // Each case has its own receipt: the first one, printed again, is about its own matter.
    const other = run(
      [
        { type: 'next-matter' },
        { type: 'pick', def: catalogMatter({ id: 'gjj-tq', name: '公积金提取' }), materials: library },
        ...allAtHand,
        { type: 'accept' },
        { type: 'printer-status', ok: true },
        { type: 'received', caseNo: 'C4' },
        { type: 'reprint', caseNo: 'C1' },
      ],
      second.state,
    );
    const receipts = other.effects.filter((e) => e.type === 'print-receipt');
    expect(receipts.map((e) => [e.caseNo, e.matter.name])).toEqual([
      ['C4', '公积金提取'],
      ['C1', '社会保障卡补办'],
    ]);
  });
});

const pretrialView = (status: PretrialView['status'] = 'ready'): PretrialView => ({
  code: 'YS-2026-0101',
  platformId: 'pre-1',
  version: 1,
  matter: { id: 'yyzz-sl', name: '营业执照设立登记', implCode: 'IMPL-YYZZ' },
  applicant: { kind: 'person', nameMasked: '王*明', idMasked: '1101**********002X', orgName: null },
  materials: [{ materialId: 'm-sfz', name: '居民身份证', checkedOnline: true, known: true, note: null }],
  answers: { ztlx: 'individual' },
  submittedAt: '2026-12-01T02:00:00.000Z',
  reviewedAt: '2026-12-01T03:00:00.000Z',
  status,
  caseId: null,
});
const pretrialMatter = (): Matter => ({
  matterId: 'yyzz-sl',
  name: '营业执照设立登记',
  answers: { ztlx: 'individual' },
  items: [
    {
      materialId: 'm-sfz',
      name: '居民身份证',
      originals: 1,
      copies: 1,
      standard: '',
      mark: 'received',
      checkedOnline: true,
    },
  ],
});

const byCard = { idNumber: '11010519491231002X' };
const byCode = { code: 'YS-2026-0101' };

describe('intake flow: applications pre-reviewed online', () => {
  it('looks up the card holder’s pre-reviews; one opened is accepted through its own intake, nothing re-entered', () => {
    const listed = run([card, { type: 'pretrials-found', query: byCard, items: [pretrialView()] }]);
    expect(listed.effects).toEqual([{ type: 'find-pretrials', query: { idNumber: '11010519491231002X' } }]);
    expect(listed.state).toMatchObject({ step: 'choose', pretrials: { status: 'found' } });
    const opened = run([{ type: 'open-pretrial', code: 'YS-2026-0101', matter: pretrialMatter() }], listed.state);
    expect(opened.state).toMatchObject({ step: 'checklist', matter: { pretrial: { code: 'YS-2026-0101' } } });
    const accepted = run(
      [{ type: 'accept' }, { type: 'printer-status', ok: true }, { type: 'received', caseNo: 'C9' }],
      opened.state,
    );
    expect(accepted.effects.map((e) => e.type)).toEqual(['check-printer', 'receive-pretrial', 'print-receipt']);
    expect(accepted.effects[1]).toMatchObject({ code: 'YS-2026-0101', matter: { matterId: 'yyzz-sl' } });
    expect(accepted.state).toMatchObject({ step: 'accepted', last: { caseNo: 'C9', matterName: '营业执照设立登记' } });
    // The next matter of the visit looks the pre-reviews up again: the one taken in now shows 已收件.
    expect(run([{ type: 'next-matter' }], accepted.state).effects).toEqual([
      { type: 'find-pretrials', query: { idNumber: '11010519491231002X' } },
    ]);
  });

  it('a pre-review taken in already, or not in the list, does not open', () => {
    const listed = run([card, { type: 'pretrials-found', query: byCard, items: [pretrialView('received')] }]);
    const again = run([{ type: 'open-pretrial', code: 'YS-2026-0101', matter: pretrialMatter() }], listed.state);
    expect(again.state.step).toBe('choose');
    const other = run([{ type: 'open-pretrial', code: 'YS-OTHER', matter: pretrialMatter() }], listed.state);
    expect(other.state.step).toBe('choose');
  });

  it('a typed 预审号 is checked, looked up, and opens the list under the application’s masked applicant', () => {
    const bad = run([{ type: 'pretrial-code', code: 'YS 1' }]);
    expect(bad.effects).toEqual([]);
    expect(bad.state).toMatchObject({ step: 'identify', error: expect.stringContaining('预审号') });
    const asked = run([{ type: 'pretrial-code', code: ' ys-2026-0101 ' }]);
    expect(asked.effects).toEqual([{ type: 'find-pretrials', query: { code: 'YS-2026-0101' } }]);
    const none = run([{ type: 'pretrials-found', query: byCode, items: [] }], asked.state);
    expect(none.state).toMatchObject({ step: 'identify', finding: null, error: expect.stringContaining('没有找到') });
    const found = run([{ type: 'pretrials-found', query: byCode, items: [pretrialView()] }], asked.state);
    expect(found.state).toMatchObject({
      step: 'choose',
      applicant: { source: 'pretrial', code: 'YS-2026-0101', nameMasked: '王*明' },
    });
    // A code's answer arriving after the card was swiped is not offered to the card holder.
    const swiped = run([card, { type: 'pretrials-found', query: byCode, items: [pretrialView()] }], asked.state);
    expect(swiped.state).toMatchObject({ step: 'choose', pretrials: { status: 'finding', query: byCard } });
    // Without a card only the pre-review can be taken in.
    expect(run([pick], found.state).state.step).toBe('choose');
  });

  it('a failed look-up (platform not linked) is shown and the visit goes on with the matter search', () => {
    const failed = run([card, { type: 'pretrials-failed', query: byCard, message: '本大厅未接入一体化政务服务平台' }]);
    expect(failed.state).toMatchObject({ step: 'choose', pretrials: { status: 'failed' } });
    expect(run([pick], failed.state).state.step).toBe('checklist');
    // A late answer for a step left meanwhile changes nothing.
    const late = run([pick, { type: 'pretrials-found', query: byCard, items: [pretrialView()] }], failed.state);
    expect(late.state.step).toBe('checklist');
  });
});

describe('intake flow: 办理情形', () => {
  const withSituation = catalogMatter({
    situations: [
      {
        id: 'sqr',
        question: '由谁申请',
        multiple: false,
        options: [
          { value: 'self', label: '本人' },
          { value: 'agent', label: '代理人' },
        ],
      },
    ],
    materials: [
      ...catalogMatter().materials,
      {
        materialId: 'm-dlz',
        sort: 4,
        need: 'required',
        originalCount: 1,
        copyCount: 1,
        electronicAccepted: false,
        when: { situationId: 'sqr', anyOf: ['agent'] },
      },
    ],
  });
  const pickIt: IntakeEvent = { type: 'pick', def: withSituation, materials: library };

  it('asks the questions before the checklist, which follows from the answers', () => {
    const asked = run([card, pickIt]);
    expect(asked.state.step).toBe('situations');
    const notYet = run([{ type: 'answered' }], asked.state);
    expect(notYet.state).toMatchObject({ step: 'situations', error: '请回答办理情形：「由谁申请」' });
    const agent = run([{ type: 'answer', situationId: 'sqr', value: 'agent' }, { type: 'answered' }], asked.state);
    expect(agent.state).toMatchObject({
      step: 'checklist',
      matter: { answers: { sqr: 'agent' }, situations: [{ question: '由谁申请', answer: '代理人' }] },
    });
    if (agent.state.step === 'checklist')
      expect(agent.state.matter.items.map((i) => i.materialId)).toEqual(['m-sfz', 'm-sqb', 'm-zp', 'm-dlz']);
    const self = run([{ type: 'answer', situationId: 'sqr', value: 'self' }, { type: 'answered' }], asked.state);
    if (self.state.step === 'checklist')
      expect(self.state.matter.items.map((i) => i.materialId)).toEqual(['m-sfz', 'm-sqb', 'm-zp']);
  });

  it('the answers go with the case; a matter without questions opens its checklist at once', () => {
    const { effects } = run([
      card,
      pickIt,
      { type: 'answer', situationId: 'sqr', value: 'self' },
      { type: 'answered' },
      ...allAtHand,
      { type: 'accept' },
      { type: 'printer-status', ok: true },
    ]);
    expect(effects.at(-1)).toMatchObject({ type: 'receive-case', matter: { answers: { sqr: 'self' } } });
    expect(run([card, pick]).state.step).toBe('checklist');
    expect(run([{ type: 'back' }], run([card, pickIt]).state).state.step).toBe('choose');
  });
});

describe('一件事 at the window', () => {
  const question = {
    id: 'zhaopai',
    question: '是否设置户外招牌？',
    multiple: false,
    options: [
      { value: 'yes', label: '是' },
      { value: 'no', label: '否' },
    ],
  };
  const mj300 = { ...question, id: 'mj300', question: '营业面积是否超过300平方米？' };
  const bundle = { id: 'yjs-kcg', name: '开餐馆一件事', version: 2, situations: [mj300] };
  const required = (materialId: string, name: string, sort: number) => ({
    materialId,
    name,
    need: 'required' as const,
    originalCount: 1,
    copyCount: 0,
    electronicAccepted: false,
    certLookup: null,
    acceptStandard: null,
    toleranceDays: null,
    usedBy: ['yyzz-sl', 'spjy-xk'],
    sort,
  });

  it('asks the hall for its questions, then for the merged list of the answers, and takes it in as the bundle', () => {
    // The bundle's own question first; the hall then names a member's question (户外招牌) for these answers.
    const picked = run([card, { type: 'pick-bundle', bundle }]);
    expect(picked.state).toMatchObject({ step: 'situations', resolving: false });
    const first = run([{ type: 'answer', situationId: 'mj300', value: 'no' }, { type: 'answered' }], picked.state);
    expect(first.effects).toEqual([{ type: 'resolve-bundle', bundleId: 'yjs-kcg', answers: { mj300: 'no' } }]);
    const asked = run(
      [
        {
          type: 'bundle-resolved',
          bundleId: 'yjs-kcg',
          answers: { mj300: 'no' },
          questions: [mj300, question],
          materials: [],
          form: [],
        },
        { type: 'answered' },
      ],
      first.state,
    );
    expect(asked.state).toMatchObject({
      step: 'situations',
      resolving: false,
      error: '请回答办理情形：「是否设置户外招牌？」',
    });

    const confirmed = run(
      [{ type: 'answer', situationId: 'zhaopai', value: 'yes' }, { type: 'answered' }],
      asked.state,
    );
    const both = { mj300: 'no', zhaopai: 'yes' };
    expect(confirmed.effects).toEqual([{ type: 'resolve-bundle', bundleId: 'yjs-kcg', answers: both }]);

    // An answer to other answers (the clerk changed one meanwhile) is dropped; the one for these opens the list.
    const stale = run(
      [
        {
          type: 'bundle-resolved',
          bundleId: 'yjs-kcg',
          answers: { mj300: 'no' },
          questions: [question],
          materials: [],
          form: [],
        },
      ],
      confirmed.state,
    );
    expect(stale.state).toBe(confirmed.state);
    const listed = run(
      [
        {
          type: 'bundle-resolved',
          bundleId: 'yjs-kcg',
          answers: both,
          questions: [mj300, question],
          materials: [required('m-zp-sq', '户外招牌设置申请表', 2), required('m-sfz', '居民身份证', 1)],
          form: [{ key: 'shopName', label: '字号名称', type: 'text', required: true, options: [], usedBy: [] }],
        },
      ],
      confirmed.state,
    );
    expect(listed.state).toMatchObject({ step: 'checklist' });
    if (listed.state.step !== 'checklist') return;
    expect(listed.state.matter).toMatchObject({ matterId: 'yjs-kcg', bundle: true, version: 2 });
    expect(listed.state.matter.situations).toEqual([
      { question: '营业面积是否超过300平方米？', answer: '否' },
      { question: '是否设置户外招牌？', answer: '是' },
    ]);
    // Each material once, in the merged list's order.
    expect(listed.state.matter.items.map((i) => i.name)).toEqual(['居民身份证', '户外招牌设置申请表']);

    const accepted = run(
      [
        { type: 'mark', materialId: 'm-sfz', mark: 'received' },
        { type: 'mark', materialId: 'm-zp-sq', mark: 'received' },
        { type: 'accept' },
      ],
      listed.state,
    );
    // 一表申请: the merged form's required field must be filled before anything is taken in.
    expect(accepted.state).toMatchObject({ step: 'checklist', error: '请填写「字号名称」（一表申请）' });
    expect(accepted.effects).toEqual([]);
    const filled = run(
      [{ type: 'form', key: 'shopName', value: '老张面馆' }, { type: 'accept' }, { type: 'printer-status', ok: true }],
      accepted.state,
    );
    expect(filled.effects.at(-1)).toMatchObject({
      type: 'receive-case',
      matter: { matterId: 'yjs-kcg', bundle: true, form: { values: { shopName: '老张面馆' } } },
    });
  });

  it('a bundle without questions is resolved at once; a refusal of the hall is shown and the clerk can try again', () => {
    const picked = run([card, { type: 'pick-bundle', bundle: { ...bundle, situations: [] } }]);
    expect(picked.state).toMatchObject({ step: 'situations', resolving: true });
    expect(picked.effects.at(-1)).toEqual({ type: 'resolve-bundle', bundleId: 'yjs-kcg', answers: {} });
    const failed = run([{ type: 'bundle-failed', bundleId: 'yjs-kcg', message: '一件事已停用' }], picked.state);
    expect(failed.state).toMatchObject({ step: 'situations', resolving: false, error: '一件事已停用' });
  });
});
