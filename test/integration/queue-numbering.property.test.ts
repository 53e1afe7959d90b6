/**
 * Issuing never fails because of what happened to earlier tickets (issue 12, finding 10): random days of issuing,
 * calling, finishing, no-shows, reactivations, transfers to another service or window and daily resets, through the
 * hall's use cases on a real SQLite file. The transfer bug lived in a UNIQUE constraint, so only the real database
 * can show it: the domain's own property test (queue.property.test.ts) never sees SQL.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { serviceConfigSchema, windowConfigSchema } from '@onedoor/protocol';
import { hallConfigSchema } from '../../hall-server/src/config/config.schema.js';
import type { HallApp } from '../../hall-server/src/app/hall-app.js';
import { openSqliteHall } from '../helpers/sqlite-hall.js';

const SERVICES = ['svc-a', 'svc-b', 'svc-c'] as const;
const WINDOWS = ['w1', 'w2'] as const;
const system = { kind: 'system', reason: 'property test' } as const;
const clerk = (windowId: string) => ({ kind: 'staff', staffId: `clerk-${windowId}` }) as const;

type Step =
  | { kind: 'issue'; service: number }
  | { kind: 'serve' | 'miss' | 'sign-in'; window: number }
  | { kind: 'transfer-service'; window: number; to: number; keepIssueTime: boolean }
  | { kind: 'transfer-window'; window: number; to: number }
  | { kind: 'reactivate'; window: number; pick: number }
  | { kind: 'wait'; minutes: number }
  | { kind: 'next-day' };

const window = fc.integer({ min: 0, max: WINDOWS.length - 1 });
const service = fc.integer({ min: 0, max: SERVICES.length - 1 });
const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('issue' as const), service }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constantFrom('serve' as const, 'miss' as const), window }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('sign-in' as const), window }) },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('transfer-service' as const),
      window,
      to: service,
      keepIssueTime: fc.boolean(),
    }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('transfer-window' as const), window, to: window }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('reactivate' as const), window, pick: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('wait' as const), minutes: fc.integer({ min: 1, max: 90 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('next-day' as const) }) },
);

async function configure(app: HallApp): Promise<void> {
  const services = SERVICES.map((id, i) =>
    serviceConfigSchema.parse({ id, name: `业务${i + 1}`, prefix: String.fromCharCode(65 + i) }),
  );
  // w1 serves every service, w2 only the last two: a transfer to a window or a service always has a caller.
  const windows = WINDOWS.map((id, i) =>
    windowConfigSchema.parse({
      id,
      number: String(i + 1),
      name: `${i + 1}号窗口`,
      kind: 'comprehensive',
      services: SERVICES.slice(i).map((serviceId) => ({ serviceId, order: 1 })),
    }),
  );
  const saved = await app.hall.saveConfiguration({ services, windows }, system);
  if (!saved.ok) throw new Error(saved.error.messageEn);
}

/** What happened, for the property to check that the day really had transfers, misses and resets in it. */
interface Played {
  refusedIssues: string[];
  done: Record<string, number>;
}

async function play(app: HallApp, steps: readonly Step[], clock: { now: number }, played: Played): Promise<void> {
  const count = (what: string) => (played.done[what] = (played.done[what] ?? 0) + 1);
  const run = async (windowId: string, command: Parameters<HallApp['hall']['runTicketCommand']>[0]) =>
    (await app.hall.runTicketCommand(command, clerk(windowId))).ok;
  /** Calls the window's next visitor, then `then`; if that is refused, the visitor is let go as a no-show. */
  const withNext = async (windowId: string, what: string, then: () => Promise<boolean>) => {
    if (!(await run(windowId, { type: 'call-next', windowId }))) return;
    if (await then()) count(what);
    else await run(windowId, { type: 'no-show', windowId });
  };
  for (const s of steps) {
    switch (s.kind) {
      case 'issue': {
        const r = await app.hall.issueTicket({ serviceId: SERVICES[s.service]! }, 'kiosk', system);
        if (r.ok) count('issued');
        else played.refusedIssues.push(`${SERVICES[s.service]}: ${r.error.messageEn}`);
        break;
      }
      case 'sign-in': {
        const windowId = WINDOWS[s.window]!;
        await app.hall.runWindowCommand(
          { type: 'sign-in', windowId, clerkId: clerk(windowId).staffId, clerkName: `${windowId} 的人员` },
          clerk(windowId),
        );
        break;
      }
      case 'serve': {
        const windowId = WINDOWS[s.window]!;
        await withNext(windowId, 'served', async () => {
          await run(windowId, { type: 'start', windowId });
          return run(windowId, { type: 'finish', windowId });
        });
        break;
      }
      case 'miss': {
        const windowId = WINDOWS[s.window]!;
        await withNext(windowId, 'missed', () => run(windowId, { type: 'no-show', windowId }));
        break;
      }
      case 'transfer-service': {
        const windowId = WINDOWS[s.window]!;
        await withNext(windowId, 'transferred', () =>
          run(windowId, { type: 'transfer', windowId, toServiceId: SERVICES[s.to]!, keepIssueTime: s.keepIssueTime }),
        );
        break;
      }
      case 'transfer-window': {
        const windowId = WINDOWS[s.window]!;
        await withNext(windowId, 'transferred', () =>
          run(windowId, { type: 'transfer', windowId, toWindowId: WINDOWS[s.to]!, keepIssueTime: true }),
        );
        break;
      }
      case 'reactivate': {
        const windowId = WINDOWS[s.window]!;
        const missed = [...app.hall.queueState.tickets.values()].filter((t) => t.status === 'no-show');
        const ticket = missed[s.pick % Math.max(1, missed.length)];
        if (ticket && (await run(windowId, { type: 'reactivate', ticketId: ticket.id, windowId })))
          count('reactivated');
        break;
      }
      case 'wait':
        clock.now += s.minutes * 60_000;
        break;
      case 'next-day':
        clock.now += 24 * 3_600_000;
        if (await app.hall.rolloverIfDue()) count('days');
        break;
    }
  }
}

describe('issuing after transfers, reactivations and daily resets (real SQLite, property)', () => {
  it('never refuses a ticket, never repeats a number of a day and service, and a restart loads the same tickets', async () => {
    const total: Record<string, number> = {};
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 20, maxLength: 120 }), async (steps) => {
        const dir = mkdtempSync(join(tmpdir(), 'onedoor-numbering-'));
        const file = join(dir, 'hall.sqlite');
        const clock = { now: Date.parse('2026-11-23T01:30:00Z') }; // 09:30 in the hall
        const config = hallConfigSchema.parse({ dataDir: dir, log: { level: 'silent' } });
        const first = openSqliteHall({ file, config, clock: { now: () => clock.now } });
        try {
          await configure(first.app);
          const signIn = WINDOWS.map((_, i): Step => ({ kind: 'sign-in', window: i }));
          const played: Played = { refusedIssues: [], done: {} };
          await play(first.app, [...signIn, ...steps], clock, played);
          expect(played.refusedIssues).toEqual([]);
          for (const [what, n] of Object.entries(played.done)) total[what] = (total[what] ?? 0) + n;

          const rows = first.db
            .prepare('SELECT business_day AS day, issued_service_id AS service, number FROM tickets')
            .all() as { day: string; service: string; number: string }[];
          const keys = rows.map((r) => `${r.day}/${r.service}/${r.number}`);
          expect(new Set(keys).size).toBe(keys.length);

          const tickets = (app: HallApp) =>
            [...app.hall.queueState.tickets.values()]
              .map((t) => `${t.id} ${t.number} ${t.serviceId} ${t.status} ${t.targetWindowId ?? '-'}`)
              .sort();
          const live = tickets(first.app);
          const restarted = openSqliteHall({ file, config, clock: { now: () => clock.now }, vault: first.vault });
          try {
            expect(tickets(restarted.app)).toEqual(live);
          } finally {
            restarted.close();
          }
        } finally {
          first.close();
          rmSync(dir, { recursive: true, force: true });
        }
      }),
      { numRuns: 40 },
    );
    // The runs really exercised what broke: transfers (to services and windows), reactivations and new days.
    for (const what of ['issued', 'served', 'missed', 'transferred', 'reactivated', 'days'])
      expect(total[what] ?? 0, what).toBeGreaterThan(5);
  }, 240_000);
});
