/**
 * Issue 10's report benchmark: a year of a hall with 20,000 visitors a month is written to the event log (issued,
 * called, served or missed: about a million events), then the statistics use case answers the last month's report —
 * beside a plain SQL aggregate over the same month as the baseline (counting the month's ticket events by type).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { openDatabase } from '../../hall-server/src/adapters/db/database.js';
import { hallConfigSchema } from '../../hall-server/src/config/config.schema.js';
import { openSqliteHall } from '../helpers/sqlite-hall.js';

const DAY_MS = 86_400_000;
const SERVICES = ['general', 'real-estate', 'business', 'social-security', 'tax'];

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/** Writes `days` days ending on `lastDay` with `perDay` visitors each; answers the tickets per day and the events. */
function seedYear(
  file: string,
  lastDay: string,
  days: number,
  perDay: number,
): { issuedPerDay: Map<string, number>; events: number } {
  const db = openDatabase({ file, synchronous: 'NORMAL' });
  const insert = db.prepare(
    'INSERT INTO events (seq, idx, type, at, business_day, actor, payload) VALUES (?, 0, ?, ?, ?, NULL, ?)',
  );
  const issuedPerDay = new Map<string, number>();
  let seq = 0;
  const write = (type: string, at: number, day: string, body: Record<string, unknown>) => {
    const iso = new Date(at).toISOString();
    insert.run(++seq, type, iso, day, JSON.stringify({ type, at: iso, ...body }));
  };
  db.transaction(() => {
    const end = Date.parse(`${lastDay}T00:00:00Z`);
    for (let d = days - 1; d >= 0; d--) {
      const dayStart = end - d * DAY_MS;
      const day = new Date(dayStart).toISOString().slice(0, 10);
      issuedPerDay.set(day, perDay);
      for (let i = 0; i < perDay; i++) {
        // 09:00–17:00 in the hall (UTC+8): 01:00–09:00 UTC, visitors spread over the day.
        const issuedAt = dayStart + DAY_MS / 24 + Math.floor((i / perDay) * 8 * 3_600_000);
        const id = `t-${day}-${i}`;
        const windowId = `w${String((i % 20) + 1).padStart(2, '0')}`;
        write('ticket.issued', issuedAt, day, { ticket: { id, serviceId: SERVICES[i % SERVICES.length] } });
        const calledAt = issuedAt + ((i * 7919) % 40) * 60_000;
        write('ticket.called', calledAt, day, { ticketId: id, windowId, clerkId: `clerk${windowId.slice(1)}` });
        if (i % 10 === 9) {
          write('ticket.no-show', calledAt + 120_000, day, { ticketId: id, windowId });
          continue;
        }
        write('ticket.serving', calledAt + 30_000, day, { ticketId: id, windowId });
        write('ticket.done', calledAt + 30_000 + ((i * 104_729) % 20) * 60_000, day, { ticketId: id, windowId });
      }
    }
  })();
  db.close();
  return { issuedPerDay, events: seq };
}

export async function monthReportBench(quick: boolean) {
  const visitorsPerMonth = quick ? 2_000 : 20_000;
  const perDay = Math.round(visitorsPerMonth / 30);
  const dir = mkdtempSync(join(tmpdir(), 'onedoor-report-'));
  const file = join(dir, 'hall.sqlite');
  const { issuedPerDay, events } = seedYear(file, '2026-11-30', 365, perDay);
  const month = { from: '2026-11-01', to: '2026-11-30' };
  const expectedIssued = [...issuedPerDay].filter(([d]) => d >= month.from && d <= month.to).length * perDay;

  const config = hallConfigSchema.parse({ hall: { id: 'bench' }, dataDir: dir, log: { level: 'silent' } });
  const hall = openSqliteHall({ file, config });
  const reportMs: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    const report = hall.app.stats.report(month);
    reportMs.push(performance.now() - t);
    if (!report.ok) throw new Error(report.error.messageEn);
    if (report.value.queue.issued !== expectedIssued)
      throw new Error(`report counted ${report.value.queue.issued} tickets, the log holds ${expectedIssued}`);
  }
  const aggregate = hall.db.prepare(
    "SELECT type, count(*) AS n FROM events WHERE business_day BETWEEN ? AND ? AND type LIKE 'ticket.%' GROUP BY type",
  );
  const sqlMs: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    aggregate.all(month.from, month.to);
    sqlMs.push(performance.now() - t);
  }
  hall.close();
  rmSync(dir, { recursive: true, force: true });
  return { visitorsPerMonth, events, reportMs: median(reportMs), sqlMs: median(sqlMs) };
}
