import { createServer, type Server, type Socket } from 'node:net';
import { MockBinding, type MockPortBinding } from '@serialport/binding-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { openSerialPort } from './serial.js';
import { connectTcpTransport, serialPortTransport, type ByteTransport } from './byte-transport.js';
import { createMemoryTransportPair } from './memory-transport.js';
import { DeviceError } from './device-error.js';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
  MockBinding.reset();
});

function nextData(t: ByteTransport): Promise<Buffer> {
  return new Promise((resolve) => {
    const off = t.onData((c) => {
      off();
      resolve(c);
    });
  });
}

describe('serialPortTransport', () => {
  it('records written bytes and passes emitted data through', async () => {
    MockBinding.createPort('/dev/ttyFAKE', { record: true });
    const port = await openSerialPort({ path: '/dev/ttyFAKE', baudRate: 115200, binding: MockBinding });
    const t = serialPortTransport(port);
    cleanups.push(() => t.close());
    await t.write(Buffer.from('aaaaaa96690003200122', 'hex'));
    const mock = port.port as unknown as MockPortBinding;
    expect(mock.recording.toString('hex')).toBe('aaaaaa96690003200122');
    const data = nextData(t);
    mock.emitData(Buffer.from('aaaaaa9669000400008084', 'hex'));
    expect((await data).toString('hex')).toBe('aaaaaa9669000400008084');
  });
});

describe('connectTcpTransport', () => {
  it('talks to a TCP peer and notices when it goes away', async () => {
    const sockets: Socket[] = [];
    const server: Server = createServer((s) => {
      sockets.push(s);
      s.on('data', (d) => s.write(Buffer.concat([Buffer.from('echo:'), d])));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    cleanups.push(() => new Promise<void>((r) => server.close(() => r())));
    const port = (server.address() as { port: number }).port;
    const t = await connectTcpTransport({ host: '127.0.0.1', port });
    cleanups.push(() => t.close());
    const data = nextData(t);
    await t.write(Buffer.from('hi'));
    expect((await data).toString()).toBe('echo:hi');
    const closed = new Promise<void>((r) => t.onClose(r));
    sockets.forEach((s) => s.destroy());
    await closed;
    expect(t.isOpen()).toBe(false);
  });

  it('rejects a refused connection with a DeviceError in both languages', async () => {
    const server = createServer();
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    const port = (server.address() as { port: number }).port;
    await new Promise<void>((r) => server.close(() => r()));
    const err = await connectTcpTransport({ host: '127.0.0.1', port }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DeviceError);
    expect((err as DeviceError).code).toBe('TCP_CONNECT_FAILED');
    expect((err as DeviceError).messageZh).toContain('无法连接网络设备');
  });
});

describe('createMemoryTransportPair', () => {
  it('delivers both ways and closes both ends together', async () => {
    const [a, b] = createMemoryTransportPair();
    const got = nextData(b);
    await a.write(Uint8Array.from([1, 2, 3]));
    expect([...(await got)]).toEqual([1, 2, 3]);
    const closed = new Promise<void>((r) => b.onClose(r));
    await a.close();
    await closed;
    expect(b.isOpen()).toBe(false);
  });
});
