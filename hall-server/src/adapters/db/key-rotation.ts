import type { PersonalDataVault } from '../../app/ports.js';
import type { Db } from './database.js';

/**
 * Every sealed column of the hall and the keyed hash (lookup key) computed from the ID number inside it: a new data
 * key re-seals the one and recomputes the other. A row whose sealed copy was purged (retention) keeps its old hash,
 * which then matches nothing — the same as a purged row's data.
 */
const SEALED: {
  table: string;
  sealed: string;
  key: string | null;
  idNumber: (v: Record<string, unknown>) => unknown;
}[] = [
  { table: 'tickets', sealed: 'holder_sealed', key: 'holder_key', idNumber: (v) => v.idNumber },
  { table: 'appointments', sealed: 'holder_sealed', key: 'holder_key', idNumber: (v) => v.idNumber },
  { table: 'cases', sealed: 'applicant_sealed', key: 'applicant_key', idNumber: (v) => v.idNumber },
  {
    table: 'platform_pretrials',
    sealed: 'applicant_sealed',
    key: 'applicant_key',
    idNumber: (v) => (v.kind === 'legal' ? v.contactIdNumber : v.idNumber),
  },
  { table: 'demo_device_links', sealed: 'token_sealed', key: null, idNumber: () => null },
];

/** One sealed value of the database, to tell which key it was sealed with; null when nothing is sealed. */
export function sampleSealed(db: Db): string | null {
  for (const t of SEALED) {
    const row = db.prepare(`SELECT ${t.sealed} AS s FROM ${t.table} WHERE ${t.sealed} IS NOT NULL LIMIT 1`).get() as
      { s: string } | undefined;
    if (row) return row.s;
  }
  return null;
}

/** Re-seals every sealed value under `to` and recomputes its lookup key, in one transaction (all or nothing). */
export function rotateSealedData(db: Db, from: PersonalDataVault, to: PersonalDataVault): { resealed: number } {
  let resealed = 0;
  db.transaction(() => {
    for (const t of SEALED) {
      const rows = db
        .prepare(`SELECT rowid AS id, ${t.sealed} AS s FROM ${t.table} WHERE ${t.sealed} IS NOT NULL`)
        .all() as { id: number; s: string }[];
      const reseal = db.prepare(`UPDATE ${t.table} SET ${t.sealed} = ? WHERE rowid = ?`);
      const rekey = t.key ? db.prepare(`UPDATE ${t.table} SET ${t.sealed} = ?, ${t.key} = ? WHERE rowid = ?`) : null;
      for (const row of rows) {
        const value = from.open<Record<string, unknown>>(row.s);
        const sealed = to.seal(value);
        const id = t.idNumber(value);
        if (rekey && typeof id === 'string') rekey.run(sealed, to.lookupKey(id), row.id);
        else reseal.run(sealed, row.id);
        resealed += 1;
      }
    }
  })();
  return { resealed };
}
