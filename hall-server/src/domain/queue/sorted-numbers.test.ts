import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SortedNumbers } from './sorted-numbers.js';

describe('SortedNumbers', () => {
  it('counts below and above like a plain list, through any adds and removes (duplicates too)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.boolean(), fc.integer({ min: 0, max: 20 })), { maxLength: 200 }),
        fc.integer({ min: -1, max: 21 }),
        (steps, probe) => {
          const sorted = new SortedNumbers();
          const plain: number[] = [];
          for (const [add, value] of steps) {
            if (add) {
              sorted.add(value);
              plain.push(value);
            } else {
              const i = plain.indexOf(value);
              expect(sorted.remove(value)).toBe(i >= 0);
              if (i >= 0) plain.splice(i, 1);
            }
          }
          expect(sorted.size).toBe(plain.length);
          expect(sorted.countBelow(probe)).toBe(plain.filter((v) => v < probe).length);
          expect(sorted.countAbove(probe)).toBe(plain.filter((v) => v > probe).length);
        },
      ),
    );
  });
});
