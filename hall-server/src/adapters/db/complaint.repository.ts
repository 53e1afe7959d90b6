import type { Complaint } from '../../domain/complaints/complaint.js';
import type { ComplaintStore, HistoryLine } from '../../app/ports.js';
import type { Db } from './database.js';
import { appendHistory, iso, readHistory } from './history-lines.js';

/** 服务投诉: the complainant sealed and masked in their own columns; the rest as the domain record. */
export class SqliteComplaintStore implements ComplaintStore {
  constructor(private readonly db: Db) {}

  private parse(rows: { state: string }[]): Complaint[] {
    return rows.map((r) => JSON.parse(r.state) as Complaint);
  }

  nextNumber(day: string): number {
    const row = this.db.prepare('SELECT COUNT(*) AS n FROM complaints WHERE no LIKE ?').get(`TS${day}-%`) as {
      n: number;
    };
    return row.n + 1;
  }

  insert(c: Complaint, complainant: { masked: string; sealed: string | null }): void {
    this.db
      .prepare(
        `INSERT INTO complaints (id, no, status, category, received_at, due_at, complainant_masked, complainant_sealed, state)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        c.id,
        c.no,
        c.status,
        c.category,
        iso(c.receivedAt),
        iso(c.dueAt),
        complainant.masked,
        complainant.sealed,
        JSON.stringify(c),
      );
  }

  update(c: Complaint): void {
    this.db.prepare('UPDATE complaints SET status = ?, state = ? WHERE id = ?').run(c.status, JSON.stringify(c), c.id);
  }

  find(id: string): Complaint | null {
    return (
      this.parse(this.db.prepare('SELECT state FROM complaints WHERE id = ?').all(id) as { state: string }[])[0] ?? null
    );
  }

  list(filter: { status?: string | undefined }, limit: number): Complaint[] {
    return this.parse(
      this.db
        .prepare(
          'SELECT state FROM complaints WHERE (@status IS NULL OR status = @status) ORDER BY received_at DESC LIMIT @limit',
        )
        .all({ status: filter.status ?? null, limit }) as { state: string }[],
    );
  }

  unanswered(): Complaint[] {
    return this.parse(
      this.db
        .prepare(
          "SELECT state FROM complaints WHERE status IN ('registered', 'investigating', 'handled') ORDER BY due_at",
        )
        .all() as { state: string }[],
    );
  }

  complainantMasked(id: string): string | null {
    return (
      (
        this.db.prepare('SELECT complainant_masked AS m FROM complaints WHERE id = ?').get(id) as
          { m: string } | undefined
      )?.m ?? null
    );
  }

  complainantSealed(id: string): string | null {
    return (
      (
        this.db.prepare('SELECT complainant_sealed AS s FROM complaints WHERE id = ?').get(id) as
          { s: string | null } | undefined
      )?.s ?? null
    );
  }

  purgePersonalData(beforeIso: string): number {
    // An open complaint still needs its complainant for the feedback: only archived ones are emptied.
    return this.db
      .prepare(
        `UPDATE complaints SET complainant_sealed = NULL
           WHERE status = 'archived' AND received_at < ? AND complainant_sealed IS NOT NULL`,
      )
      .run(beforeIso).changes;
  }

  addHistory(id: string, line: HistoryLine): void {
    appendHistory(this.db, 'complaint_steps', 'complaint_id', id, line);
  }

  history(id: string): HistoryLine[] {
    return readHistory(this.db, 'complaint_steps', 'complaint_id', id);
  }
}
