import { describe, expect, it } from 'vitest';
import { matterSchema, type Material, type PretrialView } from '@onedoor/protocol';
import { indexMatters, searchMatters, toIntakeMatter, toPretrialMatter } from './intake-catalog';
import { noticeLines, receiptLines } from './receipt-text';

const matters = [
  { id: 'gt-sl', name: '个体工商户设立登记', basicCode: 'XK00001', implCode: 'IMPL-1' },
  { id: 'spjy-xk', name: '食品经营许可', basicCode: 'XK00002', implCode: 'IMPL-2' },
  { id: 'ggws-xk', name: '公共场所卫生许可', basicCode: 'XK00003', implCode: 'IMPL-3' },
  { id: 'bdc-zydj', name: '不动产转移登记（存量房买卖）', basicCode: 'QR00004', implCode: 'IMPL-4' },
  { id: 'sp-xs', name: '食品销售备案', basicCode: 'BA00005', implCode: 'IMPL-5' },
];
const index = indexMatters(matters);
const names = (query: string, service: string[] = []) => searchMatters(index, query, service).map((h) => h.matter.name);

describe('intake matter search', () => {
  it('finds by name words or code, everything for an empty query', () => {
    expect(names('食品经营')).toEqual(['食品经营许可']);
    expect(names('xk00001')).toEqual(['个体工商户设立登记']);
    expect(names('登记 许可')).toEqual([]);
    expect(names(' ')).toHaveLength(5);
  });

  it('finds by pinyin initials and full pinyin', () => {
    expect(names('spjy')).toEqual(['食品经营许可']);
    expect(names('SPJY')).toEqual(['食品经营许可']);
    // Both start with sp: catalog order; initials inside a name (公共场所卫生许可 ← xk) come after those at the start.
    expect(names('sp')).toEqual(['食品经营许可', '食品销售备案']);
    expect(names('xk')).toEqual(['食品经营许可', '公共场所卫生许可', '个体工商户设立登记']);
    expect(names('shipin')).toEqual(['食品经营许可', '食品销售备案']);
    expect(names('bdc zy')).toEqual(['不动产转移登记（存量房买卖）']);
  });

  it('puts the matters of the ticket’s service first, by id, code or (short) name', () => {
    expect(names('', ['公共场所卫生许可', 'XK00001'])).toEqual([
      '个体工商户设立登记',
      '公共场所卫生许可',
      '食品经营许可',
      '不动产转移登记（存量房买卖）',
      '食品销售备案',
    ]);
    expect(names('sp', ['sp-xs'])).toEqual(['食品销售备案', '食品经营许可']);
    const flagged = searchMatters(index, 'bdc', ['不动产转移登记']);
    expect(flagged).toEqual([{ matter: matters[3], ofService: true }]);
  });
});

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

describe('a pre-reviewed application as a checklist', () => {
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

  it('a matter’s checklist follows the 办理情形 answers', () => {
    expect(toIntakeMatter(yyzz, library, { ztlx: 'company' }).items.map((i) => i.materialId)).toEqual([
      'm-sqs',
      'm-sfz',
      'm-gszc',
      'm-zs',
    ]);
  });
});

describe('receipt and notice text', () => {
  const applicant = { name: '王小明', idNumber: '11010519491231002X', source: 'card' as const };
  it('masks the applicant and lists 容缺 with its due date and 电子证照', () => {
    const lines = receiptLines('XK-2026-0001', applicant, {
      matterId: 'm1',
      name: '食品经营许可',
      items: [
        { materialId: 'a', name: '申请书', originals: 1, copies: 0, standard: '', mark: 'received' },
        { materialId: 'b', name: '营业执照', originals: 1, copies: 0, standard: '', mark: 'cert-lookup' },
        {
          materialId: 'c',
          name: '平面图',
          originals: 1,
          copies: 0,
          standard: '',
          mark: 'tolerated',
          dueDate: '2026-12-10',
        },
      ],
    });
    expect(lines).toContain('办件编号：XK-2026-0001');
    expect(lines).toContain('申请人：王*明  1101**********002X');
    expect(lines).toContain('电子证照已调取：营业执照');
    expect(lines).toContain('容缺后补：平面图（请于 2026-12-10 前补交）');
    expect(lines.join('')).not.toContain('王小明');
  });
  it('the notice lists every missing material with its reason', () => {
    const lines = noticeLines(applicant, '食品经营许可', [{ name: '平面图', reason: '未提供' }]);
    expect(lines).toContain('1. 平面图（未提供）');
  });
});
