import { describe, expect, it } from 'vitest';
import type { RequiredMaterial } from './catalog.types.js';
import { checklistChanges, noChanges } from './catalog.changes.js';

const m = (materialId: string, patch: Partial<RequiredMaterial> = {}): RequiredMaterial => ({
  materialId,
  name: materialId.toUpperCase(),
  need: 'required',
  originalCount: 1,
  copyCount: 0,
  electronicAccepted: false,
  certLookup: null,
  acceptStandard: null,
  toleranceDays: null,
  usedBy: ['x'],
  sort: 0,
  ...patch,
});

describe('checklistChanges', () => {
  it('names what was added, dropped and changed on the checklist; 非必要 materials do not count', () => {
    const before = [m('a'), m('b'), m('c'), m('opt', { need: 'optional' })];
    const after = [m('a'), m('c', { copyCount: 2 }), m('d'), m('opt2', { need: 'optional' })];
    expect(checklistChanges(before, after)).toEqual({ added: ['D'], removed: ['B'], changed: ['C'] });
  });

  it('a 必要 material that became 容缺, or a new 受理标准, is a change; the same list is none', () => {
    expect(checklistChanges([m('a')], [m('a', { need: 'tolerance' })]).changed).toEqual(['A']);
    expect(checklistChanges([m('a')], [m('a', { acceptStandard: '加盖公章' })]).changed).toEqual(['A']);
    expect(noChanges(checklistChanges([m('a'), m('b')], [m('b'), m('a', { electronicAccepted: true })]))).toBe(true);
  });
});
