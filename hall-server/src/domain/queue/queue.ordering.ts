import { waitingBucketsFor } from './queue.index.js';
import type { WaitingBucket } from './waiting-bucket.js';
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

/** A waiting ticket a window may call, with what it competes by. */
interface Candidate {
  ticket: Ticket;
  rank: number;
  /** 0 when transferred to this window (first in its class), else 1 */
  targeted: number;
  /** the window's order for the ticket's service */
  order: number;
  priority: boolean;
}

/**
 * Aged tickets go by enqueuedAt alone; the others by class, then targeted first, then the window's service order,
 * then sortKey, then seqNo; the id breaks the last ties so the order is total.
 */
function compareCandidates(a: Candidate, b: Candidate): number {
  if (a.rank !== b.rank) return a.rank - b.rank;
  const x = a.ticket;
  const y = b.ticket;
  const diff =
    a.rank === CLASS_RANK.aged
      ? x.enqueuedAt - y.enqueuedAt || x.sortKey - y.sortKey || x.seqNo - y.seqNo
      : a.targeted - b.targeted || a.order - b.order || x.sortKey - y.sortKey || x.seqNo - y.seqNo;
  if (diff !== 0) return diff;
  return x.id < y.id ? -1 : x.id > y.id ? 1 : 0;
}

/** The ticket as a candidate of this window, or null when the window may not call it (not waiting, not its own). */
function candidateOf(
  state: QueueState,
  window: CallingWindow,
  orderOf: ReadonlyMap<string, number>,
  ticket: Ticket,
  now: number,
): Candidate | null {
  if (ticket.status !== 'waiting') return null;
  const targeted = ticket.targetWindowId !== null;
  if (targeted ? ticket.targetWindowId !== window.id : !orderOf.has(ticket.serviceId)) return null;
  const callClass = callClassOf(ticket, state.rules, now);
  return {
    ticket,
    rank: CLASS_RANK[callClass],
    targeted: targeted ? 0 : 1,
    order: orderOf.get(ticket.serviceId) ?? 1,
    priority: isPriorityCall(callClass),
  };
}

/** The waiting tickets the window may call. */
function candidatesFor(state: QueueState, window: CallingWindow, now: number): Candidate[] {
  const orderOf = serviceOrder(window);
  const out: Candidate[] = [];
  for (const bucket of waitingBucketsFor(state, window.id, window.services))
    for (const ticket of bucket.tickets.values()) {
      const c = candidateOf(state, window, orderOf, ticket, now);
      if (c) out.push(c);
    }
  return out;
}

const serviceOrder = (window: CallingWindow): Map<string, number> =>
  new Map(window.services.map((s) => [s.serviceId, s.order]));

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
  for (const c of candidatesFor(state, window, now)) {
    if (c.priority) {
      if (!bestPriority || compareCandidates(c, bestPriority) < 0) bestPriority = c;
    } else if (!bestNormal || compareCandidates(c, bestNormal) < 0) {
      bestNormal = c;
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
  const candidates = candidatesFor(state, window, now).sort(compareCandidates);
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

/** What the interleave needs to place a ticket: the window's pools and who outranks the ticket in its own. */
export interface Tally {
  priorityTotal: number;
  normalTotal: number;
  ahead: number;
}

/**
 * Where `ticket` stands in `callOrderAt(state, window, now)` — the people called before it — without building the
 * order: count who outranks it in each pool, then play the interleave on counts alone. Every issued ticket asks this,
 * so a ticket at the back of its line is counted from the buckets' tallies (O(services)); any other walks the
 * window's waiting tickets. -1 when the window may not call it.
 */
export function positionAt(state: QueueState, window: CallingWindow, ticket: Ticket, now: number): number {
  const orderOf = serviceOrder(window);
  const mine = candidateOf(state, window, orderOf, ticket, now);
  if (!mine) return -1;
  const tally = tallyAtBackOfLine(state, window, orderOf, mine, now) ?? tallyByScan(state, window, orderOf, mine, now);
  return interleavedPosition(state.rules.normalPerPriority, window.normalsSincePriority, mine.priority, tally);
}

/**
 * The place of the `tally.ahead`-th ticket of its pool when the window interleaves: a priority ticket as soon as it
 * owes one (`normalPerPriority` normals since the last), normals otherwise, either pool alone once the other is empty
 * — `callOrderAt`'s merge, in closed form (walking it step by step cost as many steps as people ahead).
 */
export function interleavedPosition(
  normalPerPriority: number,
  normalsSincePriority: number,
  priority: boolean,
  { priorityTotal, normalTotal, ahead }: Tally,
): number {
  if (normalPerPriority <= 0) return priority ? ahead : priorityTotal + ahead;
  // Normals called before the window owes its first priority ticket; then one priority after every normalPerPriority.
  const first = Math.max(0, normalPerPriority - normalsSincePriority);
  if (priority) return ahead + Math.min(normalTotal, first + ahead * normalPerPriority);
  const owed = ahead < first ? 0 : Math.floor((ahead - first) / normalPerPriority) + 1;
  return ahead + Math.min(priorityTotal, owed);
}

/** The tally by walking every waiting ticket the window may call. */
function tallyByScan(
  state: QueueState,
  window: CallingWindow,
  orderOf: ReadonlyMap<string, number>,
  mine: Candidate,
  now: number,
): Tally {
  const tally: Tally = { priorityTotal: 0, normalTotal: 0, ahead: 0 };
  // One scratch candidate for the comparisons: the line may hold thousands of tickets.
  const other: Candidate = { ...mine };
  // The buckets hold only tickets this window may call: those transferred to it and those of its services.
  for (const bucket of waitingBucketsFor(state, window.id, window.services))
    for (const ticket of bucket.tickets.values()) {
      const targeted = ticket.targetWindowId !== null;
      const callClass = callClassOf(ticket, state.rules, now);
      const priority = isPriorityCall(callClass);
      if (priority) tally.priorityTotal++;
      else tally.normalTotal++;
      if (priority !== mine.priority) continue;
      other.ticket = ticket;
      other.rank = CLASS_RANK[callClass];
      other.targeted = targeted ? 0 : 1;
      other.order = orderOf.get(ticket.serviceId) ?? 1;
      if (compareCandidates(other, mine) < 0) tally.ahead++;
    }
  return tally;
}

/**
 * The tally from the buckets' own counts, for an untargeted normal ticket nobody of its service order is keyed behind
 * (a ticket just issued). Everyone of the normal pool transferred to this window, of an earlier service, or keyed
 * before it is ahead; the aged are in the other pool; tickets sharing its key (the same millisecond) are compared one
 * by one. Null when the counts cannot decide: the scan does.
 */
function tallyAtBackOfLine(
  state: QueueState,
  window: CallingWindow,
  orderOf: ReadonlyMap<string, number>,
  mine: Candidate,
  now: number,
): Tally | null {
  const ticket = mine.ticket;
  if (mine.priority || ticket.targetWindowId !== null) return null;
  const agingMs = state.rules.agingMinutes * 60_000;
  const agedBefore = state.rules.agingMinutes > 0 ? now - agingMs : -Infinity;
  const tally: Tally = { priorityTotal: 0, normalTotal: 0, ahead: 0 };
  const count = (bucket: WaitingBucket): number => {
    const aged = bucket.normalsEnqueuedBefore(agedBefore);
    tally.priorityTotal += bucket.priorityCount + aged;
    tally.normalTotal += bucket.normalCount - aged;
    return aged;
  };
  const targeted = state.index.targeted.get(window.id);
  if (targeted) tally.ahead += targeted.normalCount - count(targeted);
  for (const { serviceId } of window.services) {
    const bucket = state.index.waiting.get(serviceId);
    if (!bucket) continue;
    const order = orderOf.get(serviceId) ?? 1;
    if (order === mine.order && bucket.normalsKeyedAbove(ticket.sortKey) > 0) return null;
    const aged = count(bucket);
    if (order < mine.order) tally.ahead += bucket.normalCount - aged;
    if (order !== mine.order) continue;
    // Nobody is keyed after this ticket here, so every aged one is keyed before it or shares its key.
    let agedSharing = 0;
    for (const other of bucket.normalsAt(ticket.sortKey)) {
      if (other.id === ticket.id) continue;
      const c = candidateOf(state, window, orderOf, other, now);
      if (!c) return null;
      if (c.priority) agedSharing++;
      else if (compareCandidates(c, mine) < 0) tally.ahead++;
    }
    tally.ahead += bucket.normalsKeyedBelow(ticket.sortKey) - (aged - agedSharing);
  }
  return tally;
}
