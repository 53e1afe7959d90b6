/**
 * The checklist of a matter as the window builds it from the catalog: the 办理情形 questions still unanswered, the
 * materials the answers call for (the hall server's `resolveMatterMaterials` rule, 必要/容缺 only, none ticked), and
 * an application pre-reviewed online opened as a checklist. Pure.
 */
import type {
  Bundle,
  Condition,
  Material,
  Matter as CatalogMatter,
  PretrialView,
  RequiredMaterial,
  Situation,
} from '@onedoor/protocol';
import type { Matter } from './intake-flow';

export type Answers = Readonly<Record<string, string | readonly string[]>>;

/**
 * What the 办理情形 step asks from: a matter of the catalog (its materials follow the answers here), or a 一件事
 * (`bundle`), whose questions and merged material list the hall resolves (a member may join or leave with them).
 */
export type SituationsSource = Pick<CatalogMatter, 'id' | 'name' | 'version' | 'situations' | 'materials'> & {
  bundle?: true;
};

/** The answers as the case API takes them (plain arrays). */
export function plainAnswers(answers: Answers): Record<string, string | string[]> {
  return Object.fromEntries(Object.entries(answers).map(([k, v]) => [k, typeof v === 'string' ? v : [...v]]));
}

/** A material with a 办理情形 condition is needed when the answer is (or, multiple choice, contains) one it names. */
function conditionHolds(cond: Condition | undefined, answers: Answers): boolean {
  if (!cond) return true;
  const a = answers[cond.situationId];
  if (a === undefined) return false;
  return (typeof a === 'string' ? [a] : a).some((v) => cond.anyOf.includes(v));
}

/** The answers as the clerk and the receipt read them: question → option labels. */
export function situationLabels(
  matter: Pick<CatalogMatter, 'situations'>,
  answers: Answers,
): { question: string; answer: string }[] {
  return matter.situations.flatMap((s) => {
    const a = answers[s.id];
    if (a === undefined) return [];
    const values = typeof a === 'string' ? [a] : a;
    const answer = values.map((v) => s.options.find((o) => o.value === v)?.label ?? v).join('、');
    return [{ question: s.question, answer }];
  });
}

/** The checklist of one matter for the given 办理情形 answers: its 必要/容缺 materials, none ticked yet. */
export function toIntakeMatter(
  matter: SituationsSource,
  materials: readonly Material[],
  answers: Answers = {},
): Matter {
  const names = new Map(materials.map((m) => [m.id, m.name]));
  return {
    matterId: matter.id,
    name: matter.name,
    version: matter.version,
    items: matter.materials
      // 非必要 materials never block.
      .filter((m) => m.need !== 'optional' && conditionHolds(m.when, answers))
      .sort((a, b) => a.sort - b.sort)
      .map((m) => ({
        materialId: m.materialId,
        name: names.get(m.materialId) ?? m.materialId,
        originals: m.originalCount,
        copies: m.copyCount,
        standard: m.acceptStandard ?? '',
        mark: 'pending' as const,
      })),
    answers: plainAnswers(answers),
    situations: situationLabels(matter, answers),
  };
}

/**
 * What a 一件事 asks: its own 办理情形, then each member matter's (the hall refuses a merged list while a member's
 * question is open), each question once.
 */
export function bundleQuestions(
  bundle: Pick<Bundle, 'situations' | 'members'>,
  matters: readonly Pick<CatalogMatter, 'id' | 'situations'>[],
): Situation[] {
  const byId = new Map(matters.map((m) => [m.id, m]));
  const all = [...bundle.situations, ...bundle.members.flatMap((m) => byId.get(m.matterId)?.situations ?? [])];
  return all.filter((s, i) => all.findIndex((t) => t.id === s.id) === i);
}

/** A 一件事's checklist: the one merged list the hall resolved for the answers (each material asked for once). */
export function bundleChecklist(
  bundle: SituationsSource,
  materials: readonly RequiredMaterial[],
  answers: Answers,
): Matter {
  return {
    matterId: bundle.id,
    name: bundle.name,
    version: bundle.version,
    bundle: true,
    items: materials
      .filter((m) => m.need !== 'optional')
      .sort((a, b) => a.sort - b.sort)
      .map((m) => ({
        materialId: m.materialId,
        name: m.name,
        originals: m.originalCount,
        copies: m.copyCount,
        standard: m.acceptStandard ?? '',
        mark: 'pending' as const,
      })),
    answers: plainAnswers(answers),
    situations: situationLabels(bundle, answers),
  };
}

/**
 * A pre-reviewed application as a checklist: the matter's materials for the application's answers, those the
 * platform checked online already ticked (the clerk checks the originals). Null when its matter is not in this
 * hall's catalog (it cannot be taken in here until the catalog is imported).
 */
export function toPretrialMatter(
  pretrial: PretrialView,
  matters: readonly CatalogMatter[],
  materials: readonly Material[],
): Matter | null {
  const matter = matters.find((m) => m.id === pretrial.matter.id);
  if (!matter) return null;
  const online = new Set(pretrial.materials.filter((m) => m.checkedOnline).map((m) => m.materialId));
  const base = toIntakeMatter(matter, materials, pretrial.answers);
  return {
    ...base,
    items: base.items.map((i) => (online.has(i.materialId) ? { ...i, mark: 'received', checkedOnline: true } : i)),
    pretrial: { code: pretrial.code },
  };
}

/** The first question not answered with one of its options (one only, unless multiple choice), or null. */
export function unansweredQuestion(situations: readonly Situation[], answers: Answers): Situation | null {
  return (
    situations.find((s) => {
      const a = answers[s.id];
      const values = a === undefined ? [] : typeof a === 'string' ? [a] : a;
      if (values.length === 0 || (!s.multiple && values.length > 1)) return true;
      return values.some((v) => !s.options.some((o) => o.value === v));
    }) ?? null
  );
}

/**
 * The checklist rebuilt from a newer catalog version: each material still on it with the same counts and 受理标准
 * keeps the clerk's tick (and its date or reason); a new material, or one whose terms changed, starts unticked.
 */
export function carryTicks(rebuilt: Matter, ticked: Matter): Matter {
  const before = new Map(ticked.items.map((i) => [i.materialId, i]));
  return {
    ...rebuilt,
    items: rebuilt.items.map((i) => {
      const was = before.get(i.materialId);
      if (!was || was.originals !== i.originals || was.copies !== i.copies || was.standard !== i.standard) return i;
      return {
        ...i,
        mark: was.mark,
        ...(was.dueDate !== undefined ? { dueDate: was.dueDate } : {}),
        ...(was.reason !== undefined ? { reason: was.reason } : {}),
      };
    }),
  };
}
