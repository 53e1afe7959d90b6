import { describe, expect, it, vi } from 'vitest';
import { BoardModel, maskName, selectBoardView, selectWindowStrip, type BoardFilter } from './board-state';
import { call, callEvent, iso, plainEvent, snapshot, T0, ticket, win } from './test/fixtures';

const ALL: BoardFilter = { services: null, windows: null };

function model(filter: BoardFilter = ALL, missedMaxAgeMs = 300_000) {
  const onGap = vi.fn();
  return { board: new BoardModel({ filter, missedMaxAgeMs, onGap }), onGap };
}

const texts = (u: { announce: { text: string }[] }) => u.announce.map((c) => c.text);
const seqs = (u: { announce: { seq: number }[] }) => u.announce.map((c) => c.seq);

describe('BoardModel: announcing', () => {
  it('treats calls in the first snapshot as history and announces each later call exactly once', () => {
    const { board } = model();
    const first = board.snapshot(snapshot(10, { recentCalls: [call(9, 'A002'), call(8, 'A001')] }), 'connect');
    expect(first.announce).toEqual([]);
    expect(first.skipped.map((c) => c.seq)).toEqual([9, 8]);

    expect(texts(board.event(callEvent(call(11, 'A003'))))).toEqual(['请 A003 号 到 1 号窗口办理']);
    expect(board.event(plainEvent(12)).announce).toEqual([]);
    expect(seqs(board.event(callEvent(call(13, 'A004', 'w02'))))).toEqual([13]);
    expect(board.seq).toBe(13);
  });

  it('ignores replayed and duplicate events', () => {
    const { board, onGap } = model();
    board.snapshot(snapshot(10), 'connect');
    const e11 = callEvent(call(11, 'A003'));
    expect(seqs(board.event(e11))).toEqual([11]);
    expect(board.event(e11).announce).toEqual([]);
    expect(board.event(callEvent(call(10, 'A002'))).announce).toEqual([]);
    expect(board.event(callEvent(call(5, 'A001'))).announce).toEqual([]);
    expect(onGap).not.toHaveBeenCalled();
  });

  it('does not re-announce after a reconnect whose snapshot replays what was already heard', () => {
    const { board } = model();
    board.snapshot(snapshot(10), 'connect');
    board.event(callEvent(call(11, 'A003')));
    board.event(callEvent(call(12, 'A004')));
    // Reconnect with nothing missed: the snapshot carries 11 and 12 in recentCalls.
    const again = board.snapshot(snapshot(12, { recentCalls: [call(12, 'A004'), call(11, 'A003')] }), 'connect');
    expect(again.announce).toEqual([]);
    // The server then re-sends event 12 (or any older one): ignored.
    expect(board.event(callEvent(call(12, 'A004'))).announce).toEqual([]);
    expect(seqs(board.event(callEvent(call(13, 'A005'))))).toEqual([13]);
  });

  it('announces calls missed while offline once each, oldest first, if they are recent', () => {
    const { board } = model();
    board.snapshot(snapshot(10), 'connect');
    board.event(callEvent(call(11, 'A003')));
    // Offline from here; five calls and an issue happen; the reconnect snapshot is at seq 17.
    const recentCalls = [16, 15, 14, 13, 12].map((s) => call(s, `A0${s}`)).concat(call(11, 'A003'));
    const back = board.snapshot(snapshot(17, { recentCalls }), 'connect');
    expect(seqs(back)).toEqual([12, 13, 14, 15, 16]);
    // Another reconnect with the same history: nothing twice.
    expect(board.snapshot(snapshot(17, { recentCalls }), 'connect').announce).toEqual([]);
    expect(board.snapshot(snapshot(17, { recentCalls }), 'request').announce).toEqual([]);
  });

  it('shows but does not announce missed calls older than the limit (a stale call is never new)', () => {
    const { board } = model(ALL, 60_000);
    board.snapshot(snapshot(10), 'connect');
    const old = call(11, 'A011', 'w01', { at: iso(T0) });
    const fresh = call(12, 'A012', 'w01', { at: iso(T0 + 590_000) });
    const back = board.snapshot(snapshot(12, { serverTime: iso(T0 + 600_000), recentCalls: [fresh, old] }), 'connect');
    expect(seqs(back)).toEqual([12]);
    expect(back.skipped.map((c) => c.seq)).toEqual([11]);
    expect(board.wasAnnounced(11)).toBe(false);
    const view = selectBoardView(board.state!, ALL, 8, (s) => board.wasAnnounced(s));
    expect(view.newest?.number).toBe('A012');
    expect(view.newestIsNew).toBe(true);
  });

  it('announces a recall again: it has its own seq', () => {
    const { board } = model();
    board.snapshot(snapshot(10), 'connect');
    board.event(callEvent(call(11, 'A003')));
    const recall = call(12, 'A003', 'w01', { recall: true, callCount: 2 });
    expect(seqs(board.event(callEvent(recall)))).toEqual([12]);
    expect(board.event(callEvent(recall)).announce).toEqual([]);
  });

  it('asks for a snapshot on a gap, then announces the calls inside the gap and the buffered ones once', () => {
    const { board, onGap } = model();
    board.snapshot(snapshot(10), 'connect');
    // 11 and 12 are lost; 13 arrives.
    expect(board.event(callEvent(call(13, 'A013'))).announce).toEqual([]);
    expect(onGap).toHaveBeenCalledTimes(1);
    const answer = snapshot(12, { recentCalls: [call(12, 'A012'), call(11, 'A011')] });
    const resynced = board.snapshot(answer, 'request');
    expect(seqs(resynced)).toEqual([11, 12, 13]);
    expect(board.seq).toBe(13);
    expect(board.event(callEvent(call(13, 'A013'))).announce).toEqual([]);
  });

  it('ignores a late snapshot answer older than its state', () => {
    const { board } = model();
    board.snapshot(snapshot(10), 'connect');
    board.event(callEvent(call(11, 'A011')));
    board.event(callEvent(call(12, 'A012')));
    expect(board.snapshot(snapshot(11, { recentCalls: [call(11, 'A011')] }), 'request')).toEqual({
      announce: [],
      skipped: [],
    });
    expect(board.seq).toBe(12);
  });

  it('starts over, announcing nothing, when the server comes back with an older history', () => {
    const { board } = model();
    board.snapshot(snapshot(500), 'connect');
    board.event(callEvent(call(501, 'A001')));
    const restored = board.snapshot(snapshot(40, { recentCalls: [call(39, 'A009')] }), 'connect');
    expect(restored.announce).toEqual([]);
    expect(board.seq).toBe(40);
    expect(seqs(board.event(callEvent(call(41, 'A010'))))).toEqual([41]);
  });

  it('after a reload, resumes from the stored seq: calls made meanwhile are announced once', () => {
    const board = new BoardModel({ filter: ALL, missedMaxAgeMs: 300_000, onGap: vi.fn(), resumeFrom: 11 });
    const recentCalls = [call(13, 'A013'), call(12, 'A012'), call(11, 'A011')];
    expect(seqs(board.snapshot(snapshot(13, { recentCalls }), 'connect'))).toEqual([12, 13]);
    expect(board.decidedUpTo).toBe(13);
    // Only the first snapshot resumes; a later one is a normal reconnect.
    expect(board.snapshot(snapshot(13, { recentCalls }), 'connect').announce).toEqual([]);
  });

  it('ignores a stored seq from another history (server database replaced)', () => {
    const board = new BoardModel({ filter: ALL, missedMaxAgeMs: 300_000, onGap: vi.fn(), resumeFrom: 900 });
    expect(board.snapshot(snapshot(13, { recentCalls: [call(13, 'A013')] }), 'connect').announce).toEqual([]);
    expect(seqs(board.event(callEvent(call(14, 'A014'))))).toEqual([14]);
  });

  it('announces events that arrived before the first snapshot and follow it', () => {
    const { board } = model();
    expect(board.event(callEvent(call(11, 'A011'))).announce).toEqual([]);
    const first = board.snapshot(snapshot(10, { recentCalls: [call(9, 'A009')] }), 'connect');
    expect(seqs(first)).toEqual([11]);
  });

  it('announces only calls for its services and windows', () => {
    const byService = model({ services: ['tax'], windows: null }).board;
    byService.snapshot(snapshot(10), 'connect');
    expect(byService.event(callEvent(call(11, 'A011'))).announce).toEqual([]);
    expect(seqs(byService.event(callEvent(call(12, 'B001', 'w02', { serviceId: 'tax' }))))).toEqual([12]);

    const byWindow = model({ services: null, windows: ['w02'] }).board;
    byWindow.snapshot(snapshot(10), 'connect');
    expect(byWindow.event(callEvent(call(11, 'A011', 'w01'))).announce).toEqual([]);
    expect(seqs(byWindow.event(callEvent(call(12, 'A012', 'w02'))))).toEqual([12]);
  });
});

describe('selectBoardView', () => {
  const state = snapshot(20, {
    notice: '今日下午14:00起暂停办理出入境业务',
    recentCalls: [
      call(19, 'A003', 'w01', { recall: true }),
      call(18, 'B001', 'w02', { serviceId: 'tax' }),
      call(17, 'C001', 'w03', { serviceId: 'social' }),
      call(16, 'A003', 'w01'),
      call(15, 'A002', 'w02'),
    ],
  });

  it('highlights the newest call and lists earlier ones once per ticket', () => {
    const v = selectBoardView(state, ALL, 8);
    expect(v.hallName).toBe('示范区政务服务中心');
    expect(v.notice).toContain('暂停');
    expect(v.newest?.seq).toBe(19);
    expect(v.newestIsNew).toBe(false);
    expect(v.recent.map((c) => c.number)).toEqual(['B001', 'C001', 'A002']);
    expect(v.services.map((s) => [s.prefix, s.waiting])).toEqual([
      ['A', 3],
      ['B', 1],
      ['C', 0],
    ]);
    expect(v.totalWaiting).toBe(4);
    expect(selectBoardView(state, ALL, 1).recent).toHaveLength(1);
  });

  it('filters calls and waiting counts by service', () => {
    const v = selectBoardView(state, { services: ['tax', 'social'], windows: null }, 8);
    expect(v.newest?.number).toBe('B001');
    expect(v.recent.map((c) => c.number)).toEqual(['C001']);
    expect(v.services.map((s) => s.id)).toEqual(['tax', 'social']);
  });

  it('filters by window, with waiting counts for the services those windows serve', () => {
    const v = selectBoardView(state, { services: null, windows: ['w02'] }, 8);
    expect(v.newest?.number).toBe('B001');
    expect(v.recent.map((c) => c.number)).toEqual(['A002']);
    expect(v.services.map((s) => s.id)).toEqual(['general', 'tax']);
  });

  it('hides disabled services and shows nothing called on an empty day', () => {
    const s = snapshot(1);
    s.services[1] = { ...s.services[1]!, enabled: false };
    const v = selectBoardView(s, ALL, 8);
    expect(v.newest).toBeNull();
    expect(v.recent).toEqual([]);
    expect(v.services.map((x) => x.id)).toEqual(['general', 'social']);
  });
});

describe('selectWindowStrip', () => {
  it('shows the current number and name at one window', () => {
    const c = call(30, 'A012', 'w02', { holderName: '张*三' });
    const state = snapshot(30, {
      windows: [
        win('w01', '1', ['general']),
        win('w02', '2', ['general'], { currentTicketId: 't-A012', currentNumber: 'A012', name: '2号窗口' }),
      ],
      tickets: [ticket('t-A012', 'A012', { status: 'called', windowId: 'w02', holderName: '张*三', realName: true })],
      recentCalls: [call(31, 'A013', 'w01'), c],
    });
    const v = selectWindowStrip(state, 'w02', (s) => s === 30);
    expect(v).toMatchObject({
      found: true,
      windowNumber: '2',
      windowName: '2号窗口',
      kindText: '综合窗口',
      state: 'open',
      currentNumber: 'A012',
      holderName: '张*三',
      callIsNew: true,
    });
    expect(v.call?.seq).toBe(30);
  });

  it('shows an idle or paused window without a stale number', () => {
    const state = snapshot(5, {
      windows: [win('w02', '2', [], { state: 'paused', pauseReason: '系统维护' })],
      recentCalls: [call(4, 'A001', 'w02')],
    });
    const v = selectWindowStrip(state, 'w02');
    expect(v.currentNumber).toBeNull();
    expect(v.call).toBeNull();
    expect(v.state).toBe('paused');
    expect(v.pauseReason).toBe('系统维护');
    expect(selectWindowStrip(state, 'w99')).toMatchObject({ found: false, state: 'unknown', windowName: 'w99' });
  });
});

describe('maskName', () => {
  it('never shows a full name', () => {
    expect(maskName('张*三')).toBe('张*三');
    expect(maskName('张三丰')).toBe('张*丰');
    expect(maskName('李四')).toBe('李*');
    expect(maskName('欧阳娜娜')).toBe('欧**娜');
    expect(maskName('')).toBeNull();
    expect(maskName(null)).toBeNull();
  });
});

describe('BoardModel: settings changed live (device:settings)', () => {
  it('a new service filter applies to the next calls and to the view; nothing decided is announced again', () => {
    const { board } = model();
    const tax = (seq: number, n: string) =>
      call(seq, n, 'w02', { serviceId: 'tax', serviceName: '税务', ticketId: `t-${n}` });
    board.snapshot(snapshot(10), 'connect');
    expect(seqs(board.event(callEvent(call(11, 'A001'))))).toEqual([11]);
    board.reconfigure({ filter: { services: ['tax'], windows: null } });
    expect(board.filter).toEqual({ services: ['tax'], windows: null });
    expect(board.event(callEvent(call(12, 'A002'))).announce).toEqual([]);
    expect(seqs(board.event(callEvent(tax(13, 'B001'))))).toEqual([13]);
    const view = selectBoardView(board.state!, board.filter, 8, board.wasAnnounced.bind(board));
    expect(view.services.map((s) => s.id)).toEqual(['tax']);
    // Back to the whole hall: later general calls are announced again, earlier ones stay decided.
    board.reconfigure({ filter: ALL });
    expect(board.event(callEvent(call(12, 'A002'))).announce).toEqual([]);
    expect(seqs(board.event(callEvent(call(14, 'A003'))))).toEqual([14]);
  });

  it('a new missed-call age applies to the next reconnect', () => {
    const { board } = model(ALL, 300_000);
    board.snapshot(snapshot(10), 'connect');
    board.reconfigure({ missedMaxAgeMs: 0 });
    // Offline, call 11 happened 5 s before the reconnect snapshot: too old with a 0 s window.
    const back = board.snapshot(snapshot(16, { recentCalls: [call(11, 'A001')] }), 'connect');
    expect(back.announce).toEqual([]);
  });
});

describe('a board that missed more calls than the snapshot keeps (finding 11)', () => {
  const many = (from: number, to: number) => {
    const out = [];
    for (let s = to; s >= from; s--) out.push(call(s, `A${String(s).padStart(3, '0')}`));
    return out;
  };
  const newBoard = () => model(ALL, 600_000).board;

  it('asks for the range, announces the answer oldest first, then the calls that came meanwhile', () => {
    const board = newBoard();
    board.snapshot(snapshot(10, { recentCalls: [] }), 'connect');
    // 40 calls while away (11..50); the snapshot holds the last 20 (31..50).
    const back = board.snapshot(snapshot(50, { recentCalls: many(31, 50) }), 'connect');
    expect(back.announce).toEqual([]);
    expect(back.replay).toEqual({ afterSeq: 10, upTo: 50 });
    expect(board.decidedUpTo).toBe(10);
    // A live call arrives before the answer: it waits behind the missed ones.
    expect(board.event(callEvent(call(51, 'A051'))).announce).toEqual([]);
    const range = { afterSeq: 10, upTo: 50 };
    expect(board.replayed({ calls: many(1, 50), serverTime: iso(T0) }, { afterSeq: 0, upTo: 50 }).announce).toEqual([]);
    const answer = board.replayed({ calls: many(11, 50), serverTime: iso(T0 + 50_000) }, range);
    expect(answer.announce.map((c) => c.seq)).toEqual([...Array.from({ length: 40 }, (_, i) => 11 + i), 51]);
    expect(board.decidedUpTo).toBe(51);
    expect(board.replayed({ calls: many(11, 50), serverTime: iso(T0 + 50_000) }, range).announce).toEqual([]);
  });

  it('falls back to the snapshot’s calls when no answer comes, and never announces one twice', () => {
    const board = newBoard();
    board.snapshot(snapshot(10, { recentCalls: [] }), 'connect');
    board.snapshot(snapshot(50, { recentCalls: many(31, 50) }), 'connect');
    expect(board.replayed(null, { afterSeq: 10, upTo: 50 }).announce.map((c) => c.seq)).toEqual(
      Array.from({ length: 20 }, (_, i) => 31 + i),
    );
    expect(board.snapshot(snapshot(50, { recentCalls: many(31, 50) }), 'connect').announce).toEqual([]);
  });

  it('needs no replay when the snapshot holds every missed call', () => {
    const board = newBoard();
    board.snapshot(snapshot(10, { recentCalls: [] }), 'connect');
    const back = board.snapshot(snapshot(29, { recentCalls: many(11, 29) }), 'connect');
    expect(back.replay).toBeUndefined();
    expect(back.announce).toHaveLength(19);
  });
});
