import { appError, type StatsRangeQuery, type StatsReport, type WindowDay } from '@onedoor/protocol';
import { csvFile } from '../csv-file.js';
import { failure, success, type Result } from '../../domain/result.js';
import { caseTiming } from '../../domain/cases/case.machine.js';
import type { CaseClock } from '../../domain/calendar/case-clock.js';
import { caseFactOf, onSiteVisits } from '../../domain/stats/case-facts.js';
import { periodReport, type CaseFact, type EvaluationFact, type TicketFact } from '../../domain/stats/kpi.js';
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
}

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
    const tickets = ticketFacts(this.deps.history.ticketEvents(range.from, range.to));
    // Hall days, not UTC days: a case taken in at 07:30 in Beijing belongs to that day's report.
    const fromIso = new Date(localInstant(range.from, '00:00', this.deps.timeZone)).toISOString();
    const toIso = new Date(localInstant(addDays(range.to, 1), '00:00', this.deps.timeZone)).toISOString();
    return success({
      from: range.from,
      to: range.to,
      ...periodReport({
        tickets,
        cases: this.caseFacts(fromIso, toIso),
        evaluations: this.evaluationFacts(fromIso, toIso),
      }),
    });
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

  private caseFacts(fromIso: string, toIso: string): CaseFact[] {
    const clock = this.deps.caseClock();
    const now = this.deps.clock.now();
    const dayOf = (iso: string) => localParts(Date.parse(iso), this.deps.timeZone).date;
    return this.deps.cases.receivedBetween(fromIso, toIso).map((c) => {
      const sameDay = c.deliveredAt !== null && dayOf(c.deliveredAt) === dayOf(c.receivedAt);
      return caseFactOf(c, caseTiming(c, clock, now), onSiteVisits(c, this.deps.cases.steps(c.id), sameDay));
    });
  }

  private evaluationFacts(fromIso: string, toIso: string): EvaluationFact[] {
    return this.deps.evaluations.between(fromIso, toIso).map((e) => ({
      ticketId: e.ticketId,
      ...(e.caseIds[0] ? { caseId: e.caseIds[0] } : {}),
      level: e.level,
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
      lines.push([
        name,
        k.value === null ? '—' : Math.round(k.value * 10_000) / 100 + '%',
        `${k.formula} / ${k.formulaEn}`,
      ]);
    return lines;
  }

  async xlsx(report: StatsReport): Promise<Buffer> {
    return this.deps.spreadsheets.write({
      creator: 'OneDoor',
      createdAt: this.deps.clock.now(),
      readme: {
        name: '说明',
        lines: [`统计区间 ${report.from} ~ ${report.to}`, `Period ${report.from} to ${report.to}`],
      },
      sheets: { 统计: this.rows(report) },
    });
  }

  /** CSV with a UTF-8 BOM, so Excel opens the Chinese text right. */
  csv(report: StatsReport): Buffer {
    return csvFile(this.rows(report));
  }
}

const minutes = (ms: number | null): number | string => (ms === null ? '—' : Math.round(ms / 600) / 100);
