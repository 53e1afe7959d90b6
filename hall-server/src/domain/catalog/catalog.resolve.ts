import { appError } from '@onedoor/protocol';
import { type Result, failure, success } from '../result.js';
import type {
  Bundle,
  Condition,
  FormField,
  Material,
  MaterialNeed,
  Matter,
  MatterMaterial,
  RequiredMaterial,
  Situation,
} from './catalog.types.js';

/** Answers to 办理情形 questions: situation id → option value (or values, for multiple choice). */
export type Answers = Readonly<Record<string, string | readonly string[]>>;

const NEED_RANK: Record<MaterialNeed, number> = { required: 2, tolerance: 1, optional: 0 };

export function conditionHolds(cond: Condition | undefined, answers: Answers): boolean {
  if (!cond) return true;
  const a = answers[cond.situationId];
  if (a === undefined) return false;
  const values = typeof a === 'string' ? [a] : a;
  return values.some((v) => cond.anyOf.includes(v));
}

/** Every question must be answered with one of its options (one, unless multiple choice). */
export function checkAnswers(situations: readonly Situation[], answers: Answers): Result<null> {
  for (const s of situations) {
    const a = answers[s.id];
    const values = a === undefined ? [] : typeof a === 'string' ? [a] : [...a];
    if (values.length === 0)
      return failure(
        appError('BAD_REQUEST', `请回答办理情形：「${s.question}」`, `answer the situation question ${s.id}`),
      );
    if (!s.multiple && values.length > 1)
      return failure(appError('BAD_REQUEST', `「${s.question}」只能选一项`, `situation ${s.id} takes one answer`));
    const bad = values.find((v) => !s.options.some((o) => o.value === v));
    if (bad !== undefined)
      return failure(
        appError('BAD_REQUEST', `「${s.question}」没有选项「${bad}」`, `situation ${s.id} has no option ${bad}`),
      );
  }
  return success(null);
}

function toRequired(link: MatterMaterial, material: Material | undefined, matterId: string): RequiredMaterial {
  return {
    materialId: link.materialId,
    name: material?.name ?? link.materialId,
    need: link.need,
    originalCount: link.originalCount,
    copyCount: link.copyCount,
    electronicAccepted: link.electronicAccepted,
    certLookup: link.certLookup ?? null,
    acceptStandard: link.acceptStandard ?? null,
    toleranceDays: link.toleranceDays ?? null,
    usedBy: [matterId],
    sort: link.sort,
  };
}

/** The materials of one matter for the given answers (一次告知: the complete list, nothing asked twice). */
export function resolveMatterMaterials(
  matter: Matter,
  materials: ReadonlyMap<string, Material>,
  answers: Answers,
): Result<RequiredMaterial[]> {
  const checked = checkAnswers(matter.situations, answers);
  if (!checked.ok) return checked;
  return success(
    mergeMaterials(
      matter.materials
        .filter((l) => conditionHolds(l.when, answers))
        .map((l) => toRequired(l, materials.get(l.materialId), matter.id)),
    ),
  );
}

/**
 * 一套材料: a material needed by several links (or members) is asked once, with the strictest need and the largest
 * counts; electronic copies only when every user accepts them.
 */
export function mergeMaterials(list: readonly RequiredMaterial[]): RequiredMaterial[] {
  const byId = new Map<string, RequiredMaterial>();
  for (const m of list) {
    const seen = byId.get(m.materialId);
    if (!seen) {
      byId.set(m.materialId, { ...m, usedBy: [...m.usedBy] });
      continue;
    }
    seen.need = NEED_RANK[m.need] > NEED_RANK[seen.need] ? m.need : seen.need;
    seen.originalCount = Math.max(seen.originalCount, m.originalCount);
    seen.copyCount = Math.max(seen.copyCount, m.copyCount);
    seen.electronicAccepted = seen.electronicAccepted && m.electronicAccepted;
    seen.certLookup = seen.certLookup ?? m.certLookup;
    seen.acceptStandard =
      [seen.acceptStandard, m.acceptStandard].filter((x, i, a) => x && a.indexOf(x) === i).join('；') || null;
    seen.toleranceDays =
      seen.toleranceDays === null
        ? m.toleranceDays
        : m.toleranceDays === null
          ? seen.toleranceDays
          : Math.min(seen.toleranceDays, m.toleranceDays);
    seen.sort = Math.min(seen.sort, m.sort);
    for (const u of m.usedBy) if (!seen.usedBy.includes(u)) seen.usedBy.push(u);
  }
  return [...byId.values()].sort((a, b) => a.sort - b.sort || a.materialId.localeCompare(b.materialId));
}

export interface ResolvedBundle {
  bundle: Bundle;
  /** Members chosen by the answers, with their matter version. */
  members: Matter[];
  /** Optional members left out, and why. */
  skipped: { matterId: string; reason: string }[];
  /** All questions to ask (bundle situations first, then member situations not asked yet). */
  questions: Situation[];
  materials: RequiredMaterial[];
  /** 一表申请: bundle fields plus nothing duplicated. */
  form: FormField[];
  /** Departments the member cases are routed to. */
  deptIds: string[];
}

/** The questions of a bundle: its own, then those of every possible member (each once, by id). */
export function bundleQuestions(bundle: Bundle, matters: ReadonlyMap<string, Matter>): Situation[] {
  const out = new Map<string, Situation>();
  for (const s of bundle.situations) out.set(s.id, s);
  for (const mem of bundle.members)
    for (const s of matters.get(mem.matterId)?.situations ?? []) if (!out.has(s.id)) out.set(s.id, s);
  return [...out.values()];
}

/** Chooses a bundle's members and merges their material lists for the given answers. */
export function resolveBundle(
  bundle: Bundle,
  matters: ReadonlyMap<string, Matter>,
  materials: ReadonlyMap<string, Material>,
  answers: Answers,
): Result<ResolvedBundle> {
  const own = checkAnswers(bundle.situations, answers);
  if (!own.ok) return own;
  const members: Matter[] = [];
  const skipped: ResolvedBundle['skipped'] = [];
  for (const mem of bundle.members) {
    const matter = matters.get(mem.matterId);
    if (!matter)
      return failure(
        appError(
          'NOT_FOUND',
          `一件事「${bundle.name}」的成员事项 ${mem.matterId} 已不在目录中`,
          `member matter ${mem.matterId} of bundle ${bundle.id} is not in the catalog`,
        ),
      );
    if (!matter.enabled)
      return failure(
        appError('CONFLICT', `成员事项「${matter.name}」已停用`, `member matter ${matter.id} is disabled`),
      );
    const included = !mem.optional || (mem.when ? conditionHolds(mem.when, answers) : false);
    if (included) members.push(matter);
    else skipped.push({ matterId: matter.id, reason: mem.when ? '按办理情形无需办理' : '可选事项，未选择' });
  }
  if (members.length === 0)
    return failure(
      appError('BAD_REQUEST', '按所选情形，没有需要办理的事项', 'no member matter applies to these answers'),
    );
  const all: RequiredMaterial[] = [];
  for (const m of members) {
    const r = resolveMatterMaterials(m, materials, answers);
    if (!r.ok) return r;
    all.push(...r.value);
  }
  const deptIds = [...new Set(members.map((m) => m.deptId))];
  return success({
    bundle,
    members,
    skipped,
    questions: bundleQuestions(bundle, matters),
    materials: mergeMaterials(all),
    form: bundle.form,
    deptIds,
  });
}
