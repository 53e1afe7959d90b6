import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { RatingLevelNumber } from '@onedoor/protocol';
import { decideRating, decideReason } from './rating.js';

const service = { ticketId: 't1', ticketNumber: 'A001', windowId: 'w01', clerkId: 'clerk01', caseIds: ['c1', 'c2'] };
const level = fc.constantFrom<RatingLevelNumber>(1, 2, 3, 4, 5);

describe('好差评 decisions', () => {
  it('keeps a reason only for 不满意 / 非常不满意, and asks for one when it is missing', () => {
    fc.assert(
      fc.property(level, fc.option(fc.string({ minLength: 2 }), { nil: null }), (l, reason) => {
        const r = decideRating(service, { level: l, reason }, false);
        if (!r.ok) return false;
        expect(r.value.caseIds).toEqual(['c1', 'c2']);
        if (l <= 2) {
          expect(r.value.reason).toBe(reason);
          expect(r.value.needsReason).toBe(reason === null);
        } else {
          expect(r.value.reason).toBeNull();
          expect(r.value.needsReason).toBe(false);
        }
        return true;
      }),
    );
  });

  it('rates a service once', () => {
    const r = decideRating(service, { level: 5, reason: null }, true);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatchObject({ code: 'CONFLICT', message: 'A001 已评价过' });
  });

  it('takes a reason once, only for a 差评 that has been given', () => {
    expect(decideReason(null, 'A001')?.code).toBe('NOT_FOUND');
    expect(decideReason({ level: 4, reason: null }, 'A001')?.message).toContain('不需要填写原因');
    expect(decideReason({ level: 1, reason: '等候时间长' }, 'A001')?.code).toBe('CONFLICT');
    expect(decideReason({ level: 2, reason: null }, 'A001')).toBeNull();
  });
});
