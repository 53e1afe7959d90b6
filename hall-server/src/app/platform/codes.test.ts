import { describe, expect, it } from 'vitest';
import { CASE_STAGE_IDS } from '@onedoor/protocol';
import { backoffMs } from './backoff.js';
import { DEFAULT_PLATFORM_CODES, platformCodes } from './codes.js';

describe('platform code tables', () => {
  it('the defaults are domain.md §3.2 / §2.3 / §4.2 and cover every stage', () => {
    const codes = platformCodes({});
    expect(codes.ok).toBe(true);
    if (!codes.ok) return;
    expect(codes.value.stages).toEqual({
      received: 1,
      accepted: 2,
      not_accepted: 2,
      reviewing: 3,
      correction: 11,
      suspended: 12,
      concluded: 4,
      delivered: 99,
      withdrawn: 99,
    });
    expect(Object.keys(codes.value.stages).sort()).toEqual([...CASE_STAGE_IDS].sort());
    expect(codes.value.caseKinds).toMatchObject({ immediate: 1, promised: 2 });
    expect(codes.value.satisfaction).toEqual({ '1': 1, '2': 2, '3': 3, '4': 4, '5': 5 });
  });

  it('an override changes one entry and keeps the rest', () => {
    const codes = platformCodes({ stages: { delivered: 5 }, services: { 'BDC-01': 'real-estate' } });
    expect(codes.ok && codes.value.stages).toEqual({ ...DEFAULT_PLATFORM_CODES.stages, delivered: 5 });
    expect(codes.ok && codes.value.services).toEqual({ 'BDC-01': 'real-estate' });
  });

  it('a bad override is refused with the path to fix, in Chinese and English', () => {
    const codes = platformCodes({ stages: { delivered: 'five', archived: 7 }, satisfaction: { '6': 6 } });
    expect(codes.ok).toBe(false);
    if (codes.ok) return;
    expect(codes.error.message).toContain('平台代码表有误');
    expect(codes.error.messageEn).toContain('platform.codes.stages.delivered');
    expect(codes.error.messageEn).toContain('archived');
    expect(codes.error.messageEn).toContain('platform.codes.satisfaction');
  });
});

describe('retry backoff', () => {
  it('doubles up to the ceiling, half fixed and half jitter', () => {
    const low = () => 0;
    const high = () => 0.999999;
    expect(backoffMs(1, 1000, 60_000, low)).toBe(500);
    expect(backoffMs(1, 1000, 60_000, high)).toBe(1000);
    expect(backoffMs(4, 1000, 60_000, low)).toBe(4000);
    expect(backoffMs(30, 1000, 60_000, low)).toBe(30_000);
    expect(backoffMs(30, 1000, 60_000, high)).toBe(60_000);
    for (let n = 1; n < 50; n++) {
      const d = backoffMs(n, 2000, 600_000, Math.random);
      expect(d).toBeGreaterThanOrEqual(Math.min(600_000, 2000 * 2 ** (n - 1)) / 2);
      expect(d).toBeLessThanOrEqual(600_000);
    }
  });
});
