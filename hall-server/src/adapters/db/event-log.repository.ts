import type { CommandLog, EventLog, EventLogEntry, LoggedEvent, QueueHistory } from '../../app/ports.js';
import type { Db } from './database.js';

/** The append-only `events` table (triggers refuse UPDATE and DELETE). */
export class SqliteEventLog implements EventLog {
  private readonly insert;

  constructor(private readonly db: Db) {
    this.insert = db.prepare(
      'INSERT INTO events (seq, idx, type, at, business_day, actor, payload) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
  }

  append(seq: number, entries: readonly EventLogEntry[], businessDay: string, actor: string | null): void {
    entries.forEach((e, idx) => this.insert.run(seq, idx, e.type, e.at, businessDay, actor, JSON.stringify(e.payload)));
  }

  lastSeq(): number {
    const row = this.db.prepare('SELECT max(seq) AS seq FROM events').get() as { seq: number | null };
    return row.seq ?? 0;
  }

  recentCalls(businessDay: string, limit: number): { seq: number; ticketId: string; recall: boolean; at: string }[] {
    const rows = this.db
      .prepare(
        "SELECT seq, payload FROM events WHERE business_day = ? AND type = 'ticket.called' ORDER BY seq DESC LIMIT ?",
      )
      .all(businessDay, limit) as { seq: number; payload: string }[];
    return rows.map((r) => {
      const e = JSON.parse(r.payload) as { ticketId: string; recall: boolean; at: string };
      return { seq: r.seq, ticketId: e.ticketId, recall: e.recall, at: e.at };
    });
  }

  callsBetween(
    afterSeq: number,
    upTo: number,
    limit: number,
  ): { seq: number; ticketId: string; windowId: string; recall: boolean; at: string }[] {
    const rows = this.db
      .prepare(
        "SELECT seq, payload FROM events WHERE seq > ? AND seq <= ? AND type = 'ticket.called' ORDER BY seq DESC LIMIT ?",
      )
      .all(afterSeq, upTo, limit) as { seq: number; payload: string }[];
    return rows.reverse().map((r) => {
      const e = JSON.parse(r.payload) as { ticketId: string; windowId: string; recall: boolean; at: string };
      return { seq: r.seq, ticketId: e.ticketId, windowId: e.windowId, recall: e.recall, at: e.at };
    });
  }

  since(seq: number, limit: number): LoggedEvent[] {
    const rows = this.db
      .prepare(
        'SELECT seq, idx, type, at, business_day, actor, payload FROM events WHERE seq > ? ORDER BY seq, idx LIMIT ?',
      )
      .all(seq, limit) as EventRow[];
    return rows.map(loggedEvent);
  }
}

/** `command_log`: the first answer to each requestId. */
export class SqliteCommandLog implements CommandLog {
  constructor(private readonly db: Db) {}

  find(requestId: string): { result: unknown } | undefined {
    const row = this.db.prepare('SELECT result FROM command_log WHERE request_id = ?').get(requestId) as
      { result: string } | undefined;
    return row ? { result: JSON.parse(row.result) as unknown } : undefined;
  }

  record(requestId: string, result: unknown, at: string): void {
    this.db
      .prepare('INSERT INTO command_log (request_id, result, at) VALUES (?, ?, ?)')
      .run(requestId, JSON.stringify(result), at);
  }
}

/** The statistics' read of the event log (by business day, ticket events only). */
export class SqliteQueueHistory implements QueueHistory {
  constructor(private readonly db: Db) {}

  ticketEvents(fromDay: string, toDay: string): LoggedEvent[] {
    const rows = this.db
      .prepare(
        "SELECT seq, idx, type, at, business_day, actor, payload FROM events WHERE business_day BETWEEN ? AND ? AND type LIKE 'ticket.%' ORDER BY seq, idx",
      )
      .all(fromDay, toDay) as EventRow[];
    return rows.map(loggedEvent);
  }
}

interface EventRow {
  seq: number;
  idx: number;
  type: string;
  at: string;
  business_day: string;
  actor: string | null;
  payload: string;
}

const loggedEvent = (r: EventRow): LoggedEvent => ({
  seq: r.seq,
  idx: r.idx,
  type: r.type,
  at: r.at,
  businessDay: r.business_day,
  actor: r.actor,
  payload: JSON.parse(r.payload) as unknown,
});
