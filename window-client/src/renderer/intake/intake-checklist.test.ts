import { describe, expect, it } from 'vitest';
import { matterSchema, type Material, type PretrialView } from '@onedoor/protocol';
import {
  bundleQuestions,
  situationLabels,
  toIntakeMatter,
  toPretrialMatter,
  unansweredQuestion,
} from './intake-checklist';

const yyzz = matterSchema.parse({
  id: 'yyzz-sl',
  effectiveFrom: '2026-01-01',
  name: '营业执照设立登记',
  basicCode: 'XK00401001',
  implCode: 'IMPL-YYZZ',
  type: 'XK',
  caseKind: 'promised',
  deptId: 'scjgj',
  legalBasis: '演示',
  acceptConditions: '演示',
  legalLimitDays: 3,
  promisedLimitDays: 1,
  result: { name: '营业执照' },
  situations: [
    {
      id: 'ztlx',
      question: '市场主体类型',
      options: [
        { value: 'company', label: '有限责任公司' },
        { value: 'individual', label: '个体工商户' },
      ],
    },
  ],
  materials: [
    { materialId: 'm-sqs', sort: 1 },
    { materialId: 'm-sfz', sort: 2, copyCount: 1 },
    { materialId: 'm-gszc', sort: 3, when: { situationId: 'ztlx', anyOf: ['company'] } },
    { materialId: 'm-zs', sort: 4, need: 'tolerance' },
    { materialId: 'm-fj', sort: 5, need: 'optional' },
  ],
});
const library: Material[] = [
  { id: 'm-sqs', name: '申请书', kind: '表格', source: '窗口代填' },
  { id: 'm-sfz', name: '居民身份证', kind: '证件', source: '政府部门核发' },
  { id: 'm-gszc', name: '公司章程', kind: '其他', source: '申请人自备' },
  { id: 'm-zs', name: '住所使用证明', kind: '证明', source: '申请人自备' },
];

describe('a checklist from the catalog', () => {
  const view: PretrialView = {
    code: 'YS-1',
    platformId: 'pre-1',
    version: 1,
    matter: { id: 'yyzz-sl', name: '营业执照设立登记', implCode: 'IMPL-YYZZ' },
    applicant: { kind: 'person', nameMasked: '王*明', idMasked: '1101**********002X', orgName: null },
    materials: [
      { materialId: 'm-sqs', name: '申请书', checkedOnline: true, known: true, note: null },
      { materialId: 'm-sfz', name: '居民身份证', checkedOnline: true, known: true, note: null },
      { materialId: 'm-zs', name: '住所使用证明', checkedOnline: false, known: true, note: null },
      { materialId: 'm-x', name: '平台上的其他材料', checkedOnline: true, known: false, note: null },
    ],
    answers: { ztlx: 'individual' },
    submittedAt: '2026-12-01T02:00:00.000Z',
    reviewedAt: '2026-12-01T03:00:00.000Z',
    status: 'ready',
    caseId: null,
  };

  it('lists the matter’s materials for the application’s answers, those checked online already ticked', () => {
    const m = toPretrialMatter(view, [yyzz], library)!;
    expect(m.pretrial).toEqual({ code: 'YS-1' });
    expect(m.answers).toEqual({ ztlx: 'individual' });
    expect(m.situations).toEqual([{ question: '市场主体类型', answer: '个体工商户' }]);
    // 公司章程 is for companies only; 非必要 and materials unknown to this hall are left out.
    expect(m.items.map((i) => [i.materialId, i.mark, i.checkedOnline ?? false])).toEqual([
      ['m-sqs', 'received', true],
      ['m-sfz', 'received', true],
      ['m-zs', 'pending', false],
    ]);
  });

  it('cannot be opened when its matter is not in this hall’s catalog', () => {
    expect(toPretrialMatter({ ...view, matter: { ...view.matter, id: null } }, [yyzz], library)).toBeNull();
  });

  it('a matter’s checklist follows the 办理情形 answers; every question needs one of its options', () => {
    expect(unansweredQuestion(yyzz.situations, {})?.id).toBe('ztlx');
    expect(unansweredQuestion(yyzz.situations, { ztlx: 'partnership' })?.id).toBe('ztlx');
    expect(unansweredQuestion(yyzz.situations, { ztlx: ['company', 'individual'] })?.id).toBe('ztlx');
    expect(unansweredQuestion(yyzz.situations, { ztlx: 'company' })).toBeNull();
    expect(situationLabels(yyzz, { ztlx: 'company' })).toEqual([{ question: '市场主体类型', answer: '有限责任公司' }]);
    expect(toIntakeMatter(yyzz, library, { ztlx: 'company' }).items.map((i) => i.materialId)).toEqual([
      'm-sqs',
      'm-sfz',
      'm-gszc',
      'm-zs',
    ]);
  });
});

describe('bundleQuestions', () => {
  const q = (id: string) => ({ id, question: id, multiple: false, options: [{ value: 'y', label: '是' }] });
  it("asks the bundle's questions, then each member's, each once", () => {
    const bundle = {
      situations: [q('mj300'), q('zhaopai')],
      members: [
        { matterId: 'yyzz-sl', optional: false },
        { matterId: 'spjy-xk', optional: false },
        { matterId: 'gone', optional: false },
      ],
    };
    const matters = [
      { id: 'yyzz-sl', situations: [q('ztlx')] },
      { id: 'spjy-xk', situations: [q('ztlx'), q('jylx')] },
    ];
    expect(bundleQuestions(bundle, matters).map((s) => s.id)).toEqual(['mj300', 'zhaopai', 'ztlx', 'jylx']);
  });
});
