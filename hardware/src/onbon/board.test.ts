import { MockBinding, type MockPortBinding } from '@serialport/binding-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { openSerialPort } from '../transport/serial.js';
import { serialPortTransport } from '../transport/byte-transport.js';
import { createMemoryTransportPair } from '../transport/memory-transport.js';
import { createPtyPair, shouldSkipPtyTests } from '../testing/socat.js';
import { OnbonBoard, OnbonNackError } from './board.js';
import { OnbonBoardSimulator, listenOnbonTcpSimulator, openOnbonSimulator } from './board.sim.js';

const hex = (s: string) => Buffer.from(s.replace(/\s+/g, ''), 'hex');
const toHex = (b: Uint8Array) =>
  Buffer.from(b)
    .toString('hex')
    .replace(/(..)(?!$)/g, '$1 ');

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
  MockBinding.reset();
});

describe('OnbonBoard over @serialport/binding-mock', () => {
  it('sends the published 欢迎光临 frame and resolves on the published ACK', async () => {
    MockBinding.createPort('/dev/ttyLED', { record: true });
    let mock: MockPortBinding | null = null;
    const board = new OnbonBoard({
      address: 0xfffe,
      open: async () => {
        const port = await openSerialPort({ path: '/dev/ttyLED', baudRate: 9600, binding: MockBinding });
        mock = port.port as unknown as MockPortBinding;
        return serialPortTransport(port);
      },
    });
    cleanups.push(() => board.close());
    await board.connect();
    const shown = board.showText('欢迎光临');
    await new Promise((r) => setTimeout(r, 20));
    expect(toHex(mock!.recording)).toBe(
      'a5 a5 a5 a5 a5 a5 a5 a5 fe ff 00 80 00 00 00 00 00 00 fe 02 2c 00 a3 06 01 00 00 00 01 23 00 00 00 80 00 00 80 80 20 00 00 00 00 0a 00 00 00 00 02 01 01 00 02 0a 08 00 00 00 bb b6 d3 ad b9 e2 c1 d9 3c 49 5a',
    );
    mock!.emitData(hex('a5 a5 a5 a5 a5 a5 a5 a5 a5 00 80 fe ff 00 00 00 00 00 00 fe 02 05 00 a0 00 00 00 00 14 ac 5a'));
    await expect(shown).resolves.toBeUndefined();
  });

  it('rejects with a bilingual TIMEOUT when the controller stays silent', async () => {
    MockBinding.createPort('/dev/ttyLED', { record: true });
    const board = new OnbonBoard({ path: '/dev/ttyLED', binding: MockBinding, replyTimeoutMs: 50 });
    cleanups.push(() => board.close());
    await expect(board.ping()).rejects.toMatchObject({
      code: 'TIMEOUT',
      messageZh: expect.stringContaining('没有应答'),
    });
  });

  it('rejects with PORT_NOT_FOUND for a missing port', async () => {
    const board = new OnbonBoard({ path: '/dev/ttyNONE', binding: MockBinding });
    await expect(board.connect()).rejects.toMatchObject({ code: 'PORT_NOT_FOUND' });
  });
});

describe('OnbonBoard ↔ simulator (memory link)', () => {
  it('shows text, reports NACKs, ignores other screens', async () => {
    const [host, device] = createMemoryTransportPair();
    const sim = new OnbonBoardSimulator(device, { address: 2 });
    const board = new OnbonBoard({
      open: () => Promise.resolve(host),
      address: 2,
      width: 192,
      height: 16,
      replyTimeoutMs: 200,
    });
    cleanups.push(() => board.close());

    await board.showText('请A012号到3号窗口', { alignment: 2 });
    expect(sim.shown()).toBe('请A012号到3号窗口');
    expect(sim.area()).toMatchObject({ width: 192, height: 16, alignment: 2 });

    sim.failNext = 3;
    const err = await board.showText('x').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OnbonNackError);
    expect((err as OnbonNackError).messageZh).toContain('控制器忙');

    await board.clear();
    expect(sim.shown()).toBeUndefined();

    const other = new OnbonBoard({ open: () => Promise.resolve(host), address: 3, replyTimeoutMs: 50 });
    await expect(other.ping()).rejects.toMatchObject({ code: 'TIMEOUT' });
  });
});

describe('OnbonBoard over TCP', () => {
  it('shows text on a network controller and reconnects after the connection drops', async () => {
    const server = await listenOnbonTcpSimulator();
    cleanups.push(() => server.close());
    const board = new OnbonBoard({ host: '127.0.0.1', port: server.port });
    cleanups.push(() => board.close());
    await board.showText('A012');
    expect(server.latest()?.shown()).toBe('A012');

    const unplugged = new Promise<void>((r) => board.once('unplugged', r));
    await server.dropConnections();
    await unplugged;
    const replugged = new Promise<void>((r) => board.once('replugged', r));
    await board.showText('A013');
    await replugged;
    expect(server.boards).toHaveLength(2);
    expect(server.latest()?.shown()).toBe('A013');
  });
});

const ptySkip = shouldSkipPtyTests();
describe.skipIf(ptySkip.skip)(
  `OnbonBoard over socat pseudo-terminals${ptySkip.skip ? ` (${ptySkip.reason})` : ''}`,
  () => {
    it('shows text through a real tty', async () => {
      const pty = await createPtyPair();
      cleanups.push(() => pty.close());
      const sim = await openOnbonSimulator({ path: pty.devicePath });
      cleanups.push(() => sim.close());
      const board = new OnbonBoard({ path: pty.hostPath });
      cleanups.push(() => board.close());
      await board.showText('欢迎光临');
      expect(sim.shown()).toBe('欢迎光临');
      await board.ping();
    });
  },
);
