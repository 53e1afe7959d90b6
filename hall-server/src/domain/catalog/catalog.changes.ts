import type { RequiredMaterial } from './catalog.types.js';

/**
 * What changed in a material checklist between the version a clerk ticked and the version in force: materials added
 * to it, no longer on it, and those whose need (必要/容缺), counts or 受理标准 changed. 非必要 materials are not on the
 * window's checklist and do not count. Names as the clerk reads them, in checklist order.
 */
export interface ChecklistChanges {
  added: string[];
  removed: string[];
  changed: string[];
}

const onChecklist = (list: readonly RequiredMaterial[]) =>
  [...list].filter((m) => m.need !== 'optional').sort((a, b) => a.sort - b.sort);

const sameTerms = (a: RequiredMaterial, b: RequiredMaterial): boolean =>
  a.need === b.need &&
  a.originalCount === b.originalCount &&
  a.copyCount === b.copyCount &&
  (a.acceptStandard ?? '') === (b.acceptStandard ?? '');

export function checklistChanges(
  before: readonly RequiredMaterial[],
  after: readonly RequiredMaterial[],
): ChecklistChanges {
  const was = new Map(onChecklist(before).map((m) => [m.materialId, m]));
  const now = onChecklist(after);
  const is = new Set(now.map((m) => m.materialId));
  return {
    added: now.filter((m) => !was.has(m.materialId)).map((m) => m.name),
    removed: [...was.values()].filter((m) => !is.has(m.materialId)).map((m) => m.name),
    changed: now.filter((m) => was.has(m.materialId) && !sameTerms(was.get(m.materialId)!, m)).map((m) => m.name),
  };
}

export const noChanges = (c: ChecklistChanges): boolean =>
  c.added.length === 0 && c.removed.length === 0 && c.changed.length === 0;
