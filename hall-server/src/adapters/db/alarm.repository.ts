import { z } from 'zod';
import { ALARM_KINDS } from '@onedoor/protocol';
import type { AlarmRecord, AlarmStore } from '../../app/ports.js';
import type { Db } from './database.js';

interface AlarmRow {
  id: number;
  key: string;
  kind: string;
  severity: string;
  message: string;
  message_en: string;
  raised_at: string;
  cleared_at: string | null;
  acknowledged_by: string | null;
  acknowledged_at: string | null;
  note: string | null;
}

const fromRow = (r: AlarmRow): AlarmRecord => ({
  id: r.id,
  key: r.key,
  kind: z.enum(ALARM_KINDS).parse(r.kind),
  severity: z.enum(['warning', 'critical']).parse(r.severity),
  message: r.message,
  messageEn: r.message_en,
  raisedAt: r.raised_at,
  clearedAt: r.cleared_at,
  acknowledgedBy: r.acknowledged_by,
  acknowledgedAt: r.acknowledged_at,
  note: r.note,
});

/** The alarm history: one row per raised alarm, cleared and acknowledged in place, never deleted. */
export class SqliteAlarmStore implements AlarmStore {
  constructor(private readonly db: Db) {}

  private all(sql: string, ...args: unknown[]): AlarmRecord[] {
    return (this.db.prepare(sql).all(...args) as AlarmRow[]).map(fromRow);
  }

  live(): AlarmRecord[] {
    return this.all('SELECT * FROM alarms WHERE cleared_at IS NULL ORDER BY id');
  }

  unacknowledged(): AlarmRecord[] {
    return this.all('SELECT * FROM alarms WHERE acknowledged_at IS NULL ORDER BY id DESC LIMIT 500');
  }

  recentAcknowledged(limit: number): AlarmRecord[] {
    return this.all(
      'SELECT * FROM alarms WHERE acknowledged_at IS NOT NULL ORDER BY acknowledged_at DESC LIMIT ?',
      limit,
    );
  }

  find(id: number): AlarmRecord | null {
    return this.all('SELECT * FROM alarms WHERE id = ?', id)[0] ?? null;
  }

  raise(a: Omit<AlarmRecord, 'id' | 'clearedAt' | 'acknowledgedBy' | 'acknowledgedAt' | 'note'>): AlarmRecord {
    const { lastInsertRowid } = this.db
      .prepare('INSERT INTO alarms (key, kind, severity, message, message_en, raised_at) VALUES (?, ?, ?, ?, ?, ?)')
      .run(a.key, a.kind, a.severity, a.message, a.messageEn, a.raisedAt);
    return this.find(Number(lastInsertRowid))!;
  }

  clear(key: string, at: string): void {
    this.db.prepare('UPDATE alarms SET cleared_at = ? WHERE key = ? AND cleared_at IS NULL').run(at, key);
  }

  acknowledge(id: number, by: string, at: string, note: string): void {
    this.db
      .prepare(
        'UPDATE alarms SET acknowledged_by = ?, acknowledged_at = ?, note = ? WHERE id = ? AND acknowledged_at IS NULL',
      )
      .run(by, at, note, id);
  }

  thresholds(): string | null {
    return (
      (
        this.db.prepare('SELECT thresholds FROM alarm_settings WHERE id = 1').get() as
          { thresholds: string } | undefined
      )?.thresholds ?? null
    );
  }

  saveThresholds(json: string): void {
    this.db
      .prepare(
        'INSERT INTO alarm_settings (id, thresholds) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET thresholds = excluded.thresholds',
      )
      .run(json);
  }
}
