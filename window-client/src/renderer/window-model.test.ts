import { describe, expect, it } from 'vitest';
import type { HallEvent, HallSnapshot, ServiceView, TicketView, WindowView } from '@onedoor/protocol';
import {
  buildWindowModel,
  compareWaiting,
  defaultWindowFor,
  emptyHistory,
  foldApplied,
  foldWindowHistory,
  formatMinutes,
} from './window-model';

const T0 = Date.parse('2026-03-02T01:00:00.000Z'); // 09:00 in Shanghai
const iso = (minutes: number) => new Date(T0 + minutes * 60_000).toISOString();

const service = (id: string, prefix: string, name: string): ServiceView => ({
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
});

const win = (id: string, patch: Partial<WindowView> = {}): WindowView => ({
  id,
  number: id.replace(/^w0?/, ''),
  name: `${id.replace(/^w0?/, '')}号窗口`,
  kind: 'comprehensive',
  zone: '',
  state: 'closed',
  pauseReason: null,
  clerkId: null,
  clerkName: null,
  currentTicketId: null,
  currentNumber: null,
  serviceIds: ['general', 'tax'],
  ...patch,
});

let ticketNo = 0;
const ticket = (patch: Partial<TicketView> = {}): TicketView => {
  ticketNo++;
  return {
    id: `t${ticketNo}`,
    number: `A${String(ticketNo).padStart(3, '0')}`,
    serviceId: 'general',
    businessDay: '2026-03-02',
    status: 'waiting',
    priority: 'normal',
    source: 'kiosk',
    issuedAt: iso(ticketNo),
    calledAt: null,
    windowId: null,
    targetWindowId: null,
    callCount: 0,
    holderName: null,
    holderId: null,
    realName: false,
    ...patch,
  };
};

const snapshot = (patch: Partial<HallSnapshot> = {}): HallSnapshot => ({
  seq: 10,
  hallId: 'hall-1',
  hallName: '测试大厅',
  businessDay: '2026-03-02',
  serverTime: iso(0),
  timeZone: 'Asia/Shanghai',
  notice: '',
  services: [service('general', 'A', '综合受理'), service('tax', 'H', '税务'), service('household', 'C', '户籍')],
  windows: [win('w01', { state: 'open', clerkId: 's1', clerkName: '张三' }), win('w02', { serviceIds: ['household'] })],
  tickets: [],
  recentCalls: [],
  ...patch,
});

const event = (seq: number, patch: Partial<HallEvent>): HallEvent => ({
  seq,
  type: 'window.changed',
  at: iso(30),
  tickets: [],
  windows: [],
  services: [],
  call: null,
  ...patch,
});

const opts = { staffId: 's1', now: T0 + 30 * 60_000 };

describe('buildWindowModel', () => {
  it('lists the waiting tickets this window serves, by priority then issue time, with targeted ones marked', () => {
    const a = ticket({ issuedAt: iso(1) });
    const b = ticket({ issuedAt: iso(2), priority: 'green' });
    const c = ticket({ issuedAt: iso(3), priority: 'appointment', serviceId: 'tax', number: 'H001' });
    const other = ticket({ serviceId: 'household', number: 'C001' });
    const targetedHere = ticket({ serviceId: 'household', number: 'C002', targetWindowId: 'w01', issuedAt: iso(4) });
    const targetedElsewhere = ticket({ number: 'A009', targetWindowId: 'w02' });
    const m = buildWindowModel(snapshot({ tickets: [a, b, c, other, targetedHere, targetedElsewhere] }), 'w01', opts);
    expect(m.waiting.map((r) => r.ticket.number)).toEqual(['H001', b.number, a.number, 'C002']);
    expect(m.waiting.find((r) => r.ticket.number === 'C002')!.targeted).toBe(true);
    expect(m.waiting[0]!.service?.name).toBe('税务');
    expect(m.waiting.find((r) => r.ticket.id === a.id)!.waitedMinutes).toBe(29);
    expect(m.counters.waitingNow).toBe(4);
  });

  it("follows the hall's call order when it has one; tickets it does not list yet come after, by priority", () => {
    const n1 = ticket({ issuedAt: iso(1) });
    const n2 = ticket({ issuedAt: iso(2) });
    const g = ticket({ issuedAt: iso(3), priority: 'green' });
    const fresh = ticket({ issuedAt: iso(4), priority: 'green' });
    const s = snapshot({ tickets: [n1, n2, g, fresh] });
    // The hall interleaves: one normal, the green, the other normal (not priority first as the fallback would).
    const callOrder = { windowId: 'w01', seq: 9, at: iso(3), ticketIds: [n1.id, g.id, n2.id, 'gone'] };
    const m = buildWindowModel(s, 'w01', { ...opts, callOrder });
    expect(m.waiting.map((r) => r.ticket.id)).toEqual([n1.id, g.id, n2.id, fresh.id]);
    // Another window's order is not this one's.
    const other = buildWindowModel(s, 'w01', { ...opts, callOrder: { ...callOrder, windowId: 'w02' } });
    expect(other.waiting.map((r) => r.ticket.id)).toEqual([g.id, fresh.id, n1.id, n2.id]);
  });

  it('shows the current ticket with waiting time and call time; enables the buttons that fit a called ticket', () => {
    const cur = ticket({ status: 'called', windowId: 'w01', calledAt: iso(20), callCount: 2, issuedAt: iso(5) });
    const waiting = ticket();
    const s = snapshot({
      tickets: [cur, waiting],
      windows: [win('w01', { state: 'open', clerkId: 's1', currentTicketId: cur.id, currentNumber: cur.number })],
    });
    const m = buildWindowModel(s, 'w01', opts);
    expect(m.signedIn).toBe(true);
    expect(m.current?.ticket.number).toBe(cur.number);
    expect(m.current?.waitedMinutes).toBe(25);
    expect(m.current?.sinceCallMinutes).toBe(10);
    expect(m.enabled).toMatchObject({
      callNext: true,
      recall: true,
      start: true,
      finish: true,
      noShow: true,
      transfer: true,
      suspend: true,
      resume: false,
      signOut: false,
      pause: true,
      open: false,
    });
  });

  it('a serving ticket cannot be recalled, started again or marked 过号, but can be finished, transferred, suspended', () => {
    const cur = ticket({ status: 'serving', windowId: 'w01', calledAt: iso(20), callCount: 1 });
    const s = snapshot({
      tickets: [cur],
      windows: [win('w01', { state: 'open', clerkId: 's1', currentTicketId: cur.id })],
    });
    const { enabled } = buildWindowModel(s, 'w01', opts);
    expect(enabled).toMatchObject({
      recall: false,
      start: false,
      noShow: false,
      finish: true,
      transfer: true,
      suspend: true,
      callNext: false,
    });
  });

  it('turns everything off while a command is in flight', () => {
    const cur = ticket({ status: 'called', windowId: 'w01' });
    const s = snapshot({
      tickets: [cur, ticket()],
      windows: [win('w01', { state: 'open', clerkId: 's1', currentTicketId: cur.id })],
    });
    const m = buildWindowModel(s, 'w01', { ...opts, busy: true });
    expect(Object.values(m.enabled).every((v) => !v)).toBe(true);
    expect(m.callNextHint).toBe('正在处理上一个操作');
  });

  it('a paused window cannot call but can resume service and take back its suspended ticket', () => {
    const susp = ticket({ status: 'suspended', windowId: 'w01' });
    const suspElsewhere = ticket({ status: 'suspended', windowId: 'w02' });
    const s = snapshot({
      tickets: [susp, suspElsewhere, ticket()],
      windows: [win('w01', { state: 'paused', pauseReason: '午休', clerkId: 's1' })],
    });
    const m = buildWindowModel(s, 'w01', opts);
    expect(m.suspended.map((r) => r.ticket.id)).toEqual([susp.id]);
    expect(m.enabled).toMatchObject({
      callNext: false,
      callTicket: false,
      open: true,
      pause: false,
      resume: true,
      signOut: true,
    });
    expect(m.callNextHint).toContain('午休');
  });

  it('a window closed from the console (clerk still signed in) can be opened again, not paused or called from', () => {
    const s = snapshot({ tickets: [ticket()], windows: [win('w01', { state: 'closed', clerkId: 's1' })] });
    const m = buildWindowModel(s, 'w01', opts);
    expect(m.enabled).toMatchObject({ open: true, pause: false, callNext: false, signOut: true });
    expect(m.callNextHint).toBe('窗口未开放');
  });

  it('is read-only for a clerk who is not signed in at the window', () => {
    const s = snapshot({ tickets: [ticket()], windows: [win('w01', { state: 'open', clerkId: 'someone-else' })] });
    const m = buildWindowModel(s, 'w01', opts);
    expect(m.signedIn).toBe(false);
    expect(Object.values(m.enabled).some(Boolean)).toBe(false);
    expect(m.callNextHint).toBe('尚未签到本窗口');
  });

  it('no window: empty lists', () => {
    const m = buildWindowModel(snapshot(), 'w99', opts);
    expect(m.window).toBeNull();
    expect(m.waiting).toEqual([]);
  });
});

describe('window history (过号 list and counters)', () => {
  const called = ticket({ status: 'called', windowId: 'w01', calledAt: iso(10), callCount: 1 });
  const before = snapshot({
    tickets: [called],
    windows: [win('w01', { state: 'open', clerkId: 's1', currentTicketId: called.id })],
  });
  const idle = win('w01', { state: 'open', clerkId: 's1' });

  it('a no-show of the current ticket lands in the 过号 list and is counted; reactivating removes it', () => {
    let h = emptyHistory('hall-1', 'w01', '2026-03-02', 10);
    const noShow = event(11, {
      type: 'ticket.no-show',
      at: iso(12),
      tickets: [{ ...called, status: 'no-show' }],
      windows: [idle],
    });
    h = foldWindowHistory(h, before, noShow);
    expect(h.counters.noShow).toBe(1);
    expect(h.noShows.map((n) => n.ticket.number)).toEqual([called.number]);
    expect(h.lastSeq).toBe(11);

    // A replay of the same event is ignored.
    expect(foldWindowHistory(h, before, noShow)).toBe(h);

    // Within the time: re-queue is offered; after 30 minutes it is shown expired and the button is off.
    const after = snapshot({ seq: 11, windows: [idle] });
    let m = buildWindowModel(after, 'w01', { ...opts, history: h, now: T0 + 20 * 60_000 });
    expect(m.noShows[0]).toMatchObject({ expired: false, minutesLeft: 22 });
    expect(m.enabled.reactivate).toBe(true);
    m = buildWindowModel(after, 'w01', { ...opts, history: h, now: T0 + 43 * 60_000 });
    expect(m.noShows[0]).toMatchObject({ expired: true, minutesLeft: 0 });
    expect(m.enabled.reactivate).toBe(false);

    const react = event(12, {
      type: 'ticket.reactivated',
      tickets: [{ ...called, status: 'waiting', windowId: null, callCount: 0 }],
    });
    h = foldWindowHistory(h, after, react);
    expect(h.noShows).toEqual([]);
    expect(h.counters.noShow).toBe(1);
  });

  it('counts first calls (not recalls), finishes with service minutes, transfers and suspends of the current ticket', () => {
    const base = snapshot({ seq: 10, tickets: [ticket({ id: 'n1', number: 'A050' })], windows: [idle] });
    const callEvt = event(11, {
      type: 'ticket.called',
      at: iso(10),
      tickets: [{ ...base.tickets[0]!, status: 'called', windowId: 'w01', calledAt: iso(10), callCount: 1 }],
      windows: [{ ...idle, currentTicketId: 'n1', currentNumber: 'A050' }],
      call: {
        seq: 11,
        ticketId: 'n1',
        number: 'A050',
        serviceId: 'general',
        serviceName: '综合受理',
        windowId: 'w01',
        windowNumber: '1',
        windowName: '1号窗口',
        holderName: null,
        recall: false,
        callCount: 1,
        at: iso(10),
        text: '',
      },
    });
    const recallEvt = event(12, {
      type: 'ticket.recalled',
      at: iso(11),
      tickets: [{ ...callEvt.tickets[0]!, callCount: 2 }],
      call: { ...callEvt.call!, seq: 12, recall: true, callCount: 2 },
    });
    const doneEvt = event(13, {
      type: 'ticket.done',
      at: iso(22),
      tickets: [{ ...recallEvt.tickets[0]!, status: 'done' }],
      windows: [idle],
    });
    const otherWindowCall = event(14, {
      type: 'ticket.called',
      call: { ...callEvt.call!, seq: 14, windowId: 'w02' },
    });
    const h = foldApplied(emptyHistory('hall-1', 'w01', '2026-03-02', 10), base, [
      callEvt,
      recallEvt,
      doneEvt,
      otherWindowCall,
    ]);
    expect(h.counters).toMatchObject({ called: 1, done: 1, serviceMinutes: 12 });
    expect(h.lastSeq).toBe(14);
    const m = buildWindowModel(snapshot({ seq: 14, windows: [idle] }), 'w01', { ...opts, history: h });
    expect(m.counters.averageServiceMinutes).toBe(12);
    expect(m.counters.fromServer).toBe(false);

    // The hall's own count wins when it is for today; yesterday's answer is not shown as today's.
    const serverDay = { called: 9, done: 8, noShow: 1, transferred: 0, suspended: 0, serviceMinutes: 40 };
    const today = snapshot({ seq: 14, windows: [idle] });
    const fromServer = buildWindowModel(today, 'w01', {
      ...opts,
      history: h,
      serverDay: { ...serverDay, businessDay: today.businessDay, seq: 14 },
    });
    expect(fromServer.counters).toMatchObject({ called: 9, done: 8, averageServiceMinutes: 5, fromServer: true });
    const stale = buildWindowModel(today, 'w01', {
      ...opts,
      history: h,
      serverDay: { ...serverDay, businessDay: '2001-01-01', seq: 14 },
    });
    expect(stale.counters).toMatchObject({ called: 1, fromServer: false });
    // A count from before the events this screen has seen is not shown over them.
    const behind = buildWindowModel(today, 'w01', {
      ...opts,
      history: h,
      serverDay: { ...serverDay, businessDay: today.businessDay, seq: 13 },
    });
    expect(behind.counters.fromServer).toBe(false);

    const transferred = event(11, {
      type: 'ticket.transferred',
      tickets: [{ ...called, status: 'waiting', windowId: null, serviceId: 'tax' }],
      windows: [idle],
    });
    expect(
      foldWindowHistory(emptyHistory('hall-1', 'w01', '2026-03-02', 10), before, transferred).counters.transferred,
    ).toBe(1);
    const suspended = event(11, {
      type: 'ticket.suspended',
      tickets: [{ ...called, status: 'suspended' }],
      windows: [idle],
    });
    expect(
      foldWindowHistory(emptyHistory('hall-1', 'w01', '2026-03-02', 10), before, suspended).counters.suspended,
    ).toBe(1);
  });

  it('starts afresh on a new business day, and a stored history of another day or window is not used', () => {
    let h = emptyHistory('hall-1', 'w01', '2026-03-02', 10);
    h = { ...h, counters: { ...h.counters, done: 5 } };
    const reset = event(11, { type: 'day.reset', businessDay: '2026-03-03' });
    const next = foldWindowHistory(h, before, reset);
    expect(next.businessDay).toBe('2026-03-03');
    expect(next.counters.done).toBe(0);

    const m = buildWindowModel(snapshot({ businessDay: '2026-03-03' }), 'w01', { ...opts, history: h });
    expect(m.counters.done).toBe(0);
    const m2 = buildWindowModel(snapshot(), 'w02', { ...opts, history: h });
    expect(m2.counters.done).toBe(0);
    expect(buildWindowModel(snapshot(), 'w01', { ...opts, history: h }).counters.done).toBe(5);
  });
});

describe('helpers', () => {
  it('picks the clerk’s own window: where they are signed in, else clerk07 → w07, else the first', () => {
    const windows = [win('w01'), win('w07'), win('w12', { clerkId: 's9' })];
    expect(defaultWindowFor('clerk07', windows)).toBe('w07');
    expect(defaultWindowFor('clerk07', windows, 's9')).toBe('w12');
    expect(defaultWindowFor('manager01', windows)).toBe('w01');
    expect(defaultWindowFor('zhang', windows)).toBe('w01');
    expect(defaultWindowFor('zhang', [])).toBeNull();
  });

  it('orders 预约 before 绿色通道 before 普通, then by issue time', () => {
    const list = [
      ticket({ issuedAt: iso(1) }),
      ticket({ priority: 'green', issuedAt: iso(5) }),
      ticket({ priority: 'appointment', issuedAt: iso(9) }),
    ];
    expect([...list].sort(compareWaiting).map((t) => t.priority)).toEqual(['appointment', 'green', 'normal']);
  });

  it('formats minutes', () => {
    expect(formatMinutes(0)).toBe('0分钟');
    expect(formatMinutes(59)).toBe('59分钟');
    expect(formatMinutes(60)).toBe('1小时');
    expect(formatMinutes(75)).toBe('1小时15分');
  });
});
