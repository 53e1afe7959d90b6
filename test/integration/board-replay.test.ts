import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CallView, DisplayClientEvents, HallEvent } from '@onedoor/protocol';
import { HallLink, type LinkStatus } from '@onedoor/protocol/client';
import { askReplay, BoardModel, type BoardUpdate } from '../../display-board/src/board-state.js';
import { connectDisplay } from '../../display-board/src/connection.js';
import { command, startTestHall, type TestHall } from '../helpers/test-hall.js';
import { until } from '../helpers/wait.js';

/**
 * Finding 11: a board cut off while more calls happen than the snapshot keeps (20) must still announce every one it
 * missed, once and in order. The board here is the display's own link and model (HallLink + BoardModel, wired as the
 * board controller wires them) over a real /display socket; the calls are made by clerks at four windows.
 */
class NodeBoard {
  readonly announced: CallView[] = [];
  readonly replays: { afterSeq: number; upTo: number }[] = [];
  status: LinkStatus = 'connecting';
  readonly link: HallLink<DisplayClientEvents>;
  private readonly model: BoardModel;

  constructor(origin: string, token: string) {
    this.model = new BoardModel({
      filter: { services: null, windows: null },
      missedMaxAgeMs: 600_000,
      onGap: () => this.link.requestSnapshot(),
    });
    this.link = new HallLink<DisplayClientEvents>(
      { socket: connectDisplay(origin, token) },
      {
        onSnapshot: (s, source) => this.apply(this.model.snapshot(s, source)),
        onChange: (_state, _base, applied) => applied.forEach((e: HallEvent) => this.apply(this.model.event(e))),
        onStatus: (status) => {
          this.status = status;
        },
        onUnauthorized: (err) => {
          throw new Error(err.messageEn);
        },
      },
    );
  }

  private apply(update: BoardUpdate): void {
    this.announced.push(...update.announce);
    const range = update.replay;
    if (range) {
      this.replays.push(range);
      void askReplay(this.link, range).then((answer) => this.apply(this.model.replayed(answer, range)));
    }
  }
}

describe('a board that missed more than 20 calls (finding 11)', () => {
  let hall: TestHall;
  let board: NodeBoard | null = null;
  beforeEach(async () => {
    hall = await startTestHall();
  });
  afterEach(async () => {
    board?.link.close();
    await hall.close();
  });

  it('announces every call it missed during a cut, each once and in order, from the event log', async () => {
    const running = hall.running;
    const windows = ['w01', 'w02', 'w03', 'w04'];
    for (const [i, w] of windows.entries()) {
      const clerk = await hall.connect('/window', { sessionToken: await hall.login(`clerk0${i + 1}`) });
      await command(clerk, 'window:sign-in', { windowId: w });
    }
    const kiosk = { kind: 'device' as const, deviceId: 'kiosk-01' };
    for (let i = 0; i < 90; i++) {
      const r = await running.hall.issueTicket({ serviceId: 'general' }, 'kiosk', kiosk);
      if (!r.ok) throw new Error(r.error.messageEn);
    }
    const call = async (n: number) => {
      const windowId = windows[n % windows.length]!;
      const r = await running.hall.runQueueCommand({ type: 'call-next', windowId }, { kind: 'staff', staffId: 'x' });
      if (!r.ok) throw new Error(r.error.messageEn);
    };

    // The hall's own record of every call, in order: a second board that is never cut.
    const witness = connectDisplay(hall.baseUrl, await hall.deviceToken('display'));
    const calls: CallView[] = [];
    witness.on('hall:event', (e) => {
      if (e.call) calls.push(e.call);
    });
    await new Promise<void>((r) => witness.once('hall:snapshot', () => r()));

    board = new NodeBoard(hall.baseUrl, await hall.deviceToken('display'));
    const b = board;
    await until('the board online with its first snapshot', () => b.status === 'online' && b.link.state !== null);
    for (let n = 0; n < 3; n++) await call(n);
    await until('the first calls announced live', () => b.announced.length === 3);

    // The cable is pulled: 65 calls happen while the board is away.
    b.link.hold();
    await until('the board offline', () => b.status === 'offline');
    for (let n = 3; n < 68; n++) await call(n);
    await until('the witness saw all 68 calls', () => calls.length === 68);

    b.link.release();
    await until('every call announced', () => b.announced.length >= 68);
    // Two more live calls after the replay: they come after the missed ones, never before.
    for (let n = 68; n < 70; n++) await call(n);
    await until('the calls after the cut announced', () => b.announced.length >= 70 && calls.length === 70);

    expect(b.replays).toHaveLength(1);
    expect(b.announced.map((c) => c.seq)).toEqual(calls.map((c) => c.seq));
    expect(b.announced.map((c) => c.text)).toEqual(calls.map((c) => c.text));
    expect(new Set(b.announced.map((c) => c.seq)).size).toBe(70);
    witness.disconnect();
  });
});
