/**
 * Kiosk search: Chinese text, full pinyin or pinyin initials (营业执照 ← "yyzz", "yingye"), English names.
 * Services, their matters (事项) and 一件事 bundles are searched together; each hit says which service takes it.
 */
import { pinyin } from 'pinyin-pro';

export type SearchKind = 'service' | 'matter' | 'bundle';

export interface SearchEntry {
  kind: SearchKind;
  label: string;
  labelEn: string;
  /** Services that take this (a matter may be handled at several). */
  serviceIds: string[];
}

interface IndexedEntry {
  entry: SearchEntry;
  text: string;
  en: string;
  initials: string;
  full: string;
}

export interface SearchIndex {
  entries: IndexedEntry[];
}

const HAN = /[\u3400-\u9fff]/;

function pinyinKeys(text: string): { initials: string; full: string } {
  if (!HAN.test(text)) {
    const plain = text.toLowerCase().replace(/[^a-z0-9]/g, '');
    return { initials: plain, full: plain };
  }
  const syllables = pinyin(text, { toneType: 'none', type: 'array', nonZh: 'consecutive', v: true });
  const clean = syllables.map((s) => s.toLowerCase().replace(/[^a-z0-9]/g, '')).filter(Boolean);
  return { initials: clean.map((s) => s[0]).join(''), full: clean.join('') };
}

export function buildSearchIndex(entries: SearchEntry[]): SearchIndex {
  return {
    entries: entries.map((entry) => ({
      entry,
      text: entry.label,
      en: entry.labelEn.toLowerCase(),
      ...pinyinKeys(entry.label),
    })),
  };
}

const KIND_ORDER: Record<SearchKind, number> = { service: 0, bundle: 1, matter: 2 };

/** Best matches first: name prefix, name contains, initials, full pinyin, English. Empty query → nothing. */
export function searchEntries(index: SearchIndex, rawQuery: string, limit = 24): SearchEntry[] {
  const query = rawQuery.trim().toLowerCase();
  if (!query) return [];
  const latin = query.replace(/[\s'’-]/g, '');
  const scored: { entry: SearchEntry; score: number }[] = [];
  for (const e of index.entries) {
    let score = Infinity;
    if (e.text.startsWith(query)) score = 0;
    else if (e.text.includes(query)) score = 1;
    else if (/^[a-z0-9]+$/.test(latin) && latin.length > 0) {
      if (e.initials.startsWith(latin)) score = 2;
      else if (e.full.startsWith(latin)) score = 3;
      else if (e.initials.includes(latin)) score = 4;
      else if (latin.length >= 2 && e.full.includes(latin)) score = 5;
    }
    if (score === Infinity && query.length >= 2 && e.en.includes(query)) score = 6;
    if (score < Infinity) scored.push({ entry: e.entry, score });
  }
  scored.sort(
    (a, b) =>
      a.score - b.score ||
      KIND_ORDER[a.entry.kind] - KIND_ORDER[b.entry.kind] ||
      a.entry.label.length - b.entry.label.length,
  );
  return scored.slice(0, limit).map((s) => s.entry);
}
