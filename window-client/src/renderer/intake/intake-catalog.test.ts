import { describe, expect, it } from 'vitest';
import { indexMatters, searchMatters } from './intake-catalog';
import { caseReceiptLines, noticeLines, receiptLines } from './receipt-text';

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
  it("a case's receipt printed again later has the same layout, from the hall's record (masked as kept)", () => {
    const material = (name: string, status: 'received' | 'cert-lookup' | 'tolerated' | 'missing', dueDate = null) => ({
      materialId: name,
      name,
      need: 'required' as const,
      originalCount: 1,
      copyCount: 0,
      electronicAccepted: false,
      certLookup: null,
      usedBy: [],
      status,
      dueDate,
      receivedAt: null,
      note: null,
    });
    const lines = caseReceiptLines(
      {
        caseNo: 'XK-2026-0002',
        name: '营业执照设立登记',
        applicant: '王*明',
        applicantIdMasked: '1101**********002X',
        materials: [material('申请书', 'received'), material('身份证', 'cert-lookup'), material('章程', 'missing')],
      },
      [{ question: '市场主体类型', answer: '个体工商户' }],
    );
    expect(lines).toEqual([
      '受理回执',
      '办件编号：XK-2026-0002',
      '事项：营业执照设立登记',
      '申请人：王*明  1101**********002X',
      '市场主体类型：个体工商户',
      '已收：申请书',
      '电子证照已调取：身份证',
      '凭本回执查询办理进度、领取结果。',
    ]);
  });
  it('the notice lists every missing material with its reason', () => {
    const lines = noticeLines(applicant, '食品经营许可', [{ name: '平面图', reason: '未提供' }]);
    expect(lines).toContain('1. 平面图（未提供）');
  });
});
