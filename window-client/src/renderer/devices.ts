/**
 * The window's devices: the Electron preload API (`window.windowApi`) when there is one, otherwise a browser
 * fallback that does nothing harmful — it reads no card, prints nothing and starts no evaluation, and says so in its
 * answers; the intake screen then offers its virtual card and shows what would have been printed.
 */
import type { WindowDeviceApi, WindowDeviceName, WindowDeviceStatus } from '../shared/window-api';

export function browserDevices(): WindowDeviceApi {
  const status: WindowDeviceStatus = { reader: 'absent', printer: 'absent', evaluator: 'absent', pad: 'absent' };
  return {
    runtime: 'browser',
    onCard: () => () => undefined,
    printReceipt: () => Promise.resolve({ printed: false, reason: '浏览器模式未连接回执打印机' }),
    printDocument: () => Promise.resolve({ printed: false, reason: '浏览器模式未连接回执打印机' }),
    startEvaluation: () => Promise.resolve({ status: 'unavailable', message: '浏览器模式未连接评价器' }),
    getDeviceStatus: () => Promise.resolve(status),
  };
}

const DEVICE_LABELS: Record<WindowDeviceName, string> = {
  reader: '读卡器',
  printer: '打印机',
  evaluator: '评价器',
  pad: '呼叫器',
};

/** The devices not ready, as the clerk reads them: 「打印机：缺纸」. Empty when all are ready or simply not fitted. */
export function deviceProblems(status: WindowDeviceStatus): string[] {
  const out: string[] = [];
  for (const name of Object.keys(DEVICE_LABELS) as WindowDeviceName[]) {
    if (status[name] !== 'error') continue;
    out.push(`${DEVICE_LABELS[name]}：${status.problems?.[name] ?? '故障'}`);
  }
  return out;
}

export function windowDevices(): WindowDeviceApi {
  return (typeof window !== 'undefined' && window.windowApi) || browserDevices();
}

/** The hall server: from the preload in Electron (the page is a file:// there), else the page's own origin. */
export function hallOrigin(api: WindowDeviceApi = windowDevices()): string {
  return (api.serverUrl ?? window.location.origin).replace(/\/+$/, '');
}

/** 张三 → 张*, 张三丰 → 张*丰 ; 420102199001011234 → 4201**********1234 (DESIGN rule 8). */
export function maskName(name: string): string {
  const chars = [...name.trim()];
  if (chars.length <= 1) return chars.join('');
  if (chars.length === 2) return `${chars[0]}*`;
  return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars.at(-1)}`;
}

export function maskIdNumber(id: string): string {
  const s = id.trim();
  if (s.length <= 8) return '*'.repeat(s.length);
  return `${s.slice(0, 4)}${'*'.repeat(s.length - 8)}${s.slice(-4)}`;
}
