import { describe, expect, it } from 'vitest';
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

const matter = (): Matter => ({
  matterId: 'sbk-bh',
  name: '社会保障卡补办',
  items: [
    { materialId: 'm-sfz', name: '居民身份证', originals: 1, copies: 0, standard: '有效期内', mark: 'pending' },
    { materialId: 'm-sqb', name: '申领登记表', originals: 1, copies: 0, standard: '本人签字', mark: 'pending' },
    { materialId: 'm-zp', name: '免冠照片', originals: 1, copies: 0, standard: '白底', mark: 'pending' },
  ],
});
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
    const open = run([card, { type: 'choose', matter: matter() }, { type: 'accept' }]);
    expect(open.effects).toEqual([]);
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
    const ready = run([card, { type: 'choose', matter: matter() }, ...allAtHand, { type: 'accept' }]);
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
    expect(reprinted.effects).toEqual([{ type: 'print-receipt', caseNo: 'C2' }]);
    expect(reprinted.state.taken).toEqual([{ caseNo: 'C2', matterName: '社会保障卡补办', receiptPrinted: true }]);
  });

  it('a server refusal (matter no longer in force) goes back to the checklist with its message', () => {
    const ready = run([
      card,
      { type: 'choose', matter: matter() },
      ...allAtHand,
      { type: 'accept' },
      { type: 'printer-status', ok: true },
    ]);
    const refused = run([{ type: 'receive-refused', message: '该事项已停止办理' }], ready.state);
    expect(refused.state).toMatchObject({ step: 'checklist', error: '该事项已停止办理', taken: [] });
  });

  it('refuses with a 一次性告知书 listing every missing material and why; then the next matter of the same visit', () => {
    const { state, effects } = run([
      card,
      { type: 'choose', matter: matter() },
      { type: 'mark', materialId: 'm-sfz', mark: 'received' },
      { type: 'mark', materialId: 'm-sqb', mark: 'missing', reason: '未带登记表' },
      { type: 'refuse' },
    ]);
    expect(effects).toEqual([
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

  it('one visit, two matters: two cases on the same applicant', () => {
    const first = run([
      card,
      { type: 'choose', matter: matter() },
      ...allAtHand,
      { type: 'accept' },
      { type: 'printer-status', ok: true },
      { type: 'received', caseNo: 'C1' },
      { type: 'next-matter' },
    ]);
    const second = run(
      [
        { type: 'choose', matter: matter() },
        ...allAtHand,
        { type: 'accept' },
        { type: 'printer-status', ok: true },
        { type: 'received', caseNo: 'C3' },
      ],
      first.state,
    );
    expect(second.state.taken.map((c) => c.caseNo)).toEqual(['C1', 'C3']);
  });
});
