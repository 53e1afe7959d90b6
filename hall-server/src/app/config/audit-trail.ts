import type { AuditEntry, AuditQuery } from '@onedoor/protocol';
import { success, type Result } from '../../domain/result.js';
import { addDays, formatLocal, localInstant } from '../../domain/time/hall-time.js';
import { csvFile } from '../csv-file.js';
import type { AuditLog, Clock, Spreadsheets, StaffStore } from '../ports.js';
import { checkRange } from '../stats/statistics.js';

export interface AuditTrailDeps {
  audit: AuditLog;
  staff: StaffStore;
  spreadsheets: Spreadsheets;
  clock: Clock;
  timeZone: string;
}

/** The most rows one view or export answers; a hall's year of configuration changes is far fewer. */
export const AUDIT_ROWS_MAX = 5000;

const HEADER = [
  '时间 Time',
  '人员 Staff',
  '操作 Action',
  '对象 Target',
  '说明 Detail',
  '修改前 Before',
  '修改后 After',
];

/**
 * Who changed what and when, with the record before and after: written by every configuration use case, read by the
 * console's 审计日志 view and exported as Excel or CSV. Sign-ins and reads of personal data land in the same log.
 */
export class AuditTrail {
  constructor(private readonly deps: AuditTrailDeps) {}

  /** Records a change by a staff member: `before` null for a creation, `after` null for a removal. */
  change(staffId: string, action: string, target: string, before: unknown, after: unknown, detail?: string): void {
    const at = new Date(this.deps.clock.now()).toISOString();
    this.deps.audit.audit(at, staffId, action, target, detail ?? null, {
      before: before ?? null,
      after: after ?? null,
    });
  }

  /** Rows of the hall days from..to, newest first; the same range rules as the reports (at most a year). */
  list(query: AuditQuery): Result<AuditEntry[]> {
    const range = checkRange({ from: query.from, to: query.to });
    if (!range.ok) return range;
    const { timeZone } = this.deps;
    const fromIso = new Date(localInstant(query.from, '00:00', timeZone)).toISOString();
    const toIso = new Date(localInstant(addDays(query.to, 1), '00:00', timeZone)).toISOString();
    const names = new Map(this.deps.staff.listStaff().map((s) => [s.id, s.name]));
    const rows = this.deps.audit.auditBetween(
      { fromIso, toIso, staffId: query.staffId || undefined, actionPrefix: query.action || undefined },
      AUDIT_ROWS_MAX,
    );
    return success(rows.map((r) => ({ ...r, staffName: r.staffId ? (names.get(r.staffId) ?? null) : null })));
  }

  xlsx(query: AuditQuery, entries: AuditEntry[]): Promise<Buffer> {
    return this.deps.spreadsheets.write({
      creator: 'OneDoor',
      createdAt: this.deps.clock.now(),
      readme: {
        name: '说明',
        lines: [`审计日志 ${query.from} ~ ${query.to}`, `Audit log ${query.from} to ${query.to}`],
      },
      sheets: { 审计日志: this.rows(entries) },
    });
  }

  csv(entries: AuditEntry[]): Buffer {
    return csvFile(this.rows(entries));
  }

  private rows(entries: AuditEntry[]): (string | null)[][] {
    const json = (v: unknown) => (v === null || v === undefined ? '' : JSON.stringify(v));
    return [
      HEADER,
      ...entries.map((e) => [
        formatLocal(Date.parse(e.at), this.deps.timeZone),
        e.staffName ? `${e.staffName} (${e.staffId})` : e.staffId,
        e.action,
        e.target,
        e.detail,
        json(e.before),
        json(e.after),
      ]),
    ];
  }
}
