import type { QueueRules, QueueState, Ticket } from './queue.types.js';

/**
 * How a waiting ticket competes for a call right now. 'aged' = it has waited longer than rules.agingMinutes,
 * whatever it was issued as: aged tickets count as priority and go first, longest wait first, which is what
 * bounds every wait (a stream of newer priority tickets cannot hold an aged one back).
 */
export type CallClass = 'aged' | 'appointment' | 'green' | 'normal';

const CLASS_RANK: Record<CallClass, number> = { aged: 0, appointment: 1, green: 2, normal: 3 };

/** The class a waiting ticket is called in at `now` (see CallClass). */
export function callClassOf(ticket: Ticket, rules: QueueRules, now: number): CallClass {
  if (rules.agingMinutes > 0 && now - ticket.enqueuedAt > rules.agingMinutes * 60_000) return 'aged';
  return ticket.priority;
}

/** Whether a ticket of this class resets the window's interleave counter when called. */
export const isPriorityCall = (callClass: CallClass): boolean => callClass !== 'normal';

/** Whether `windowId` may call this ticket: targeted to it, or untargeted in a service the window serves. */
export function isServedBy(state: QueueState, ticket: Ticket, windowId: string): boolean {
  if (ticket.targetWindowId !== null) return ticket.targetWindowId === windowId;
  return state.windows.get(windowId)?.config.services.some((s) => s.serviceId === ticket.serviceId) ?? false;
}

type RankKey = { numbers: number[]; id: string };

function compareKeys(a: RankKey, b: RankKey): number {
  for (let i = 0; i < Math.max(a.numbers.length, b.numbers.length); i++) {
    const diff = (a.numbers[i] ?? 0) - (b.numbers[i] ?? 0);
    if (diff !== 0) return diff;
  }
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

type Candidate = { ticket: Ticket; key: RankKey; priority: boolean };

/** What ordering needs of a window: what it serves, in which order, and its interleave counter. */
export interface CallingWindow {
  id: string;
  services: readonly { serviceId: string; order: number }[];
  normalsSincePriority: number;
}

/** A window of the hall as ordering sees it; null when there is no such window. */
export function callingWindow(state: QueueState, windowId: string): CallingWindow | null {
  const entry = state.windows.get(windowId);
  return entry
    ? { id: windowId, services: entry.config.services, normalsSincePriority: entry.runtime.normalsSincePriority }
    : null;
}

/** The waiting tickets a window may call, each with the key it competes with and whether it is a priority call. */
function candidatesFor(state: QueueState, window: CallingWindow, now: number): Candidate[] {
  const orderOf = new Map(window.services.map((s) => [s.serviceId, s.order]));
  const out: Candidate[] = [];
  for (const ticket of state.tickets.values()) {
    if (ticket.status !== 'waiting') continue;
    const targeted = ticket.targetWindowId !== null;
    if (targeted ? ticket.targetWindowId !== window.id : !orderOf.has(ticket.serviceId)) continue;
    const callClass = callClassOf(ticket, state.rules, now);
    const numbers =
      callClass === 'aged'
        ? [CLASS_RANK.aged, ticket.enqueuedAt, ticket.sortKey, ticket.seqNo]
        : [CLASS_RANK[callClass], targeted ? 0 : 1, orderOf.get(ticket.serviceId) ?? 1, ticket.sortKey, ticket.seqNo];
    out.push({ ticket, key: { numbers, id: ticket.id }, priority: isPriorityCall(callClass) });
  }
  return out;
}

/** Priority is called when the window owes one (normalPerPriority normals since the last) or no normal waits. */
function priorityTurn(rules: QueueRules, normalsSincePriority: number, normalWaiting: boolean): boolean {
  return rules.normalPerPriority === 0 || normalsSincePriority >= rules.normalPerPriority || !normalWaiting;
}

/**
 * The ticket `windowId` should call next, or null. Candidates: waiting tickets targeted to this window, and
 * untargeted waiting tickets of the services it serves.
 *
 * Priority pool (aged, then appointment, then green) versus normal pool: priority is called when
 * normalPerPriority is 0, when the window has called normalPerPriority normals since its last priority ticket, or
 * when no normal is waiting; otherwise the best normal. Within appointment/green/normal: targeted tickets first,
 * then the window's lower service order, then lower sortKey, then seqNo. Aged tickets go by enqueuedAt alone.
 */
export function nextTicketFor(state: QueueState, windowId: string, now: number): Ticket | null {
  const window = callingWindow(state, windowId);
  if (!window) return null;
  let bestPriority: Candidate | null = null;
  let bestNormal: Candidate | null = null;
  for (const candidate of candidatesFor(state, window, now)) {
    if (candidate.priority) {
      if (!bestPriority || compareKeys(candidate.key, bestPriority.key) < 0) bestPriority = candidate;
    } else if (!bestNormal || compareKeys(candidate.key, bestNormal.key) < 0) {
      bestNormal = candidate;
    }
  }
  if (bestPriority && priorityTurn(state.rules, window.normalsSincePriority, bestNormal !== null)) {
    return bestPriority.ticket;
  }
  return (bestNormal ?? bestPriority)?.ticket ?? null;
}

/**
 * Every ticket `windowId` may call, in the order it would call them if it called again and again at `now` and nobody
 * else called or arrived: `nextTicketFor` repeated, in one sort and merge. This is what "people ahead" means — a
 * 绿色通道 ticket behind five normal ones is called third, not sixth, and must be told so.
 */
export function callOrder(state: QueueState, windowId: string, now: number): Ticket[] {
  const window = callingWindow(state, windowId);
  return window ? callOrderAt(state, window, now) : [];
}

/** `callOrder` for any window, also one that does not exist (what a window serving only one service would do). */
export function callOrderAt(state: QueueState, window: CallingWindow, now: number): Ticket[] {
  const candidates = candidatesFor(state, window, now).sort((a, b) => compareKeys(a.key, b.key));
  const priority = candidates.filter((c) => c.priority);
  const normal = candidates.filter((c) => !c.priority);
  const order: Ticket[] = [];
  let normals = window.normalsSincePriority;
  let p = 0;
  let n = 0;
  while (p < priority.length || n < normal.length) {
    if (p < priority.length && priorityTurn(state.rules, normals, n < normal.length)) {
      order.push(priority[p++]!.ticket);
      normals = 0;
    } else {
      order.push(normal[n++]!.ticket);
      normals++;
    }
  }
  return order;
}
