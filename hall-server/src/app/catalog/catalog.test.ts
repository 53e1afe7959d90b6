import { describe, expect, it } from 'vitest';
import { DEMO_CATALOG } from '../demo/demo-catalog.js';
import { catalogFromSheets, catalogToSheets, columnLetter, type Cell } from '../../domain/catalog/catalog.sheets.js';
import { resolveBundle, resolveMatterMaterials } from '../../domain/catalog/catalog.resolve.js';
import { validateCatalogJson } from '../../domain/catalog/catalog.validate.js';
import type { Material, Matter } from '../../domain/catalog/catalog.types.js';

const matters = new Map<string, Matter>(DEMO_CATALOG.matters.map((m) => [m.id, m]));
const materials = new Map<string, Material>(DEMO_CATALOG.materials.map((m) => [m.id, m]));

describe('catalog validation', () => {
  it('accepts the demo catalog and keeps it marked as demo data', () => {
    const r = validateCatalogJson(JSON.parse(JSON.stringify(DEMO_CATALOG)));
    expect(r.ok).toBe(true);
    expect(DEMO_CATALOG.matters.every((m) => m.demo) && DEMO_CATALOG.bundles.every((b) => b.demo)).toBe(true);
  });

  it('rejects limits outside 0.5 steps, promised > legal, unknown references — naming section, row and field', () => {
    const bad = JSON.parse(JSON.stringify(DEMO_CATALOG)) as {
      matters: Record<string, unknown>[];
      bundles: { members: Record<string, unknown>[] }[];
    };
    bad.matters[0]!.promisedLimitDays = 1.25;
    bad.matters[1]!.promisedLimitDays = 30;
    const r1 = validateCatalogJson(bad);
    expect(r1.ok).toBe(false);
    if (r1.ok) return;
    expect(r1.issues).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          sheet: 'matters',
          row: 1,
          column: 'promisedLimitDays',
          message: expect.stringContaining('0.5 为步长'),
        }),
        expect.objectContaining({
          sheet: 'matters',
          row: 2,
          column: 'promisedLimitDays',
          message: expect.stringContaining('不能长于法定时限'),
        }),
      ]),
    );
    const bad2 = JSON.parse(JSON.stringify(DEMO_CATALOG)) as typeof bad;
    bad2.matters[0]!.deptId = 'nowhere';
    bad2.bundles[0]!.members[0]!.matterId = 'ghost';
    const r2 = validateCatalogJson(bad2);
    expect(r2.ok ? [] : r2.issues.map((i) => `${i.sheet}:${i.row}:${i.column}`)).toEqual(
      expect.arrayContaining(['matters:1:deptId', 'bundles:1:members[0].matterId']),
    );
  });
});

describe('办理情形 and 一件事', () => {
  it('chooses materials by the answers', () => {
    const m = matters.get('yyzz-sl')!;
    const company = resolveMatterMaterials(m, materials, { ztlx: 'company' });
    const individual = resolveMatterMaterials(m, materials, { ztlx: 'individual' });
    expect(company.ok && company.value.map((x) => x.materialId)).toContain('m-gszc');
    expect(individual.ok && individual.value.map((x) => x.materialId)).not.toContain('m-gszc');
    const unanswered = resolveMatterMaterials(m, materials, {});
    expect(unanswered.ok ? null : unanswered.error.message).toBe('请回答办理情形：「市场主体类型」');
  });

  it('开餐馆: members by situation, one merged material list (a shared material is asked once)', () => {
    const b = DEMO_CATALOG.bundles.find((x) => x.id === 'yjs-kcg')!;
    const small = resolveBundle(b, matters, materials, { mj300: 'no', zhaopai: 'no', ztlx: 'individual' });
    expect(small.ok).toBe(true);
    if (!small.ok) return;
    expect(small.value.members.map((m) => m.id)).toEqual(['yyzz-sl', 'spjy-xk']);
    expect(small.value.skipped.map((s) => s.matterId)).toEqual(['xf-jc', 'zp-sz']);
    const big = resolveBundle(b, matters, materials, { mj300: 'yes', zhaopai: 'yes', ztlx: 'company' });
    if (!big.ok) throw new Error(big.error.message);
    expect(big.value.members.map((m) => m.id)).toEqual(['yyzz-sl', 'spjy-xk', 'xf-jc', 'zp-sz']);
    expect(big.value.deptIds).toEqual(['scjgj', 'xfjy', 'cgj']);
    const ids = big.value.materials.map((m) => m.materialId);
    expect(new Set(ids).size).toBe(ids.length);
    const idCard = big.value.materials.find((m) => m.materialId === 'm-sfz')!;
    expect(idCard.usedBy).toEqual(['yyzz-sl', 'spjy-xk']);
    // 住所使用证明 is 容缺 for the licence but required for the sign-board permit: the strictest need wins.
    expect(big.value.materials.find((m) => m.materialId === 'm-zssyzm')).toMatchObject({
      need: 'required',
      usedBy: ['yyzz-sl', 'zp-sz'],
    });
    expect(small.value.materials.find((m) => m.materialId === 'm-zssyzm')?.need).toBe('tolerance');
    expect(big.value.materials.find((m) => m.materialId === 'm-pmt')?.usedBy).toEqual(['spjy-xk', 'xf-jc']);
    expect(big.value.questions.map((q) => q.id)).toEqual(['mj300', 'zhaopai', 'ztlx']);
  });
});

describe('Excel sheets', () => {
  it('round-trips the demo catalog through rows', () => {
    const sheets = catalogToSheets(DEMO_CATALOG);
    expect(Object.keys(sheets)).toEqual([
      '部门',
      '材料库',
      '事项',
      '事项材料',
      '办理情形',
      '一件事',
      '一件事成员',
      '一件事表单',
    ]);
    const back = catalogFromSheets(sheets);
    if (!back.ok) throw new Error(JSON.stringify(back.issues.slice(0, 3)));
    expect(back.catalog).toEqual(DEMO_CATALOG);
  });

  it('reports every bad row with sheet, row and column, and returns no catalog', () => {
    const sheets = catalogToSheets(DEMO_CATALOG) as Record<string, Cell[][]>;
    const matterRows = sheets['事项']!;
    const header = matterRows[0]!.map(String);
    const col = (name: string) => header.findIndex((h) => h.endsWith(` ${name}`));
    matterRows[1]![col('promisedLimitDays')] = 0.3;
    matterRows[2]![col('type')] = '许可证';
    matterRows[3]![col('name')] = null;
    sheets['事项材料']![2]![header.length > 0 ? 4 : 0] = '必须';
    sheets['一件事成员']![1]![2] = 'no-such-matter';
    const r = catalogFromSheets(sheets);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const where = r.issues.map((i) => `${i.sheet}!${i.row}!${i.column}`);
    expect(where).toEqual(
      expect.arrayContaining([
        `事项!2!${columnLetter(col('promisedLimitDays'))}(承诺时限(工作日))`,
        `事项!3!${columnLetter(col('type'))}(事项类型)`,
        `事项!4!${columnLetter(col('name'))}(事项名称)`,
        '事项材料!3!E(是否必要)',
      ]),
    );
    expect(r.issues.find((i) => i.row === 3 && i.sheet === '事项')!.message).toContain('不是有效选项');
    expect(r.issues.find((i) => i.row === 4 && i.sheet === '事项')!.message).toBe('必填，不能为空');
  });

  it('names unknown sheets and columns', () => {
    const r = catalogFromSheets({
      部门: [
        ['部门编号 id', '部门名称 name', '颜色 color'],
        ['x1', '某局', '红'],
      ],
      杂项: [],
    });
    expect(r.ok ? [] : r.issues.map((i) => `${i.sheet}!${i.row}!${i.column}`)).toEqual(['部门!1!C', '杂项!0!-']);
  });
});
