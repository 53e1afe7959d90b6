/**
 * The catalog as the intake screen needs it: matters in force with their material names, searched (pinyin too),
 * the checklist of a matter for its 办理情形 answers, and a pre-reviewed application opened as a checklist.
 * Pure functions; fetching is in `use-intake.ts`. Search is by name, pinyin initials or full pinyin, and codes.
 */
import { pinyin } from 'pinyin-pro';
import type { Condition, Material, Matter as CatalogMatter, PretrialView } from '@onedoor/protocol';
import type { Matter } from './intake-flow';

export type Answers = Readonly<Record<string, string | readonly string[]>>;

/** A material with a 办理情形 condition is needed when the answer is (or, multiple choice, contains) one it names. */
function conditionHolds(cond: Condition | undefined, answers: Answers): boolean {
  if (!cond) return true;
  const a = answers[cond.situationId];
  if (a === undefined) return false;
  return (typeof a === 'string' ? [a] : a).some((v) => cond.anyOf.includes(v));
}

/** The answers as the clerk and the receipt read them: question → option labels. */
export function situationLabels(matter: CatalogMatter, answers: Answers): { question: string; answer: string }[] {
  return matter.situations.flatMap((s) => {
    const a = answers[s.id];
    if (a === undefined) return [];
    const values = typeof a === 'string' ? [a] : a;
    const answer = values.map((v) => s.options.find((o) => o.value === v)?.label ?? v).join('、');
    return [{ question: s.question, answer }];
  });
}

/** The checklist of one matter for the given 办理情形 answers: its 必要/容缺 materials, none ticked yet. */
export function toIntakeMatter(matter: CatalogMatter, materials: readonly Material[], answers: Answers = {}): Matter {
  const names = new Map(materials.map((m) => [m.id, m.name]));
  return {
    matterId: matter.id,
    name: matter.name,
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
    answers: Object.fromEntries(Object.entries(answers).map(([k, v]) => [k, typeof v === 'string' ? v : [...v]])),
    situations: situationLabels(matter, answers),
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

type Searchable = Pick<CatalogMatter, 'id' | 'name' | 'basicCode' | 'implCode'>;

export interface MatterIndex<T extends Searchable> {
  entries: { matter: T; name: string; codes: string; initials: string; full: string }[];
}

/** Pinyin of each matter's name, computed once per catalog (spjy ← 食品经营许可). */
export function indexMatters<T extends Searchable>(matters: readonly T[]): MatterIndex<T> {
  return {
    entries: matters.map((matter) => {
      const syllables = pinyin(matter.name, { toneType: 'none', type: 'array', nonZh: 'consecutive', v: true })
        .map((x) => x.toLowerCase().replace(/[^a-z0-9]/g, ''))
        .filter(Boolean);
      return {
        matter,
        name: matter.name.toLowerCase(),
        codes: `${matter.id} ${matter.basicCode} ${matter.implCode}`.toLowerCase(),
        initials: syllables.map((x) => x[0]).join(''),
        full: syllables.join(''),
      };
    }),
  };
}

/** How well one word of the query fits (lower is better), or null: name text, pinyin initials, full pinyin, codes. */
function wordScore(e: MatterIndex<Searchable>['entries'][number], word: string): number | null {
  if (e.name.startsWith(word)) return 0;
  if (e.name.includes(word)) return 1;
  if (/^[a-z]+$/.test(word)) {
    if (e.initials.startsWith(word)) return 2;
    if (e.initials.includes(word)) return 3;
    if (e.full.startsWith(word)) return 4;
    if (word.length >= 2 && e.full.includes(word)) return 5;
  }
  return e.codes.includes(word) ? 6 : null;
}

/**
 * Whether a matter is one the ticket's service lists (`ServiceView.matters` holds ids, codes or names, and a
 * service's short name such as 不动产转移登记 stands for the catalog's 不动产转移登记（存量房买卖）).
 */
export function listedBy(matter: Searchable, serviceMatters: readonly string[]): boolean {
  return serviceMatters.some((raw) => {
    const s = raw.trim();
    if (!s) return false;
    if ([matter.id, matter.basicCode, matter.implCode, matter.name].includes(s)) return true;
    return s.length >= 4 && (matter.name.includes(s) || s.includes(matter.name));
  });
}

/**
 * Matters that fit every word of the query (Chinese text, pinyin initials such as "spjy", full pinyin, codes;
 * case-insensitive), the matters of the ticket's service first, then the best fits; every matter for an empty query.
 */
export function searchMatters<T extends Searchable>(
  index: MatterIndex<T>,
  query: string,
  serviceMatters: readonly string[] = [],
): { matter: T; ofService: boolean }[] {
  const words = query.trim().toLowerCase().split(/\s+/).filter(Boolean);
  const hits: { matter: T; ofService: boolean; score: number; at: number }[] = [];
  index.entries.forEach((e, at) => {
    let score = 0;
    for (const w of words) {
      const s = wordScore(e, w);
      if (s === null) return;
      score += s;
    }
    hits.push({ matter: e.matter, ofService: listedBy(e.matter, serviceMatters), score, at });
  });
  hits.sort((a, b) => Number(b.ofService) - Number(a.ofService) || a.score - b.score || a.at - b.at);
  return hits.map(({ matter, ofService }) => ({ matter, ofService }));
}
