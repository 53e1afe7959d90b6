import type { EvaluationStore } from '../../app/ports.js';
import type { Db } from './database.js';

/** 好差评 ratings; `ticket_id` is UNIQUE, so a ticket is rated once. */
export class SqliteEvaluationStore implements EvaluationStore {
  constructor(private readonly db: Db) {}

  recordOnce(e: Parameters<EvaluationStore['recordOnce']>[0]): boolean {
    return (
      this.db
        .prepare(
          'INSERT OR IGNORE INTO evaluations (id, ticket_id, window_id, clerk_id, device_id, channel, level, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
        )
        .run(e.id, e.ticketId, e.windowId, e.clerkId, e.deviceId, e.channel, e.level, e.at).changes === 1
    );
  }
}
