import { TICKET_STATUSES, type TicketStatus } from '@onedoor/protocol';
import type { QueueState, Ticket, TicketIndex } from './queue.types.js';
import { WaitingBucket } from './waiting-bucket.js';

/** Statuses of a ticket that is still in the hall's hands (shown on screens, abandoned at the day reset). */
export const ACTIVE_STATUSES: readonly TicketStatus[] = ['waiting', 'called', 'serving', 'suspended'];

const isActive = (t: Ticket): boolean => ACTIVE_STATUSES.includes(t.status);

const zeroCounts = (): Record<TicketStatus, number> =>
  Object.fromEntries(TICKET_STATUSES.map((s) => [s, 0])) as Record<TicketStatus, number>;

export function emptyTicketIndex(): TicketIndex {
  return { active: new Map(), counts: new Map(), byHolder: new Map(), waiting: new Map(), targeted: new Map() };
}

/** The bucket a waiting ticket competes in: its target window's, else its service's; null when not waiting. */
function bucketOf(index: TicketIndex, t: Ticket, create: boolean): WaitingBucket | null {
  if (t.status !== 'waiting') return null;
  const [buckets, key] = t.targetWindowId !== null ? [index.targeted, t.targetWindowId] : [index.waiting, t.serviceId];
  let bucket = buckets.get(key);
  if (!bucket && create) buckets.set(key, (bucket = new WaitingBucket()));
  return bucket ?? null;
}

/**
 * Keeps the index in step with one ticket replacing `previous` (or arriving). Only the writers of `state.tickets`
 * (createQueueState, commitChanges) call it: a day holds tens of thousands of tickets, and every issue and call asks
 * only about the few hundred still open — looping over the whole day made each command cost more as the day went on.
 */
export function indexTicket(index: TicketIndex, previous: Ticket | undefined, ticket: Ticket): void {
  if (previous) {
    const counts = index.counts.get(previous.serviceId);
    if (counts) counts[previous.status]--;
  }
  let counts = index.counts.get(ticket.serviceId);
  if (!counts) index.counts.set(ticket.serviceId, (counts = zeroCounts()));
  counts[ticket.status]++;
  if (isActive(ticket)) index.active.set(ticket.id, ticket);
  else index.active.delete(ticket.id);
  if (previous) bucketOf(index, previous, false)?.remove(previous);
  bucketOf(index, ticket, true)?.add(ticket);
  if (previous?.holder && previous.holder.key !== ticket.holder?.key)
    index.byHolder.get(previous.holder.key)?.delete(ticket.id);
  if (ticket.holder) {
    let ids = index.byHolder.get(ticket.holder.key);
    if (!ids) index.byHolder.set(ticket.holder.key, (ids = new Set()));
    ids.add(ticket.id);
  }
}

/** The index of the state's tickets, built from scratch (a load, a new day). */
export function rebuildTicketIndex(state: QueueState): void {
  state.index = emptyTicketIndex();
  for (const ticket of state.tickets.values()) indexTicket(state.index, undefined, ticket);
}

/** The waiting tickets a window may call, bucket by bucket: those transferred to it, the untargeted ones of its services. */
export function waitingBucketsFor(
  state: QueueState,
  windowId: string,
  services: readonly { serviceId: string }[],
): WaitingBucket[] {
  const buckets: WaitingBucket[] = [];
  const targeted = state.index.targeted.get(windowId);
  if (targeted) buckets.push(targeted);
  for (const { serviceId } of services) {
    const bucket = state.index.waiting.get(serviceId);
    if (bucket) buckets.push(bucket);
  }
  return buckets;
}

/** Today's tickets per status (every status present, 0 when none), for one service or the whole hall. */
export function countByStatus(state: QueueState, serviceId?: string): Record<TicketStatus, number> {
  const total = zeroCounts();
  const add = (counts: Record<TicketStatus, number> | undefined) => {
    if (counts) for (const s of TICKET_STATUSES) total[s] += counts[s];
  };
  if (serviceId === undefined) for (const counts of state.index.counts.values()) add(counts);
  else add(state.index.counts.get(serviceId));
  return total;
}

/** The holder's tickets of today (any status). */
export function ticketsOfHolder(state: QueueState, holderKey: string): Ticket[] {
  const ids = state.index.byHolder.get(holderKey);
  return [...(ids ?? [])].flatMap((id) => state.tickets.get(id) ?? []);
}
