/**
 * The benchmarks' processes and clients: the benched servers and the crowd each run in a child process, the measuring
 * clerks and board live in the bench process. Shared by run.ts and growth.ts.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { setPriority, tmpdir } from 'node:os';
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

/** SIGTERM, then SIGKILL after 10 s: a saturated hall answers its backlog before it gets to the signal. */
export const stopChild = (child: ChildProcess) =>
  new Promise((r) => {
    if (child.exitCode !== null || child.signalCode !== null) return r(undefined);
    const kill = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(kill);
      r(undefined);
    });
    child.kill('SIGTERM');
  });

export function connect(url: string, auth: Record<string, string>): Promise<Socket> {
  const socket = io(url, { auth, transports: ['websocket'], reconnection: false, forceNew: true });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (err) => reject(new Error(`connecting to ${url}: ${err.message}`)));
  });
}

/** How long a command's answer may take before the bench gives up on it (the hall is saturated). */
export const ANSWER_TIMEOUT_MS = 30_000;

export function emit<T>(socket: Socket, event: string, payload: unknown): Promise<Ack<T>> {
  return new Promise((resolve, reject) =>
    socket.timeout(ANSWER_TIMEOUT_MS).emit(event, payload, (err: Error | null, ack: Ack<T>) => {
      if (err) reject(new Error(`${event}: no answer within ${ANSWER_TIMEOUT_MS / 1000} s`));
      else resolve(ack);
    }),
  );
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
    const got = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        opts.display.off('hall:event', on);
        reject(new Error(`call ${i} did not reach the board within ${ANSWER_TIMEOUT_MS / 1000} s`));
      }, ANSWER_TIMEOUT_MS);
      const on = (e: { call?: { windowId?: string } | null }) => {
        if (e.call?.windowId === opts.windowOf(i)) {
          opts.display.off('hall:event', on);
          clearTimeout(timer);
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

/**
 * Starts the crowd; `stop` ends it and answers its report. The crowd stands for clients on machines of their own: on
 * the bench's two cores it runs at a lower CPU priority (nice 10), so its hundreds of sockets parsing every broadcast
 * do not take the core of the server being measured — the same for the hall and for its floors.
 */
function startCrowd(env: Record<string, string>): Promise<{ stop: () => Promise<CrowdReport> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/bench/crowd.ts'], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, ...env },
  });
  setPriority(child.pid!, 10);
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

/** What a run at a bench-hall measured, or why it stopped (the hall refused, or stopped answering); the crowd's report. */
export interface HallRun<T> {
  value: T | null;
  error: string | null;
  crowd: CrowdReport | null;
  ready: Ready;
}

/** The value of a run that must not fail. */
export function measured<T>(run: HallRun<T>): T {
  if (run.value === null) throw new Error(run.error ?? 'no value');
  return run.value;
}

/**
 * A bench-hall with `size` windows (and a day of `tickets` seeded first, seed-day.ts), its crowd making 20 tickets/s
 * of background, the measuring clerks (w0…w9), one board and one kiosk connected; `run` measures, then all is torn down.
 */
export async function withBenchHall<T>(
  opts: { size: CrowdSize; tickets?: number },
  run: (hall: BenchHall) => Promise<T>,
): Promise<HallRun<T>> {
  const dataDir = mkdtempSync(join(tmpdir(), 'onedoor-bench-'));
  const args = [dataDir, String(opts.size.windows), ...(opts.tickets === undefined ? [] : [String(opts.tickets)])];
  const { child, port, ready } = await spawnChild('test/bench/bench-hall.ts', args);
  const base = `http://127.0.0.1:${port}`;
  const tokens = ready.tokens!;
  const sockets: Socket[] = [];
  const open = async (ns: string, auth: Record<string, string>) => {
    const socket = await connect(`${base}${ns}`, auth);
    sockets.push(socket);
    return socket;
  };
  let crowd: Awaited<ReturnType<typeof startCrowd>> | null = null;
  try {
    crowd = await startCrowd(crowdEnv(base, opts.size, 'ticket:issue', tokens));
    const clerks: Socket[] = [];
    for (let i = 0; i < MEASURED_WINDOWS; i++) clerks.push(await open('/window', { sessionToken: tokens.clerks[i]! }));
    const display = await open('/display', { deviceToken: tokens.display });
    const kiosk = await open('/kiosk', { deviceToken: tokens.kiosk });
    const value = await run({ base, pid: child.pid!, ready, clerks, display, kiosk });
    return { value, error: null, crowd: await crowd.stop(), ready };
  } catch (err) {
    const report = crowd ? await crowd.stop().catch(() => null) : null;
    return { value: null, error: err instanceof Error ? err.message : String(err), crowd: report, ready };
  } finally {
    for (const s of sockets) s.close();
    await stopChild(child);
    // The hall keeps its data key beside its data directory (data-key.ts).
    for (const path of [dataDir, `${dataDir}.key`]) rmSync(path, { recursive: true, force: true });
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
export function hallCallLatency(size: CrowdSize, calls: number) {
  return withBenchHall({ size }, async (hall) => {
    for (let i = 0; i < calls + 20; i++) await emit(hall.kiosk, 'ticket:issue', { serviceId: 'general' });
    const latencies = await hallCalls(hall, calls);
    return { latencies, rss: rssOf(hall.pid) };
  });
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
