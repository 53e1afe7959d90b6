/**
 * What the platform sync needs from the outside world: the connector to the platform (what a province implements)
 * and its own stores in the hall database. `adapters/platform/` implements them; `main.ts` wires them in.
 */
import type { OutboxKind } from '@onedoor/protocol';
import type { Result } from '../../domain/result.js';
import type {
  CaseStagePush,
  EvaluationPush,
  NoShowPush,
  PlatformAppointment,
  PlatformCaseResult,
  PlatformPretrial,
  QueueStatusPush,
  WebhookEvent,
} from './contract.js';

// ---------- the connector (one per province) ----------

/**
 * How a request to the platform ended. `transient`: the link is down, slow or the platform is failing (5xx) — retried
 * with backoff for as long as it takes; `refused`: the platform answered and said no (4xx, a bad signature on either
 * side) — retried a few times, then a dead letter for a person to look at.
 */
export type ConnectorFailure = { kind: 'transient' | 'refused'; message: string };
export type ConnectorResult<T> = { ok: true; value: T } | { ok: false; failure: ConnectorFailure };

export interface Pushed {
  /** The platform had recorded this idempotency key before: nothing new was recorded. */
  duplicate: boolean;
}

export interface FeedPage<T> {
  items: T[];
  cursor: string;
}

/** The inbound request as the webhook route received it: raw bytes (signatures are over them) and headers. */
export interface InboundRequest {
  method: string;
  /** Path and query as requested. */
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** What a signed answer to the platform carries (the webhook's reply). */
export interface SignedAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export interface PlatformConnector {
  /** How requests are signed (shown on the sync page). */
  readonly signing: string;
  /** Tells the platform where to send webhooks. */
  registerWebhook(url: string): Promise<ConnectorResult<void>>;
  /** Appointments for the hall's services changed after `cursor` (null: from the beginning). */
  pullAppointments(cursor: string | null): Promise<ConnectorResult<FeedPage<PlatformAppointment>>>;
  /** Results decided in department systems after `cursor`. */
  pullCaseResults(cursor: string | null): Promise<ConnectorResult<FeedPage<PlatformCaseResult>>>;
  /** Pre-reviewed applications by 预审号 or the applicant's ID number. */
  fetchPretrials(query: { code: string } | { idNumber: string }): Promise<ConnectorResult<PlatformPretrial[]>>;
  pushCaseStage(push: CaseStagePush, idempotencyKey: string): Promise<ConnectorResult<Pushed>>;
  pushEvaluation(push: EvaluationPush, idempotencyKey: string): Promise<ConnectorResult<Pushed>>;
  pushQueueStatus(push: QueueStatusPush, idempotencyKey: string): Promise<ConnectorResult<Pushed>>;
  reportNoShow(push: NoShowPush, idempotencyKey: string): Promise<ConnectorResult<Pushed>>;
  /**
   * Checks an inbound webhook — signature, clock, nonce not seen before, contract shape — and answers the event, or
   * why it is refused (UNAUTHENTICATED for a bad signature or clock, CONFLICT for a replay, BAD_REQUEST for a body
   * that is not the contract's).
   */
  verifyWebhook(request: InboundRequest): Result<WebhookEvent>;
  /** Signs the hall's answer to a webhook so the platform can trust it. */
  signAnswer(request: InboundRequest, status: number, body: unknown): SignedAnswer;
}

// ---------- the outbox ----------

export interface OutboxEntry {
  kind: OutboxKind;
  stream: string;
  idempotencyKey: string;
  caseNo: string | null;
  summary: string;
  payload: unknown;
  /** ISO */
  createdAt: string;
  eventSeq: number | null;
}

export interface OutboxRecord extends OutboxEntry {
  id: number;
  status: 'pending' | 'delivered' | 'dead';
  /** Latest-wins records: bumped by each change; a delivery counts only for the revision it sent. */
  revision: number;
  coalesceKey: string | null;
  attempts: number;
  refusals: number;
  nextAttemptAt: string;
  lastAttemptAt: string | null;
  lastError: string | null;
  deliveredAt: string | null;
}

export interface OutboxStats {
  depth: number;
  blocked: number;
  deliveredTotal: number;
  lastDeliveredAt: string | null;
  oldestPending: OutboxRecord | null;
}

export interface OutboxStore {
  /** Inside the change's transaction. */
  append(entry: OutboxEntry): number;
  /** Latest wins: re-arms the one record of `coalesceKey` (created on first use), due no earlier than `notBefore`. */
  touch(coalesceKey: string, entry: OutboxEntry, notBefore: string): void;
  /** The first undelivered record of each stream that is due now; a stream with a dead letter waits behind it. */
  due(nowIso: string, limit: number): OutboxRecord[];
  /** When the next pending record falls due, if any. */
  nextDueAt(): string | null;
  /**
   * Marks the revision delivered; false when a newer revision arrived meanwhile (it stays pending). `holdUntil`: a
   * latest-wins record is not sent again before then, however often it changes.
   */
  markDelivered(id: number, revision: number, at: string, holdUntil: string | null): boolean;
  markFailed(
    id: number,
    f: { at: string; error: string; refusal: boolean; nextAttemptAt: string; dead: boolean; revision: number },
  ): void;
  /** A dead letter goes back to pending (refusals reset); null if `id` is not a dead letter. */
  retry(id: number, nowIso: string): OutboxRecord | null;
  find(id: number): OutboxRecord | null;
  stats(): OutboxStats;
  deadLetters(limit: number): OutboxRecord[];
  /** Delivered records written before `beforeIso` are dropped (the platform has them). */
  pruneDelivered(beforeIso: string): number;
}

// ---------- what came in ----------

export type InboundKind = 'appointment' | 'pretrial' | 'case-result';

export interface InboundStore {
  /** The highest version applied for this platform id, or null. */
  appliedVersion(kind: InboundKind, platformId: string): number | null;
  recordApplied(kind: InboundKind, platformId: string, version: number, outcome: string, at: string): void;
}

export interface PretrialRecord {
  platformId: string;
  code: string;
  version: number;
  matterCode: string;
  matterName: string;
  applicantKind: 'person' | 'legal';
  applicantKey: string;
  applicantNameMasked: string;
  applicantIdMasked: string;
  orgName: string | null;
  materials: { materialId: string; name: string; checkedOnline: boolean; note: string | null }[];
  answers: Record<string, string | string[]>;
  form: Record<string, unknown>;
  submittedAt: string;
  reviewedAt: string;
  status: 'ready' | 'received' | 'withdrawn';
  caseId: string | null;
}

export interface PretrialStore {
  upsert(p: PretrialRecord & { sealed: string; storedAt: string }): void;
  byCode(code: string): PretrialRecord | null;
  byPlatformId(platformId: string): PretrialRecord | null;
  byApplicant(applicantKey: string): PretrialRecord[];
  sealed(platformId: string): string | null;
  /** Links the case taken in for it; false when it was taken in already. */
  markReceived(platformId: string, caseId: string): boolean;
  /** Drops sealed applicants of applications stored before `beforeIso`. */
  purgePersonalData(beforeIso: string): number;
}

// ---------- bookkeeping ----------

export interface SyncMeta {
  get(key: string): string | null;
  put(key: string, value: string): void;
}

export interface SyncLogEntry {
  at: string;
  kind: 'error' | 'alarm';
  itemId: number | null;
  message: string;
}

export interface SyncLog {
  add(entry: SyncLogEntry): void;
  recent(kind: SyncLogEntry['kind'], limit: number): SyncLogEntry[];
}

/** What a rating or a queue status needs to know about tickets, read in the open transaction. */
export interface TicketFacts {
  number: string;
  serviceId: string;
  businessDay: string;
  /** The (latest) case taken in under the ticket. */
  caseId: string | null;
}

export interface PlatformLookups {
  ticket(ticketId: string): TicketFacts | null;
  /** Today's tickets issued for platform bookings: the platform's appointment id → the ticket. */
  platformTickets(businessDay: string): { appointmentId: string; ticketId: string }[];
}

export interface PlatformStores {
  outbox: OutboxStore;
  inbound: InboundStore;
  pretrials: PretrialStore;
  meta: SyncMeta;
  log: SyncLog;
  lookups: PlatformLookups;
}
