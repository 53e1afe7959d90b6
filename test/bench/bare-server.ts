/**
 * Baseline for the latency benchmark: a bare socket.io server that rebroadcasts a 'call' to every namespace.
 * argv <port> [<sqlite file>]: with a file, each call is first committed as one row (WAL, synchronous=FULL) before the
 * ack and the broadcast — the physical floor of "ack means durable" that the hall's call path is measured against.
 */
import { createServer } from 'node:http';
import { randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import { Server } from 'socket.io';

const [portArg, file] = process.argv.slice(2);
const commit = (() => {
  if (!file) return () => undefined;
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec('CREATE TABLE IF NOT EXISTS events (id TEXT PRIMARY KEY, seq INTEGER, payload TEXT)');
  const ins = db.prepare('INSERT INTO events VALUES (?, ?, ?)');
  return db.transaction((seq: number, payload: string) => ins.run(randomUUID(), seq, payload));
})();

const http = createServer();
const io = new Server(http, { serveClient: false });
const namespaces = ['/kiosk', '/window', '/display', '/console'].map((n) => io.of(n));
let seq = 0;
for (const ns of namespaces) {
  ns.on('connection', (socket) => {
    socket.on('call', (payload: { windowId: string }, ack: (r: unknown) => void) => {
      const event = {
        seq: ++seq,
        type: 'ticket.called',
        at: new Date().toISOString(),
        call: { ...payload, text: '请 A001 号 到 1 号窗口办理' },
      };
      commit(event.seq, JSON.stringify(event));
      ack({ ok: true, data: event });
      for (const n of namespaces) n.emit('hall:event', event);
    });
  });
}
// Exit through process.exit so `--cpu-prof` (BENCH_CPU_PROF) gets to write its profile.
process.once('SIGTERM', () => process.exit(0));
http.listen(Number(portArg ?? 0), '127.0.0.1', () => {
  process.stdout.write(JSON.stringify({ ready: true, port: (http.address() as { port: number }).port }) + '\n');
});
