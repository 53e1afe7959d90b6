import type { DeviceKind, StaffRole } from '@onedoor/protocol';
import type {
  AuditLog,
  AuditRecord,
  DeviceRecord,
  DeviceStore,
  StaffRecord,
  StaffStore,
  StoredStaff,
} from '../../app/ports.js';
import type { Db } from './database.js';

interface DeviceRow {
  id: string;
  kind: DeviceKind;
  name: string;
  window_id: string | null;
  settings: string;
  token_hash: string | null;
  online: number;
  status: string;
  last_seen_at: string | null;
}

const deviceFromRow = (r: DeviceRow): DeviceRecord => ({
  id: r.id,
  kind: r.kind,
  name: r.name,
  windowId: r.window_id,
  settings: JSON.parse(r.settings) as Record<string, unknown>,
  paired: r.token_hash !== null,
  online: r.online === 1,
  status: JSON.parse(r.status) as string[],
  lastSeenAt: r.last_seen_at,
});

/** Staff, sessions, devices and the audit log. Tokens are stored only as hashes. */
export class AuthRepository implements StaffStore, DeviceStore, AuditLog {
  constructor(private readonly db: Db) {}

  upsertStaff(s: StaffRecord, at: string): void {
    this.db
      .prepare(
        `INSERT INTO staff (id, username, name, roles, password_hash, enabled, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET username = excluded.username, name = excluded.name, roles = excluded.roles,
           password_hash = excluded.password_hash, enabled = excluded.enabled`,
      )
      .run(s.id, s.username, s.name, JSON.stringify(s.roles), s.passwordHash, s.enabled ? 1 : 0, at);
  }

  private staffFromRow(r: {
    id: string;
    username: string;
    name: string;
    roles: string;
    password_hash: string;
    enabled: number;
    card_key: string | null;
  }): StoredStaff {
    return {
      id: r.id,
      username: r.username,
      name: r.name,
      roles: JSON.parse(r.roles) as StaffRole[],
      passwordHash: r.password_hash,
      enabled: r.enabled === 1,
      hasCard: r.card_key !== null,
    };
  }

  findStaffByUsername(username: string): StoredStaff | null {
    const r = this.db.prepare('SELECT * FROM staff WHERE username = ?').get(username) as
      Parameters<AuthRepository['staffFromRow']>[0] | undefined;
    return r ? this.staffFromRow(r) : null;
  }

  findStaffByCardKey(cardKey: string): StoredStaff | null {
    const r = this.db.prepare('SELECT * FROM staff WHERE card_key = ?').get(cardKey) as
      Parameters<AuthRepository['staffFromRow']>[0] | undefined;
    return r ? this.staffFromRow(r) : null;
  }

  setStaffCardKey(staffId: string, cardKey: string | null): boolean {
    const other = cardKey ? this.findStaffByCardKey(cardKey) : null;
    if (other && other.id !== staffId) return false;
    this.db.prepare('UPDATE staff SET card_key = ? WHERE id = ?').run(cardKey, staffId);
    return true;
  }

  findStaff(id: string): StoredStaff | null {
    const r = this.db.prepare('SELECT * FROM staff WHERE id = ?').get(id) as
      Parameters<AuthRepository['staffFromRow']>[0] | undefined;
    return r ? this.staffFromRow(r) : null;
  }

  listStaff(): StoredStaff[] {
    return (
      this.db.prepare('SELECT * FROM staff ORDER BY username').all() as Parameters<AuthRepository['staffFromRow']>[0][]
    ).map((r) => this.staffFromRow(r));
  }

  countStaff(): number {
    return (this.db.prepare('SELECT count(*) AS n FROM staff').get() as { n: number }).n;
  }

  createSession(tokenHash: string, staffId: string, at: string, expiresAt: string): void {
    this.db
      .prepare('INSERT INTO sessions (token_hash, staff_id, created_at, expires_at) VALUES (?, ?, ?, ?)')
      .run(tokenHash, staffId, at, expiresAt);
  }

  findSession(tokenHash: string, nowIso: string): StaffRecord | null {
    const r = this.db
      .prepare(
        'SELECT s.* FROM sessions x JOIN staff s ON s.id = x.staff_id WHERE x.token_hash = ? AND x.expires_at > ? AND s.enabled = 1',
      )
      .get(tokenHash, nowIso) as Parameters<AuthRepository['staffFromRow']>[0] | undefined;
    return r ? this.staffFromRow(r) : null;
  }

  deleteSession(tokenHash: string): void {
    this.db.prepare('DELETE FROM sessions WHERE token_hash = ?').run(tokenHash);
  }

  deleteSessionsOf(staffId: string): void {
    this.db.prepare('DELETE FROM sessions WHERE staff_id = ?').run(staffId);
  }

  upsertDevice(d: {
    id: string;
    kind: DeviceKind;
    name: string;
    windowId: string | null;
    settings: Record<string, unknown>;
  }): void {
    this.db
      .prepare(
        `INSERT INTO devices (id, kind, name, window_id, settings) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET kind = excluded.kind, name = excluded.name, window_id = excluded.window_id, settings = excluded.settings`,
      )
      .run(d.id, d.kind, d.name, d.windowId, JSON.stringify(d.settings));
  }

  listDevices(): DeviceRecord[] {
    return (this.db.prepare('SELECT * FROM devices ORDER BY id').all() as DeviceRow[]).map(deviceFromRow);
  }

  findDevice(id: string): DeviceRecord | null {
    const r = this.db.prepare('SELECT * FROM devices WHERE id = ?').get(id) as DeviceRow | undefined;
    return r ? deviceFromRow(r) : null;
  }

  findDeviceByToken(tokenHash: string): DeviceRecord | null {
    const r = this.db.prepare('SELECT * FROM devices WHERE token_hash = ?').get(tokenHash) as DeviceRow | undefined;
    return r ? deviceFromRow(r) : null;
  }

  setPairingCode(deviceId: string, codeHash: string, expiresAt: string): boolean {
    return (
      this.db
        .prepare('UPDATE devices SET pairing_code_hash = ?, pairing_expires_at = ? WHERE id = ?')
        .run(codeHash, expiresAt, deviceId).changes === 1
    );
  }

  /** Exchanges a valid, unexpired pairing code for a device token (the code works once). */
  completePairing(codeHash: string, tokenHash: string, nowIso: string): DeviceRecord | null {
    return this.db.transaction(() => {
      const r = this.db
        .prepare('SELECT * FROM devices WHERE pairing_code_hash = ? AND pairing_expires_at > ?')
        .get(codeHash, nowIso) as DeviceRow | undefined;
      if (!r) return null;
      this.db
        .prepare(
          'UPDATE devices SET token_hash = ?, pairing_code_hash = NULL, pairing_expires_at = NULL, paired_at = ? WHERE id = ?',
        )
        .run(tokenHash, nowIso, r.id);
      return deviceFromRow({ ...r, token_hash: tokenHash });
    })();
  }

  setDeviceToken(deviceId: string, tokenHash: string, nowIso: string): void {
    this.db.prepare('UPDATE devices SET token_hash = ?, paired_at = ? WHERE id = ?').run(tokenHash, nowIso, deviceId);
  }

  setDeviceState(deviceId: string, online: boolean, status: string[], at: string): boolean {
    return (
      this.db
        .prepare('UPDATE devices SET online = ?, status = ?, last_seen_at = ? WHERE id = ?')
        .run(online ? 1 : 0, JSON.stringify(status), at, deviceId).changes === 1
    );
  }

  revokeDevice(deviceId: string, at: string): boolean {
    return (
      this.db
        .prepare(
          `UPDATE devices SET token_hash = NULL, pairing_code_hash = NULL, pairing_expires_at = NULL, online = 0,
             status = '["revoked"]', last_seen_at = ? WHERE id = ?`,
        )
        .run(at, deviceId).changes === 1
    );
  }

  audit(
    at: string,
    staffId: string | null,
    action: string,
    target: string | null,
    detail: string | null,
    change?: { before: unknown; after: unknown },
  ): void {
    const json = (v: unknown) => (v === undefined || v === null ? null : JSON.stringify(v));
    this.db
      .prepare(
        'INSERT INTO audit_log (at, staff_id, action, target, detail, before_json, after_json) VALUES (?, ?, ?, ?, ?, ?, ?)',
      )
      .run(at, staffId, action, target, detail, json(change?.before), json(change?.after));
  }

  auditBetween(
    filter: { fromIso: string; toIso: string; staffId?: string | undefined; actionPrefix?: string | undefined },
    limit: number,
  ): AuditRecord[] {
    const rows = this.db
      .prepare(
        `SELECT id, at, staff_id, action, target, detail, before_json, after_json FROM audit_log
         WHERE at >= ? AND at < ? AND (? IS NULL OR staff_id = ?) AND (? IS NULL OR substr(action, 1, length(?)) = ?)
         ORDER BY id DESC LIMIT ?`,
      )
      .all(
        filter.fromIso,
        filter.toIso,
        filter.staffId ?? null,
        filter.staffId ?? null,
        filter.actionPrefix ?? null,
        filter.actionPrefix ?? null,
        filter.actionPrefix ?? null,
        limit,
      ) as {
      id: number;
      at: string;
      staff_id: string | null;
      action: string;
      target: string | null;
      detail: string | null;
      before_json: string | null;
      after_json: string | null;
    }[];
    return rows.map((r) => ({
      id: r.id,
      at: r.at,
      staffId: r.staff_id,
      action: r.action,
      target: r.target,
      detail: r.detail,
      before: r.before_json === null ? null : (JSON.parse(r.before_json) as unknown),
      after: r.after_json === null ? null : (JSON.parse(r.after_json) as unknown),
    }));
  }

  auditEntries(
    limit = 100,
  ): { at: string; staff_id: string | null; action: string; target: string | null; detail: string | null }[] {
    return this.db
      .prepare('SELECT at, staff_id, action, target, detail FROM audit_log ORDER BY id DESC LIMIT ?')
      .all(limit) as {
      at: string;
      staff_id: string | null;
      action: string;
      target: string | null;
      detail: string | null;
    }[];
  }
}
