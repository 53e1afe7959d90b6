import { describe, expect, it } from 'vitest';
import type { CallView, HallSnapshot, ServiceView, TicketView, WindowView } from '@onedoor/protocol';
import {
  deviceRows,
  deviceSummary,
  hallTotals,
  recentCallRows,
  serviceRows,
  waitingChartOption,
  windowTiles,
  type ConsoleDevice,
} from './console-model';

const T0 = Date.parse('2026-03-02T01:00:00.000Z');
const iso = (min: number) => new Date(T0 + min * 60_000).toISOString();

const service = (id: string, prefix: string, name: string, patch: Partial<ServiceView> = {}): ServiceView => ({
  id,
  name,
  nameEn: '',
  group: '',
  prefix,
  realName: false,
  enabled: true,
  openNow: true,
  waiting: 0,
  issuedToday: 0,
  estimatedWaitMinutes: 0,
  sort: 0,
  matters: [],
  hoursText: '',
  perPersonDailyLimit: 0,
  ...patch,
});
const win = (n: number, patch: Partial<WindowView> = {}): WindowView => ({
  id: `w${String(n).padStart(2, '0')}`,
  number: String(n),
  name: `${n}号窗口`,
  kind: 'comprehensive',
  zone: '',
  state: 'closed',
  pauseReason: null,
  clerkId: null,
  clerkName: null,
  currentTicketId: null,
  currentNumber: null,
  serviceIds: ['general'],
  ...patch,
});
let k = 0;
const ticket = (patch: Partial<TicketView> = {}): TicketView => ({
  id: `t${++k}`,
  number: `A${String(k).padStart(3, '0')}`,
  serviceId: 'general',
  businessDay: '2026-03-02',
  status: 'waiting',
  priority: 'normal',
  source: 'kiosk',
  issuedAt: iso(k),
  calledAt: null,
  windowId: null,
  targetWindowId: null,
  callCount: 0,
  holderName: null,
  holderId: null,
  realName: false,
  ...patch,
});

function hall(): HallSnapshot {
  const serving = ticket({
    id: 'cur',
    number: 'A010',
    status: 'serving',
    windowId: 'w02',
    calledAt: iso(5),
    callCount: 1,
  });
  return {
    seq: 5,
    hallId: 'h',
    hallName: '大厅',
    businessDay: '2026-03-02',
    serverTime: iso(30),
    timeZone: 'Asia/Shanghai',
    notice: '',
    services: [
      service('tax', 'H', '税务', { sort: 2, waiting: 1, issuedToday: 3, estimatedWaitMinutes: 7.6 }),
      service('general', 'A', '综合受理', { sort: 1, waiting: 2, issuedToday: 10, estimatedWaitMinutes: 12.2 }),
      service('off', 'Z', '停用', { sort: 3, enabled: false }),
    ],
    windows: [
      win(10, { state: 'paused', pauseReason: '午休', clerkId: 's10', clerkName: '王五', stateSince: iso(12) }),
      win(2, { state: 'open', clerkId: 's2', clerkName: '李四', currentTicketId: 'cur', currentNumber: 'A010' }),
      win(1, { state: 'open', clerkId: 's1', clerkName: '张三', serviceIds: ['general', 'tax'] }),
      win(3),
    ],
    tickets: [
      serving,
      ticket({ issuedAt: iso(2) }),
      ticket({ issuedAt: iso(8) }),
      ticket({ serviceId: 'tax', number: 'H001', issuedAt: iso(4) }),
      ticket({ status: 'suspended', windowId: 'w01' }),
    ],
    recentCalls: [],
  };
}

describe('console model', () => {
  it('tiles the windows in number order with a tone, state text and what each may do', () => {
    const tiles = windowTiles(hall(), T0 + 30 * 60_000);
    expect(tiles.map((t) => t.number)).toEqual(['1', '2', '3', '10']);
    expect(tiles.map((t) => t.tone)).toEqual(['idle', 'serving', 'closed', 'paused']);
    expect(tiles[1]).toMatchObject({
      currentNumber: 'A010',
      currentStatus: 'serving',
      sinceCallMinutes: 25,
      clerkName: '李四',
      stateText: '办理中',
    });
    expect(tiles[3]).toMatchObject({ stateText: '暂停 · 午休', canOpen: true, canPause: false });
    // Paused at minute 12 of the half hour: 18 minutes; the serving window counts from its call; idle says nothing.
    expect(tiles.map((t) => t.durationText)).toEqual([null, '已办理 25 分钟', null, '已暂停 18 分钟']);
    expect(tiles[0]).toMatchObject({
      canPause: true,
      canOpen: false,
      waitingForIt: 3,
      serviceNames: ['综合受理', '税务'],
    });
    expect(tiles[2]).toMatchObject({ canPause: false, canOpen: false, stateText: '未开放' });
  });

  it('a window closed from here with its clerk still signed in can be opened again', () => {
    const h = hall();
    h.windows = [win(7, { state: 'closed', clerkId: 's7', clerkName: '赵六' })];
    expect(windowTiles(h, T0)[0]).toMatchObject({ tone: 'closed', canOpen: true, canPause: false, clerkName: '赵六' });
  });

  it('rows per service with waiting, estimate (rounded), longest wait and open windows, in the hall’s order', () => {
    const rows = serviceRows(hall(), T0 + 30 * 60_000);
    expect(rows.map((r) => r.id)).toEqual(['general', 'tax', 'off']);
    expect(rows[0]).toMatchObject({
      waiting: 2,
      estimatedWaitMinutes: 12,
      longestWaitMinutes: 28,
      openWindows: 2,
      issuedToday: 10,
    });
    expect(rows[1]).toMatchObject({ waiting: 1, estimatedWaitMinutes: 8, openWindows: 1 });
    expect(rows[2]!.longestWaitMinutes).toBeNull();
  });

  it('totals: issued, called (issued − waiting), waiting, at windows, and windows by tone', () => {
    expect(hallTotals(hall())).toEqual({
      issued: 13,
      called: 10,
      waiting: 3,
      atWindows: 1,
      suspended: 1,
      windowsServing: 1,
      windowsIdle: 1,
      windowsPaused: 1,
      windowsClosed: 1,
    });
  });

  it('chart shows enabled services only, two series', () => {
    const option = waitingChartOption(serviceRows(hall(), T0));
    expect(option.xAxis.data).toEqual(['A 综合受理', 'H 税务']);
    expect(option.series.map((s) => s.data)).toEqual([
      [2, 1],
      [12, 8],
    ]);
  });

  it('recent calls: newest first as given, limited', () => {
    const call = (seq: number, recall = false): CallView => ({
      seq,
      ticketId: `t${seq}`,
      number: `A00${seq}`,
      serviceId: 'general',
      serviceName: '综合受理',
      windowId: 'w01',
      windowNumber: '1',
      windowName: '1号窗口',
      holderName: null,
      recall,
      callCount: 1,
      at: iso(seq),
      text: '',
    });
    const rows = recentCallRows([call(3, true), call(2), call(1)], 2);
    expect(rows.map((r) => [r.number, r.recall])).toEqual([
      ['A003', true],
      ['A002', false],
    ]);
  });

  it('devices: offline first, kinds in Chinese, window names, 未配对 for a display never paired', () => {
    const devices: ConsoleDevice[] = [
      {
        id: 'kiosk-1',
        kind: 'kiosk',
        name: '取号机1',
        windowId: null,
        paired: true,
        online: true,
        status: [],
        lastSeenAt: iso(1),
      },
      {
        id: 'display-2',
        kind: 'display',
        name: '大屏2',
        windowId: null,
        paired: false,
        online: false,
        status: [],
        lastSeenAt: null,
      },
      {
        id: 'pad-w01',
        kind: 'pad',
        name: '呼叫器',
        windowId: 'w01',
        paired: false,
        online: false,
        status: [],
        lastSeenAt: null,
      },
    ];
    const rows = deviceRows(devices, hall());
    expect(rows.map((r) => r.id)).toEqual(['display-2', 'pad-w01', 'kiosk-1']);
    expect(rows.map((r) => r.stateText)).toEqual(['未配对', '离线', '在线']);
    expect(rows[1]).toMatchObject({ kindText: '呼叫器', windowName: '1号窗口', pairable: false });
    expect(rows[0]!.pairable).toBe(true);
    expect(deviceSummary(devices)).toEqual({ total: 3, online: 1, offline: 2 });
  });

  it('flags an online board whose sound the browser blocks, and a gateway missing a line, in words', () => {
    const base = { windowId: null, paired: true, online: true, lastSeenAt: iso(1) };
    const rows = deviceRows(
      [
        { ...base, id: 'display-main', kind: 'display', name: '等候区大屏', status: ['sound-blocked'] },
        { ...base, id: 'gateway-01', kind: 'gateway', name: '窗口设备网关', status: ['unplugged:/dev/ttyUSB0'] },
        { ...base, id: 'kiosk-1', kind: 'kiosk', name: '取号机', status: [] },
        { ...base, id: 'pad-w01', kind: 'pad', name: '呼叫器', online: false, status: ['gateway-offline'] },
      ],
      hall(),
    );
    const byId = new Map(rows.map((r) => [r.id, r]));
    expect(byId.get('display-main')).toMatchObject({ stateText: '在线 · 需处理', attention: true });
    expect(byId.get('display-main')!.statusText[0]).toContain('声音被浏览器拦截');
    expect(byId.get('gateway-01')).toMatchObject({ attention: true, statusText: ['串口已断开 /dev/ttyUSB0'] });
    expect(byId.get('kiosk-1')).toMatchObject({ stateText: '在线', attention: false });
    expect(byId.get('pad-w01')).toMatchObject({ stateText: '离线', attention: false, statusText: ['网关离线'] });
  });

  it('says what a printer or a reader needs: paper running low, a reader fault', () => {
    const base = { windowId: null, paired: true, online: true, lastSeenAt: iso(1), kind: 'printer' as const };
    const rows = deviceRows(
      [
        { ...base, id: 'printer-k1', name: '取号机打印机', status: ['paper-near-end'] },
        { ...base, id: 'reader-w01', kind: 'id-reader', name: '读卡器', status: ['reader-fault'] },
      ],
      hall(),
    );
    expect(rows.map((r) => [r.id, r.attention, r.statusText])).toEqual([
      ['reader-w01', true, ['读卡器故障']],
      ['printer-k1', true, ['纸将用尽']],
    ]);
  });
});

describe('the manager may close a window or move its clerk only with nobody at the counter', () => {
  it('offers 关闭 and 调岗 to idle and paused windows with a clerk, neither to one serving, 关闭 not to a closed one', () => {
    const tiles = windowTiles(hall(), T0 + 30 * 60_000);
    const offers = Object.fromEntries(tiles.map((t) => [t.id, { close: t.canClose, move: t.canMoveClerk }]));
    expect(offers).toEqual({
      w01: { close: true, move: true },
      w02: { close: false, move: false },
      w03: { close: false, move: false },
      w10: { close: true, move: true },
    });
  });
});
