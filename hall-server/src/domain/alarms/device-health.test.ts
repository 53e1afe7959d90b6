import { describe, expect, it } from 'vitest';
import { DEFAULT_ALARM_THRESHOLDS, detectAlarms, type HallSituation } from './alarms.js';
import { deviceSituation } from './device-health.js';

const seen = '2026-12-03T01:00:00Z';
const device = (id: string, online: boolean, status: string[], lastSeenAt: string | null = seen) => ({
  id,
  name: id,
  online,
  status,
  lastSeenAt,
});

const empty: HallSituation = {
  now: Date.parse(seen),
  waiting: [],
  services: [],
  windows: [],
  devices: [],
  cases: [],
  badReviews: [],
  rectifications: [],
  complaints: [],
};

describe('device health → alarms', () => {
  it('a device never seen is not watched; one that went away is offline', () => {
    expect(deviceSituation(device('k1', false, [], null))).toBeNull();
    const alarms = detectAlarms(
      { ...empty, devices: [deviceSituation(device('k1', false, ['disconnected']))!] },
      DEFAULT_ALARM_THRESHOLDS,
    );
    expect(alarms.map((a) => a.key)).toEqual(['device-offline:k1']);
  });

  it('a printer out of paper, one running low, a reader that does not answer', () => {
    const devices = [
      device('printer-1', true, ['paper-out']),
      device('printer-2', true, ['paper-near-end']),
      device('reader-1', false, ['no-reply']),
      device('printer-3', true, ['cover-open', 'paper-out']),
    ].map((d) => deviceSituation(d)!);
    const alarms = detectAlarms({ ...empty, devices }, DEFAULT_ALARM_THRESHOLDS);
    expect(alarms.map((a) => [a.key, a.severity, a.message])).toEqual([
      ['printer-paper:printer-1', 'critical', '「printer-1」打印机缺纸'],
      ['printer-paper:printer-2', 'warning', '「printer-2」打印机纸将用尽'],
      ['device-fault:reader-1', 'critical', '设备「reader-1」故障：无响应'],
      ['device-fault:printer-3', 'critical', '设备「printer-3」故障：上盖打开'],
      ['printer-paper:printer-3', 'critical', '「printer-3」打印机缺纸'],
    ]);
  });
});
