/**
 * npm run bench — OneDoor benchmarks, each beside a baseline measured in the same run:
 *   1. call → display latency with 300 windows + 60 displays + 30 kiosks connected and 20 tickets/s in the
 *      background, vs a bare socket.io broadcast to the same sockets;
 *   2. durable ticket issue throughput (ack after commit, synchronous=FULL), vs bare SQLite single-row commits;
 *   3. hall server RSS with 1,000 connected clients.
 * Prints a table and writes bench-results/bench-<time>.json.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import { io, type Socket } from 'socket.io-client';
import type { Ack } from '@onedoor/protocol';
import { hallConfigSchema } from '../../hall-server/src/config/config.schema.js';
import { openDatabase } from '../../hall-server/src/adapters/db/database.js';
import { QueueRepository } from '../../hall-server/src/adapters/db/queue.repository.js';
import { newDataKey, PersonalDataVault } from '../../hall-server/src/adapters/crypto/secrets.js';
import { HallService } from '../../hall-server/src/app/hall.service.js';
import { systemClock, silentLogger } from '../../hall-server/src/app/ports.js';
import { DEMO_SERVICES, DEMO_WINDOWS } from '../../hall-server/src/app/demo-hall.js';

const quick = process.argv.includes('--quick');
const WINDOWS = quick ? 60 : 300;
const DISPLAYS = quick ? 12 : 60;
const KIOSKS = quick ? 6 : 30;
const CALLS = quick ? 60 : 300;

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
};
const round = (n: number, d = 2) => Math.round(n * 10 ** d) / 10 ** d;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Ready {
  port: number;
  tokens?: { clerks: string[]; display: string; kiosk: string };
}

function spawnChild(script: string, args: string[]): Promise<{ child: ChildProcess; port: number; ready: Ready }> {
  const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      const line = out.split('\n').find((l) => l.includes('"ready":true'));
      if (line) {
        const ready = JSON.parse(line) as Ready;
        resolve({ child, port: ready.port, ready });
      }
    });
    child.once('exit', (code) => reject(new Error(`${script} exited with ${code}`)));
  });
}

const stopChild = (child: ChildProcess) =>
  new Promise((r) => {
    child.once('exit', r);
    child.kill('SIGTERM');
  });

function connect(url: string, auth: Record<string, string>): Promise<Socket> {
  const socket = io(url, { auth, transports: ['websocket'], reconnection: false, forceNew: true });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', reject);
  });
}

function emit<T>(socket: Socket, event: string, payload: unknown): Promise<Ack<T>> {
  return new Promise((resolve) => socket.emit(event, payload, resolve));
}

async function rssOf(pid: number): Promise<number> {
  const { readFileSync } = await import('node:fs');
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
}

/** Latency from a clerk's emit to the moment one display receives the call, under background load. */
async function measureCalls(opts: {
  emitCall: (i: number) => Promise<void>;
  display: Socket;
  background: () => Promise<void>;
  calls: number;
}): Promise<number[]> {
  const latencies: number[] = [];
  let running = true;
  const bg = (async () => {
    while (running) {
      const t = performance.now();
      await opts.background();
      await sleep(Math.max(0, 50 - (performance.now() - t))); // 20 tickets/s
    }
  })();
  for (let i = 0; i < opts.calls; i++) {
    const got = new Promise<void>((resolve) => {
      const on = (e: { call?: { windowId?: string } | null }) => {
        if (e.call?.windowId === `w${i}`) {
          opts.display.off('hall:event', on);
          resolve();
        }
      };
      opts.display.on('hall:event', on);
    });
    const t0 = performance.now();
    await opts.emitCall(i);
    await got;
    latencies.push(performance.now() - t0);
    await sleep(5);
  }
  running = false;
  await bg;
  return latencies;
}

async function latencyBenchCallNext() {
  const dataDir = mkdtempSync(join(tmpdir(), 'onedoor-bench-'));
  const { child, port, ready } = await spawnChild('test/bench/bench-hall.ts', [dataDir, String(WINDOWS)]);
  const base = `http://127.0.0.1:${port}`;
  const tokens = ready.tokens!;
  const clerks: Socket[] = [];
  for (let i = 0; i < WINDOWS; i++) clerks.push(await connect(`${base}/window`, { sessionToken: tokens.clerks[i]! }));
  await Promise.all(clerks.map((c, i) => emit(c, 'window:sign-in', { windowId: `w${i}` })));
  const displays = await Promise.all(
    Array.from({ length: DISPLAYS }, () => connect(`${base}/display`, { deviceToken: tokens.display })),
  );
  const kiosks = await Promise.all(
    Array.from({ length: KIOSKS }, () => connect(`${base}/kiosk`, { deviceToken: tokens.kiosk })),
  );
  for (let i = 0; i < CALLS + 20; i++) await emit(kiosks[i % KIOSKS]!, 'ticket:issue', { serviceId: 'general' });
  let k = 0;
  const latencies = await measureCalls({
    calls: CALLS,
    display: displays[DISPLAYS - 1]!,
    emitCall: async (i) => {
      const ack = await emit<unknown>(clerks[i % WINDOWS]!, 'ticket:call-next', { windowId: `w${i % WINDOWS}` });
      if (!ack.ok) throw new Error(`call refused: ${ack.error.messageEn}`);
    },
    background: async () => {
      await emit(kiosks[k++ % KIOSKS]!, 'ticket:issue', { serviceId: 'general' });
    },
  });
  const rss = await rssOf(child.pid!);
  for (const s of [...clerks, ...displays, ...kiosks]) s.close();
  await stopChild(child);
  rmSync(dataDir, { recursive: true, force: true });
  return { latencies, rss };
}

async function baselineBench() {
  const { child, port } = await spawnChild('test/bench/bare-server.ts', ['0']);
  const base = `http://127.0.0.1:${port}`;
  const clerks: Socket[] = [];
  for (let i = 0; i < WINDOWS; i++) clerks.push(await connect(`${base}/window`, {}));
  const displays = await Promise.all(Array.from({ length: DISPLAYS }, () => connect(`${base}/display`, {})));
  const kiosks = await Promise.all(Array.from({ length: KIOSKS }, () => connect(`${base}/kiosk`, {})));
  let k = 0;
  const latencies = await measureCalls({
    calls: CALLS,
    display: displays[DISPLAYS - 1]!,
    emitCall: async (i) => {
      await emit(clerks[i % WINDOWS]!, 'call', { windowId: `w${i % WINDOWS}` });
    },
    // The bare server broadcasts every message: a background "ticket" is one more broadcast, as in the hall.
    background: async () => {
      await emit(kiosks[k++ % KIOSKS]!, 'call', { windowId: 'background' });
    },
  });
  for (const s of [...clerks, ...displays, ...kiosks]) s.close();
  await stopChild(child);
  return latencies;
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

  // OneDoor: HallService with real SQLite (synchronous=FULL); clients keep 64 issue commands in flight.
  const config = hallConfigSchema.parse({ hall: { id: 'bench' }, dataDir: dir, db: { synchronous: 'FULL' } });
  const services = DEMO_SERVICES.map((s) => ({ ...s, rangeEnd: 99999, width: 5, dailyCap: 0 }));
  const db = openDatabase({ file: join(dir, 'hall.sqlite'), synchronous: 'FULL' });
  const queue = new QueueRepository(db);
  const hall = new HallService({
    config,
    db,
    queue,
    vault: new PersonalDataVault(newDataKey()),
    clock: systemClock,
    ids: { newId: () => randomUUID() },
    log: silentLogger,
  });
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
  db.close();
  rmSync(dir, { recursive: true, force: true });
  if (rows !== N) throw new Error(`expected ${N} tickets in the database, found ${rows}`);
  return { bareSingle, hallRate, n: N };
}

async function memoryBench() {
  const dataDir = mkdtempSync(join(tmpdir(), 'onedoor-mem-'));
  // No clerk sign-ins here: scrypt's 16 MB per hash would be counted as client memory.
  const { child, port, ready } = await spawnChild('test/bench/bench-hall.ts', [dataDir, '0']);
  const base = `http://127.0.0.1:${port}`;
  const tokens = ready.tokens!;
  await sleep(500);
  const idle = await rssOf(child.pid!);
  const sockets: Socket[] = [];
  const target = quick ? 200 : 1000;
  while (sockets.length < target) {
    const batch = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        i % 3 === 0
          ? connect(`${base}/kiosk`, { deviceToken: tokens.kiosk })
          : connect(`${base}/display`, { deviceToken: tokens.display }),
      ),
    );
    sockets.push(...batch);
  }
  await sleep(1000);
  const rss = await rssOf(child.pid!);
  for (const s of sockets) s.close();
  await stopChild(child);
  rmSync(dataDir, { recursive: true, force: true });
  return { clients: target, rss, idle };
}

async function main() {
  console.log(
    `OneDoor bench${quick ? ' (quick)' : ''}: ${WINDOWS} windows, ${DISPLAYS} displays, ${KIOSKS} kiosks, ${CALLS} calls`,
  );
  const baseline = await baselineBench();
  const { latencies: hall } = await latencyBenchCallNext();
  const tput = await throughputBench();
  const mem = await memoryBench();
  const p = (v: number[]) => ({ p50: round(percentile(v, 50)), p99: round(percentile(v, 99)) });
  const result = {
    at: new Date().toISOString(),
    setup: { windows: WINDOWS, displays: DISPLAYS, kiosks: KIOSKS, calls: CALLS, backgroundTicketsPerSecond: 20 },
    callToDisplayMs: { onedoor: p(hall), bareSocketIo: p(baseline) },
    ratio: {
      p50: round(percentile(hall, 50) / percentile(baseline, 50)),
      p99: round(percentile(hall, 99) / percentile(baseline, 99)),
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
      note: 'server run under tsx (adds ~35 MB of transpiler)',
    },
  };
  const rows = [
    [
      'call → display p50 (ms)',
      result.callToDisplayMs.onedoor.p50,
      result.callToDisplayMs.bareSocketIo.p50,
      `${result.ratio.p50}×`,
      '≤ 3 ms, ≤ 2×',
    ],
    [
      'call → display p99 (ms)',
      result.callToDisplayMs.onedoor.p99,
      result.callToDisplayMs.bareSocketIo.p99,
      `${result.ratio.p99}×`,
      '≤ 15 ms, ≤ 2×',
    ],
    [
      'durable tickets/s (FULL)',
      result.durableTicketsPerSecond.onedoor,
      result.durableTicketsPerSecond.bareSqliteSingleRowCommits,
      `${round(tput.hallRate / tput.bareSingle)}×`,
      '≥ 2,000/s',
    ],
    [`RSS with ${mem.clients} clients (MB)`, result.memory.rssMb, `idle ${result.memory.idleRssMb}`, '', '≤ 200 MB'],
  ];
  console.log('');
  console.log(
    ['measure', 'OneDoor', 'baseline', 'ratio', 'target'].map((h, i) => h.padEnd(i === 0 ? 30 : 14)).join(''),
  );
  for (const r of rows) console.log(r.map((c, i) => String(c).padEnd(i === 0 ? 30 : 14)).join(''));
  mkdirSync('bench-results', { recursive: true });
  const file = join('bench-results', `bench-${result.at.replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, JSON.stringify(result, null, 2));
  console.log(`\nwritten ${file}`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
