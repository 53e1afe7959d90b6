/**
 * The connected hall for the latency benchmark, in its own process so the measuring clients are not queued behind
 * hundreds of other sockets: WINDOWS clerk sockets (signed in when tokens are given), DISPLAYS boards, KIOSKS kiosks,
 * and a background of 20 tickets/s. Env: BENCH_URL, BENCH_TOKENS (JSON, optional), BENCH_WINDOWS, BENCH_DISPLAYS,
 * BENCH_KIOSKS, BENCH_BACKGROUND ('ticket:issue' for the hall, 'call' for the bare server). Prints "ready".
 */
import { io, type Socket } from 'socket.io-client';

const base = process.env.BENCH_URL!;
const tokens = process.env.BENCH_TOKENS
  ? (JSON.parse(process.env.BENCH_TOKENS) as { clerks: string[]; display: string; kiosk: string })
  : null;
const windows = Number(process.env.BENCH_WINDOWS);
const displays = Number(process.env.BENCH_DISPLAYS);
const kiosks = Number(process.env.BENCH_KIOSKS);
const background = process.env.BENCH_BACKGROUND ?? 'ticket:issue';

const connect = (ns: string, auth: Record<string, string>) =>
  new Promise<Socket>((resolve, reject) => {
    const s = io(`${base}${ns}`, { auth, transports: ['websocket'], reconnection: false, forceNew: true });
    s.once('connect', () => resolve(s));
    s.once('connect_error', reject);
  });
const emit = (s: Socket, e: string, p: unknown) => new Promise((r) => s.emit(e, p, r));

const sockets: Socket[] = [];
for (let i = 0; i < windows; i++) {
  const s = await connect('/window', tokens ? { sessionToken: tokens.clerks[i]! } : {});
  if (tokens) await emit(s, 'window:sign-in', { windowId: `w${i}` });
  sockets.push(s);
}
for (let i = 0; i < displays; i++)
  sockets.push(await connect('/display', tokens ? { deviceToken: tokens.display } : {}));
const kioskSockets: Socket[] = [];
for (let i = 0; i < kiosks; i++)
  kioskSockets.push(await connect('/kiosk', tokens ? { deviceToken: tokens.kiosk } : {}));
process.stdout.write('ready\n');

let k = 0;
const timer = setInterval(() => {
  const s = kioskSockets[k++ % kioskSockets.length]!;
  void emit(s, background, background === 'call' ? { windowId: 'background' } : { serviceId: 'general' });
}, 50);
process.on('SIGTERM', () => {
  clearInterval(timer);
  for (const s of [...sockets, ...kioskSockets]) s.close();
  process.exit(0);
});
