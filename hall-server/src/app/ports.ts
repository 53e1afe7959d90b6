/**
 * What the use cases need from the outside world. Adapters implement these (`adapters/db/` over better-sqlite3,
 * `adapters/crypto/`, the logger, the SMS sender); `main.ts` builds them and hands them to `createHallApp`, and tests
 * may hand in their own. Nothing in app/ knows a table, a statement or a file.
 */
import type {
  AlarmView,
  AppointmentView,
  CalendarOverride,
  DeviceKind,
  DeviceView,
  EvaluationChannel,
  RatingLevelNumber,
  ServiceConfig,
  StaffRole,
  WindowConfig,
} from '@onedoor/protocol';
import type { QueueChanges, QueueRules, QueueState } from '../domain/queue/queue.types.js';
import type { CaseMaterial, CaseState, CaseStep } from '../domain/cases/case.types.js';
import type { Bundle, Department, Material, Matter } from '../domain/catalog/catalog.types.js';
import type { Cell } from '../domain/catalog/catalog.sheets.js';
import type { Rectification } from '../domain/evaluations/rectification.js';
import type { Complaint } from '../domain/complaints/complaint.js';

// ---------- time, ids, logs ----------

export interface Clock {
  /** epoch ms */
  now(): number;
}

export interface IdGenerator {
  newId(): string;
}

export interface Logger {
  info(obj: object | string, msg?: string): void;
  warn(obj: object | string, msg?: string): void;
  error(obj: object | string, msg?: string): void;
  debug(obj: object | string, msg?: string): void;
}

export const systemClock: Clock = { now: () => Date.now() };

export const silentLogger: Logger = { info() {}, warn() {}, error() {}, debug() {} };

/** Who asked for a change: recorded with every event. */
export type Actor =
  { kind: 'staff'; staffId: string } | { kind: 'device'; deviceId: string } | { kind: 'system'; reason: string };

// ---------- the unit of work ----------

/**
 * The hall's one write transaction, as the pipeline drives it: a batch is BEGIN IMMEDIATE … COMMIT, each command in it
 * a savepoint that is released or rolled back to. Reads through the stores see the open transaction.
 */
export interface UnitOfWork {
  begin(): void;
  savepoint(): void;
  release(): void;
  /** Undoes the current command's writes (ROLLBACK TO, then RELEASE): the batch goes on. */
  rollbackToSavepoint(): void;
  commit(): void;
  /** Undoes the whole batch; harmless when no transaction is open. */
  rollback(): void;
}

// ---------- the event log and the command log ----------

/** One row of the event log; a command's rows share its sequence number. */
export interface EventLogEntry {
  type: string;
  /** ISO time */
  at: string;
  payload: unknown;
}

export interface LoggedEvent extends EventLogEntry {
  seq: number;
  idx: number;
  businessDay: string;
  actor: string | null;
}

/** The append-only, numbered log of everything that happened in the hall. */
export interface EventLog {
  append(seq: number, entries: readonly EventLogEntry[], businessDay: string, actor: string | null): void;
  /** The highest sequence number written (0 for a new hall). */
  lastSeq(): number;
  /** The day's latest calls, newest first (a board's recent calls after a restart). */
  recentCalls(businessDay: string, limit: number): { seq: number; ticketId: string; recall: boolean; at: string }[];
  /** Rows after `seq`, in order, at most `limit`. */
  since(seq: number, limit: number): LoggedEvent[];
  /** The calls with a seq in (afterSeq, upTo], oldest first, at most the newest `limit` (a board's missed calls). */
  callsBetween(
    afterSeq: number,
    upTo: number,
    limit: number,
  ): { seq: number; ticketId: string; windowId: string; recall: boolean; at: string }[];
}

/** Results of commands sent with a requestId, so a retry gets the first answer instead of acting twice. */
export interface CommandLog {
  /** The stored result, or undefined when the request is new. */
  find(requestId: string): { result: unknown } | undefined;
  record(requestId: string, result: unknown, at: string): void;
}

// ---------- the queue ----------

export interface QueueStore {
  getMeta(key: string): string | null;
  putMeta(key: string, value: string): void;
  saveService(service: ServiceConfig, at: string): void;
  saveWindow(window: WindowConfig, at: string): void;
  /** Rebuilds the exact in-memory queue state of `businessDay`. */
  loadState(rules: QueueRules, businessDay: string): QueueState;
  /** Writes the state a command produced (`businessDay`: the day it ran on; a reset brings its own). */
  saveChanges(changes: QueueChanges, businessDay: string): void;
  sealHolder(ticketId: string, sealed: string): void;
  /** A ticket's number and the window it was last at, on any day still kept; null when it is gone. */
  ticketOrigin(ticketId: string): { number: string; windowId: string | null } | null;
  readSealedHolder(ticketId: string): string | null;
  /** Drops sealed personal data of tickets issued before `beforeIso`; masked values stay for statistics. */
  purgePersonalData(beforeIso: string): number;
}

// ---------- appointments and evaluations ----------

/** A booking as stored: the view plus the keyed hash of the ID number, the business day and the channel. */
export interface AppointmentRecord extends AppointmentView {
  holderKey: string;
  businessDay: string;
  channel: string;
  /** The platform's id of a booking made online (一网通办), null for the hall's own. */
  platformRef: string | null;
}

export interface AppointmentStore {
  upsert(a: Omit<AppointmentRecord, 'status' | 'ticketId'> & { sealed: string; createdAt: string }): void;
  findByCode(code: string): AppointmentRecord | null;
  findById(id: string): AppointmentRecord | null;
  /** The holder's bookings of that day, the ones still to check in first, earliest slot first. */
  findForHolder(holderKey: string, businessDay: string): AppointmentRecord[];
  listDay(businessDay: string): AppointmentRecord[];
  sealed(id: string): string | null;
  purgePersonalData(beforeIso: string): number;
  /** The booking whose ticket was voided unprinted is open again. */
  reopenForTicket(ticketId: string): void;
  /** Throws when the booking is not open for check-in (the one-check-in rule, also at the storage level). */
  markCheckedIn(id: string, ticketId: string, at: string): void;
  /** Cancels a booking not checked in yet (the platform's cancellation); false when it was not open. */
  cancel(id: string): boolean;
  /** Open bookings of a business day before `dayBefore`, or whose slot ended before `slotEndBefore` (ISO). */
  openPast(slotEndBefore: string, dayBefore: string): AppointmentRecord[];
  /** Records that nobody came for an open booking; false when it was not open. */
  markNoShow(id: string): boolean;
}

export interface EvaluationRecord {
  id: string;
  ticketId: string;
  windowId: string;
  clerkId: string | null;
  deviceId: string | null;
  channel: EvaluationChannel;
  level: RatingLevelNumber;
  caseIds: string[];
  reason: string | null;
  at: string;
}

export interface EvaluationStore {
  /** Records a rating; false when the ticket has one already (one rating per ticket). */
  recordOnce(e: EvaluationRecord): boolean;
  find(ticketId: string): EvaluationRecord | null;
  /** Sets the reason of a rating that has none; false when it has one already. */
  giveReason(ticketId: string, reason: string, at: string): boolean;
  /** Newest first; `maxLevel` 2 keeps the 差评. */
  list(
    filter: { ticketId?: string | undefined; windowId?: string | undefined; maxLevel?: number | undefined },
    limit: number,
  ): EvaluationRecord[];
  /** Ratings given in [fromIso, toIso), oldest first (the statistics). */
  between(fromIso: string, toIso: string): EvaluationRecord[];
  /** Served tickets finished before `beforeIso` that nobody rated, oldest first (the default level's job). */
  unratedServed(beforeIso: string, limit: number): { ticketId: string; windowId: string; clerkId: string | null }[];
}

// ---------- 差评整改 and complaints ----------

/** One line of a rectification's or a complaint's history. */
export interface HistoryLine {
  at: string;
  by: string;
  status: string;
  text: string;
}

export interface RectificationStore {
  insert(r: Rectification, at: string): void;
  update(r: Rectification): void;
  find(id: string): Rectification | null;
  /** Open ones first (by due date), then the latest closed, at most `limit`. */
  list(filter: { status?: string | undefined; evaluationId?: string | undefined }, limit: number): Rectification[];
  /** Those whose 整改 is still to be done (pending, rectifying): the overdue alarm looks at them. */
  awaiting(): Rectification[];
  addHistory(id: string, line: HistoryLine): void;
  history(id: string): HistoryLine[];
}

export interface ComplaintStore {
  /** The next number of a day (投诉编号). */
  nextNumber(day: string): number;
  insert(c: Complaint, complainant: { masked: string; sealed: string | null }): void;
  update(c: Complaint): void;
  find(id: string): Complaint | null;
  list(filter: { status?: string | undefined }, limit: number): Complaint[];
  /** Not yet answered (registered, investigating, handled): the overdue alarm looks at them. */
  unanswered(): Complaint[];
  complainantMasked(id: string): string | null;
  complainantSealed(id: string): string | null;
  /** Drops the sealed complainant of complaints archived before `beforeIso` (the masked form stays); how many. */
  purgePersonalData(beforeIso: string): number;
  addHistory(id: string, line: HistoryLine): void;
  history(id: string): HistoryLine[];
}

// ---------- cases and the catalog ----------

export interface CaseNotificationRecord {
  id: number;
  caseId: string;
  kind: string;
  at: string;
  toMasked: string | null;
  text: string;
  status: 'pending' | 'sent' | 'failed' | 'no-phone';
}

export interface CaseStore {
  /** The next number in a scope (case numbers); drawn inside the write transaction, so a refused receipt returns it. */
  nextSequence(scope: string): number;
  insertCase(c: CaseState, personal: { key: string; sealed: string | null }, at: string): void;
  updateCase(c: CaseState, at: string): void;
  find(id: string): CaseState | null;
  findByNo(caseNo: string): CaseState | null;
  findByPlatformRef(ref: string): CaseState | null;
  /** The top-level cases taken in for a ticket (a visit may carry several matters). */
  byTicket(ticketId: string): CaseState[];
  members(parentId: string): CaseState[];
  byDept(deptId: string | null, stages: readonly CaseState['stage'][]): CaseState[];
  recent(limit: number, stage?: CaseState['stage']): CaseState[];
  /** Top-level cases received in [fromIso, toIso), oldest first (the statistics). */
  receivedBetween(fromIso: string, toIso: string): CaseState[];
  readyByApplicant(key: string): CaseState[];
  applicantKey(caseId: string): string | null;
  sealedApplicant(caseId: string): string | null;
  materials(caseId: string): CaseMaterial[];
  saveMaterials(caseId: string, list: readonly CaseMaterial[]): void;
  /** Appends a step under the hall event `eventSeq` that records it; returns its number. */
  appendStep(step: Omit<CaseStep, 'stepNo'>, eventSeq: number): number;
  steps(caseId: string): (CaseStep & { eventSeq: number })[];
  addNotification(n: Omit<CaseNotificationRecord, 'id'>): number;
  notification(id: number): (CaseNotificationRecord & { caseNo: string }) | null;
  markNotification(id: number, status: 'sent' | 'failed', at: string, error: string | null): void;
  notifications(caseId: string): CaseNotificationRecord[];
  purgePersonalData(beforeIso: string): number;
  getSetting(key: string): string | null;
  putSetting(key: string, value: string): void;
}

export interface CatalogStore {
  countMatters(): number;
  departments(): Department[];
  upsertDepartment(d: Department, at: string): 'added' | 'updated' | 'unchanged';
  materials(): Material[];
  upsertMaterial(m: Material, at: string): 'added' | 'updated' | 'unchanged';
  matterVersion(id: string, version: number): Matter | null;
  matterVersions(id: string): Matter[];
  /** The version in force on a date: the highest version effective on or before it. */
  currentMatters(date: string): Matter[];
  allMatterVersions(): Matter[];
  insertMatter(m: Matter, at: string): void;
  latestMatterVersion(id: string): number;
  bundleVersion(id: string, version: number): Bundle | null;
  currentBundles(date: string): Bundle[];
  allBundleVersions(): Bundle[];
  insertBundle(b: Bundle, at: string): void;
  recordImport(at: string, staffId: string | null, format: string, fileName: string | null, summary: unknown): number;
  staffDepartment(staffId: string): string | null;
  setStaffDepartment(staffId: string, deptId: string | null): void;
  calendarOverrides(): CalendarOverride[];
  saveCalendarOverride(o: CalendarOverride, staffId: string | null, at: string): void;
  deleteCalendarOverride(date: string): boolean;
}

/** Reads and writes the catalog's Excel workbooks (rows per sheet, cells as plain values). */
export interface Spreadsheets {
  /** null when the file is not a readable .xlsx workbook. */
  read(file: Buffer): Promise<Record<string, Cell[][]> | null>;
  write(book: {
    creator: string;
    createdAt: number;
    /** A first sheet of plain lines for people (ignored on import). */
    readme: { name: string; lines: string[] };
    sheets: Record<string, Cell[][]>;
  }): Promise<Buffer>;
}

// ---------- staff, sessions, devices, audit ----------

export interface StaffRecord {
  id: string;
  username: string;
  name: string;
  roles: StaffRole[];
  passwordHash: string;
  enabled: boolean;
}

/** A staff member as read back: with whether a card is registered (the card itself is kept only as a lookup key). */
export interface StoredStaff extends StaffRecord {
  hasCard: boolean;
}

export type DeviceRecord = DeviceView;

export interface StaffStore {
  upsertStaff(s: StaffRecord, at: string): void;
  findStaffByUsername(username: string): StoredStaff | null;
  findStaff(id: string): StoredStaff | null;
  listStaff(): StoredStaff[];
  countStaff(): number;
  /** The staff member whose registered card has this lookup key (PersonalDataVault.lookupKey of the number). */
  findStaffByCardKey(cardKey: string): StoredStaff | null;
  /** Registers (or with null removes) a staff member's card; false when another staff member has that card. */
  setStaffCardKey(staffId: string, cardKey: string | null): boolean;
  createSession(tokenHash: string, staffId: string, at: string, expiresAt: string): void;
  findSession(tokenHash: string, nowIso: string): StaffRecord | null;
  deleteSession(tokenHash: string): void;
  /** Ends every session of an account (a password reset). */
  deleteSessionsOf(staffId: string): void;
}

export interface DeviceStore {
  upsertDevice(d: {
    id: string;
    kind: DeviceKind;
    name: string;
    windowId: string | null;
    settings: Record<string, unknown>;
  }): void;
  listDevices(): DeviceRecord[];
  findDevice(id: string): DeviceRecord | null;
  findDeviceByToken(tokenHash: string): DeviceRecord | null;
  setPairingCode(deviceId: string, codeHash: string, expiresAt: string): boolean;
  /** Exchanges a valid, unexpired pairing code for a device token (the code works once). */
  completePairing(codeHash: string, tokenHash: string, nowIso: string): DeviceRecord | null;
  setDeviceToken(deviceId: string, tokenHash: string, nowIso: string): void;
  setDeviceState(deviceId: string, online: boolean, status: string[], at: string): boolean;
  /** Forgets the device's token and any open pairing code; false when there is no such device. */
  revokeDevice(deviceId: string, at: string): boolean;
}

/** Every read of full personal data and every sign-in, by whom and when. */
export interface AuditLog {
  audit(
    at: string,
    staffId: string | null,
    action: string,
    target: string | null,
    detail: string | null,
    /** A configuration change: the record as it was and as it became (null: none). */
    change?: { before: unknown; after: unknown },
  ): void;
  /** Rows with `at` in [fromIso, toIso), newest first, at most `limit`; `actionPrefix` 'config.' matches config.*. */
  auditBetween(
    filter: { fromIso: string; toIso: string; staffId?: string | undefined; actionPrefix?: string | undefined },
    limit: number,
  ): AuditRecord[];
}

export interface AuditRecord {
  id: number;
  at: string;
  staffId: string | null;
  action: string;
  target: string | null;
  detail: string | null;
  before: unknown;
  after: unknown;
}

// ---------- secrets ----------

/** Personal data at rest: sealed (encrypted), looked up through a keyed hash, opened only for staff. */
export interface PersonalDataVault {
  seal(value: unknown): string;
  open<T>(sealed: string): T;
  /** The keyed hash an ID number is found by. */
  lookupKey(idNumber: string): string;
}

/** Passwords and bearer tokens: only hashes are ever stored. */
export interface Credentials {
  hashPassword(password: string): Promise<string>;
  verifyPassword(password: string, stored: string): Promise<boolean>;
  newToken(): string;
  tokenHash(token: string): string;
  /** A random 6-digit one-time pairing code. */
  pairingCode(): string;
}

// ---------- the applicant's messages ----------

/** A message to an applicant (SMS by default): result ready for pick-up, 容缺 material due … */
export interface ApplicantMessage {
  /** Full phone number (only the sender sees it; logs and the database keep it masked). */
  to: string;
  caseNo: string;
  kind: 'result-ready' | 'tolerance-due' | 'delivered';
  text: string;
}

/** The SMS gateway (or 政务短信平台) adapter implements it. */
export interface Notifier {
  send(message: ApplicantMessage): Promise<void>;
}

// ---------- every store, as main.ts hands them in ----------

/** The demo hall's printed device links: each device's demo token, sealed with the vault (demo seeding only). */
export interface DemoLinkStore {
  findDemoLink(deviceId: string): string | null;
  saveDemoLink(deviceId: string, sealedToken: string, at: string): void;
}

// ---------- statistics (issue 10) ----------

/** Read-only history for the statistics: the queue's logged events of whole business days. */
// ---------- alarms ----------

export interface AlarmRecord {
  id: number;
  key: string;
  kind: AlarmView['kind'];
  severity: AlarmView['severity'];
  message: string;
  messageEn: string;
  raisedAt: string;
  clearedAt: string | null;
  acknowledgedBy: string | null;
  acknowledgedAt: string | null;
  note: string | null;
}

export interface AlarmStore {
  /** Alarms whose condition has not cleared (acknowledged or not): a key here is not raised again. */
  live(): AlarmRecord[];
  /** Not yet acknowledged, newest first. */
  unacknowledged(): AlarmRecord[];
  recentAcknowledged(limit: number): AlarmRecord[];
  find(id: number): AlarmRecord | null;
  raise(a: Omit<AlarmRecord, 'id' | 'clearedAt' | 'acknowledgedBy' | 'acknowledgedAt' | 'note'>): AlarmRecord;
  clear(key: string, at: string): void;
  acknowledge(id: number, by: string, at: string, note: string): void;
  thresholds(): string | null;
  saveThresholds(json: string): void;
}

export interface QueueHistory {
  /** Events of type `ticket.*` whose business day is in [fromDay, toDay], in log order. */
  ticketEvents(fromDay: string, toDay: string): LoggedEvent[];
}

export interface HallStores {
  events: EventLog;
  commands: CommandLog;
  queue: QueueStore;
  appointments: AppointmentStore;
  evaluations: EvaluationStore;
  cases: CaseStore;
  catalog: CatalogStore;
  staff: StaffStore;
  devices: DeviceStore;
  audit: AuditLog;
  demoLinks: DemoLinkStore;
  history: QueueHistory;
  alarms: AlarmStore;
  rectifications: RectificationStore;
  complaints: ComplaintStore;
}
