/**
 * A day already under way, for the growth benchmark: `tickets` issued at a kiosk, all but `waiting` of them through a
 * window — called and finished by the next call, every 12th a no-show, every 30th voided as unprinted (abandoned) —
 * with the windows' clerks signed in and each window's last call still at it.
 *
 * Each command goes through the queue domain (`decide` → `project`) and writes what the hall's `applyQueueCommand` and
 * pipeline write for it: the state rows (`QueueStore.saveChanges`) and its events under the next sequence number
 * (`EventLog.append`), in one transaction per 500 tickets. Left out: the hall event built for the screens (nobody is
 * connected yet) and the per-command savepoint. Through the hall's own use cases 10,000 tickets took 56 s and grew
 * with the square of the day (every command's hall event counts the day's tickets); this way the hall starts on the
 * same rows. Every ticket's times are "now": the seeded day has no waiting or serving minutes of its own.
 */
import { randomUUID } from 'node:crypto';
import { actorText } from '../../hall-server/src/app/pipeline.js';
import type { Actor } from '../../hall-server/src/app/ports.js';
import {
  commitChanges,
  decide,
  project,
  type QueueCommand,
  type QueueEvent,
} from '../../hall-server/src/domain/queue/index.js';
import type { SqliteHall } from '../helpers/sqlite-hall.js';

const BLOCK = 500;
const NO_SHOW_EVERY = 12;
const VOID_EVERY = 30;

export interface SeededDay {
  tickets: number;
  done: number;
  noShow: number;
  abandoned: number;
  waiting: number;
  /** Called and still at their window. */
  atWindows: number;
  ms: number;
}

export function seedDay(
  hall: SqliteHall,
  opts: { tickets: number; waiting: number; windows: { windowId: string; clerkId: string; clerkName: string }[] },
): SeededDay {
  const t0 = performance.now();
  const { config, clock } = hall.app;
  const businessDay = hall.app.hall.queueState.businessDay;
  const state = hall.stores.queue.loadState(config.queue, businessDay);
  let seq = hall.stores.events.lastSeq();
  const run = (command: QueueCommand, actor: Actor): QueueEvent[] => {
    const ctx = { now: clock.now(), newId: () => randomUUID(), timeZone: config.hall.timeZone };
    const decided = decide(state, command, ctx);
    if (!decided.ok) throw new Error(`seeding: ${command.type} refused: ${decided.error.messageEn}`);
    const events = decided.value;
    if (events.length === 0) return events;
    const changes = project(state, events);
    hall.stores.queue.saveChanges(changes, businessDay);
    commitChanges(state, changes);
    const entries = events.map((e) => ({ type: e.type, at: e.at, payload: e }));
    hall.stores.events.append(++seq, entries, businessDay, actorText(actor));
    return events;
  };
  const kiosk: Actor = { kind: 'device', deviceId: 'bench-kiosk' };
  const clerk = (w: { clerkId: string }): Actor => ({ kind: 'staff', staffId: w.clerkId });
  const counts = { issued: 0, abandoned: 0, called: 0, noShow: 0 };
  const waitingNow = () => counts.issued - counts.abandoned - counts.called;
  hall.db.transaction(() => {
    for (const w of opts.windows)
      run({ type: 'sign-in', windowId: w.windowId, clerkId: w.clerkId, clerkName: w.clerkName }, clerk(w));
  })();
  const block = hall.db.transaction((size: number) => {
    for (let i = 0; i < size; i++) {
      const issued = run({ type: 'issue', serviceId: 'general', priority: 'normal', source: 'kiosk' }, kiosk).find(
        (e) => e.type === 'ticket.issued',
      );
      if (!issued) throw new Error('seeding: an issue without its ticket');
      if (++counts.issued % VOID_EVERY === 0) {
        run({ type: 'void', ticketId: issued.ticket.id, reason: 'print-failed: bench' }, kiosk);
        counts.abandoned++;
      }
    }
    // Every window in turn calls until the queue is back to `waiting`.
    for (let i = 0; waitingNow() > opts.waiting; i++) {
      const w = opts.windows[i % opts.windows.length]!;
      if (
        counts.called % NO_SHOW_EVERY === NO_SHOW_EVERY - 1 &&
        state.windows.get(w.windowId)?.runtime.currentTicketId
      ) {
        run({ type: 'no-show', windowId: w.windowId }, clerk(w));
        counts.noShow++;
      }
      run({ type: 'call-next', windowId: w.windowId }, clerk(w));
      counts.called++;
    }
  });
  while (counts.issued < opts.tickets) block(Math.min(BLOCK, opts.tickets - counts.issued));
  const atWindows = opts.windows.filter((w) => state.windows.get(w.windowId)?.runtime.currentTicketId).length;
  return {
    tickets: counts.issued,
    done: counts.called - counts.noShow - atWindows,
    noShow: counts.noShow,
    abandoned: counts.abandoned,
    waiting: waitingNow(),
    atWindows,
    ms: performance.now() - t0,
  };
}
