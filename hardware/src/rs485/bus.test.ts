import { mkdtempSync, rmSync, symlinkSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MockBinding, type MockPortBinding } from '@serialport/binding-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { openSerialPort } from '../transport/serial.js';
import { serialPortTransport, type ByteTransport } from '../transport/byte-transport.js';
import { createMemoryTransportPair } from '../transport/memory-transport.js';
import { createPtyPair, shouldSkipPtyTests, type PtyPair } from '../testing/socat.js';
import { mockDeviceBinding } from '../testing/mock-device.js';
import { Rs485Bus, type PadKeyPayload, type EvaluatorRatingPayload } from './bus.js';
import { Rs485BusSimulator, openBusSimulator } from './bus.sim.js';

const hex = (s: string) => Buffer.from(s.replace(/\s+/g, ''), 'hex');
const toHex = (b: Uint8Array) =>
  Buffer.from(b)
    .toString('hex')
    .toUpperCase()
    .replace(/(..)(?!$)/g, '$1 ');
const flush = () => new Promise((r) => setImmediate(r));
const next = <T>(emitter: { once(ev: string, cb: (v: T) => void): unknown }, ev: string) =>
  new Promise<T>((resolve) => emitter.once(ev, resolve));

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
  MockBinding.reset();
});

describe('Rs485Bus over @serialport/binding-mock', () => {
  async function mockBus(repeatWindowMs?: number): Promise<{ bus: Rs485Bus; mock: () => MockPortBinding }> {
    MockBinding.createPort('/dev/ttyRS485', { record: true });
    let mock: MockPortBinding | null = null;
    const bus = new Rs485Bus({
      ...(repeatWindowMs !== undefined ? { repeatWindowMs } : {}),
      open: async () => {
        const port = await openSerialPort({ path: '/dev/ttyRS485', baudRate: 9600, binding: MockBinding });
        mock = port.port as unknown as MockPortBinding;
        return serialPortTransport(port);
      },
    });
    await bus.open();
    cleanups.push(() => bus.close());
    return { bus, mock: () => mock! };
  }

  it('reports a key press and echoes the frame back', async () => {
    const { bus, mock } = await mockBus();
    const key = next<PadKeyPayload>(bus, 'key');
    mock().emitData(hex('FF 68 03 03 68 03 01 0C 10 16'));
    expect(await key).toMatchObject({ address: 3, key: 'call-next' });
    await flush();
    expect(toHex(mock().recording)).toBe('FF 68 03 03 68 03 01 0C 10 16');
  });

  it('reports a rating and answers with CMD 01 and SUM − 0x10', async () => {
    const { bus, mock } = await mockBus();
    const rating = next<EvaluatorRatingPayload>(bus, 'rating');
    mock().emitData(hex('FF 68 03 03 68 10 11 03 24 16'));
    expect(await rating).toEqual({ address: 0x10, level: 5, value: 3 });
    await flush();
    expect(toHex(mock().recording)).toBe('FF 68 03 03 68 10 01 03 14 16');
  });

  it('reassembles frames split across chunks with garbage between, many addresses on one line', async () => {
    const { bus, mock } = await mockBus(0); // the same frames repeat on purpose
    const keys: PadKeyPayload[] = [];
    bus.on('key', (k) => keys.push(k));
    const errors: Error[] = [];
    bus.on('error', (e) => errors.push(e));
    const stream = hex(
      '00 13 FF 68 03 03 68 03 01 0C 10 16 AA FF 68 04 04 68 09 01 06 0F 1F 16 FF 68 03 03 68 0C 01 12 1F 16',
    );
    for (const cut of [1, 5, 13, 20, 29]) {
      mock().emitData(stream.subarray(0, cut));
      await flush();
      mock().emitData(stream.subarray(cut));
      await flush();
    }
    await flush();
    expect(keys.map((k) => `${k.address}:${k.key}`)).toEqual(
      Array.from({ length: 5 }, () => ['3:call-next', '9:no-show', '12:pause']).flat(),
    );
    expect(errors).toEqual([]);
  });

  it('answers a retransmitted frame again but reports the key once', async () => {
    MockBinding.createPort('/dev/ttyRS485', { record: true });
    let mock: MockPortBinding | null = null;
    let clock = 1000;
    const bus = new Rs485Bus({
      now: () => clock,
      open: async () => {
        const port = await openSerialPort({ path: '/dev/ttyRS485', baudRate: 9600, binding: MockBinding });
        mock = port.port as unknown as MockPortBinding;
        return serialPortTransport(port);
      },
    });
    await bus.open();
    cleanups.push(() => bus.close());
    const keys: PadKeyPayload[] = [];
    bus.on('key', (k) => keys.push(k));
    const frame = hex('FF 68 03 03 68 03 01 0C 10 16');
    mock!.emitData(frame);
    await flush();
    clock += 100;
    mock!.emitData(frame);
    await flush();
    clock += 1000;
    mock!.emitData(frame);
    await flush();
    await flush();
    expect(keys).toHaveLength(2);
    expect(mock!.recording.length).toBe(frame.length * 3);
  });

  it('writes display, waiting, beep, start-evaluation and text frames byte for byte', async () => {
    const { bus, mock } = await mockBus();
    await bus.showNumber(3, 'A012');
    await bus.showWaiting(3, 7);
    await bus.beep(3);
    await bus.startEvaluation(0x10);
    await bus.showText(5, 'A012号');
    expect(toHex(mock().recording)).toBe(
      [
        'FF 68 08 08 68 03 02 0A 0A 0A 00 01 02 26 16',
        'FF 68 08 08 68 03 02 00 00 07 0A 0A 0A 2A 16', // 3+2+7+30
        'FF 68 02 02 68 03 03 06 16',
        'FF 68 03 03 68 10 01 0B 1C 16',
        // 'A012' + 号 (GB2312 BA C5): LEN 2+6; SUM = 5+4+0x41+0x30+0x31+0x32+0xBA+0xC5 mod 256
        'FF 68 08 08 68 05 04 41 30 31 32 BA C5 5C 16',
      ].join(' '),
    );
  });

  it('rejects writes with a bilingual DeviceError while the port is closed', async () => {
    const { bus } = await mockBus();
    await bus.close();
    await expect(bus.beep(1)).rejects.toMatchObject({
      code: 'PORT_CLOSED',
      messageZh: expect.stringContaining('未连接'),
    });
  });

  it('open() rejects with PORT_NOT_FOUND for a missing port', async () => {
    const bus = new Rs485Bus({ path: '/dev/ttyNOPE', binding: MockBinding });
    await expect(bus.open()).rejects.toMatchObject({ code: 'PORT_NOT_FOUND' });
  });
});

describe('Rs485Bus ↔ simulator behind @serialport/binding-mock', () => {
  it('keys and displays, with the written bytes recorded by the mock', async () => {
    MockBinding.createPort('/dev/ttyRS485', { record: true });
    let sim: Rs485BusSimulator | null = null;
    let mock: MockPortBinding | null = null;
    const binding = mockDeviceBinding((device, port) => {
      sim = new Rs485BusSimulator(device);
      mock = port;
    });
    const bus = new Rs485Bus({ path: '/dev/ttyRS485', binding });
    await bus.open();
    cleanups.push(() => bus.close());
    const key = next<PadKeyPayload>(bus, 'key');
    expect(await sim!.pressKey(7, 'transfer')).toBe(true);
    expect(await key).toMatchObject({ address: 7, key: 'transfer' });
    await bus.showNumber(7, 'C123');
    await sim!.waitForShown(7, '123');
    expect(toHex(mock!.recording)).toBe('FF 68 03 03 68 07 01 13 1B 16 FF 68 08 08 68 07 02 0A 0A 0A 01 02 03 2D 16'); // 7+2+30+6 = 0x2D
  });
});

describe('Rs485Bus reconnect (memory link)', () => {
  it('emits unplugged when the link closes and replugged when it opens again', async () => {
    let deviceEnd: ByteTransport | null = null;
    let available = true;
    const bus = new Rs485Bus({
      reconnectIntervalMs: 20,
      open: () => {
        if (!available) return Promise.reject(new Error('gone'));
        const [host, device] = createMemoryTransportPair();
        deviceEnd = device;
        return Promise.resolve(host);
      },
    });
    cleanups.push(() => bus.close());
    await bus.open();
    const unplugged = next<void>(bus, 'unplugged');
    available = false;
    await deviceEnd!.close();
    await unplugged;
    expect(bus.isConnected()).toBe(false);
    await new Promise((r) => setTimeout(r, 60)); // a few failed attempts
    const replugged = next<void>(bus, 'replugged');
    available = true;
    await replugged;
    expect(bus.isConnected()).toBe(true);
    const sim = new Rs485BusSimulator(deviceEnd!);
    const key = next<PadKeyPayload>(bus, 'key');
    expect(await sim.pressKey(2, 'recall')).toBe(true);
    expect(await key).toMatchObject({ address: 2, key: 'recall' });
  });

  it('treats a write that never drains as a lost port', async () => {
    const stuck: ByteTransport = {
      write: () => new Promise<void>(() => undefined),
      onData: () => () => undefined,
      onClose: () => () => undefined,
      close: () => new Promise<void>(() => undefined), // closing hangs too
      isOpen: () => true,
    };
    let opens = 0;
    const bus = new Rs485Bus({
      writeTimeoutMs: 50,
      reconnectIntervalMs: 10_000,
      open: () => (opens++ === 0 ? Promise.resolve(stuck) : Promise.reject(new Error('gone'))),
    });
    await bus.open();
    const unplugged = next<void>(bus, 'unplugged');
    await expect(bus.beep(1)).rejects.toMatchObject({
      code: 'TIMEOUT',
      messageEn: expect.stringContaining('did not finish'),
    });
    await unplugged;
    const started = Date.now();
    await bus.close(); // bounded even though the transport never closes
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('start() keeps trying when the port is missing at first', async () => {
    let available = false;
    const bus = new Rs485Bus({
      reconnectIntervalMs: 20,
      open: () => (available ? Promise.resolve(createMemoryTransportPair()[0]) : Promise.reject(new Error('no port'))),
    });
    cleanups.push(() => bus.close());
    const errors: Error[] = [];
    bus.on('error', (e) => errors.push(e));
    const unplugged = next<void>(bus, 'unplugged');
    expect(await bus.start()).toBe(false);
    await unplugged;
    expect(errors[0]?.message).toBe('no port');
    const replugged = next<void>(bus, 'replugged');
    available = true;
    await replugged;
  });
});

const ptySkip = shouldSkipPtyTests();
describe.skipIf(ptySkip.skip)(
  `Rs485Bus ↔ simulator over socat pseudo-terminals${ptySkip.skip ? ` (${ptySkip.reason})` : ''}`,
  () => {
    async function pair(): Promise<PtyPair> {
      const p = await createPtyPair();
      cleanups.push(() => p.close());
      return p;
    }

    it('pad keys, evaluator ratings and displays cross a real tty', async () => {
      const pty = await pair();
      const bus = new Rs485Bus({ path: pty.hostPath });
      await bus.open();
      cleanups.push(() => bus.close());
      const sim = await openBusSimulator({ path: pty.devicePath });
      cleanups.push(() => sim.close());

      const key = next<PadKeyPayload>(bus, 'key');
      expect(await sim.pressKey(3, 'no-show')).toBe(true);
      expect(await key).toMatchObject({ address: 3, key: 'no-show' });

      const started = next<unknown>(sim, 'command');
      await bus.startEvaluation(13);
      await started;
      expect(sim.device(13).evaluating).toBe(true);
      const rating = next<EvaluatorRatingPayload>(bus, 'rating');
      expect(await sim.rate(13, 4)).toBe(true);
      expect(await rating).toEqual({ address: 13, level: 4, value: 2 });

      await bus.showText(23, 'A012');
      await sim.waitForShown(23, 'A012');
      await bus.showNumber(3, 'A012');
      await sim.waitForShown(3, '012');
      await bus.beep(3);
      await bus.showWaiting(3, 42);
      await sim.waitForShown(3, '042');
      expect(sim.device(3).beeps).toBe(1);
      expect(sim.device(13).evaluating).toBe(false);
      expect(sim.device(13).commands).toEqual([{ type: 'start-evaluation' }]);
    });

    it('notices the tty vanishing and reopens it when it comes back', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'onedoor-bus-'));
      cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
      const link = join(dir, 'ttyBUS');
      const first = await createPtyPair();
      symlinkSync(first.hostPath, link);
      const bus = new Rs485Bus({ path: link, reconnectIntervalMs: 50 });
      await bus.open();
      cleanups.push(() => bus.close());

      const unplugged = next<void>(bus, 'unplugged');
      await first.close();
      await unplugged;

      const second = await pair();
      unlinkSync(link);
      symlinkSync(second.hostPath, link);
      await next<void>(bus, 'replugged');
      const sim = await openBusSimulator({ path: second.devicePath });
      cleanups.push(() => sim.close());
      const key = next<PadKeyPayload>(bus, 'key');
      expect(await sim.pressKey(1, 'call-next')).toBe(true);
      expect(await key).toMatchObject({ address: 1, key: 'call-next' });
    });
  },
);
