/**
 * Matter search at the window: by name, pinyin initials (spjy ← 食品经营许可) or full pinyin, and codes, the matters
 * of the ticket's service first. Pure; the pinyin of a catalog is computed once (`indexMatters`).
 */
import { pinyin } from 'pinyin-pro';
import type { Matter as CatalogMatter } from '@onedoor/protocol';

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
