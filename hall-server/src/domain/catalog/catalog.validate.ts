import type { z } from 'zod';
import { describeIssue } from '@onedoor/protocol';
import {
  catalogSchema,
  type Bundle,
  type Catalog,
  type CatalogIssue,
  type Condition,
  type Matter,
  type Situation,
} from './catalog.types.js';

/** Where an entity came from, so a problem can name the sheet, row and column. */
export type Locate = (
  entity: 'departments' | 'materials' | 'matters' | 'bundles',
  index: number,
  field: string,
  sub?: { kind: 'material' | 'member' | 'situation' | 'form'; index: number },
) => Omit<CatalogIssue, 'message' | 'messageEn'>;

/** JSON imports: section / array position / field path. */
export const jsonLocate: Locate = (entity, index, field, sub) => ({
  sheet: entity,
  row: index + 1,
  column: sub
    ? `${sub.kind === 'material' ? 'materials' : sub.kind === 'member' ? 'members' : sub.kind === 'situation' ? 'situations' : 'form'}[${sub.index}].${field}`
    : field,
});

const issue = (at: Omit<CatalogIssue, 'message' | 'messageEn'>, message: string, messageEn: string): CatalogIssue => ({
  ...at,
  message,
  messageEn,
});

function checkCondition(
  cond: Condition | undefined,
  situations: readonly Situation[],
  at: Omit<CatalogIssue, 'message' | 'messageEn'>,
  out: CatalogIssue[],
): void {
  if (!cond) return;
  const s = situations.find((x) => x.id === cond.situationId);
  if (!s) {
    out.push(
      issue(at, `引用了不存在的办理情形 ${cond.situationId}`, `refers to unknown situation ${cond.situationId}`),
    );
    return;
  }
  for (const v of cond.anyOf) {
    if (!s.options.some((o) => o.value === v))
      out.push(issue(at, `办理情形「${s.question}」没有选项 ${v}`, `situation ${s.id} has no option ${v}`));
  }
}

function checkSituations(
  situations: readonly Situation[],
  at: (i: number, field: string) => Omit<CatalogIssue, 'message' | 'messageEn'>,
  out: CatalogIssue[],
): void {
  const seen = new Set<string>();
  situations.forEach((s, i) => {
    if (seen.has(s.id)) out.push(issue(at(i, 'id'), `办理情形编号 ${s.id} 重复`, `duplicate situation id ${s.id}`));
    seen.add(s.id);
    const values = new Set<string>();
    for (const o of s.options) {
      if (values.has(o.value))
        out.push(
          issue(
            at(i, 'options'),
            `办理情形「${s.question}」选项 ${o.value} 重复`,
            `duplicate option ${o.value} in situation ${s.id}`,
          ),
        );
      values.add(o.value);
    }
  });
}

/**
 * Cross-reference rules a schema cannot express: ids unique within the import, departments, materials, matters and
 * situations referred to exist (in the import or in what the hall already has), bundle members belong to the lead or
 * co-departments. `existing` lets an import refer to entities already in the hall catalog.
 */
export function crossCheck(
  catalog: Catalog,
  locate: Locate,
  existing: {
    departmentIds?: ReadonlySet<string>;
    materialIds?: ReadonlySet<string>;
    matters?: ReadonlyMap<string, Pick<Matter, 'deptId' | 'situations'>>;
  } = {},
): CatalogIssue[] {
  const out: CatalogIssue[] = [];
  const deptIds = new Set([...(existing.departmentIds ?? []), ...catalog.departments.map((d) => d.id)]);
  const materialIds = new Set([...(existing.materialIds ?? []), ...catalog.materials.map((m) => m.id)]);
  const matters = new Map<string, Pick<Matter, 'deptId' | 'situations'>>(existing.matters ?? []);
  for (const m of catalog.matters) matters.set(m.id, m);

  const unique = <T>(
    list: readonly T[],
    key: (t: T) => string,
    entity: Parameters<Locate>[0],
    what: string,
    whatEn: string,
  ) => {
    const seen = new Set<string>();
    list.forEach((t, i) => {
      const k = key(t);
      if (seen.has(k))
        out.push(
          issue(locate(entity, i, 'id'), `${what} ${k} 在导入文件中重复`, `${whatEn} ${k} appears twice in the import`),
        );
      seen.add(k);
    });
  };
  unique(catalog.departments, (d) => d.id, 'departments', '部门编号', 'department id');
  unique(catalog.materials, (m) => m.id, 'materials', '材料编号', 'material id');
  unique(catalog.matters, (m) => `${m.id}@${m.version}`, 'matters', '事项编号@版本', 'matter id@version');
  unique(catalog.bundles, (b) => `${b.id}@${b.version}`, 'bundles', '一件事编号@版本', 'bundle id@version');

  catalog.matters.forEach((m, i) => {
    if (!deptIds.has(m.deptId))
      out.push(issue(locate('matters', i, 'deptId'), `部门 ${m.deptId} 不存在`, `unknown department ${m.deptId}`));
    for (const d of m.jointDeptIds)
      if (!deptIds.has(d))
        out.push(issue(locate('matters', i, 'jointDeptIds'), `联办部门 ${d} 不存在`, `unknown joint department ${d}`));
    checkSituations(m.situations, (j, f) => locate('matters', i, f, { kind: 'situation', index: j }), out);
    const linked = new Set<string>();
    m.materials.forEach((mm, j) => {
      const at = (f: string) => locate('matters', i, f, { kind: 'material', index: j });
      if (!materialIds.has(mm.materialId))
        out.push(
          issue(
            at('materialId'),
            `材料 ${mm.materialId} 不在材料库中`,
            `material ${mm.materialId} is not in the material library`,
          ),
        );
      if (linked.has(mm.materialId) && !mm.when)
        out.push(issue(at('materialId'), `材料 ${mm.materialId} 重复关联`, `material ${mm.materialId} linked twice`));
      linked.add(mm.materialId);
      checkCondition(mm.when, m.situations, at('when'), out);
      if (mm.originalCount === 0 && mm.copyCount === 0 && !mm.electronicAccepted && !mm.certLookup) {
        out.push(
          issue(
            at('originalCount'),
            '原件、复印件份数不能都为0（或须接受电子材料/电子证照）',
            'original and copy counts are both 0 and no electronic form is accepted',
          ),
        );
      }
    });
  });

  catalog.bundles.forEach((b: Bundle, i) => {
    if (!deptIds.has(b.leadDeptId))
      out.push(
        issue(
          locate('bundles', i, 'leadDeptId'),
          `牵头部门 ${b.leadDeptId} 不存在`,
          `unknown lead department ${b.leadDeptId}`,
        ),
      );
    for (const d of b.coDeptIds)
      if (!deptIds.has(d))
        out.push(issue(locate('bundles', i, 'coDeptIds'), `协办部门 ${d} 不存在`, `unknown co-department ${d}`));
    checkSituations(b.situations, (j, f) => locate('bundles', i, f, { kind: 'situation', index: j }), out);
    const depts = new Set([b.leadDeptId, ...b.coDeptIds]);
    const members = new Set<string>();
    b.members.forEach((mem, j) => {
      const at = (f: string) => locate('bundles', i, f, { kind: 'member', index: j });
      const m = matters.get(mem.matterId);
      if (!m)
        out.push(issue(at('matterId'), `成员事项 ${mem.matterId} 不存在`, `unknown member matter ${mem.matterId}`));
      else if (!depts.has(m.deptId))
        out.push(
          issue(
            at('matterId'),
            `成员事项 ${mem.matterId} 的部门 ${m.deptId} 不是牵头或协办部门`,
            `member ${mem.matterId} belongs to ${m.deptId}, neither lead nor co-department`,
          ),
        );
      if (members.has(mem.matterId))
        out.push(issue(at('matterId'), `成员事项 ${mem.matterId} 重复`, `member ${mem.matterId} listed twice`));
      members.add(mem.matterId);
      if (mem.when && !mem.optional)
        out.push(
          issue(at('when'), '只有可选成员才能按办理情形选择', 'only an optional member can depend on a situation'),
        );
      checkCondition(mem.when, b.situations, at('when'), out);
    });
    b.form.forEach((f, j) => {
      for (const u of f.usedBy)
        if (!members.has(u))
          out.push(
            issue(
              locate('bundles', i, 'usedBy', { kind: 'form', index: j }),
              `表单字段 ${f.key} 引用的 ${u} 不是成员事项`,
              `form field ${f.key} refers to ${u}, not a member`,
            ),
          );
      if (f.type === 'select' && f.options.length === 0)
        out.push(
          issue(
            locate('bundles', i, 'options', { kind: 'form', index: j }),
            `下拉字段 ${f.key} 需要选项`,
            `select field ${f.key} needs options`,
          ),
        );
    });
  });
  return out;
}

/** What is wrong with one cell, in plain words (its sheet, row and column are named beside it). */
export function cellWords(issue: z.core.$ZodIssue): { message: string; messageEn: string } {
  const w = describeIssue(issue);
  return { message: w.zh, messageEn: w.en };
}

/** Turns zod issues of a whole-catalog parse into located issues (JSON import). */
export function zodIssues(error: z.ZodError): CatalogIssue[] {
  return error.issues.map((i) => {
    const [section, index, ...rest] = i.path;
    const known = typeof section === 'string' && typeof index === 'number';
    return {
      sheet: known ? section : String(section ?? '(file)'),
      row: known ? index + 1 : 0,
      column: known
        ? rest
            .map((p) => (typeof p === 'number' ? `[${p}]` : String(p)))
            .join('.')
            .replace(/\.\[/g, '[') || '(row)'
        : i.path.join('.') || '(file)',
      ...cellWords(i),
    };
  });
}

/** Validates a JSON catalog document; all problems are reported, nothing is partially accepted. */
export function validateCatalogJson(
  input: unknown,
  existing: Parameters<typeof crossCheck>[2] = {},
): { ok: true; catalog: Catalog; locate: Locate } | { ok: false; issues: CatalogIssue[] } {
  const parsed = catalogSchema.safeParse(input);
  if (!parsed.success) return { ok: false, issues: zodIssues(parsed.error) };
  const issues = crossCheck(parsed.data, jsonLocate, existing);
  return issues.length > 0 ? { ok: false, issues } : { ok: true, catalog: parsed.data, locate: jsonLocate };
}

export function formatIssue(i: CatalogIssue): string {
  return `${i.sheet} 第${i.row}行 ${i.column}：${i.message}`;
}
