/**
 * A multiset of numbers kept in ascending order: counts below or above a value in O(log n). Adds land at the end in
 * the common case (a ticket enqueued now), removals near the front (the longest-waiting called first), so the
 * array's splice moves little.
 */
export class SortedNumbers {
  private readonly values: number[] = [];

  get size(): number {
    return this.values.length;
  }

  add(value: number): void {
    this.values.splice(this.firstAbove(value), 0, value);
  }

  /** Removes one occurrence; false when there is none. */
  remove(value: number): boolean {
    const i = this.firstAtLeast(value);
    if (this.values[i] !== value) return false;
    this.values.splice(i, 1);
    return true;
  }

  countBelow(value: number): number {
    return this.firstAtLeast(value);
  }

  countAbove(value: number): number {
    return this.values.length - this.firstAbove(value);
  }

  private firstAtLeast(value: number): number {
    let lo = 0;
    let hi = this.values.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.values[mid]! < value) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private firstAbove(value: number): number {
    let lo = 0;
    let hi = this.values.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.values[mid]! <= value) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
