import { SortedNumbers } from './sorted-numbers.js';
import type { Ticket } from './queue.types.js';

/**
 * The waiting tickets that compete alike at a window — one service's untargeted tickets, or those transferred to one
 * window — with the tallies that let "people ahead" of a ticket at the back of the line be counted without walking
 * the line (see `positionAt`): every issued ticket asks it, and a line of thousands made each issue cost a scan.
 */
export class WaitingBucket {
  readonly tickets = new Map<string, Ticket>();
  /** Appointment and green tickets: in the priority pool whatever their wait. */
  private priority = 0;
  /** Of the normal-priority tickets: when each entered the line (how many have aged by a given time)… */
  private readonly normalEnqueuedAt = new SortedNumbers();
  /** …their queue keys (whether anyone stands behind a given key)… */
  private readonly normalSortKeys = new SortedNumbers();
  /** …and who shares a key (tickets issued in the same millisecond), for the ties the keys cannot order. */
  private readonly normalsAtKey = new Map<number, Map<string, Ticket>>();

  get size(): number {
    return this.tickets.size;
  }

  add(ticket: Ticket): void {
    this.tickets.set(ticket.id, ticket);
    if (ticket.priority !== 'normal') {
      this.priority++;
      return;
    }
    this.normalEnqueuedAt.add(ticket.enqueuedAt);
    this.normalSortKeys.add(ticket.sortKey);
    let atKey = this.normalsAtKey.get(ticket.sortKey);
    if (!atKey) this.normalsAtKey.set(ticket.sortKey, (atKey = new Map()));
    atKey.set(ticket.id, ticket);
  }

  /** Takes out the version of the ticket that was added. */
  remove(ticket: Ticket): void {
    if (!this.tickets.delete(ticket.id)) return;
    if (ticket.priority !== 'normal') {
      this.priority--;
      return;
    }
    this.normalEnqueuedAt.remove(ticket.enqueuedAt);
    this.normalSortKeys.remove(ticket.sortKey);
    const atKey = this.normalsAtKey.get(ticket.sortKey);
    atKey?.delete(ticket.id);
    if (atKey?.size === 0) this.normalsAtKey.delete(ticket.sortKey);
  }

  /** Normal-priority tickets that entered the line before `instant` (aged, when it is now minus the aging time). */
  normalsEnqueuedBefore(instant: number): number {
    return this.normalEnqueuedAt.countBelow(instant);
  }

  get normalCount(): number {
    return this.normalSortKeys.size;
  }

  get priorityCount(): number {
    return this.priority;
  }

  normalsKeyedBelow(sortKey: number): number {
    return this.normalSortKeys.countBelow(sortKey);
  }

  normalsKeyedAbove(sortKey: number): number {
    return this.normalSortKeys.countAbove(sortKey);
  }

  normalsAt(sortKey: number): Iterable<Ticket> {
    return this.normalsAtKey.get(sortKey)?.values() ?? [];
  }
}
