/**
 * Daily KPI rollup over a hall's event log: a pure function of the logged facts, so a hall and the region above it
 * compute the same numbers from the same records (the federation test compares them).
 *
 * Seam: issue 10 builds the console's KPI module. Until it lands, `rollupDay` is the one place federation asks for a
 * day's KPIs; swapping in that module means replacing this function behind `DailyRollup`'s shape.
 */

/** The facts a rollup reads: one event-log row (the federation record carries exactly these). */
export interface RollupFact {
  type: string;
  at: string;
  businessDay: string;
  payload: unknown;
}

export interface DailyRollup {
  businessDay: string;
  ticketsIssued: number;
  ticketsServed: number;
  noShows: number;
  /** Minutes from issue to first call, over tickets called that day; null when none was called. */
  avgWaitMinutes: number | null;
  p90WaitMinutes: number | null;
  /** Tickets whose wait was measured (the weight when days are combined). */
  waitsMeasured: number;
  evaluationsGood: number;
  evaluationsBad: number;
  casesAccepted: number;
  casesFinished: number;
}

const FINISHING_CASE_ACTIONS = new Set(['approve', 'refuse', 'deliver', 'conclude-bundle']);

function field(payload: unknown, key: string): unknown {
  return typeof payload === 'object' && payload !== null ? (payload as Record<string, unknown>)[key] : undefined;
}

/** Nearest-rank percentile of sorted values. */
function percentile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1]!;
}

const round1 = (n: number) => Math.round(n * 10) / 10;

/** The rollup of one business day from that day's facts (facts of other days are ignored). */
export function rollupDay(businessDay: string, facts: Iterable<RollupFact>): DailyRollup {
  const { fromDay: _from, toDay: _to, ...r } = rollupPeriod(businessDay, businessDay, facts);
  return { businessDay, ...r };
}

/** The KPIs of a period: a day, a month or any range of business days (inclusive). */
export type PeriodRollup = Omit<DailyRollup, 'businessDay'> & { fromDay: string; toDay: string };

/** The rollup of the business days [fromDay, toDay] from their facts (facts of other days are ignored). */
export function rollupPeriod(fromDay: string, toDay: string, facts: Iterable<RollupFact>): PeriodRollup {
  const issuedAt = new Map<string, number>();
  const waits: number[] = [];
  const calledOnce = new Set<string>();
  const r: PeriodRollup = {
    fromDay,
    toDay,
    ticketsIssued: 0,
    ticketsServed: 0,
    noShows: 0,
    avgWaitMinutes: null,
    p90WaitMinutes: null,
    waitsMeasured: 0,
    evaluationsGood: 0,
    evaluationsBad: 0,
    casesAccepted: 0,
    casesFinished: 0,
  };
  for (const f of facts) {
    if (f.businessDay < fromDay || f.businessDay > toDay) continue;
    switch (f.type) {
      case 'ticket.issued': {
        r.ticketsIssued++;
        const ticket = field(f.payload, 'ticket');
        const id = field(ticket, 'id');
        const at = field(ticket, 'issuedAt');
        if (typeof id === 'string' && typeof at === 'string') issuedAt.set(id, Date.parse(at));
        break;
      }
      case 'ticket.called': {
        // The wait ends at the first call; a recall or a later call after a transfer does not wait again.
        const id = field(f.payload, 'ticketId');
        if (typeof id !== 'string' || calledOnce.has(id)) break;
        calledOnce.add(id);
        const from = issuedAt.get(id);
        if (from !== undefined) waits.push(Math.max(0, (Date.parse(f.at) - from) / 60_000));
        break;
      }
      case 'ticket.done':
        r.ticketsServed++;
        break;
      case 'ticket.no-show':
        r.noShows++;
        break;
      case 'evaluation.recorded': {
        // 好评 = 满意 and above (4, 5); 差评 = 不满意 and below (1, 2); 3 基本满意 counts as neither.
        const level = field(f.payload, 'level');
        if (typeof level === 'number' && level >= 4) r.evaluationsGood++;
        if (typeof level === 'number' && level <= 2) r.evaluationsBad++;
        break;
      }
      default:
        if (f.type === 'case.accept') r.casesAccepted++;
        else if (f.type.startsWith('case.') && FINISHING_CASE_ACTIONS.has(f.type.slice(5))) r.casesFinished++;
    }
  }
  if (waits.length > 0) {
    waits.sort((a, b) => a - b);
    r.avgWaitMinutes = round1(waits.reduce((s, w) => s + w, 0) / waits.length);
    r.p90WaitMinutes = round1(percentile(waits, 90)!);
    r.waitsMeasured = waits.length;
  }
  return r;
}

/**
 * A period from daily rollups another level reported (it has no records to recount): counts add up, the average wait
 * is weighted by the waits measured; a percentile cannot be combined from percentiles, so a period of more than one
 * day with waits has none (null), rather than a wrong one.
 */
export function combineRollups(fromDay: string, toDay: string, days: readonly DailyRollup[]): PeriodRollup {
  const within = days.filter((d) => d.businessDay >= fromDay && d.businessDay <= toDay);
  const sum = (
    k:
      | 'ticketsIssued'
      | 'ticketsServed'
      | 'noShows'
      | 'evaluationsGood'
      | 'evaluationsBad'
      | 'casesAccepted'
      | 'casesFinished'
      | 'waitsMeasured',
  ) => within.reduce((n, d) => n + d[k], 0);
  const measured = within.filter((d) => d.waitsMeasured > 0 && d.avgWaitMinutes !== null);
  const waitsMeasured = sum('waitsMeasured');
  return {
    fromDay,
    toDay,
    ticketsIssued: sum('ticketsIssued'),
    ticketsServed: sum('ticketsServed'),
    noShows: sum('noShows'),
    avgWaitMinutes:
      waitsMeasured > 0
        ? round1(measured.reduce((n, d) => n + d.avgWaitMinutes! * d.waitsMeasured, 0) / waitsMeasured)
        : null,
    p90WaitMinutes: measured.length === 1 ? measured[0]!.p90WaitMinutes : null,
    waitsMeasured,
    evaluationsGood: sum('evaluationsGood'),
    evaluationsBad: sum('evaluationsBad'),
    casesAccepted: sum('casesAccepted'),
    casesFinished: sum('casesFinished'),
  };
}
