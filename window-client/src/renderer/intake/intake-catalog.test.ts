import { describe, expect, it } from 'vitest';
import { searchMatters } from './intake-catalog';
import { noticeLines, receiptLines } from './receipt-text';

const matters = [
  { name: '个体工商户设立登记', basicCode: 'XK00001', implCode: 'IMPL-1' },
  { name: '食品经营许可', basicCode: 'XK00002', implCode: 'IMPL-2' },
];

describe('intake catalog search', () => {
  it('finds by name words or code, everything for an empty query', () => {
    expect(searchMatters(matters, '食品').map((m) => m.basicCode)).toEqual(['XK00002']);
    expect(searchMatters(matters, 'xk00001').map((m) => m.name)).toEqual(['个体工商户设立登记']);
    expect(searchMatters(matters, '登记 许可')).toEqual([]);
    expect(searchMatters(matters, ' ')).toHaveLength(2);
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
