/**
 * The period's figures cut by time bucket (hour, day, week, month) and by dimension (service, window, clerk,
 * department, matter), or both: 按日 × 按业务 gives one row per day and service. Pure, like kpi.ts: every row is
 * `periodReport` over the facts that fall in it, so a row's figures add up to the period report's.
 *
 * A fact that the dimension cannot place is left out of that cut, never guessed: a ticket has no department or matter
 * until a case is taken in under it, and a case taken in online has no window or clerk.
 */
import type { StatsBucket, StatsDimension } from '@onedoor/protocol';
import { addDays, localParts } from '../time/hall-time.js';
import { periodReport, type CaseFact, type EvaluationFact, type PeriodReport, type TicketFact } from './kpi.js';

/** An evaluation as the breakdown places it: when, and at which window and clerk. */
export interface PlacedEvaluation extends EvaluationFact {
  at: number;
  windowId?: string;
  clerkId?: string;
}

/** A case with the ticket it was taken in under (its service, window and clerk are the ticket's). */
export interface PlacedCase extends CaseFact {
  ticketId?: string;
}

export interface BreakdownFacts {
  tickets: readonly TicketFact[];
  cases: readonly PlacedCase[];
  evaluations: readonly PlacedEvaluation[];
}

export interface BreakdownRow extends PeriodReport {
  /** The bucket's key (2026-12-01 09:00, 2026-12-01, the week's Monday 2026-11-30, 2026-12), or null when not cut by time. */
  bucket: string | null;
  /** The dimension's id (a service, window, staff, department or matter id), or null when not cut by dimension. */
  key: string | null;
}

/** Where an instant falls: the bucket key in the hall's time zone. */
export function bucketOf(epochMs: number, bucket: StatsBucket, timeZone: string): string {
  const { date, time, isoWeekday } = localParts(epochMs, timeZone);
  switch (bucket) {
    case 'hour':
      return `${date} ${time.slice(0, 2)}:00`;
    case 'day':
      return date;
    // Weeks start on Monday (GB/T 7408, ISO 8601), keyed by that Monday's date.
    case 'week':
      return addDays(date, 1 - isoWeekday);
    case 'month':
      return date.slice(0, 7);
  }
}

/** The rows of a cut, ordered by bucket then key; a row exists only where some fact fell. */
export function breakdown(
  facts: BreakdownFacts,
  cut: { bucket?: StatsBucket | undefined; by?: StatsDimension | undefined; timeZone: string },
): BreakdownRow[] {
  const ticketById = new Map(facts.tickets.map((t) => [t.ticketId, t]));
  const caseById = new Map(facts.cases.map((c) => [c.caseId, c]));
  const timeKey = (at: number) => (cut.bucket ? bucketOf(at, cut.bucket, cut.timeZone) : null);
  const viaTicket = (ticketId: string | undefined, field: 'serviceId' | 'windowId' | 'clerkId') =>
    ticketId === undefined ? undefined : ticketById.get(ticketId)?.[field];
  const viaCase = (caseId: string | undefined, field: 'departmentId' | 'matterId') =>
    caseId === undefined ? undefined : caseById.get(caseId)?.[field] || undefined;

  const ticketKey = (t: TicketFact): string | undefined | null => {
    switch (cut.by) {
      case undefined:
        return null;
      case 'service':
        return t.serviceId;
      case 'window':
        return t.windowId;
      case 'clerk':
        return t.clerkId;
      default:
        return undefined;
    }
  };
  const caseKey = (c: PlacedCase): string | undefined | null => {
    switch (cut.by) {
      case undefined:
        return null;
      case 'service':
        return viaTicket(c.ticketId, 'serviceId');
      case 'window':
        return viaTicket(c.ticketId, 'windowId');
      case 'clerk':
        return viaTicket(c.ticketId, 'clerkId');
      case 'department':
        return c.departmentId || undefined;
      case 'matter':
        return c.matterId || undefined;
    }
  };
  const evaluationKey = (e: PlacedEvaluation): string | undefined | null => {
    switch (cut.by) {
      case undefined:
        return null;
      case 'service':
        return viaTicket(e.ticketId, 'serviceId');
      case 'window':
        return e.windowId ?? viaTicket(e.ticketId, 'windowId');
      case 'clerk':
        return e.clerkId ?? viaTicket(e.ticketId, 'clerkId');
      case 'department':
        return viaCase(e.caseId, 'departmentId');
      case 'matter':
        return viaCase(e.caseId, 'matterId');
    }
  };

  type Cell = { bucket: string | null; key: string | null } & {
    tickets: TicketFact[];
    cases: PlacedCase[];
    evaluations: PlacedEvaluation[];
  };
  const cells = new Map<string, Cell>();
  const cellFor = (bucket: string | null, key: string | null | undefined): Cell | undefined => {
    if (key === undefined) return undefined;
    const id = `${bucket ?? ''}\u0000${key ?? ''}`;
    let cell = cells.get(id);
    if (!cell) {
      cell = { bucket, key, tickets: [], cases: [], evaluations: [] };
      cells.set(id, cell);
    }
    return cell;
  };
  for (const t of facts.tickets) cellFor(timeKey(t.issuedAt), ticketKey(t))?.tickets.push(t);
  for (const c of facts.cases) cellFor(timeKey(c.receivedAt), caseKey(c))?.cases.push(c);
  for (const e of facts.evaluations) cellFor(timeKey(e.at), evaluationKey(e))?.evaluations.push(e);

  return [...cells.values()]
    .sort((a, b) => compare(a.bucket, b.bucket) || compare(a.key, b.key))
    .map((cell) => ({ bucket: cell.bucket, key: cell.key, ...periodReport(cell) }));
}

const compare = (a: string | null, b: string | null): number => (a ?? '').localeCompare(b ?? '');
