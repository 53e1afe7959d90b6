/**
 * The hall server's RSS, idle, with 1,000 connected clients (1/3 kiosks, 2/3 display boards) and then after 12 clerk
 * sign-ins: the compiled production server (`node dist/server/main.js`, `npm run build:node -- server` first) or the
 * same entry under tsx, with the demo hall seeded; started with the environment and node flags of
 * `npm run start:prod`, as on a hall machine. Part of `npm run bench`; alone:
 *   tsx test/bench/memory.ts [compiled|tsx] [--quick] [--runs N] [--entry=<main.js> …] [--with=<words> …]
 * Every run measures each `--entry` (a compiled build: a copy of an earlier dist/server beside dist/, so that its
 * packages resolve) with each `--with` (space-separated words over start:prod's: VAR=value for the environment, the
 * rest node flags; '' for none): before and after in the same run.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Socket } from 'socket.io-client';
import { connect, rssOf, sleep, stopChild } from './bench-clients.js';

export type EntryMode = 'compiled' | 'tsx';

/** The environment and node flags of `npm run start:prod` (package.json): how a hall machine starts the server. */
export function productionStart(): { env: Record<string, string>; flags: string[] } {
  const { scripts } = JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> };
  const start = /^((?:\w+=\S+ )*)node((?: --\S+)*) dist\/server\/main\.js$/.exec(scripts['start:prod'] ?? '');
  if (!start)
    throw new Error(`start:prod is not "[VAR=value …] node [flags] dist/server/main.js": ${scripts['start:prod']}`);
  const words = (s: string | undefined) => (s ?? '').split(' ').filter(Boolean);
  return {
    env: Object.fromEntries(words(start[1]).map((w) => [w.slice(0, w.indexOf('=')), w.slice(w.indexOf('=') + 1)])),
    flags: words(start[2]),
  };
}

/**
 * The hall as a hall machine runs it: `node dist/server/main.js` (the compiled production build) or, for comparison,
 * the same entry under tsx — with the demo hall seeded, whose welcome banner prints the kiosk's and the board's tokens.
 */
function spawnEntry(
  mode: EntryMode,
  dataDir: string,
  over: { env: Record<string, string>; flags: readonly string[] },
  entry: string,
): Promise<{ child: ChildProcess; port: number; kiosk: string; display: string }> {
  const args = mode === 'compiled' ? [entry] : ['--import', 'tsx', 'hall-server/src/main.ts'];
  const production = productionStart();
  const child = spawn(process.execPath, [...production.flags, ...over.flags, ...args], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: {
      ...process.env,
      ...production.env,
      ...over.env,
      HALL_PORT: '0',
      HALL_HOST: '127.0.0.1',
      HALL_MQTT_PORT: '0',
      HALL_DATA_DIR: dataDir,
      HALL_DEMO: 'true',
      HALL_VIRTUAL_DEVICES: 'false',
      HALL_LOG_LEVEL: 'silent',
      HALL_DB_SYNCHRONOUS: 'FULL',
    },
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      const kiosk = /\/kiosk\/#token=([\w-]+)/.exec(out)?.[1];
      const display = /\/display\/#token=([\w-]+)/.exec(out)?.[1];
      const port = /https?:\/\/[^:\s]+:(\d+)\/kiosk\//.exec(out)?.[1];
      if (kiosk && display && port) resolve({ child, port: Number(port), kiosk, display });
    });
    child.once('exit', (code) =>
      reject(new Error(`the ${mode} hall exited with ${code} before it was ready:\n${out}`)),
    );
  });
}

export interface MemoryResult {
  mode: EntryMode;
  clients: number;
  /** RSS in MB with the clients connected. */
  rss: number;
  /** RSS in MB one second after the hall is ready. */
  idle: number;
  /** RSS in MB after that, once 12 clerks have signed in at the same time (12 scrypt hashes of 16 MB each). */
  afterSignIns: number;
}

const SIGN_INS = 12;

export async function memoryBench(
  mode: EntryMode,
  options: { clients?: number; env?: Record<string, string>; nodeArgs?: readonly string[]; entry?: string } = {},
): Promise<MemoryResult> {
  const dataDir = mkdtempSync(join(tmpdir(), 'onedoor-mem-'));
  // The clerks sign in after the clients are counted: a glibc that keeps scrypt's 16 MB blocks shows there.
  const { child, port, kiosk, display } = await spawnEntry(
    mode,
    dataDir,
    { env: options.env ?? {}, flags: options.nodeArgs ?? [] },
    options.entry ?? 'dist/server/main.js',
  );
  const base = `http://127.0.0.1:${port}`;
  await sleep(1000);
  const idle = rssOf(child.pid!);
  const sockets: Socket[] = [];
  const target = options.clients ?? 1000;
  while (sockets.length < target) {
    const batch = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        i % 3 === 0
          ? connect(`${base}/kiosk`, { deviceToken: kiosk })
          : connect(`${base}/display`, { deviceToken: display }),
      ),
    );
    sockets.push(...batch);
  }
  await sleep(1000);
  const rss = rssOf(child.pid!);
  await Promise.all(
    Array.from({ length: SIGN_INS }, async (_, i) => {
      const res = await fetch(`${base}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: `clerk${String(i + 1).padStart(2, '0')}`, password: 'demo1234' }),
      });
      if (!res.ok) throw new Error(`clerk sign-in refused: ${res.status} ${await res.text()}`);
    }),
  );
  await sleep(1000);
  const afterSignIns = rssOf(child.pid!);
  for (const s of sockets) s.close();
  await stopChild(child);
  rmSync(dataDir, { recursive: true, force: true });
  return { mode, clients: target, rss, idle, afterSignIns };
}

const runDirectly = process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href;
if (runDirectly) {
  const argv = process.argv.slice(2);
  const mode: EntryMode = argv.includes('tsx') ? 'tsx' : 'compiled';
  const runsAt = argv.indexOf('--runs');
  const runs = runsAt >= 0 ? Number(argv[runsAt + 1]) : 1;
  const variants = argv.filter((a) => a.startsWith('--with=')).map((a) => a.slice('--with='.length));
  const entries = argv.filter((a) => a.startsWith('--entry=')).map((a) => a.slice('--entry='.length));
  const clients = argv.includes('--quick') ? 200 : 1000;
  for (let i = 0; i < runs; i++) {
    for (const entry of entries.length > 0 ? entries : ['dist/server/main.js'])
      for (const variant of variants.length > 0 ? variants : ['']) {
        const words = variant.split(' ').filter(Boolean);
        const isEnv = (w: string) => /^\w+=/.test(w);
        const env = Object.fromEntries(
          words.filter(isEnv).map((w) => [w.slice(0, w.indexOf('=')), w.slice(w.indexOf('=') + 1)]),
        );
        const nodeArgs = words.filter((w) => !isEnv(w));
        const r = await memoryBench(mode, { clients, env, nodeArgs, entry });
        const mb = (n: number) => Math.round(n * 10) / 10;
        console.log(
          JSON.stringify({ ...r, rss: mb(r.rss), idle: mb(r.idle), afterSignIns: mb(r.afterSignIns), variant, entry }),
        );
      }
  }
}
