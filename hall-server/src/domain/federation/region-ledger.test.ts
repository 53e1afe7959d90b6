import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { emptyLedger, missing, offer, type HallLedger } from './region-ledger.js';

function feed(seqs: readonly number[]): { ledger: HallLedger; applied: number[] } {
  let ledger = emptyLedger;
  const applied: number[] = [];
  for (const s of seqs) {
    const o = offer(ledger, s);
    ledger = o.ledger;
    if (o.apply) applied.push(s);
  }
  return { ledger, applied };
}

describe('region ledger', () => {
  it('applies in order, refuses duplicates, and folds records that arrived ahead of a gap', () => {
    const { ledger, applied } = feed([1, 2, 2, 5, 4, 1, 3, 5, 6]);
    expect(applied).toEqual([1, 2, 5, 4, 3, 6]);
    expect(ledger.contiguous).toBe(6);
    expect(ledger.ahead.size).toBe(0);
  });

  it('names the missing ranges up to the hall’s last seq', () => {
    const { ledger } = feed([1, 2, 5, 6, 9]);
    expect(missing(ledger, 12)).toEqual([
      { from: 3, to: 4 },
      { from: 7, to: 8 },
      { from: 10, to: 12 },
    ]);
    expect(missing(ledger, 2)).toEqual([]);
    expect(missing(feed([1, 2, 3]).ledger, 3)).toEqual([]);
  });

  it('property: any order with duplicates and losses, then the missing ranges asked for, applies each seq exactly once', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 60 }),
        fc.array(fc.integer({ min: 1, max: 60 }), { maxLength: 200 }),
        (last, arrivals) => {
          const delivered = arrivals.filter((s) => s <= last);
          const first = feed(delivered);
          const refill = missing(first.ledger, last).flatMap((r) =>
            Array.from({ length: r.to - r.from + 1 }, (_, i) => r.from + i),
          );
          let ledger = first.ledger;
          const applied = [...first.applied];
          for (const s of [...refill, ...delivered]) {
            const o = offer(ledger, s);
            ledger = o.ledger;
            if (o.apply) applied.push(s);
          }
          expect([...applied].sort((a, b) => a - b)).toEqual(Array.from({ length: last }, (_, i) => i + 1));
          expect(ledger.contiguous).toBe(last);
          expect(missing(ledger, last)).toEqual([]);
        },
      ),
    );
  });
});
