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
  const entry = state.windows.get(windowId);
  if (!entry) return null;
  const orderOf = new Map(entry.config.services.map((s) => [s.serviceId, s.order]));
  let bestPriority: { ticket: Ticket; key: RankKey } | null = null;
  let bestNormal: { ticket: Ticket; key: RankKey } | null = null;
  for (const ticket of state.tickets.values()) {
    if (ticket.status !== 'waiting') continue;
    const targeted = ticket.targetWindowId !== null;
    if (targeted ? ticket.targetWindowId !== windowId : !orderOf.has(ticket.serviceId)) continue;
    const callClass = callClassOf(ticket, state.rules, now);
    const numbers =
      callClass === 'aged'
        ? [CLASS_RANK.aged, ticket.enqueuedAt, ticket.sortKey, ticket.seqNo]
        : [CLASS_RANK[callClass], targeted ? 0 : 1, orderOf.get(ticket.serviceId) ?? 1, ticket.sortKey, ticket.seqNo];
    const candidate = { ticket, key: { numbers, id: ticket.id } };
    if (isPriorityCall(callClass)) {
      if (!bestPriority || compareKeys(candidate.key, bestPriority.key) < 0) bestPriority = candidate;
    } else if (!bestNormal || compareKeys(candidate.key, bestNormal.key) < 0) {
      bestNormal = candidate;
    }
  }
  const { normalPerPriority } = state.rules;
  const priorityTurn =
    normalPerPriority === 0 || entry.runtime.normalsSincePriority >= normalPerPriority || bestNormal === null;
  if (bestPriority && priorityTurn) return bestPriority.ticket;
  return (bestNormal ?? bestPriority)?.ticket ?? null;
}
