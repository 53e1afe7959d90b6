import { describe, expect, it } from 'vitest';
import { indexMatters, searchMatters } from './intake-catalog';

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
