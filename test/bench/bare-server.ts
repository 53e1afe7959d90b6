/** Baseline for the latency benchmark: a bare socket.io server that rebroadcasts a 'call' to every namespace. */
import { createServer } from 'node:http';
import { Server } from 'socket.io';

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
      ack({ ok: true, data: event });
      for (const n of namespaces) n.emit('hall:event', event);
    });
  });
}
http.listen(Number(process.argv[2] ?? 0), '127.0.0.1', () => {
  process.stdout.write(JSON.stringify({ ready: true, port: (http.address() as { port: number }).port }) + '\n');
});
