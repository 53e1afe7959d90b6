import type { Db } from './database.js';
import type { CaseNotificationRecord, CaseStore } from '../../app/ports.js';
import type { CaseMaterial, CaseStage, CaseState, CaseStep } from '../../domain/cases/case.types.js';

interface CaseRow {
  id: string;
  case_no: string;
  type: CaseState['type'];
  parent_id: string | null;
  matter_id: string | null;
  matter_version: number | null;
  bundle_id: string | null;
  bundle_version: number | null;
  name: string;
  case_kind: CaseState['caseKind'];
  dept_id: string;
  stage: CaseStage;
  resume_stage: CaseStage | null;
  node: string | null;
  result: CaseState['result'];
  legal_limit_days: number;
  promised_limit_days: number;
  tolerance: number;
  received_at: string;
  accepted_at: string | null;
  concluded_at: string | null;
  delivered_at: string | null;
  pauses: string;
  applicant_kind: CaseState['applicantKind'];
  org_name: string | null;
  applicant_name_masked: string;
  applicant_id_masked: string;
  take_way: CaseState['takeWay'];
  channel: CaseState['channel'];
  ticket_id: string | null;
  delivery: string | null;
  answers: string;
  form: string;
  platform_ref: string | null;
}

const fromRow = (r: CaseRow): CaseState => ({
  id: r.id,
  caseNo: r.case_no,
  type: r.type,
  parentId: r.parent_id,
  matterId: r.matter_id,
  matterVersion: r.matter_version,
  bundleId: r.bundle_id,
  bundleVersion: r.bundle_version,
  name: r.name,
  caseKind: r.case_kind,
  deptId: r.dept_id,
  stage: r.stage,
  resumeStage: r.resume_stage,
  node: r.node,
  result: r.result,
  legalLimitDays: r.legal_limit_days,
  promisedLimitDays: r.promised_limit_days,
  tolerance: r.tolerance === 1,
  receivedAt: r.received_at,
  acceptedAt: r.accepted_at,
  concludedAt: r.concluded_at,
  deliveredAt: r.delivered_at,
  pauses: JSON.parse(r.pauses) as CaseState['pauses'],
  applicantKind: r.applicant_kind,
  orgName: r.org_name,
  applicantNameMasked: r.applicant_name_masked,
  applicantIdMasked: r.applicant_id_masked,
  takeWay: r.take_way,
  channel: r.channel,
  ticketId: r.ticket_id,
  delivery: r.delivery ? (JSON.parse(r.delivery) as CaseState['delivery']) : null,
  answers: JSON.parse(r.answers) as CaseState['answers'],
  form: JSON.parse(r.form) as CaseState['form'],
  platformRef: r.platform_ref,
});

interface MaterialRow {
  case_id: string;
  material_id: string;
  name: string;
  need: CaseMaterial['need'];
  original_count: number;
  copy_count: number;
  electronic_accepted: number;
  cert_lookup: string | null;
  used_by: string;
  status: CaseMaterial['status'];
  due_date: string | null;
  received_at: string | null;
  note: string | null;
}

interface StepRow {
  case_id: string;
  step_no: number;
  action: CaseStep['action'];
  from_stage: CaseStage | null;
  stage: CaseStage;
  link_code: number;
  node: string | null;
  at: string;
  dept_id: string;
  staff_id: string;
  staff_name: string;
  source: CaseStep['source'];
  opinion: string | null;
  notices: string;
  event_seq: number;
}

/** Cases, their materials, the append-only step history, case numbers and notifications. */
export class CaseRepository implements CaseStore {
  constructor(private readonly db: Db) {}

  /** Next number in a scope; only ever called inside the hall's write transaction. */
  nextSequence(scope: string): number {
    const r = this.db
      .prepare(
        'INSERT INTO case_counters (scope, last) VALUES (?, 1) ON CONFLICT (scope) DO UPDATE SET last = last + 1 RETURNING last',
      )
      .get(scope) as { last: number };
    return r.last;
  }

  insertCase(c: CaseState, personal: { key: string; sealed: string | null }, at: string): void {
    this.db
      .prepare(
        `INSERT INTO cases (id, case_no, type, parent_id, matter_id, matter_version, bundle_id, bundle_version, name, case_kind, dept_id,
           stage, resume_stage, node, result, legal_limit_days, promised_limit_days, tolerance, received_at, accepted_at, concluded_at,
           delivered_at, pauses, applicant_kind, org_name, applicant_name_masked, applicant_id_masked, applicant_key, applicant_sealed,
           take_way, channel, ticket_id, delivery, answers, form, platform_ref, updated_at)
         VALUES (@id, @caseNo, @type, @parentId, @matterId, @matterVersion, @bundleId, @bundleVersion, @name, @caseKind, @deptId,
           @stage, @resumeStage, @node, @result, @legalLimitDays, @promisedLimitDays, @tolerance, @receivedAt, @acceptedAt, @concludedAt,
           @deliveredAt, @pauses, @applicantKind, @orgName, @applicantNameMasked, @applicantIdMasked, @key, @sealed,
           @takeWay, @channel, @ticketId, @delivery, @answers, @form, @platformRef, @at)`,
      )
      .run({
        ...c,
        tolerance: c.tolerance ? 1 : 0,
        pauses: JSON.stringify(c.pauses),
        delivery: c.delivery ? JSON.stringify(c.delivery) : null,
        answers: JSON.stringify(c.answers),
        form: JSON.stringify(c.form),
        key: personal.key,
        sealed: personal.sealed,
        at,
      });
  }

  updateCase(c: CaseState, at: string): void {
    this.db
      .prepare(
        `UPDATE cases SET stage = @stage, resume_stage = @resumeStage, node = @node, result = @result, tolerance = @tolerance,
           accepted_at = @acceptedAt, concluded_at = @concludedAt, delivered_at = @deliveredAt, pauses = @pauses, delivery = @delivery,
           platform_ref = @platformRef, updated_at = @at WHERE id = @id`,
      )
      .run({
        ...c,
        tolerance: c.tolerance ? 1 : 0,
        pauses: JSON.stringify(c.pauses),
        delivery: c.delivery ? JSON.stringify(c.delivery) : null,
        at,
      });
  }

  find(id: string): CaseState | null {
    const r = this.db.prepare('SELECT * FROM cases WHERE id = ?').get(id) as CaseRow | undefined;
    return r ? fromRow(r) : null;
  }

  findByNo(caseNo: string): CaseState | null {
    const r = this.db.prepare('SELECT * FROM cases WHERE case_no = ?').get(caseNo) as CaseRow | undefined;
    return r ? fromRow(r) : null;
  }

  findByPlatformRef(ref: string): CaseState | null {
    const r = this.db.prepare('SELECT * FROM cases WHERE platform_ref = ?').get(ref) as CaseRow | undefined;
    return r ? fromRow(r) : null;
  }

  byTicket(ticketId: string): CaseState[] {
    return (
      this.db
        .prepare("SELECT * FROM cases WHERE ticket_id = ? AND type != 'member' ORDER BY received_at, case_no")
        .all(ticketId) as CaseRow[]
    ).map(fromRow);
  }

  members(parentId: string): CaseState[] {
    return (this.db.prepare('SELECT * FROM cases WHERE parent_id = ? ORDER BY case_no').all(parentId) as CaseRow[]).map(
      fromRow,
    );
  }

  /** Cases of a department in the given stages (the back-office queue). */
  byDept(deptId: string | null, stages: readonly CaseStage[]): CaseState[] {
    const marks = stages.map(() => '?').join(', ');
    const sql =
      deptId === null
        ? `SELECT * FROM cases WHERE stage IN (${marks}) AND type != 'bundle'`
        : `SELECT * FROM cases WHERE dept_id = ? AND stage IN (${marks}) AND type != 'bundle'`;
    return (this.db.prepare(sql).all(...(deptId === null ? stages : [deptId, ...stages])) as CaseRow[]).map(fromRow);
  }

  /** Recent cases for the window (top-level only). */
  recent(limit: number, stage?: CaseStage): CaseState[] {
    const rows = stage
      ? this.db
          .prepare("SELECT * FROM cases WHERE type != 'member' AND stage = ? ORDER BY received_at DESC LIMIT ?")
          .all(stage, limit)
      : this.db.prepare("SELECT * FROM cases WHERE type != 'member' ORDER BY received_at DESC LIMIT ?").all(limit);
    return (rows as CaseRow[]).map(fromRow);
  }

  receivedBetween(fromIso: string, toIso: string): CaseState[] {
    return (
      this.db
        .prepare(
          "SELECT * FROM cases WHERE type != 'member' AND received_at >= ? AND received_at < ? ORDER BY received_at, case_no",
        )
        .all(fromIso, toIso) as CaseRow[]
    ).map(fromRow);
  }

  /** Results ready to hand over for an applicant (by keyed hash of the ID number). */
  readyByApplicant(key: string): CaseState[] {
    return (
      this.db
        .prepare(
          "SELECT * FROM cases WHERE applicant_key = ? AND stage = 'concluded' AND type != 'member' ORDER BY concluded_at",
        )
        .all(key) as CaseRow[]
    ).map(fromRow);
  }

  applicantKey(caseId: string): string | null {
    return (
      (
        this.db.prepare('SELECT applicant_key FROM cases WHERE id = ?').get(caseId) as
          { applicant_key: string } | undefined
      )?.applicant_key ?? null
    );
  }

  sealedApplicant(caseId: string): string | null {
    return (
      (
        this.db.prepare('SELECT applicant_sealed FROM cases WHERE id = ?').get(caseId) as
          { applicant_sealed: string | null } | undefined
      )?.applicant_sealed ?? null
    );
  }

  materials(caseId: string): CaseMaterial[] {
    return (
      this.db.prepare('SELECT * FROM case_materials WHERE case_id = ? ORDER BY rowid').all(caseId) as MaterialRow[]
    ).map((r) => ({
      materialId: r.material_id,
      name: r.name,
      need: r.need,
      originalCount: r.original_count,
      copyCount: r.copy_count,
      electronicAccepted: r.electronic_accepted === 1,
      certLookup: r.cert_lookup,
      usedBy: JSON.parse(r.used_by) as string[],
      status: r.status,
      dueDate: r.due_date,
      receivedAt: r.received_at,
      note: r.note,
    }));
  }

  saveMaterials(caseId: string, list: readonly CaseMaterial[]): void {
    const stmt = this.db.prepare(
      `INSERT INTO case_materials (case_id, material_id, name, need, original_count, copy_count, electronic_accepted, cert_lookup, used_by, status, due_date, received_at, note)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (case_id, material_id) DO UPDATE SET status = excluded.status, due_date = excluded.due_date, received_at = excluded.received_at, note = excluded.note`,
    );
    for (const m of list) {
      stmt.run(
        caseId,
        m.materialId,
        m.name,
        m.need,
        m.originalCount,
        m.copyCount,
        m.electronicAccepted ? 1 : 0,
        m.certLookup,
        JSON.stringify(m.usedBy),
        m.status,
        m.dueDate,
        m.receivedAt,
        m.note,
      );
    }
  }

  appendStep(step: Omit<CaseStep, 'stepNo'>, eventSeq: number): number {
    const stepNo = (
      this.db
        .prepare('SELECT coalesce(max(step_no), 0) + 1 AS n FROM case_steps WHERE case_id = ?')
        .get(step.caseId) as { n: number }
    ).n;
    this.db
      .prepare(
        `INSERT INTO case_steps (case_id, step_no, action, from_stage, stage, link_code, node, at, dept_id, staff_id, staff_name, source, opinion, notices, event_seq)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        step.caseId,
        stepNo,
        step.action,
        step.fromStage,
        step.stage,
        step.linkCode,
        step.node,
        step.at,
        step.deptId,
        step.staffId,
        step.staffName,
        step.source,
        step.opinion,
        JSON.stringify(step.notices),
        eventSeq,
      );
    return stepNo;
  }

  steps(caseId: string): (CaseStep & { eventSeq: number })[] {
    return (
      this.db.prepare('SELECT * FROM case_steps WHERE case_id = ? ORDER BY step_no').all(caseId) as StepRow[]
    ).map((r) => ({
      caseId: r.case_id,
      stepNo: r.step_no,
      action: r.action,
      fromStage: r.from_stage,
      stage: r.stage,
      linkCode: r.link_code,
      node: r.node,
      at: r.at,
      deptId: r.dept_id,
      staffId: r.staff_id,
      staffName: r.staff_name,
      source: r.source,
      opinion: r.opinion,
      notices: JSON.parse(r.notices) as CaseStep['notices'],
      eventSeq: r.event_seq,
    }));
  }

  addNotification(n: Omit<CaseNotificationRecord, 'id'>): number {
    return Number(
      this.db
        .prepare(
          'INSERT INTO case_notifications (case_id, kind, at, to_masked, text, status) VALUES (?, ?, ?, ?, ?, ?)',
        )
        .run(n.caseId, n.kind, n.at, n.toMasked, n.text, n.status).lastInsertRowid,
    );
  }

  notification(id: number): (CaseNotificationRecord & { caseNo: string }) | null {
    return (
      (this.db
        .prepare(
          `SELECT n.id, n.case_id AS caseId, n.kind, n.at, n.to_masked AS toMasked, n.text, n.status, c.case_no AS caseNo
           FROM case_notifications n JOIN cases c ON c.id = n.case_id WHERE n.id = ?`,
        )
        .get(id) as (CaseNotificationRecord & { caseNo: string }) | undefined) ?? null
    );
  }

  markNotification(id: number, status: 'sent' | 'failed', at: string, error: string | null): void {
    this.db
      .prepare('UPDATE case_notifications SET status = ?, sent_at = ?, error = ? WHERE id = ?')
      .run(status, at, error, id);
  }

  notifications(caseId: string): CaseNotificationRecord[] {
    return this.db
      .prepare(
        'SELECT id, case_id AS caseId, kind, at, to_masked AS toMasked, text, status FROM case_notifications WHERE case_id = ? ORDER BY id',
      )
      .all(caseId) as CaseNotificationRecord[];
  }

  /**
   * Drops the sealed personal data of closed cases (handed over, withdrawn, not accepted) finished before `beforeIso`;
   * the masked name and ID and the keyed hash stay for statistics and history.
   */
  purgePersonalData(beforeIso: string): number {
    return this.db
      .prepare(
        `UPDATE cases SET applicant_sealed = NULL
         WHERE applicant_sealed IS NOT NULL AND stage IN ('delivered', 'withdrawn', 'not_accepted') AND updated_at < ?`,
      )
      .run(beforeIso).changes;
  }

  getSetting(key: string): string | null {
    return (
      (this.db.prepare('SELECT value FROM case_settings WHERE key = ?').get(key) as { value: string } | undefined)
        ?.value ?? null
    );
  }

  putSetting(key: string, value: string): void {
    this.db
      .prepare(
        'INSERT INTO case_settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
      )
      .run(key, value);
  }
}
