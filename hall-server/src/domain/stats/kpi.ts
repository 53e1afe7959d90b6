/**
 * The reform's indicators (domain.md §6, §8.4), computed from facts the app reads out of the event log and the case
 * records. Pure: no clock, no IO — the same facts give the same figures, so the console, the exports and the daily
 * rollups published upward (issue 13) agree with each other and with what happened.
 *
 * Where no official formula exists (§6.1: 一窗受理率, 提速率 …) the formula is the §8.4 proposal, and every figure carries
 * its formula text so a manager sees what was counted.
 */

/** One ticket's life, folded from its events. Times are epoch milliseconds (UTC). */
export interface TicketFact {
  ticketId: string;
  serviceId: string;
  issuedAt: number;
  /** First call; absent when never called. */
  calledAt?: number;
  /** Service started (visitor arrived at the window). */
  servedAt?: number;
  /** Service finished. */
  finishedAt?: number;
  outcome: 'served' | 'no-show' | 'abandoned' | 'waiting';
  transfers: number;
  windowId?: string;
  clerkId?: string;
  appointment?: 'kept' | 'missed';
}

/** One case, as the case records hold it. */
export interface CaseFact {
  caseId: string;
  matterId: string;
  departmentId: string;
  receivedAt: number;
  /** Received at a comprehensive window (综合窗口), i.e. 一窗受理. */
  atComprehensiveWindow: boolean;
  status: 'received' | 'accepted' | 'refused' | 'concluded';
  concludedAt?: number;
  /** 承诺件: the promised limit in working days, and the working days actually used (net of pauses). */
  promisedLimitDays?: number;
  legalLimitDays?: number;
  actualWorkingDays?: number;
  overdue: boolean;
  /** On-site visits the applicant made for this case. */
  visits: number;
}

/** One rating: level 5 非常满意 … 1 非常不满意; ≤ 2 is 差评 (§4.2). */
export interface EvaluationFact {
  ticketId?: string;
  caseId?: string;
  level: 1 | 2 | 3 | 4 | 5;
}

export interface Ratio {
  /** numerator ÷ denominator; null when the denominator is 0 (shown as "—", never as 0 %). */
  value: number | null;
  numerator: number;
  denominator: number;
  formula: string;
  formulaEn: string;
}

export interface DurationStats {
  count: number;
  /** Milliseconds; null when count is 0. */
  averageMs: number | null;
  p90Ms: number | null;
}

export interface QueueFigures {
  issued: number;
  served: number;
  noShows: number;
  abandoned: number;
  transfers: number;
  wait: DurationStats;
  service: DurationStats;
  appointmentsKept: number;
  appointmentsMissed: number;
}

export interface CaseFigures {
  received: number;
  accepted: number;
  refused: number;
  concluded: number;
  overdue: number;
}

export interface Kpis {
  oneWindowRate: Ratio;
  atMostOneVisitRate: Ratio;
  onTimeRate: Ratio;
  overdueRate: Ratio;
  /** 提速率: an average, not a ratio of counts; numerator/denominator are Σ(1 − actual/legal) and the case count. */
  speedUpRate: Ratio;
  participationRate: Ratio;
  goodRate: Ratio;
  badRate: Ratio;
}

export interface PeriodReport {
  queue: QueueFigures;
  cases: CaseFigures;
  kpis: Kpis;
}

const ratio = (numerator: number, denominator: number, formula: string, formulaEn: string): Ratio => ({
  value: denominator === 0 ? null : numerator / denominator,
  numerator,
  denominator,
  formula,
  formulaEn,
});

/** Nearest-rank 90th percentile: the smallest value with at least 90 % of the values at or below it. */
export function percentile90(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.ceil(0.9 * sorted.length) - 1] ?? null;
}

export function durationStats(values: readonly number[]): DurationStats {
  if (values.length === 0) return { count: 0, averageMs: null, p90Ms: null };
  const sum = values.reduce((a, b) => a + b, 0);
  return { count: values.length, averageMs: sum / values.length, p90Ms: percentile90(values) };
}

export function queueFigures(tickets: readonly TicketFact[]): QueueFigures {
  const waits: number[] = [];
  const services: number[] = [];
  let served = 0;
  let noShows = 0;
  let abandoned = 0;
  let transfers = 0;
  let kept = 0;
  let missed = 0;
  for (const t of tickets) {
    // Wait ends at the first call: what the visitor spent in the seats, not the walk to the window.
    if (t.calledAt !== undefined) waits.push(t.calledAt - t.issuedAt);
    if (t.servedAt !== undefined && t.finishedAt !== undefined) services.push(t.finishedAt - t.servedAt);
    if (t.outcome === 'served') served++;
    else if (t.outcome === 'no-show') noShows++;
    else if (t.outcome === 'abandoned') abandoned++;
    transfers += t.transfers;
    if (t.appointment === 'kept') kept++;
    else if (t.appointment === 'missed') missed++;
  }
  return {
    issued: tickets.length,
    served,
    noShows,
    abandoned,
    transfers,
    wait: durationStats(waits),
    service: durationStats(services),
    appointmentsKept: kept,
    appointmentsMissed: missed,
  };
}

export function caseFigures(cases: readonly CaseFact[]): CaseFigures {
  return {
    received: cases.length,
    // Accepted counts every case past 受理, concluded ones included: 受理量 in the monthly reports (§6.1).
    accepted: cases.filter((c) => c.status === 'accepted' || c.status === 'concluded').length,
    refused: cases.filter((c) => c.status === 'refused').length,
    concluded: cases.filter((c) => c.status === 'concluded').length,
    overdue: cases.filter((c) => c.overdue).length,
  };
}

/** The indicators of §8.4 over one period's facts. */
export function computeKpis(input: {
  tickets: readonly TicketFact[];
  cases: readonly CaseFact[];
  evaluations: readonly EvaluationFact[];
}): Kpis {
  const { tickets, cases, evaluations } = input;
  const concluded = cases.filter((c) => c.status === 'concluded');
  const overdue = concluded.filter((c) => c.overdue).length;
  const promised = concluded.filter(
    (c) => c.legalLimitDays !== undefined && c.legalLimitDays > 0 && c.actualWorkingDays !== undefined,
  );
  const speedUpSum = promised.reduce((sum, c) => sum + (1 - (c.actualWorkingDays ?? 0) / (c.legalLimitDays ?? 1)), 0);
  // 参评率 counts services (finished tickets), each rated at most once: a second rating of the same ticket is one service.
  const servedTickets = new Set(tickets.filter((t) => t.outcome === 'served').map((t) => t.ticketId));
  const ratedServed = new Set(
    evaluations.flatMap((e) => (e.ticketId && servedTickets.has(e.ticketId) ? [e.ticketId] : [])),
  );
  const good = evaluations.filter((e) => e.level >= 4).length;
  const bad = evaluations.filter((e) => e.level <= 2).length;
  return {
    oneWindowRate: ratio(
      cases.filter((c) => c.atComprehensiveWindow).length,
      cases.length,
      '一窗受理率 = 综合窗口收件数 ÷ 大厅收件总数',
      'one-window rate = cases received at comprehensive windows ÷ all cases received',
    ),
    atMostOneVisitRate: ratio(
      concluded.filter((c) => c.visits <= 1).length,
      concluded.length,
      '最多跑一次率 = 到现场不超过一次的办结件 ÷ 办结件',
      'at-most-one-visit rate = concluded cases with ≤ 1 on-site visit ÷ concluded cases',
    ),
    onTimeRate: ratio(
      concluded.length - overdue,
      concluded.length,
      '按时办结率 = 按时办结件 ÷ 办结件',
      'on-time rate = cases concluded by their promised date ÷ concluded cases',
    ),
    overdueRate: ratio(
      overdue,
      concluded.length,
      '超期率 = 超期办结件 ÷ 办结件',
      'overdue rate = cases concluded after their promised date ÷ concluded cases',
    ),
    speedUpRate: ratio(
      speedUpSum,
      promised.length,
      '提速率 = 平均(1 − 实际工作日 ÷ 法定时限工作日)，承诺件',
      'speed-up rate = mean of (1 − working days used ÷ legal limit) over concluded promised cases',
    ),
    participationRate: ratio(
      ratedServed.size,
      servedTickets.size,
      '参评率 = 参评服务数 ÷ 服务总数',
      'participation rate = rated services ÷ services',
    ),
    goodRate: ratio(
      good,
      evaluations.length,
      '好评率 = (非常满意 + 满意) ÷ 评价数',
      'good-review rate = (very satisfied + satisfied) ÷ ratings',
    ),
    badRate: ratio(
      bad,
      evaluations.length,
      '差评率 = (不满意 + 非常不满意) ÷ 评价数',
      'bad-review rate = (dissatisfied + very dissatisfied) ÷ ratings',
    ),
  };
}

/** The whole period: queue and case figures beside the KPIs. */
export function periodReport(input: {
  tickets: readonly TicketFact[];
  cases: readonly CaseFact[];
  evaluations: readonly EvaluationFact[];
}): PeriodReport {
  return { queue: queueFigures(input.tickets), cases: caseFigures(input.cases), kpis: computeKpis(input) };
}

/** Groups facts by a key (service, window, clerk, department, matter, hour bucket …) and reports each group. */
export function groupBy<T>(facts: readonly T[], key: (fact: T) => string | undefined): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const fact of facts) {
    const k = key(fact);
    if (k === undefined) continue;
    const list = groups.get(k);
    if (list) list.push(fact);
    else groups.set(k, [fact]);
  }
  return groups;
}
