import type { DeviceView } from '@onedoor/protocol';
import type { HallSituation } from './alarms.js';

/**
 * A device's health as the alarm rules see it, from what the device gateway, the kiosks and the boards report: online
 * or not, and their status words (protocol/mqtt.ts `deviceStatePayloadSchema`; hardware/src/printer/status.ts for a
 * printer's, hardware/src/gateway/gateway.ts for a line that does not answer). Pure.
 */
export type DeviceSituation = HallSituation['devices'][number];

const PAPER_OUT = new Set(['paper-out', 'paper-end-stop']);
const PAPER_LOW = new Set(['paper-near-end']);

/** Words that mean something must be fixed on the spot (not merely that the device is away). */
const FAULTS: Readonly<Record<string, { zh: string; en: string }>> = {
  'no-reply': { zh: '无响应', en: 'does not answer' },
  refused: { zh: '拒绝指令', en: 'refuses commands' },
  'cover-open': { zh: '上盖打开', en: 'cover open' },
  'cutter-error': { zh: '切刀故障', en: 'cutter error' },
  'mechanical-error': { zh: '机械故障', en: 'mechanical error' },
  'unrecoverable-error': { zh: '不可恢复的错误', en: 'unrecoverable error' },
  'reader-fault': { zh: '读卡器故障', en: 'reader fault' },
  'sam-error': { zh: '安全模块（SAM）故障', en: 'SAM module error' },
  error: { zh: '报告错误', en: 'reports an error' },
};

/**
 * Null for a device never seen (paired for later, or not installed yet): it is not "offline", it never came. A device
 * whose line does not answer (`no-reply`) is at fault, not away: the alarm says what to check.
 */
export function deviceSituation(
  d: Pick<DeviceView, 'id' | 'name' | 'online' | 'status' | 'lastSeenAt'>,
): DeviceSituation | null {
  if (d.lastSeenAt === null) return null;
  const faults = d.status.flatMap((w) => (FAULTS[w] ? [FAULTS[w]] : []));
  const paper = d.status.some((w) => PAPER_OUT.has(w)) ? 'out' : d.status.some((w) => PAPER_LOW.has(w)) ? 'low' : 'ok';
  return { deviceId: d.id, name: d.name, online: d.online, paper, ...(faults.length ? { faults } : {}) };
}
