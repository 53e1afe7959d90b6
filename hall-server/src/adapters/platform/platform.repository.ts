import type { OutboxKind } from '@onedoor/protocol';
import type {
  InboundKind,
  InboundStore,
  OutboxEntry,
  OutboxRecord,
  OutboxStats,
  OutboxStore,
  PlatformLookups,
  PlatformStores,
  PretrialRecord,
  PretrialStore,
  SyncLog,
  SyncLogEntry,
  SyncMeta,
  TicketFacts,
} from '../../app/platform/platform-ports.js';
import type { Db } from '../db/database.js';
import type { NonceStore } from './signing.js';

interface OutboxRow {
  id: number;
  kind: OutboxKind;
  stream: string;
  idempotency_key: string;
  case_no: string | null;
  summary: string;
  payload: string;
  coalesce_key: string | null;
  revision: number;
  status: OutboxRecord['status'];
  attempts: number;
  refusals: number;
  created_at: string;
  next_attempt_at: string;
  last_attempt_at: string | null;
  last_error: string | null;
  delivered_at: string | null;
  event_seq: number | null;
}

const fromRow = (r: OutboxRow): OutboxRecord => ({
  id: r.id,
  kind: r.kind,
  stream: r.stream,
  idempotencyKey: r.idempotency_key,
  caseNo: r.case_no,
  summary: r.summary,
  payload: JSON.parse(r.payload) as unknown,
  coalesceKey: r.coalesce_key,
  revision: r.revision,
  status: r.status,
  attempts: r.attempts,
  refusals: r.refusals,
  createdAt: r.created_at,
  nextAttemptAt: r.next_attempt_at,
  lastAttemptAt: r.last_attempt_at,
  lastError: r.last_error,
  deliveredAt: r.delivered_at,
  eventSeq: r.event_seq,
});

/** The outbox (platform_outbox): written inside the hall's transactions, read and marked by the delivery worker. */
export class SqliteOutboxStore implements OutboxStore {
  constructor(private readonly db: Db) {}

  append(e: OutboxEntry): number {
    return Number(
      this.db
        .prepare(
          `INSERT INTO platform_outbox (kind, stream, idempotency_key, case_no, summary, payload, created_at, next_attempt_at, event_seq)
           VALUES (@kind, @stream, @idempotencyKey, @caseNo, @summary, @payload, @createdAt, @createdAt, @eventSeq)`,
        )
        .run({ ...e, payload: JSON.stringify(e.payload) }).lastInsertRowid,
    );
  }

  touch(coalesceKey: string, e: OutboxEntry, notBefore: string): void {
    this.db
      .prepare(
        `INSERT INTO platform_outbox (kind, stream, idempotency_key, case_no, summary, payload, coalesce_key, revision,
           created_at, next_attempt_at, event_seq)
         VALUES (@kind, @stream, @idempotencyKey, @caseNo, @summary, @payload, @coalesceKey, 1, @createdAt, @notBefore, @eventSeq)
         ON CONFLICT (coalesce_key) DO UPDATE SET
           revision = revision + 1,
           created_at = CASE WHEN status = 'pending' THEN created_at ELSE excluded.created_at END,
           refusals = CASE WHEN status = 'dead' THEN 0 ELSE refusals END,
           status = 'pending',
           next_attempt_at = max(next_attempt_at, excluded.next_attempt_at)`,
      )
      .run({ ...e, payload: JSON.stringify(e.payload), coalesceKey, notBefore });
  }

  due(nowIso: string, limit: number): OutboxRecord[] {
    return (
      this.db
        .prepare(
          `SELECT o.* FROM platform_outbox o
           WHERE o.status = 'pending' AND o.next_attempt_at <= ?
             AND NOT EXISTS (SELECT 1 FROM platform_outbox e
                             WHERE e.stream = o.stream AND e.status IN ('pending', 'dead') AND e.id < o.id)
           ORDER BY o.id LIMIT ?`,
        )
        .all(nowIso, limit) as OutboxRow[]
    ).map(fromRow);
  }

  nextDueAt(): string | null {
    return (
      this.db.prepare("SELECT min(next_attempt_at) AS at FROM platform_outbox WHERE status = 'pending'").get() as {
        at: string | null;
      }
    ).at;
  }

  markDelivered(id: number, revision: number, at: string, holdUntil: string | null): boolean {
    const done =
      this.db
        .prepare(
          `UPDATE platform_outbox SET status = 'delivered', delivered_at = @at, last_attempt_at = @at,
             attempts = attempts + 1, last_error = NULL, next_attempt_at = coalesce(@holdUntil, next_attempt_at)
           WHERE id = @id AND revision = @revision AND status = 'pending'`,
        )
        .run({ id, revision, at, holdUntil }).changes === 1;
    if (!done)
      // A newer revision arrived while this one was on its way: it goes out, but not before holdUntil.
      this.db
        .prepare(
          `UPDATE platform_outbox SET attempts = attempts + 1, last_attempt_at = @at, last_error = NULL,
             next_attempt_at = max(next_attempt_at, coalesce(@holdUntil, next_attempt_at))
           WHERE id = @id AND status = 'pending'`,
        )
        .run({ id, at, holdUntil });
    return done;
  }

  markFailed(
    id: number,
    f: { at: string; error: string; refusal: boolean; nextAttemptAt: string; dead: boolean; revision: number },
  ): void {
    this.db
      .prepare(
        `UPDATE platform_outbox SET attempts = attempts + 1, refusals = refusals + @refusal, last_attempt_at = @at,
           last_error = @error, next_attempt_at = @nextAttemptAt, status = CASE WHEN @dead = 1 THEN 'dead' ELSE status END
         WHERE id = @id AND status = 'pending'`,
      )
      .run({
        id,
        at: f.at,
        error: f.error.slice(0, 500),
        refusal: f.refusal ? 1 : 0,
        nextAttemptAt: f.nextAttemptAt,
        dead: f.dead ? 1 : 0,
      });
  }

  retry(id: number, nowIso: string): OutboxRecord | null {
    const changed = this.db
      .prepare(
        "UPDATE platform_outbox SET status = 'pending', refusals = 0, next_attempt_at = ? WHERE id = ? AND status = 'dead'",
      )
      .run(nowIso, id).changes;
    return changed === 1 ? this.find(id) : null;
  }

  find(id: number): OutboxRecord | null {
    const r = this.db.prepare('SELECT * FROM platform_outbox WHERE id = ?').get(id) as OutboxRow | undefined;
    return r ? fromRow(r) : null;
  }

  stats(): OutboxStats {
    const counts = this.db
      .prepare(
        `SELECT
           sum(status = 'pending') AS depth,
           sum(status = 'delivered') AS delivered,
           max(delivered_at) AS lastDeliveredAt
         FROM platform_outbox`,
      )
      .get() as { depth: number | null; delivered: number | null; lastDeliveredAt: string | null };
    const blocked = this.db
      .prepare(
        `SELECT count(*) AS n FROM platform_outbox o
         WHERE o.status = 'pending'
           AND EXISTS (SELECT 1 FROM platform_outbox d WHERE d.stream = o.stream AND d.status = 'dead' AND d.id < o.id)`,
      )
      .get() as { n: number };
    const oldest = this.db
      .prepare("SELECT * FROM platform_outbox WHERE status = 'pending' ORDER BY created_at, id LIMIT 1")
      .get() as OutboxRow | undefined;
    return {
      depth: counts.depth ?? 0,
      blocked: blocked.n,
      deliveredTotal: counts.delivered ?? 0,
      lastDeliveredAt: counts.lastDeliveredAt,
      oldestPending: oldest ? fromRow(oldest) : null,
    };
  }

  deadLetters(limit: number): OutboxRecord[] {
    return (
      this.db
        .prepare("SELECT * FROM platform_outbox WHERE status = 'dead' ORDER BY id LIMIT ?")
        .all(limit) as OutboxRow[]
    ).map(fromRow);
  }

  pruneDelivered(beforeIso: string): number {
    return this.db
      .prepare("DELETE FROM platform_outbox WHERE status = 'delivered' AND coalesce_key IS NULL AND delivered_at < ?")
      .run(beforeIso).changes;
  }
}

class SqliteInboundStore implements InboundStore {
  constructor(private readonly db: Db) {}

  appliedVersion(kind: InboundKind, platformId: string): number | null {
    const r = this.db
      .prepare('SELECT version FROM platform_inbound WHERE kind = ? AND platform_id = ?')
      .get(kind, platformId) as { version: number } | undefined;
    return r?.version ?? null;
  }

  recordApplied(kind: InboundKind, platformId: string, version: number, outcome: string, at: string): void {
    this.db
      .prepare(
        `INSERT INTO platform_inbound (kind, platform_id, version, outcome, applied_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (kind, platform_id) DO UPDATE SET version = excluded.version, outcome = excluded.outcome,
           applied_at = excluded.applied_at
         WHERE excluded.version > platform_inbound.version`,
      )
      .run(kind, platformId, version, outcome, at);
  }
}

interface PretrialRow {
  platform_id: string;
  code: string;
  version: number;
  matter_code: string;
  matter_name: string;
  applicant_kind: PretrialRecord['applicantKind'];
  applicant_key: string;
  applicant_name_masked: string;
  applicant_id_masked: string;
  org_name: string | null;
  materials: string;
  answers: string;
  form: string;
  submitted_at: string;
  reviewed_at: string;
  status: PretrialRecord['status'];
  case_id: string | null;
}

const pretrialFromRow = (r: PretrialRow): PretrialRecord => ({
  platformId: r.platform_id,
  code: r.code,
  version: r.version,
  matterCode: r.matter_code,
  matterName: r.matter_name,
  applicantKind: r.applicant_kind,
  applicantKey: r.applicant_key,
  applicantNameMasked: r.applicant_name_masked,
  applicantIdMasked: r.applicant_id_masked,
  orgName: r.org_name,
  materials: JSON.parse(r.materials) as PretrialRecord['materials'],
  answers: JSON.parse(r.answers) as PretrialRecord['answers'],
  form: JSON.parse(r.form) as PretrialRecord['form'],
  submittedAt: r.submitted_at,
  reviewedAt: r.reviewed_at,
  status: r.status,
  caseId: r.case_id,
});

/** Pre-reviewed applications; the applicant is only sealed, masked or hashed. */
class SqlitePretrialStore implements PretrialStore {
  constructor(private readonly db: Db) {}

  upsert(p: PretrialRecord & { sealed: string; storedAt: string }): void {
    this.db
      .prepare(
        `INSERT INTO platform_pretrials (platform_id, code, version, matter_code, matter_name, applicant_kind, applicant_key,
           applicant_name_masked, applicant_id_masked, org_name, applicant_sealed, materials, answers, form, submitted_at,
           reviewed_at, status, case_id, stored_at)
         VALUES (@platformId, @code, @version, @matterCode, @matterName, @applicantKind, @applicantKey, @applicantNameMasked,
           @applicantIdMasked, @orgName, @sealed, @materials, @answers, @form, @submittedAt, @reviewedAt, @status, @caseId,
           @storedAt)
         ON CONFLICT (platform_id) DO UPDATE SET code = excluded.code, version = excluded.version,
           matter_code = excluded.matter_code, matter_name = excluded.matter_name, applicant_kind = excluded.applicant_kind,
           applicant_key = excluded.applicant_key, applicant_name_masked = excluded.applicant_name_masked,
           applicant_id_masked = excluded.applicant_id_masked, org_name = excluded.org_name,
           applicant_sealed = excluded.applicant_sealed, materials = excluded.materials, answers = excluded.answers,
           form = excluded.form, submitted_at = excluded.submitted_at, reviewed_at = excluded.reviewed_at,
           status = excluded.status, stored_at = excluded.stored_at`,
      )
      .run({
        ...p,
        materials: JSON.stringify(p.materials),
        answers: JSON.stringify(p.answers),
        form: JSON.stringify(p.form),
      });
  }

  byCode(code: string): PretrialRecord | null {
    const r = this.db.prepare('SELECT * FROM platform_pretrials WHERE code = ?').get(code) as PretrialRow | undefined;
    return r ? pretrialFromRow(r) : null;
  }

  byPlatformId(platformId: string): PretrialRecord | null {
    const r = this.db.prepare('SELECT * FROM platform_pretrials WHERE platform_id = ?').get(platformId) as
      PretrialRow | undefined;
    return r ? pretrialFromRow(r) : null;
  }

  byApplicant(applicantKey: string): PretrialRecord[] {
    return (
      this.db
        .prepare('SELECT * FROM platform_pretrials WHERE applicant_key = ? ORDER BY submitted_at DESC')
        .all(applicantKey) as PretrialRow[]
    ).map(pretrialFromRow);
  }

  sealed(platformId: string): string | null {
    return (
      (
        this.db.prepare('SELECT applicant_sealed FROM platform_pretrials WHERE platform_id = ?').get(platformId) as
          { applicant_sealed: string | null } | undefined
      )?.applicant_sealed ?? null
    );
  }

  markReceived(platformId: string, caseId: string): boolean {
    return (
      this.db
        .prepare(
          "UPDATE platform_pretrials SET status = 'received', case_id = ? WHERE platform_id = ? AND status = 'ready'",
        )
        .run(caseId, platformId).changes === 1
    );
  }

  purgePersonalData(beforeIso: string): number {
    return this.db
      .prepare(
        'UPDATE platform_pretrials SET applicant_sealed = NULL WHERE applicant_sealed IS NOT NULL AND stored_at < ?',
      )
      .run(beforeIso).changes;
  }
}

class SqliteSyncMeta implements SyncMeta {
  constructor(private readonly db: Db) {}

  get(key: string): string | null {
    return (
      (this.db.prepare('SELECT value FROM platform_meta WHERE key = ?').get(key) as { value: string } | undefined)
        ?.value ?? null
    );
  }

  put(key: string, value: string): void {
    this.db
      .prepare(
        'INSERT INTO platform_meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
      )
      .run(key, value);
  }
}

const SYNC_LOG_KEPT = 300;

class SqliteSyncLog implements SyncLog {
  constructor(private readonly db: Db) {}

  add(e: SyncLogEntry): void {
    const id = Number(
      this.db
        .prepare('INSERT INTO platform_sync_log (at, kind, item_id, message) VALUES (?, ?, ?, ?)')
        .run(e.at, e.kind, e.itemId, e.message.slice(0, 1000)).lastInsertRowid,
    );
    if (id % 50 === 0) this.db.prepare('DELETE FROM platform_sync_log WHERE id <= ?').run(id - SYNC_LOG_KEPT);
  }

  recent(kind: SyncLogEntry['kind'], limit: number): SyncLogEntry[] {
    return (
      this.db
        .prepare('SELECT at, kind, item_id, message FROM platform_sync_log WHERE kind = ? ORDER BY id DESC LIMIT ?')
        .all(kind, limit) as { at: string; kind: SyncLogEntry['kind']; item_id: number | null; message: string }[]
    ).map((r) => ({ at: r.at, kind: r.kind, itemId: r.item_id, message: r.message }));
  }
}

class SqlitePlatformLookups implements PlatformLookups {
  constructor(private readonly db: Db) {}

  ticket(ticketId: string): TicketFacts | null {
    const t = this.db.prepare('SELECT number, service_id, business_day FROM tickets WHERE id = ?').get(ticketId) as
      { number: string; service_id: string; business_day: string } | undefined;
    if (!t) return null;
    // The case taken in under the ticket (a bundle's members share it: the bundle case is the one).
    const c = this.db
      .prepare("SELECT id FROM cases WHERE ticket_id = ? AND type <> 'member' ORDER BY rowid DESC LIMIT 1")
      .get(ticketId) as { id: string } | undefined;
    return { number: t.number, serviceId: t.service_id, businessDay: t.business_day, caseId: c?.id ?? null };
  }

  platformTickets(businessDay: string): { appointmentId: string; ticketId: string }[] {
    return (
      this.db
        .prepare(
          `SELECT platform_ref, ticket_id FROM appointments
           WHERE business_day = ? AND platform_ref IS NOT NULL AND ticket_id IS NOT NULL ORDER BY slot_start`,
        )
        .all(businessDay) as { platform_ref: string; ticket_id: string }[]
    ).map((r) => ({ appointmentId: r.platform_ref, ticketId: r.ticket_id }));
  }
}

/** Nonces of signed webhooks, kept as long as their timestamp could still pass the clock check. */
export class SqliteNonceStore implements NonceStore {
  constructor(private readonly db: Db) {}

  remember(nonce: string, nowMs: number, keepMs: number): boolean {
    this.db.prepare('DELETE FROM platform_nonces WHERE seen_at < ?').run(nowMs - keepMs);
    return (
      this.db.prepare('INSERT OR IGNORE INTO platform_nonces (nonce, seen_at) VALUES (?, ?)').run(nonce, nowMs)
        .changes === 1
    );
  }
}

/** Every store of the platform sync over the hall database. */
export function sqlitePlatformStores(db: Db): PlatformStores & { nonces: SqliteNonceStore } {
  return {
    outbox: new SqliteOutboxStore(db),
    inbound: new SqliteInboundStore(db),
    pretrials: new SqlitePretrialStore(db),
    meta: new SqliteSyncMeta(db),
    log: new SqliteSyncLog(db),
    lookups: new SqlitePlatformLookups(db),
    nonces: new SqliteNonceStore(db),
  };
}
