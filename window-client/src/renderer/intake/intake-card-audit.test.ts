import { describe, expect, it } from 'vitest';
import { cardReadShown, initialIntake, transition, type IntakeEvent } from './intake-flow';

const ctx = { newId: () => 'req-1' };
const card: IntakeEvent = { type: 'card', name: '张三', idNumber: '11010519491231002x' };

/** Which reads the window reports to the hall's audit, and what a refused audit does to the screen. */
describe('card reads on the intake screen', () => {
  it('reports a card read that reached the screen, with the normalized number', () => {
    const before = initialIntake();
    const after = transition(before, card, ctx).state;
    expect(after.step).toBe('choose');
    expect(cardReadShown(before, card, after)).toBe('11010519491231002X');
  });

  it('reports nothing for a typed number, a refused card or a second card once someone is on screen', () => {
    const typed: IntakeEvent = { type: 'typed', name: '张三', idNumber: '11010519491231002X' };
    const start = initialIntake();
    expect(cardReadShown(start, typed, transition(start, typed, ctx).state)).toBeNull();
    const wrong: IntakeEvent = { type: 'card', name: '张三', idNumber: '110105194912310021' };
    const refused = transition(start, wrong, ctx).state;
    expect(refused.step).toBe('identify');
    expect(cardReadShown(start, wrong, refused)).toBeNull();
    const onScreen = transition(start, card, ctx).state;
    const other: IntakeEvent = { type: 'card', name: '李四', idNumber: '320106198503151236' };
    expect(cardReadShown(onScreen, other, transition(onScreen, other, ctx).state)).toBeNull();
  });

  it('a read the hall would not record takes the holder off the screen with the reason', () => {
    const onScreen = transition(initialIntake(), card, ctx).state;
    const refused = transition(
      onScreen,
      { type: 'card-audit-refused', idNumber: '11010519491231002X', message: '读卡未能登记' },
      ctx,
    );
    expect(refused.state).toEqual({ step: 'identify', error: '读卡未能登记', finding: null, taken: [] });
    expect(refused.effects).toEqual([]);
    // A refusal for another number (an older read) leaves the applicant now on screen alone.
    const stale = transition(
      onScreen,
      { type: 'card-audit-refused', idNumber: '320106198503151236', message: 'x' },
      ctx,
    );
    expect(stale.state).toBe(onScreen);
  });
});
