import {
  appError,
  type StatsBreakdown,
  type StatsBreakdownQuery,
  type StatsDimension,
  type StatsRangeQuery,
  type StatsReport,
  type WindowDay,
} from '@onedoor/protocol';
import { csvFile } from '../csv-file.js';
import { failure, success, type Result } from '../../domain/result.js';
import { caseTiming } from '../../domain/cases/case.machine.js';
import type { CaseClock } from '../../domain/calendar/case-clock.js';
import { caseFactOf, onSiteVisits } from '../../domain/stats/case-facts.js';
import { breakdown, type PlacedCase, type PlacedEvaluation } from '../../domain/stats/breakdown.js';
import { periodReport, type TicketFact } from '../../domain/stats/kpi.js';
import { addDays, localInstant, localParts } from '../../domain/time/hall-time.js';
import { WINDOW_DAY_EVENTS, windowDay, type WindowDayEvent } from '../../domain/stats/window-day.js';
import type { CaseStore, EvaluationStore, LoggedEvent, QueueHistory, Spreadsheets } from '../ports.js';

/** A period longer than this is refused: a year's report is the longest a hall publishes (and reads in one go). */
export const MAX_RANGE_DAYS = 366;

export interface StatisticsDeps {
  history: QueueHistory;
  cases: Pick<CaseStore, 'receivedBetween' | 'steps'>;
  evaluations: Pick<EvaluationStore, 'between'>;
  /** The working-day case clock (办件计时), for overdue and 提速. */
  caseClock: () => CaseClock;
  timeZone: string;
  /** The hall's business day now (the queue's). */
  businessDay: () => string;
  /** The hall's sequence number now: a window's day says which events it counted. */
  currentSeq: () => number;
  spreadsheets: Spreadsheets;
  clock: { now(): number };
  /** The names the hall gives the ids of a dimension (services, windows, staff, departments, matters). */
  labels: (by: StatsDimension) => ReadonlyMap<string, string>;
}

/** Hours are the finest cut: a month of them is 744 rows per dimension value, a year would be unreadable. */
export const MAX_HOURLY_DAYS = 31;

const dayNumber = (day: string): number => Date.parse(`${day}T00:00:00Z`) / 86_400_000;

/** Checks a period: real dates, from ≤ to, at most MAX_RANGE_DAYS days. */
export function checkRange(range: StatsRangeQuery): Result<StatsRangeQuery> {
  const from = dayNumber(range.from);
  const to = dayNumber(range.to);
  if (!Number.isFinite(from) || !Number.isFinite(to))
    return failure(appError('BAD_REQUEST', '日期无效（格式 YYYY-MM-DD）', 'invalid date (use YYYY-MM-DD)'));
  if (from > to)
    return failure(appError('BAD_REQUEST', '开始日期晚于结束日期', 'the start date is after the end date'));
  if (to - from + 1 > MAX_RANGE_DAYS)
    return failure(
      appError(
        'BAD_REQUEST',
        `统计区间最长 ${MAX_RANGE_DAYS} 天，请缩短区间`,
        `a report covers at most ${MAX_RANGE_DAYS} days: shorten the period`,
      ),
    );
  return success(range);
}

type TicketEvent =
  | { type: 'ticket.issued'; at: string; ticket: { id: string; serviceId: string; source?: string } }
  | { type: 'ticket.called'; at: string; ticketId: string; windowId: string; clerkId: string | null }
  | {
      type: 'ticket.serving' | 'ticket.done' | 'ticket.no-show' | 'ticket.abandoned' | 'ticket.transferred';
      at: string;
      ticketId: string;
      windowId?: string;
    };

const asTicketEvent = (e: LoggedEvent): TicketEvent => e.payload as TicketEvent;

/**
 * Folds the logged ticket events into one fact per ticket. A recalled or reactivated ticket keeps its first call;
 * the last outcome wins (a no-show reactivated and then served counts as served).
 */
export function ticketFacts(events: readonly LoggedEvent[]): TicketFact[] {
  const facts = new Map<string, TicketFact>();
  for (const logged of events) {
    const e = asTicketEvent(logged);
    const at = Date.parse(e.at);
    if (e.type === 'ticket.issued') {
      facts.set(e.ticket.id, {
        ticketId: e.ticket.id,
        serviceId: e.ticket.serviceId,
        issuedAt: at,
        outcome: 'waiting',
        transfers: 0,
      });
      continue;
    }
    const fact = facts.get(e.ticketId);
    if (!fact) continue; // issued before the period: counted in the period it was issued in
    switch (e.type) {
      case 'ticket.called':
        fact.calledAt ??= at;
        fact.windowId = e.windowId;
        if (e.clerkId) fact.clerkId = e.clerkId;
        break;
      case 'ticket.serving':
        fact.servedAt ??= at;
        break;
      case 'ticket.done':
        fact.finishedAt = at;
        fact.outcome = 'served';
        break;
      case 'ticket.no-show':
        fact.outcome = 'no-show';
        break;
      case 'ticket.abandoned':
        fact.outcome = 'abandoned';
        break;
      case 'ticket.transferred':
        fact.transfers += 1;
        break;
    }
  }
  return [...facts.values()];
}

/** The managers' statistics: period reports and their export (issue 10). */
export class Statistics {
  constructor(private readonly deps: StatisticsDeps) {}

  report(range: StatsRangeQuery): Result<StatsReport> {
    const checked = checkRange(range);
    if (!checked.ok) return checked;
    return success({ from: range.from, to: range.to, ...periodReport(this.facts(range)) });
  }

  /** The period's facts: tickets from the event log, cases and ratings from their records, in hall days. */
  private facts(range: StatsRangeQuery) {
    const tickets = ticketFacts(this.deps.history.ticketEvents(range.from, range.to));
    // Hall days, not UTC days: a case taken in at 07:30 in Beijing belongs to that day's report.
    const fromIso = new Date(localInstant(range.from, '00:00', this.deps.timeZone)).toISOString();
    const toIso = new Date(localInstant(addDays(range.to, 1), '00:00', this.deps.timeZone)).toISOString();
    return { tickets, cases: this.caseFacts(fromIso, toIso), evaluations: this.evaluationFacts(fromIso, toIso) };
  }

  /** The period cut by a time bucket, a dimension or both; each row labelled with the hall's names. */
  breakdown(query: StatsBreakdownQuery): Result<StatsBreakdown> {
    const checked = checkRange(query);
    if (!checked.ok) return checked;
    if (!query.bucket && !query.by)
      return failure(
        appError(
          'BAD_REQUEST',
          '请选择按时段（小时、日、周、月）或按维度（业务、窗口、人员、部门、事项）分组',
          'choose a bucket (hour, day, week, month) or a dimension (service, window, clerk, department, matter)',
        ),
      );
    if (query.bucket === 'hour' && dayNumber(query.to) - dayNumber(query.from) + 1 > MAX_HOURLY_DAYS)
      return failure(
        appError(
          'BAD_REQUEST',
          `按小时统计最长 ${MAX_HOURLY_DAYS} 天，请缩短区间或按日统计`,
          `an hourly breakdown covers at most ${MAX_HOURLY_DAYS} days: shorten the period or cut by day`,
        ),
      );
    const labels = query.by ? this.deps.labels(query.by) : null;
    const rows = breakdown(this.facts(query), {
      bucket: query.bucket,
      by: query.by,
      timeZone: this.deps.timeZone,
    }).map((row) => ({ ...row, label: row.key === null ? null : (labels?.get(row.key) ?? row.key) }));
    return success({ from: query.from, to: query.to, bucket: query.bucket ?? null, by: query.by ?? null, rows });
  }

  /** One window's business day so far (今日本窗口), from the event log. */
  windowToday(windowId: string): WindowDay {
    const day = this.deps.businessDay();
    // Read in the same turn as the events: nothing is committed in between.
    const seq = this.deps.currentSeq();
    const events = this.deps.history
      .ticketEvents(day, day)
      .filter((e) => WINDOW_DAY_EVENTS.has(e.type))
      // The log holds what the queue decided: these types carry the fields WindowDayEvent names.
      .map((e) => e.payload as WindowDayEvent);
    return windowDay({ businessDay: day, seq }, windowId, events);
  }

  private caseFacts(fromIso: string, toIso: string): PlacedCase[] {
    const clock = this.deps.caseClock();
    const now = this.deps.clock.now();
    const dayOf = (iso: string) => localParts(Date.parse(iso), this.deps.timeZone).date;
    return this.deps.cases.receivedBetween(fromIso, toIso).map((c) => {
      const sameDay = c.deliveredAt !== null && dayOf(c.deliveredAt) === dayOf(c.receivedAt);
      const fact = caseFactOf(c, caseTiming(c, clock, now), onSiteVisits(c, this.deps.cases.steps(c.id), sameDay));
      return c.ticketId ? { ...fact, ticketId: c.ticketId } : fact;
    });
  }

  private evaluationFacts(fromIso: string, toIso: string): PlacedEvaluation[] {
    return this.deps.evaluations.between(fromIso, toIso).map((e) => ({
      ticketId: e.ticketId,
      ...(e.caseIds[0] ? { caseId: e.caseIds[0] } : {}),
      level: e.level,
      at: Date.parse(e.at),
      windowId: e.windowId,
      ...(e.clerkId ? { clerkId: e.clerkId } : {}),
    }));
  }

  /** The report as rows: one line per figure, label in Chinese and English, value, formula. */
  rows(report: StatsReport): (string | number)[][] {
    const q = report.queue;
    const c = report.cases;
    const lines: (string | number)[][] = [
      ['指标 Indicator', '数值 Value', '公式 Formula'],
      ['统计区间 Period', `${report.from} ~ ${report.to}`, ''],
      ['取号数 Tickets issued', q.issued, ''],
      ['办结数 Tickets served', q.served, ''],
      ['过号数 No-shows', q.noShows, ''],
      ['放弃数 Abandoned', q.abandoned, ''],
      ['转办次数 Transfers', q.transfers, ''],
      ['平均等候（分钟）Average wait (min)', minutes(q.wait.averageMs), ''],
      ['平均办理（分钟）Average service (min)', minutes(q.service.averageMs), ''],
      ['收件数 Cases received', c.received, ''],
      ['受理件数 Cases accepted', c.accepted, ''],
      ['不予受理件数 Cases refused', c.refused, ''],
      ['办结件数 Cases concluded', c.concluded, ''],
      ['超期件数 Cases overdue', c.overdue, ''],
    ];
    for (const [name, k] of Object.entries(report.kpis))
      lines.push([name, percent(k.value), `${k.formula} / ${k.formulaEn}`]);
    return lines;
  }

  /** The breakdown as a table: one line per row, its bucket and group, then every figure and KPI. */
  breakdownRows(b: StatsBreakdown): (string | number)[][] {
    const header = [
      '时段 Period',
      '分组 Group',
      '取号数 Issued',
      '办结数 Served',
      '过号数 No-shows',
      '放弃数 Abandoned',
      '转办次数 Transfers',
      '平均等候（分钟）Avg wait (min)',
      '90%等候（分钟）P90 wait (min)',
      '平均办理（分钟）Avg service (min)',
      '90%办理（分钟）P90 service (min)',
      '预约履约 Appointments kept',
      '预约爽约 Appointments missed',
      '收件数 Received',
      '受理件数 Accepted',
      '不予受理 Refused',
      '办结件数 Concluded',
      '超期件数 Overdue',
      ...Object.keys(b.rows[0]?.kpis ?? emptyKpiNames),
    ];
    const lines: (string | number)[][] = [header];
    for (const r of b.rows) {
      const q = r.queue;
      const c = r.cases;
      lines.push([
        r.bucket ?? `${b.from} ~ ${b.to}`,
        r.label ?? '全部 All',
        q.issued,
        q.served,
        q.noShows,
        q.abandoned,
        q.transfers,
        minutes(q.wait.averageMs),
        minutes(q.wait.p90Ms),
        minutes(q.service.averageMs),
        minutes(q.service.p90Ms),
        q.appointmentsKept,
        q.appointmentsMissed,
        c.received,
        c.accepted,
        c.refused,
        c.concluded,
        c.overdue,
        ...Object.values(r.kpis).map((k) => percent(k.value)),
      ]);
    }
    return lines;
  }

  async xlsx(period: { from: string; to: string }, rows: (string | number)[][]): Promise<Buffer> {
    return this.deps.spreadsheets.write({
      creator: 'OneDoor',
      createdAt: this.deps.clock.now(),
      readme: {
        name: '说明',
        lines: [`统计区间 ${period.from} ~ ${period.to}`, `Period ${period.from} to ${period.to}`],
      },
      sheets: { 统计: rows },
    });
  }

  /** CSV with a UTF-8 BOM, so Excel opens the Chinese text right. */
  csv(rows: (string | number)[][]): Buffer {
    return csvFile(rows);
  }
}

const minutes = (ms: number | null): number | string => (ms === null ? '—' : Math.round(ms / 600) / 100);
const percent = (value: number | null): string => (value === null ? '—' : `${Math.round(value * 10_000) / 100}%`);
// The KPI columns of an empty breakdown (no row to read the names from).
const emptyKpiNames: Record<keyof StatsReport['kpis'], null> = {
  oneWindowRate: null,
  atMostOneVisitRate: null,
  onTimeRate: null,
  overdueRate: null,
  speedUpRate: null,
  participationRate: null,
  goodRate: null,
  badRate: null,
};
