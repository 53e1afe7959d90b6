import type { CallView, HallEvent, HallSnapshot, ServiceView, TicketView, WindowView } from '@onedoor/protocol';

export const T0 = Date.parse('2026-11-27T01:15:30.000Z');
export const iso = (ms: number): string => new Date(ms).toISOString();

export function service(id: string, prefix: string, waiting = 0, extra: Partial<ServiceView> = {}): ServiceView {
  return {
    id,
    name: id === 'general' ? '综合受理' : id,
    nameEn: '',
    group: '',
    prefix,
    realName: false,
    enabled: true,
    openNow: true,
    waiting,
    issuedToday: waiting,
    estimatedWaitMinutes: waiting * 8,
    sort: 0,
    matters: [],
    hoursText: '',
    perPersonDailyLimit: 0,
    ...extra,
  };
}

export function win(id: string, number: string, serviceIds: string[], extra: Partial<WindowView> = {}): WindowView {
  return {
    id,
    number,
    name: `${number}号窗口`,
    kind: 'comprehensive',
    zone: '',
    state: 'open',
    pauseReason: null,
    clerkId: null,
    clerkName: null,
    currentTicketId: null,
    currentNumber: null,
    serviceIds,
    ...extra,
  };
}

export function call(seq: number, number: string, windowId = 'w01', extra: Partial<CallView> = {}): CallView {
  const windowNumber = windowId.replace(/^w0*/, '');
  return {
    seq,
    ticketId: `t-${number}`,
    number,
    serviceId: 'general',
    serviceName: '综合受理',
    windowId,
    windowNumber,
    windowName: `${windowNumber}号窗口`,
    holderName: null,
    recall: false,
    callCount: 1,
    at: iso(T0 + seq * 1000),
    text: `请 ${number} 号 到 ${windowNumber} 号窗口办理`,
    ...extra,
  };
}

export function ticket(id: string, number: string, extra: Partial<TicketView> = {}): TicketView {
  return {
    id,
    number,
    serviceId: 'general',
    businessDay: '2026-11-27',
    status: 'waiting',
    priority: 'normal',
    source: 'kiosk',
    issuedAt: iso(T0),
    calledAt: null,
    windowId: null,
    targetWindowId: null,
    callCount: 0,
    holderName: null,
    holderId: null,
    realName: false,
    ...extra,
  };
}

export function snapshot(seq: number, extra: Partial<HallSnapshot> = {}): HallSnapshot {
  return {
    seq,
    hallId: 'demo',
    hallName: '示范区政务服务中心',
    businessDay: '2026-11-27',
    serverTime: iso(T0 + seq * 1000),
    timeZone: 'Asia/Shanghai',
    notice: '',
    services: [service('general', 'A', 3), service('tax', 'B', 1), service('social', 'C', 0)],
    windows: [win('w01', '1', ['general']), win('w02', '2', ['general', 'tax']), win('w03', '3', ['social'])],
    tickets: [],
    recentCalls: [],
    ...extra,
  };
}

/** A ticket.called event carrying `c` (seq = c.seq). */
export function callEvent(c: CallView, extra: Partial<HallEvent> = {}): HallEvent {
  return {
    seq: c.seq,
    type: c.recall ? 'ticket.recalled' : 'ticket.called',
    at: c.at,
    tickets: [],
    windows: [],
    services: [],
    call: c,
    ...extra,
  };
}

export function plainEvent(seq: number, extra: Partial<HallEvent> = {}): HallEvent {
  return {
    seq,
    type: 'ticket.issued',
    at: iso(T0 + seq * 1000),
    tickets: [],
    windows: [],
    services: [],
    call: null,
    ...extra,
  };
}
