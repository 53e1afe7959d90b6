import type { Rectification } from '../../domain/evaluations/rectification.js';
import type { HistoryLine, RectificationStore } from '../../app/ports.js';
import type { Db } from './database.js';
import { appendHistory, iso, readHistory } from './history-lines.js';

/** 差评整改: the domain record as JSON beside the columns the lists and the overdue alarm query. */
export class SqliteRectificationStore implements RectificationStore {
  constructor(private readonly db: Db) {}

  private parse(rows: { state: string }[]): Rectification[] {
    return rows.map((r) => JSON.parse(r.state) as Rectification);
  }

  insert(r: Rectification, at: string): void {
    this.db
      .prepare(
        'INSERT INTO rectifications (id, evaluation_id, status, due_at, opened_at, state) VALUES (?, ?, ?, ?, ?, ?)',
      )
      .run(r.id, r.evaluationId, r.status, iso(r.dueAt), at, JSON.stringify(r));
  }

  update(r: Rectification): void {
    this.db
      .prepare('UPDATE rectifications SET status = ?, due_at = ?, state = ? WHERE id = ?')
      .run(r.status, iso(r.dueAt), JSON.stringify(r), r.id);
  }

  find(id: string): Rectification | null {
    return (
      this.parse(this.db.prepare('SELECT state FROM rectifications WHERE id = ?').all(id) as { state: string }[])[0] ??
      null
    );
  }

  list(filter: { status?: string | undefined; evaluationId?: string | undefined }, limit: number): Rectification[] {
    const rows = this.db
      .prepare(
        `SELECT state FROM rectifications WHERE (@status IS NULL OR status = @status)
           AND (@evaluationId IS NULL OR evaluation_id = @evaluationId)
         ORDER BY CASE WHEN status IN ('invalid', 'closed') THEN 1 ELSE 0 END, due_at, opened_at DESC LIMIT @limit`,
      )
      .all({ status: filter.status ?? null, evaluationId: filter.evaluationId ?? null, limit }) as { state: string }[];
    return this.parse(rows);
  }

  awaiting(): Rectification[] {
    return this.parse(
      this.db
        .prepare("SELECT state FROM rectifications WHERE status IN ('pending', 'rectifying') ORDER BY due_at")
        .all() as { state: string }[],
    );
  }

  addHistory(id: string, line: HistoryLine): void {
    appendHistory(this.db, 'rectification_steps', 'rectification_id', id, line);
  }

  history(id: string): HistoryLine[] {
    return readHistory(this.db, 'rectification_steps', 'rectification_id', id);
  }
}
