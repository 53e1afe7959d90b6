/**
 * The connected hall for the latency benchmark, in its own process so the measuring clients are not queued behind
 * hundreds of other sockets: WINDOWS clerk sockets (signed in when tokens are given), DISPLAYS boards, KIOSKS kiosks,
 * and a background of 20 tickets/s. Env: BENCH_URL, BENCH_TOKENS (JSON, optional), BENCH_WINDOWS, BENCH_DISPLAYS,
 * BENCH_KIOSKS, BENCH_BACKGROUND ('ticket:issue' for the hall, 'call' for the bare server). Prints "ready"; on SIGTERM,
 * one JSON line of what happened to it (sockets still connected, disconnects by reason, refused sign-ins and
 * background commands by error code) before it exits.
 */
import type { Socket } from 'socket.io-client';
import type { Ack } from '@onedoor/protocol';
import { connect } from './bench-clients.js';

const base = process.env.BENCH_URL!;
const tokens = process.env.BENCH_TOKENS
  ? (JSON.parse(process.env.BENCH_TOKENS) as { clerks: string[]; display: string; kiosk: string })
  : null;
const windows = Number(process.env.BENCH_WINDOWS);
const displays = Number(process.env.BENCH_DISPLAYS);
const kiosks = Number(process.env.BENCH_KIOSKS);
const background = process.env.BENCH_BACKGROUND ?? 'ticket:issue';

const disconnects: Record<string, number> = {};
const refused: Record<string, number> = {};
const tally = (into: Record<string, number>, key: string) => (into[key] = (into[key] ?? 0) + 1);
/** The bench clients' socket, its disconnects counted by reason. */
const connectCounted = async (ns: string, auth: Record<string, string>) => {
  const s = await connect(`${base}${ns}`, auth);
  s.on('disconnect', (reason) => tally(disconnects, reason));
  return s;
};
const emit = (s: Socket, e: string, p: unknown) =>
  new Promise<void>((r) =>
    s.emit(e, p, (ack?: Ack<unknown>) => {
      if (ack && !ack.ok) tally(refused, `${e} ${ack.error.code}`);
      r();
    }),
  );

const t0 = performance.now();
/** Opens `n` sockets, 50 at a time (one at a time, 1,300 sockets took 45 s to connect). */
async function inBatches(n: number, open: (i: number) => Promise<Socket>): Promise<Socket[]> {
  const opened: Socket[] = [];
  for (let from = 0; from < n; from += 50)
    opened.push(...(await Promise.all(Array.from({ length: Math.min(50, n - from) }, (_, j) => open(from + j)))));
  return opened;
}

const sockets = await inBatches(windows, async (i) => {
  const s = await connectCounted('/window', tokens ? { sessionToken: tokens.clerks[i]! } : {});
  if (tokens) await emit(s, 'window:sign-in', { windowId: `w${i}` });
  return s;
});
sockets.push(
  ...(await inBatches(displays, () => connectCounted('/display', tokens ? { deviceToken: tokens.display } : {}))),
);
const kioskSockets = await inBatches(kiosks, () =>
  connectCounted('/kiosk', tokens ? { deviceToken: tokens.kiosk } : {}),
);
const readyMs = Math.round(performance.now() - t0);
process.stdout.write('ready\n');

let k = 0;
const timer = setInterval(() => {
  const s = kioskSockets[k++ % kioskSockets.length]!;
  void emit(s, background, background === 'call' ? { windowId: 'background' } : { serviceId: 'general' });
}, 50);
process.on('SIGTERM', () => {
  clearInterval(timer);
  const all = [...sockets, ...kioskSockets];
  const report = {
    sockets: all.length,
    connected: all.filter((s) => s.connected).length,
    readyMs,
    disconnects,
    refused,
  };
  process.stdout.write(JSON.stringify({ crowd: report }) + '\n', () => {
    for (const s of all) s.close();
    process.exit(0);
  });
});
