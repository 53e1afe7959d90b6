import { z } from 'zod';
import { EVALUATION_CHANNELS, ratingLevelSchema } from '@onedoor/protocol';
import type { EvaluationRecord, EvaluationStore } from '../../app/ports.js';
import type { Db } from './database.js';

interface EvaluationRow {
  id: string;
  ticket_id: string;
  window_id: string;
  clerk_id: string | null;
  device_id: string | null;
  channel: string;
  level: number;
  case_ids: string;
  reason: string | null;
  at: string;
}

function fromRow(r: EvaluationRow): EvaluationRecord {
  return {
    id: r.id,
    ticketId: r.ticket_id,
    windowId: r.window_id,
    clerkId: r.clerk_id,
    deviceId: r.device_id,
    channel: z.enum(EVALUATION_CHANNELS).parse(r.channel),
    level: ratingLevelSchema.parse(r.level),
    caseIds: z.array(z.string()).parse(JSON.parse(r.case_ids)),
    reason: r.reason,
    at: r.at,
  };
}

/** 好差评 ratings; `ticket_id` is UNIQUE, so a ticket is rated once. */
export class SqliteEvaluationStore implements EvaluationStore {
  constructor(private readonly db: Db) {}

  recordOnce(e: EvaluationRecord): boolean {
    return (
      this.db
        .prepare(
          `INSERT OR IGNORE INTO evaluations (id, ticket_id, window_id, clerk_id, device_id, channel, level, case_ids, reason, reason_at, at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          e.id,
          e.ticketId,
          e.windowId,
          e.clerkId,
          e.deviceId,
          e.channel,
          e.level,
          JSON.stringify(e.caseIds),
          e.reason,
          e.reason === null ? null : e.at,
          e.at,
        ).changes === 1
    );
  }

  find(ticketId: string): EvaluationRecord | null {
    const row = this.db.prepare('SELECT * FROM evaluations WHERE ticket_id = ?').get(ticketId) as
      EvaluationRow | undefined;
    return row ? fromRow(row) : null;
  }

  giveReason(ticketId: string, reason: string, at: string): boolean {
    return (
      this.db
        .prepare('UPDATE evaluations SET reason = ?, reason_at = ? WHERE ticket_id = ? AND reason IS NULL')
        .run(reason, at, ticketId).changes === 1
    );
  }

  list(
    filter: { ticketId?: string | undefined; windowId?: string | undefined; maxLevel?: number | undefined },
    limit: number,
  ): EvaluationRecord[] {
    const rows = this.db
      .prepare(
        `SELECT * FROM evaluations WHERE (@ticketId IS NULL OR ticket_id = @ticketId)
           AND (@windowId IS NULL OR window_id = @windowId) AND (@maxLevel IS NULL OR level <= @maxLevel)
           ORDER BY at DESC LIMIT @limit`,
      )
      .all({
        ticketId: filter.ticketId ?? null,
        windowId: filter.windowId ?? null,
        maxLevel: filter.maxLevel ?? null,
        limit,
      }) as EvaluationRow[];
    return rows.map(fromRow);
  }

  between(fromIso: string, toIso: string): EvaluationRecord[] {
    const rows = this.db
      .prepare('SELECT * FROM evaluations WHERE at >= ? AND at < ? ORDER BY at, id')
      .all(fromIso, toIso) as EvaluationRow[];
    return rows.map(fromRow);
  }

  unratedServed(beforeIso: string, limit: number): { ticketId: string; windowId: string; clerkId: string | null }[] {
    const rows = this.db
      .prepare(
        `SELECT t.id AS ticketId, t.window_id AS windowId, t.clerk_id AS clerkId FROM tickets t
           WHERE t.status = 'done' AND t.finished_at < ? AND t.window_id IS NOT NULL
             AND NOT EXISTS (SELECT 1 FROM evaluations e WHERE e.ticket_id = t.id)
           ORDER BY t.finished_at LIMIT ?`,
      )
      .all(beforeIso, limit) as { ticketId: string; windowId: string; clerkId: string | null }[];
    return rows;
  }
}
