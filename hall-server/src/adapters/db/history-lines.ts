import type { HistoryLine } from '../../app/ports.js';
import type { Db } from './database.js';

export const iso = (ms: number) => new Date(ms).toISOString();

/** History lines of one table (rectification_steps, complaint_steps), oldest first. */
export function readHistory(db: Db, table: string, column: string, id: string): HistoryLine[] {
  return db
    .prepare(`SELECT at, by_name AS "by", status, text FROM ${table} WHERE ${column} = ? ORDER BY id`)
    .all(id) as HistoryLine[];
}

export function appendHistory(db: Db, table: string, column: string, id: string, l: HistoryLine): void {
  db.prepare(`INSERT INTO ${table} (${column}, at, by_name, status, text) VALUES (?, ?, ?, ?, ?)`).run(
    id,
    l.at,
    l.by,
    l.status,
    l.text,
  );
}
