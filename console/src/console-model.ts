/**
 * The manager console as pure functions of the hall state (kept by protocol's SequenceTracker; no reducer here)
 * and the device list from REST. No React, no sockets, no clock: `now` is passed in.
 */
import {
  WINDOW_KIND_TEXT,
  type CallView,
  type DeviceKind,
  type HallSnapshot,
  type TicketStatus,
  type WindowKind,
  type WindowState,
} from '@onedoor/protocol';

/** How a window tile is coloured: serving (has a visitor), idle (open, nobody), paused, closed. */
export type WindowTone = 'serving' | 'idle' | 'paused' | 'closed';

export const TONE_TEXT: Record<WindowTone, string> = {
  serving: '办理中',
  idle: '空闲',
  paused: '暂停',
  closed: '未开放',
};

export interface WindowTile {
  id: string;
  number: string;
  name: string;
  kind: WindowKind;
  kindText: string;
  state: WindowState;
  tone: WindowTone;
  /** 办理中 / 空闲 / 暂停 · 午休 / 未开放 */
  stateText: string;
  pauseReason: string | null;
  clerkName: string | null;
  currentNumber: string | null;
  currentStatus: TicketStatus | null;
  /** Whole minutes since the current ticket was called. */
  sinceCallMinutes: number | null;
  /** How long it has been so: 已暂停 12 分钟 · 已办理 8 分钟 (the current visitor); null when not known or idle. */
  durationText: string | null;
  /** Waiting tickets this window could call now. */
  waitingForIt: number;
  serviceNames: string[];
  canPause: boolean;
  canOpen: boolean;
  /** Open or paused with nobody at the counter: a manager may close it. */
  canClose: boolean;
  /** A clerk signed in with nobody at the counter: a manager may move them to another window. */
  canMoveClerk: boolean;
}

const wholeMinutes = (from: string | null, now: number): number | null =>
  from ? Math.max(0, Math.floor((now - Date.parse(from)) / 60_000)) : null;

const byNumber = (a: { number: string }, b: { number: string }) =>
  Number(a.number) - Number(b.number) || a.number.localeCompare(b.number, 'zh-CN');

export function windowTiles(snapshot: HallSnapshot, now: number): WindowTile[] {
  const serviceName = new Map(snapshot.services.map((s) => [s.id, s.name]));
  const tickets = new Map(snapshot.tickets.map((t) => [t.id, t]));
  const waiting = snapshot.tickets.filter((t) => t.status === 'waiting');
  return [...snapshot.windows].sort(byNumber).map((w) => {
    const current = w.currentTicketId ? tickets.get(w.currentTicketId) : undefined;
    const tone: WindowTone =
      w.state === 'closed' ? 'closed' : w.state === 'paused' ? 'paused' : current ? 'serving' : 'idle';
    const stateText = tone === 'paused' ? `暂停 · ${w.pauseReason ?? ''}` : TONE_TEXT[tone];
    return {
      id: w.id,
      number: w.number,
      name: w.name,
      kind: w.kind,
      kindText: WINDOW_KIND_TEXT[w.kind],
      state: w.state,
      tone,
      stateText,
      pauseReason: w.pauseReason,
      clerkName: w.clerkName,
      currentNumber: w.currentNumber,
      currentStatus: current?.status ?? null,
      sinceCallMinutes: wholeMinutes(current?.calledAt ?? null, now),
      durationText: durationText(
        tone,
        wholeMinutes(w.stateSince ?? null, now),
        wholeMinutes(current?.calledAt ?? null, now),
      ),
      waitingForIt: waiting.filter((t) =>
        t.targetWindowId !== null ? t.targetWindowId === w.id : w.serviceIds.includes(t.serviceId),
      ).length,
      serviceNames: w.serviceIds.map((id) => serviceName.get(id) ?? id),
      // A window without a clerk cannot be opened (the server refuses); a closed one cannot be paused.
      canPause: w.state === 'open',
      canOpen: w.state !== 'open' && w.clerkId !== null,
      // The server refuses both while a visitor is at the counter.
      canClose: w.state !== 'closed' && w.currentTicketId === null,
      canMoveClerk: w.clerkId !== null && w.currentTicketId === null,
    };
  });
}

function durationText(tone: WindowTone, stateMinutes: number | null, callMinutes: number | null): string | null {
  if (tone === 'paused' && stateMinutes !== null) return `已暂停 ${stateMinutes} 分钟`;
  if (tone === 'serving' && callMinutes !== null) return `已办理 ${callMinutes} 分钟`;
  return null;
}

export interface ServiceRow {
  id: string;
  name: string;
  prefix: string;
  waiting: number;
  issuedToday: number;
  estimatedWaitMinutes: number;
  /** Minutes the longest-waiting ticket of this service has waited. */
  longestWaitMinutes: number | null;
  /** Open windows (with a clerk) that serve it. */
  openWindows: number;
  openNow: boolean;
  enabled: boolean;
}

export function serviceRows(snapshot: HallSnapshot, now: number): ServiceRow[] {
  return [...snapshot.services]
    .sort((a, b) => a.sort - b.sort || a.prefix.localeCompare(b.prefix))
    .map((s) => {
      const waiting = snapshot.tickets.filter((t) => t.serviceId === s.id && t.status === 'waiting');
      const oldest = waiting.reduce<string | null>(
        (min, t) => (min === null || t.issuedAt < min ? t.issuedAt : min),
        null,
      );
      return {
        id: s.id,
        name: s.name,
        prefix: s.prefix,
        waiting: s.waiting,
        issuedToday: s.issuedToday,
        estimatedWaitMinutes: Math.round(s.estimatedWaitMinutes),
        longestWaitMinutes: wholeMinutes(oldest, now),
        openWindows: snapshot.windows.filter(
          (w) => w.state === 'open' && w.clerkId !== null && w.serviceIds.includes(s.id),
        ).length,
        openNow: s.openNow,
        enabled: s.enabled,
      };
    });
}

export interface HallTotals {
  /** Tickets issued today over all services (numbers are never reused, voided ones included). */
  issued: number;
  /**
   * Tickets that have left the waiting line today: issued minus those waiting now. The snapshot carries no day
   * counters, so this includes the few tickets voided after a failed print.
   */
  called: number;
  waiting: number;
  /** Visitors at a window now (called or being served). */
  atWindows: number;
  suspended: number;
  windowsServing: number;
  windowsIdle: number;
  windowsPaused: number;
  windowsClosed: number;
}

export function hallTotals(snapshot: HallSnapshot): HallTotals {
  const issued = snapshot.services.reduce((n, s) => n + s.issuedToday, 0);
  const waiting = snapshot.tickets.filter((t) => t.status === 'waiting').length;
  const tiles = windowTiles(snapshot, Date.parse(snapshot.serverTime));
  const count = (tone: WindowTone) => tiles.filter((t) => t.tone === tone).length;
  return {
    issued,
    called: Math.max(0, issued - waiting),
    waiting,
    atWindows: snapshot.tickets.filter((t) => t.status === 'called' || t.status === 'serving').length,
    suspended: snapshot.tickets.filter((t) => t.status === 'suspended').length,
    windowsServing: count('serving'),
    windowsIdle: count('idle'),
    windowsPaused: count('paused'),
    windowsClosed: count('closed'),
  };
}

export interface CallRow {
  key: number;
  at: string;
  number: string;
  serviceName: string;
  windowName: string;
  recall: boolean;
  holderName: string | null;
}

export function recentCallRows(calls: readonly CallView[], limit = 12): CallRow[] {
  return calls.slice(0, limit).map((c) => ({
    key: c.seq,
    at: c.at,
    number: c.number,
    serviceName: c.serviceName,
    windowName: c.windowName,
    recall: c.recall,
    holderName: c.holderName,
  }));
}

// ---------- devices (REST) ----------

/** A row of GET /api/devices. */
export interface ConsoleDevice {
  id: string;
  kind: DeviceKind;
  name: string;
  windowId: string | null;
  paired: boolean;
  online: boolean;
  status: string[];
  lastSeenAt: string | null;
  /** Console settings (a board's `services`, `windows`); absent from older servers. */
  settings?: Record<string, unknown>;
}

export const DEVICE_KIND_TEXT: Record<DeviceKind, string> = {
  'id-reader': '身份证读卡器',
  printer: '打印机',
  led: '窗口LED屏',
  pad: '呼叫器',
  evaluator: '评价器',
  'led-board': 'LED综合屏',
  kiosk: '取号机',
  display: '叫号显示屏',
  gateway: '设备网关',
};

/** Status words devices report (their own state, the gateway's, the hall's), in words for the manager. */
const STATUS_WORD_TEXT: Readonly<Record<string, string>> = {
  'sound-blocked': '声音被浏览器拦截，需在屏上点一下（或按说明加启动参数）',
  'no-speech': '本机无语音合成，只响提示音',
  disconnected: '已断开',
  'gateway-offline': '网关离线',
  stopped: '已停止',
  unplugged: '串口已断开',
  'no-reply': '无应答',
  refused: '拒绝指令',
  'paper-out': '缺纸',
  'cover-open': '上盖打开',
  'paper-near-end': '纸将用尽',
  'paper-end-stop': '纸用完，已停止打印',
  'cutter-error': '切刀故障',
  'reader-fault': '读卡器故障',
  'sam-error': '安全模块故障',
};

/** `unplugged:/dev/ttyUSB0` (a gateway's line) reads 串口已断开 /dev/ttyUSB0. */
export function statusWordText(word: string): string {
  const [head, ...rest] = word.split(':');
  const text = STATUS_WORD_TEXT[head ?? ''];
  if (!text) return word;
  return rest.length > 0 ? `${text} ${rest.join(':')}` : text;
}

/** Words that mean an online device needs a look (the rest describe why it is offline). */
const PROBLEM_WHILE_ONLINE =
  /^(sound-blocked|no-speech|unplugged|offline|no-reply|refused|paper-out|cover-open|paper-near-end|paper-end-stop|cutter-error|reader-fault|sam-error)(:|$)/;

export interface DeviceRow extends ConsoleDevice {
  kindText: string;
  windowName: string | null;
  /** 在线 / 离线 / 未配对, or 在线 · 需处理 when an online device reports a problem */
  stateText: string;
  /** The device's status words in words. */
  statusText: string[];
  /** Online but reporting a problem (a board's sound blocked, a gateway's line unplugged). */
  attention: boolean;
  /** Devices that join with a pairing code (kiosks, displays, gateways); the rest hang off a gateway. */
  pairable: boolean;
}

const PAIRABLE: ReadonlySet<DeviceKind> = new Set(['kiosk', 'display', 'led-board', 'gateway']);

export function deviceRows(devices: readonly ConsoleDevice[], snapshot: HallSnapshot | null): DeviceRow[] {
  const windowName = new Map((snapshot?.windows ?? []).map((w) => [w.id, w.name]));
  return [...devices]
    .sort((a, b) => Number(a.online) - Number(b.online) || a.kind.localeCompare(b.kind) || a.id.localeCompare(b.id))
    .map((d) => {
      const attention = d.online && d.status.some((w) => PROBLEM_WHILE_ONLINE.test(w));
      return {
        ...d,
        kindText: DEVICE_KIND_TEXT[d.kind] ?? d.kind,
        windowName: d.windowId ? (windowName.get(d.windowId) ?? d.windowId) : null,
        stateText: d.online
          ? attention
            ? '在线 · 需处理'
            : '在线'
          : PAIRABLE.has(d.kind) && !d.paired
            ? '未配对'
            : '离线',
        statusText: d.status.map(statusWordText),
        attention,
        pairable: PAIRABLE.has(d.kind),
      };
    });
}

export function deviceSummary(devices: readonly ConsoleDevice[]): { total: number; online: number; offline: number } {
  const online = devices.filter((d) => d.online).length;
  return { total: devices.length, online, offline: devices.length - online };
}

// ---------- chart ----------

/** The echarts option for waiting people and estimated wait per service (data only; the component renders it). */
export function waitingChartOption(rows: readonly ServiceRow[]) {
  const shown = rows.filter((r) => r.enabled);
  return {
    animationDuration: 300,
    grid: { left: 48, right: 56, top: 36, bottom: 64 },
    legend: { top: 0, data: ['等候人数', '预计等候(分钟)'] },
    tooltip: { trigger: 'axis' as const },
    xAxis: {
      type: 'category' as const,
      data: shown.map((r) => `${r.prefix} ${r.name}`),
      axisLabel: { interval: 0, rotate: 30, fontSize: 12 },
    },
    yAxis: [
      { type: 'value' as const, name: '人', minInterval: 1 },
      { type: 'value' as const, name: '分钟', minInterval: 1, splitLine: { show: false } },
    ],
    series: [
      {
        name: '等候人数',
        type: 'bar' as const,
        data: shown.map((r) => r.waiting),
        itemStyle: { color: '#1f5fbf' },
        barMaxWidth: 28,
        label: { show: true, position: 'top' as const },
      },
      {
        name: '预计等候(分钟)',
        type: 'bar' as const,
        yAxisIndex: 1,
        data: shown.map((r) => r.estimatedWaitMinutes),
        itemStyle: { color: '#f0a020' },
        barMaxWidth: 28,
      },
    ],
  };
}
