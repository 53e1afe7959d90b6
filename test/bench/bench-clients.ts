/**
 * The benchmarks' processes and clients: the benched servers and the crowd each run in a child process, the measuring
 * clerks and board live in the bench process. Shared by run.ts and growth.ts.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { io, type Socket } from 'socket.io-client';
import type { Ack } from '@onedoor/protocol';
import type { SeededDay } from './seed-day.js';

export const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
};
export const round = (n: number, d = 2) => Math.round(n * 10 ** d) / 10 ** d;
export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
export const p50p99 = (v: number[]) => ({ p50: round(percentile(v, 50)), p99: round(percentile(v, 99)) });

export interface Ready {
  port: number;
  tokens?: { clerks: string[]; display: string; kiosk: string };
  /** bench-hall with a seeded day: what it holds, and how long the hall took to start on it. */
  seeded?: SeededDay | null;
  startMs?: number;
}

export function spawnChild(
  script: string,
  args: string[],
): Promise<{ child: ChildProcess; port: number; ready: Ready }> {
  // BENCH_CPU_PROF=<dir>: the benched servers write a V8 CPU profile there (`node --cpu-prof`) when they stop.
  const prof = process.env.BENCH_CPU_PROF ? ['--cpu-prof', '--cpu-prof-dir', process.env.BENCH_CPU_PROF] : [];
  const child = spawn(process.execPath, [...prof, '--import', 'tsx', script, ...args], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
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

export const stopChild = (child: ChildProcess) =>
  new Promise((r) => {
    child.once('exit', r);
    child.kill('SIGTERM');
  });

export function connect(url: string, auth: Record<string, string>): Promise<Socket> {
  const socket = io(url, { auth, transports: ['websocket'], reconnection: false, forceNew: true });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', reject);
  });
}

export function emit<T>(socket: Socket, event: string, payload: unknown): Promise<Ack<T>> {
  return new Promise((resolve) => socket.emit(event, payload, resolve));
}

export function rssOf(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
}

/** Latency from a clerk's emit to the moment the measuring board receives the call (the crowd makes the load). */
export async function measureCalls(opts: {
  emitCall: (i: number) => Promise<void>;
  display: Socket;
  calls: number;
  /** The window whose call ends measurement i. */
  windowOf: (i: number) => string;
}): Promise<number[]> {
  const latencies: number[] = [];
  for (let i = 0; i < opts.calls; i++) {
    const got = new Promise<void>((resolve) => {
      const on = (e: { call?: { windowId?: string } | null }) => {
        if (e.call?.windowId === opts.windowOf(i)) {
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
  return latencies;
}

/** The connected hall around the measuring clients: clerk sockets (signed in at the hall), boards, kiosks. */
export interface CrowdSize {
  windows: number;
  displays: number;
  kiosks: number;
}

/** What the crowd saw: sockets still connected at the end, disconnects by reason, refusals by event and code. */
export interface CrowdReport {
  sockets: number;
  connected: number;
  readyMs: number;
  disconnects: Record<string, number>;
  refused: Record<string, number>;
}

/** Starts the crowd; `stop` ends it and answers its report. */
function startCrowd(env: Record<string, string>): Promise<{ stop: () => Promise<CrowdReport> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/bench/crowd.ts'], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, ...env },
  });
  let out = '';
  let stopped: Promise<CrowdReport> | undefined;
  const stop = () =>
    (stopped ??= stopChild(child).then(() => {
      const line = out.split('\n').find((l) => l.startsWith('{"crowd"'));
      if (!line) throw new Error('the crowd stopped without its report');
      return (JSON.parse(line) as { crowd: CrowdReport }).crowd;
    }));
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      if (out.includes('ready')) resolve({ stop });
    });
    child.once('exit', (code) => reject(new Error(`crowd exited with ${code}`)));
  });
}

const crowdEnv = (base: string, size: CrowdSize, background: string, tokens?: Ready['tokens']) => ({
  BENCH_URL: base,
  BENCH_WINDOWS: String(size.windows),
  BENCH_DISPLAYS: String(size.displays),
  BENCH_KIOSKS: String(size.kiosks),
  BENCH_BACKGROUND: background,
  ...(tokens ? { BENCH_TOKENS: JSON.stringify(tokens) } : {}),
});

/** The measured clerks (windows w0…w9) and one board live here; everyone else lives in the crowd process. */
export const MEASURED_WINDOWS = 10;

export interface BenchHall {
  base: string;
  pid: number;
  ready: Ready;
  clerks: Socket[];
  display: Socket;
  kiosk: Socket;
}

/**
 * A bench-hall with `size` windows (and a day of `tickets` seeded first, seed-day.ts), its crowd making 20 tickets/s
 * of background, the measuring clerks (w0…w9), one board and one kiosk connected; `run` measures, then all is torn down.
 */
export async function withBenchHall<T>(
  opts: { size: CrowdSize; tickets?: number },
  run: (hall: BenchHall) => Promise<T>,
): Promise<{ value: T; crowd: CrowdReport }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'onedoor-bench-'));
  const args = [dataDir, String(opts.size.windows), ...(opts.tickets === undefined ? [] : [String(opts.tickets)])];
  const { child, port, ready } = await spawnChild('test/bench/bench-hall.ts', args);
  const base = `http://127.0.0.1:${port}`;
  const tokens = ready.tokens!;
  const crowd = await startCrowd(crowdEnv(base, opts.size, 'ticket:issue', tokens));
  const clerks: Socket[] = [];
  for (let i = 0; i < MEASURED_WINDOWS; i++)
    clerks.push(await connect(`${base}/window`, { sessionToken: tokens.clerks[i]! }));
  const display = await connect(`${base}/display`, { deviceToken: tokens.display });
  const kiosk = await connect(`${base}/kiosk`, { deviceToken: tokens.kiosk });
  try {
    const value = await run({ base, pid: child.pid!, ready, clerks, display, kiosk });
    return { value, crowd: await crowd.stop() };
  } finally {
    for (const s of [...clerks, display, kiosk]) s.close();
    await crowd.stop().catch(() => undefined);
    await stopChild(child);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** `calls` call-next → board latencies at the measured windows, in turn. */
export function hallCalls(hall: BenchHall, calls: number): Promise<number[]> {
  return measureCalls({
    calls,
    display: hall.display,
    emitCall: async (i) => {
      const ack = await emit<unknown>(hall.clerks[i % MEASURED_WINDOWS]!, 'ticket:call-next', {
        windowId: `w${i % MEASURED_WINDOWS}`,
      });
      if (!ack.ok) throw new Error(`call refused: ${ack.error.messageEn}`);
    },
    windowOf: (i) => `w${i % MEASURED_WINDOWS}`,
  });
}

/** Call → display latency at the hall with `size` connected and tickets issued for every call; and the hall's RSS. */
export async function hallCallLatency(size: CrowdSize, calls: number) {
  const { value, crowd } = await withBenchHall({ size }, async (hall) => {
    for (let i = 0; i < calls + 20; i++) await emit(hall.kiosk, 'ticket:issue', { serviceId: 'general' });
    const latencies = await hallCalls(hall, calls);
    return { latencies, rss: rssOf(hall.pid) };
  });
  return { ...value, crowd };
}

/**
 * The bare socket.io floor with the same crowd. `durable`: each call is first committed as one SQLite row (WAL,
 * synchronous=FULL) before the ack and the broadcast — the honest floor for a hall whose ack means durable.
 */
export async function floorCallLatency(durable: boolean, size: CrowdSize, calls: number) {
  const dir = mkdtempSync(join(tmpdir(), 'onedoor-bare-'));
  const { child, port } = await spawnChild(
    'test/bench/bare-server.ts',
    durable ? ['0', join(dir, 'bare.sqlite')] : ['0'],
  );
  const base = `http://127.0.0.1:${port}`;
  const crowd = await startCrowd(crowdEnv(base, size, 'call'));
  const clerks: Socket[] = [];
  for (let i = 0; i < MEASURED_WINDOWS; i++) clerks.push(await connect(`${base}/window`, {}));
  const display = await connect(`${base}/display`, {});
  const latencies = await measureCalls({
    calls,
    display,
    emitCall: async (i) => {
      await emit(clerks[i % MEASURED_WINDOWS]!, 'call', { windowId: `w${i % MEASURED_WINDOWS}` });
    },
    windowOf: (i) => `w${i % MEASURED_WINDOWS}`,
  });
  for (const s of [...clerks, display]) s.close();
  const report = await crowd.stop();
  await stopChild(child);
  rmSync(dir, { recursive: true, force: true });
  return { latencies, crowd: report };
}
