/**
 * npm run bench — OneDoor benchmarks, each beside a baseline measured in the same run:
 *   1. call → display latency with 300 windows + 60 displays + 30 kiosks connected and 20 tickets/s in the
 *      background, vs the durable floor (a bare synchronous=FULL SQLite commit, then a bare socket.io broadcast to the
 *      same sockets) and, as before, vs the bare broadcast alone (both ratios printed);
 *   2. durable ticket issue throughput (ack after commit, synchronous=FULL), vs bare SQLite single-row commits;
 *   3. hall server RSS with 1,000 connected clients: the compiled production server (`node dist/server/main.js`, built
 *      by `npm run bench` first) and, beside it, the same entry under tsx;
 *   4. a month's statistics report over a year of a 20,000-visitor-a-month hall, vs a plain SQL aggregate;
 *   5. card → ticket: the ID card's answer on a pseudo-terminal at 115,200 baud to the ticket's last ESC/POS byte at
 *      the printer, vs the serial wire time of the same bytes (card-to-ticket.ts);
 *   6. issue 13's federation (federation.ts);
 *   7. issue 15's growth curves: latency as the connected clients and the day's tickets grow (growth.ts).
 * `--only card-to-ticket`, `--only growth`, `--only call-path` (against its durable floor) or `--only throughput` runs
 * that one alone (with `--quick`: smaller sets).
 * Prints a table and writes bench-results/bench-<time>.json.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import { hallConfigSchema } from '../../hall-server/src/config/config.schema.js';
import { openSqliteHall } from '../helpers/sqlite-hall.js';
import { DEMO_SERVICES, DEMO_WINDOWS } from '../../hall-server/src/app/demo/demo-hall.js';
import { monthReportBench } from './month-report.js';
import { cardToTicketBench, type CardToTicketResult } from './card-to-ticket.js';
import { federationBench } from './federation.js';
import { memoryBench } from './memory.js';
import {
  floorCallLatency,
  hallCallLatency,
  measured,
  p50p99,
  percentile,
  round,
  spawnChild,
  stopChild,
} from './bench-clients.js';
import { growthBench, growthRows } from './growth.js';

const quick = process.argv.includes('--quick');
const WINDOWS = quick ? 60 : 300;
const DISPLAYS = quick ? 12 : 60;
const KIOSKS = quick ? 6 : 30;
const CALLS = quick ? 60 : 300;
const SIZE = { windows: WINDOWS, displays: DISPLAYS, kiosks: KIOSKS };

/**
 * The call path and its floors measured in turns — bare broadcast, durable floor, hall; again; again — each turn a
 * third of the calls, pooled: on a shared machine the load drifts over a minute, and one block after another put
 * the drift into the ratio (±0.3 between runs).
 */
async function callPathInTurns(turns = 3) {
  const pooled = { bare: [] as number[], durable: [] as number[], hall: [] as number[] };
  const calls = Math.ceil(CALLS / turns);
  for (let turn = 0; turn < turns; turn++) {
    pooled.bare.push(...(await floorCallLatency(false, SIZE, calls)).latencies);
    pooled.durable.push(...(await floorCallLatency(true, SIZE, calls)).latencies);
    pooled.hall.push(...measured(await hallCallLatency(SIZE, calls)).latencies);
  }
  return pooled;
}

async function throughputBench() {
  const dir = mkdtempSync(join(tmpdir(), 'onedoor-tput-'));
  const N = quick ? 2000 : 10000;
  // Baseline: bare SQLite, one row per committed transaction, same durability (WAL, synchronous=FULL).
  const bare = new Database(join(dir, 'bare.sqlite'));
  bare.pragma('journal_mode = WAL');
  bare.pragma('synchronous = FULL');
  bare.exec('CREATE TABLE t (id TEXT PRIMARY KEY, n INTEGER, payload TEXT)');
  const ins = bare.prepare('INSERT INTO t VALUES (?, ?, ?)');
  const one = bare.transaction((i: number) => ins.run(randomUUID(), i, '{"type":"ticket.issued"}'));
  let t = performance.now();
  for (let i = 0; i < N / 4; i++) one(i);
  const bareSingle = N / 4 / ((performance.now() - t) / 1000);
  bare.close();

  // OneDoor: the hall's use cases with real SQLite (synchronous=FULL); clients keep 64 issue commands in flight.
  const config = hallConfigSchema.parse({ hall: { id: 'bench' }, dataDir: dir, db: { synchronous: 'FULL' } });
  const services = DEMO_SERVICES.map((s) => ({ ...s, rangeEnd: 99999, width: 5, dailyCap: 0 }));
  const opened = openSqliteHall({ file: join(dir, 'hall.sqlite'), config, synchronous: 'FULL' });
  const { db } = opened;
  const { hall } = opened.app;
  await hall.saveConfiguration({ services, windows: DEMO_WINDOWS }, { kind: 'system', reason: 'bench' });
  let issued = 0;
  t = performance.now();
  const worker = async () => {
    while (issued < N) {
      issued++;
      const r = await hall.issueTicket(
        {
          serviceId: services[issued % services.length]!.id.replace('household', 'general').replace(
            'exit-entry',
            'general',
          ),
        },
        'kiosk',
        { kind: 'system', reason: 'bench' },
      );
      if (!r.ok) throw new Error(r.error.messageEn);
    }
  };
  await Promise.all(Array.from({ length: 64 }, worker));
  const hallRate = N / ((performance.now() - t) / 1000);
  const rows = (db.prepare('SELECT count(*) AS n FROM tickets').get() as { n: number }).n;
  opened.close();
  rmSync(dir, { recursive: true, force: true });
  if (rows !== N) throw new Error(`expected ${N} tickets in the database, found ${rows}`);
  return { bareSingle, hallRate, n: N };
}

/** Card → ticket against a hall server of its own (one window), quiet but for this kiosk. */
async function cardToTicket(): Promise<CardToTicketResult> {
  const dataDir = mkdtempSync(join(tmpdir(), 'onedoor-card-'));
  const { child, port, ready } = await spawnChild('test/bench/bench-hall.ts', [dataDir, '1']);
  try {
    return await cardToTicketBench(`http://127.0.0.1:${port}`, ready.tokens!.kiosk, quick ? 10 : 30);
  } finally {
    await stopChild(child);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const cardRow = (c: CardToTicketResult) => [
  [
    `card → ticket p50 (ms, ${c.samples} reads)`,
    round(c.p50Ms, 1),
    `wire ${round(c.wireMs, 1)}`,
    `${round(c.p50Ms / c.wireMs)}×`,
    '≤ 1.3× wire time',
  ],
  ['card → ticket p99 (ms)', round(c.p99Ms, 1), `wire ${round(c.wireMs, 1)}`, `${round(c.p99Ms / c.wireMs)}×`, ''],
];

const printRows = (rows: unknown[][]) => {
  for (const r of rows) console.log(r.map((c, i) => String(c).padEnd(i === 0 ? 36 : 17)).join(''));
};
const printTable = (rows: unknown[][]) => {
  console.log('');
  printRows([['measure', 'OneDoor', 'baseline', 'ratio', 'target']]);
  printRows(rows);
};
const writeResult = (result: { at: string } & Record<string, unknown>) => {
  mkdirSync('bench-results', { recursive: true });
  const file = join('bench-results', `bench-${result.at.replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, JSON.stringify(result, null, 2));
  console.log(`\nwritten ${file}`);
};

async function main() {
  const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : undefined;
  if (only === 'card-to-ticket') {
    const c = await cardToTicket();
    printRows(cardRow(c));
    console.log(JSON.stringify(c));
    return;
  }
  if (only === 'throughput') {
    const t = await throughputBench();
    console.log(
      `durable tickets/s ${Math.round(t.hallRate)} against bare single-row commits ${Math.round(t.bareSingle)}: ` +
        `${round(t.hallRate / t.bareSingle)}×`,
    );
    return;
  }
  if (only === 'call-path') {
    // The call path alone, e.g. under BENCH_CPU_PROF to profile the hall.
    const { durable, hall: latencies } = await callPathInTurns();
    const ratio = (p: number) => round(percentile(latencies, p) / percentile(durable, p));
    console.log(
      `call → display p50 ${round(percentile(latencies, 50))} ms (durable floor ${round(percentile(durable, 50))}, ${ratio(50)}×), ` +
        `p99 ${round(percentile(latencies, 99))} ms (floor ${round(percentile(durable, 99))}, ${ratio(99)}×)`,
    );
    return;
  }
  if (only === 'growth') {
    console.log(`OneDoor bench${quick ? ' (quick)' : ''}: growth curves`);
    const growth = await growthBench(quick);
    printTable(growthRows(growth));
    writeResult({ at: new Date().toISOString(), growth });
    return;
  }
  console.log(
    `OneDoor bench${quick ? ' (quick)' : ''}: ${WINDOWS} windows, ${DISPLAYS} displays, ${KIOSKS} kiosks, ${CALLS} calls`,
  );
  const { bare: baseline, durable: durableBaseline, hall } = await callPathInTurns();
  const tput = await throughputBench();
  const mem = await memoryBench('compiled', { clients: quick ? 200 : 1000 });
  const memTsx = await memoryBench('tsx', { clients: quick ? 200 : 1000 });
  const report = await monthReportBench(quick);
  const card = await cardToTicket();
  const federation = await federationBench(quick);
  const growth = await growthBench(quick);
  const result = {
    at: new Date().toISOString(),
    setup: {
      windows: WINDOWS,
      displays: DISPLAYS,
      kiosks: KIOSKS,
      calls: CALLS,
      backgroundTicketsPerSecond: 20,
      note: 'the connected crowd (nice 10) and its background load run in a separate process; the measuring clerk and board in the bench process; the hall and its floors are measured in three turns, pooled',
    },
    callToDisplayMs: {
      onedoor: p50p99(hall),
      bareSocketIo: p50p99(baseline),
      bareDurableCommitThenSocketIo: p50p99(durableBaseline),
    },
    /** Against the bare broadcast (the old floor: it mixes the cost of durability with overhead). */
    ratio: {
      p50: round(percentile(hall, 50) / percentile(baseline, 50)),
      p99: round(percentile(hall, 99) / percentile(baseline, 99)),
    },
    /** Against a bare synchronous=FULL commit then the bare broadcast: the physical floor of "ack means durable". */
    ratioToDurableFloor: {
      p50: round(percentile(hall, 50) / percentile(durableBaseline, 50)),
      p99: round(percentile(hall, 99) / percentile(durableBaseline, 99)),
    },
    durableTicketsPerSecond: {
      onedoor: Math.round(tput.hallRate),
      bareSqliteSingleRowCommits: Math.round(tput.bareSingle),
      tickets: tput.n,
    },
    memory: {
      clients: mem.clients,
      rssMb: round(mem.rss, 1),
      idleRssMb: round(mem.idle, 1),
      afterSignInsRssMb: round(mem.afterSignIns, 1),
      note: 'the compiled production server as npm run start:prod starts it (its environment and node flags), demo hall seeded',
      underTsx: { rssMb: round(memTsx.rss, 1), idleRssMb: round(memTsx.idle, 1) },
    },
    monthReport: {
      visitorsPerMonth: report.visitorsPerMonth,
      eventsInLog: report.events,
      reportMs: round(report.reportMs, 1),
      plainSqlAggregateMs: round(report.sqlMs, 1),
    },
    cardToTicket: {
      samples: card.samples,
      p50Ms: round(card.p50Ms, 1),
      p99Ms: round(card.p99Ms, 1),
      wireMs: round(card.wireMs, 1),
      answerBytes: card.answerBytes,
      ticketBytes: card.ticketBytes,
      note: 'first byte of the reader answer (simulator paced at 115,200 baud, on a pty) to the last ticket byte at the printer pty; wire time of the same bytes',
    },
    federation,
    growth,
  };
  const rows = [
    [
      'call → display p50 (ms)',
      result.callToDisplayMs.onedoor.p50,
      result.callToDisplayMs.bareDurableCommitThenSocketIo.p50,
      `${result.ratioToDurableFloor.p50}×`,
      '≤ 1.3× durable floor',
    ],
    [
      'call → display p99 (ms)',
      result.callToDisplayMs.onedoor.p99,
      result.callToDisplayMs.bareDurableCommitThenSocketIo.p99,
      `${result.ratioToDurableFloor.p99}×`,
      '≤ 1.3× durable floor',
    ],
    ['  old floor: bare broadcast p50', '', result.callToDisplayMs.bareSocketIo.p50, `${result.ratio.p50}×`, ''],
    ['  old floor: bare broadcast p99', '', result.callToDisplayMs.bareSocketIo.p99, `${result.ratio.p99}×`, ''],
    [
      'durable tickets/s (FULL)',
      result.durableTicketsPerSecond.onedoor,
      result.durableTicketsPerSecond.bareSqliteSingleRowCommits,
      `${round(tput.hallRate / tput.bareSingle)}×`,
      '≥ 1.5× bare commits',
    ],
    [`RSS with ${mem.clients} clients (MB)`, result.memory.rssMb, `idle ${result.memory.idleRssMb}`, '', '≤ 150 MB'],
    [`  after 12 clerks sign in (MB)`, result.memory.afterSignInsRssMb, '', '', '≤ 150 MB'],
    [`  same, under tsx (MB)`, result.memory.underTsx.rssMb, `idle ${result.memory.underTsx.idleRssMb}`, '', ''],
    [
      `month report, ${report.visitorsPerMonth}/month (ms)`,
      result.monthReport.reportMs,
      result.monthReport.plainSqlAggregateMs,
      `${round(report.reportMs / report.sqlMs)}×`,
      '< 1,000 ms',
    ],
    ...cardRow(card),
  ];
  rows.push(
    [`region applies, ${federation.halls} halls (records/s)`, federation.appliedPerSecond, '', '', ''],
    [
      `catch-up after ${federation.outage.minutes} min outage (s)`,
      federation.outage.catchUpSeconds,
      `${federation.outage.recordsDuringOutage} records`,
      '',
      '< 60 s',
    ],
  );
  rows.push(...growthRows(growth));
  printTable(rows);
  writeResult(result);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
