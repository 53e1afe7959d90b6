/**
 * The catalog as the intake screen needs it: matters in force with their material names, searched by name or code.
 * Pure functions; fetching is in `use-intake.ts`. The catalog carries no pinyin, so search is by 名称/基本编码/实施编码.
 */
import type { Material, Matter as CatalogMatter } from '@onedoor/protocol';
import type { Matter } from './intake-flow';

/** The checklist of one matter: its unconditional 必要/容缺 materials, none ticked yet. */
export function toIntakeMatter(matter: CatalogMatter, materials: readonly Material[]): Matter {
  const names = new Map(materials.map((m) => [m.id, m.name]));
  return {
    matterId: matter.id,
    name: matter.name,
    items: matter.materials
      // 非必要 materials never block, and a 办理情形 condition needs the situation answers this screen does not ask.
      .filter((m) => m.need !== 'optional' && !m.when)
      .sort((a, b) => a.sort - b.sort)
      .map((m) => ({
        materialId: m.materialId,
        name: names.get(m.materialId) ?? m.materialId,
        originals: m.originalCount,
        copies: m.copyCount,
        standard: m.acceptStandard ?? '',
        mark: 'pending' as const,
      })),
  };
}

/** Matters whose name or codes contain every word of the query (case-insensitive); all when the query is empty. */
export function searchMatters<T extends Pick<CatalogMatter, 'name' | 'basicCode' | 'implCode'>>(
  matters: readonly T[],
  query: string,
): T[] {
  const words = query.trim().toLowerCase().split(/\s+/).filter(Boolean);
  return matters.filter((m) => {
    const hay = `${m.name} ${m.basicCode} ${m.implCode}`.toLowerCase();
    return words.every((w) => hay.includes(w));
  });
}
