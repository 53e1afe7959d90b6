import { describe, expect, it } from 'vitest';
import {
  acknowledge,
  DEFAULT_ALARM_THRESHOLDS,
  detectAlarms,
  reconcile,
  validateThresholds,
  yellowLineDays,
  type HallSituation,
} from './alarms';

const min = 60_000;
const now = 1_000 * min;
const quiet: HallSituation = {
  now,
  waiting: [],
  services: [],
  windows: [],
  devices: [],
  cases: [],
  badReviews: [],
  rectifications: [],
  complaints: [],
};
const t = DEFAULT_ALARM_THRESHOLDS; // wait 30, queue 20, paused 15, yellow 20 %

describe('alarm thresholds', () => {
  it('refuses −5 in Chinese and English and returns nothing changed', () => {
    const r = validateThresholds(t, { pausedMinutes: -5 });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.message).toContain('1 到');
      expect(r.error.message).toContain('-5');
      expect(r.error.messageEn).toContain('no threshold was changed');
    }
    expect(t.pausedMinutes).toBe(15);
  });

  it('refuses an unknown name, a fraction and a string; accepts a whole number in range', () => {
    expect(validateThresholds(t, { nope: 3 }).ok).toBe(false);
    expect(validateThresholds(t, { waitMinutes: 2.5 }).ok).toBe(false);
    expect(validateThresholds(t, { waitMinutes: '10' }).ok).toBe(false);
    const r = validateThresholds(t, { waitMinutes: 10, queueLength: 5 });
    expect(r.ok && r.value).toEqual({ ...t, waitMinutes: 10, queueLength: 5 });
  });
});

describe('detectAlarms', () => {
  it('a quiet hall raises nothing', () => {
    expect(detectAlarms(quiet, t)).toEqual([]);
  });

  it('a window paused 16 minutes alarms; 15 minutes does not', () => {
    const at = (m: number) =>
      detectAlarms({ ...quiet, windows: [{ windowId: 'w1', name: '1号窗口', pausedSince: now - m * min }] }, t);
    expect(at(15)).toEqual([]);
    expect(at(16).map((a) => [a.key, a.kind])).toEqual([['window-paused:w1', 'window-paused']]);
    expect(at(16)[0]?.message).toContain('16 分钟');
  });

  it('a ticket waiting over 30 minutes and a service with 21 waiting alarm', () => {
    const alarms = detectAlarms(
      {
        ...quiet,
        waiting: [
          { ticketId: 't1', ticketNo: 'A001', serviceId: 's1', issuedAt: now - 31 * min },
          { ticketId: 't2', ticketNo: 'A002', serviceId: 's1', issuedAt: now - 30 * min },
        ],
        services: [
          { serviceId: 's1', name: '社保', waiting: 21 },
          { serviceId: 's2', name: '医保', waiting: 20 },
        ],
      },
      t,
    );
    expect(alarms.map((a) => a.key)).toEqual(['wait-too-long:t1', 'queue-too-long:s1']);
  });

  it('devices: offline is critical, paper out critical, paper low a warning', () => {
    const alarms = detectAlarms(
      {
        ...quiet,
        devices: [
          { deviceId: 'k1', name: '取号机1', online: false, paper: 'out' },
          { deviceId: 'k2', name: '取号机2', online: true, paper: 'out' },
          { deviceId: 'k3', name: '取号机3', online: true, paper: 'low' },
          { deviceId: 'k4', name: '取号机4', online: true, paper: 'ok' },
        ],
      },
      t,
    );
    expect(alarms.map((a) => [a.key, a.severity])).toEqual([
      ['device-offline:k1', 'critical'],
      ['printer-paper:k2', 'critical'],
      ['printer-paper:k3', 'warning'],
    ]);
  });

  it('cases: yellow at ≤ max(1, ⌈20 % × limit⌉) working days left, red when overdue', () => {
    expect(yellowLineDays(20, 20)).toBe(4);
    expect(yellowLineDays(3, 20)).toBe(1);
    const alarms = detectAlarms(
      {
        ...quiet,
        cases: [
          { caseId: 'c1', caseNo: 'N1', promisedLimitDays: 20, remainingWorkingDays: 5 },
          { caseId: 'c2', caseNo: 'N2', promisedLimitDays: 20, remainingWorkingDays: 4 },
          { caseId: 'c3', caseNo: 'N3', promisedLimitDays: 20, remainingWorkingDays: 0 },
          { caseId: 'c4', caseNo: 'N4', promisedLimitDays: 20, remainingWorkingDays: -1 },
        ],
      },
      t,
    );
    expect(alarms.map((a) => a.key)).toEqual(['case-yellow:c2', 'case-yellow:c3', 'case-red:c4']);
  });

  it('bad reviews alarm; rectifications and complaints alarm only when open past due', () => {
    const alarms = detectAlarms(
      {
        ...quiet,
        badReviews: [{ evaluationId: 'e1', level: 1, windowName: '3号窗口' }],
        rectifications: [
          { rectificationId: 'r1', dueAt: now - 1, closed: false },
          { rectificationId: 'r2', dueAt: now - 1, closed: true },
          { rectificationId: 'r3', dueAt: now + 1, closed: false },
        ],
        complaints: [{ complaintId: 'p1', dueAt: now - 1, closed: false }],
      },
      t,
    );
    expect(alarms.map((a) => a.key)).toEqual(['bad-review:e1', 'rectification-overdue:r1', 'complaint-overdue:p1']);
  });
});

describe('reconcile and acknowledge', () => {
  const paused = detectAlarms(
    { ...quiet, windows: [{ windowId: 'w1', name: '1号窗口', pausedSince: now - 20 * min }] },
    t,
  );

  it('raises a condition once, and marks it cleared when it stops holding (it stays listed)', () => {
    expect(reconcile(paused, []).raise.map((a) => a.key)).toEqual(['window-paused:w1']);
    expect(reconcile(paused, [{ key: 'window-paused:w1', cleared: false }])).toEqual({ raise: [], clear: [] });
    expect(reconcile([], [{ key: 'window-paused:w1', cleared: false }]).clear).toEqual(['window-paused:w1']);
    expect(reconcile([], [{ key: 'window-paused:w1', cleared: true }]).clear).toEqual([]);
  });

  it('acknowledge keeps who, when and the note; twice is refused', () => {
    const r = acknowledge({}, 'manager-1', ' 已电话联系窗口 ', now);
    expect(r.ok && r.value).toEqual({ acknowledgedBy: 'manager-1', acknowledgedAt: now, note: '已电话联系窗口' });
    const again = acknowledge({ acknowledgedAt: now }, 'manager-1', '', now);
    expect(again.ok).toBe(false);
    expect(acknowledge(undefined, 'm', '', now).ok).toBe(false);
  });
});
