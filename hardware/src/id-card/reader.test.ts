import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MockBinding, type MockPortBinding } from '@serialport/binding-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { HMT_PERMIT, RESIDENT_CARD, RESIDENT_CARD_LONG_TERM } from '../../fixtures/id-cards.js';
import { openSerialTransport, type ByteTransport } from '../transport/byte-transport.js';
import { DeviceError } from '../transport/device-error.js';
import { createMemoryTransportPair } from '../transport/memory-transport.js';
import { mockDeviceBinding } from '../testing/mock-device.js';
import { createPtyPair, shouldSkipPtyTests } from '../testing/socat.js';
import type { IdCardRecord } from './card-text.js';
import { REQUEST_FRAMES } from './protocol.js';
import { IdCardReader, type IdCardReaderOptions } from './reader.js';
import { fakePhotoWlt, IdCardReaderSim, type IdCardReaderSimOptions } from './reader.sim.js';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
  MockBinding.reset();
});

const FAST = { pollIntervalMs: 10, commandTimeoutMs: 200, reopenIntervalMs: 20 } as const;
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Collects events so tests can wait for "n of them" and assert there were no more. */
function collect(reader: IdCardReader): { cards: IdCardRecord[]; errors: DeviceError[]; log: string[] } {
  const out = { cards: [] as IdCardRecord[], errors: [] as DeviceError[], log: [] as string[] };
  reader.on('card', (c) => {
    out.cards.push(c);
    out.log.push('card');
  });
  reader.on('error', (e) => {
    out.errors.push(e);
    out.log.push(`error:${e.code}`);
  });
  reader.on('found', () => out.log.push('found'));
  reader.on('unplugged', () => out.log.push('unplugged'));
  reader.on('replugged', () => out.log.push('replugged'));
  return out;
}

async function until(cond: () => boolean, ms = 3000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('timed out waiting for condition');
    await sleep(5);
  }
}

/** Reader + simulator over an in-memory link whose "cable" the test can pull and plug back. */
function memoryRig(simOptions: IdCardReaderSimOptions = {}, readerOptions: Partial<IdCardReaderOptions> = {}) {
  let plugged = true;
  let sim: IdCardReaderSim | null = null;
  let deviceEnd: ByteTransport | null = null;
  let card: Parameters<IdCardReaderSim['placeCard']>[0] | null = null;
  const rig = {
    get sim(): IdCardReaderSim {
      return sim!;
    },
    reader: new IdCardReader({
      ...FAST,
      ...readerOptions,
      transport: () => {
        if (!plugged) return Promise.reject(new DeviceError('PORT_NOT_FOUND', '找不到串口', 'serial port not found'));
        const [host, device] = createMemoryTransportPair();
        deviceEnd = device;
        sim = new IdCardReaderSim(device, simOptions);
        if (card) sim.placeCard(card);
        return Promise.resolve(host);
      },
    }),
    place(c: NonNullable<typeof card>): void {
      card = c;
      sim?.placeCard(c);
    },
    remove(): void {
      card = null;
      sim?.removeCard();
    },
    async unplug(): Promise<void> {
      plugged = false;
      await deviceEnd?.close();
    },
    plug(): void {
      plugged = true;
    },
  };
  cleanups.push(() => rig.reader.stop());
  return rig;
}

describe('IdCardReader over an in-memory link with the simulator', () => {
  it('emits one card per placement, none while it stays, and a new one after remove + place', async () => {
    const rig = memoryRig();
    const ev = collect(rig.reader);
    await rig.reader.start();
    rig.place(RESIDENT_CARD);
    await until(() => ev.cards.length === 1);
    expect(ev.cards[0]!.card).toEqual(RESIDENT_CARD);
    expect(ev.cards[0]!.photoWlt).toEqual(fakePhotoWlt());
    expect(ev.cards[0]!.photo).toBeNull();
    await sleep(150); // ~15 polls with the card on the reader
    expect(ev.cards).toHaveLength(1);
    rig.remove();
    await until(() => !rig.reader.status.cardPresent);
    rig.place(RESIDENT_CARD_LONG_TERM);
    await until(() => ev.cards.length === 2);
    expect(ev.cards[1]!.card).toEqual(RESIDENT_CARD_LONG_TERM);
    expect(ev.errors).toEqual([]);
    // A found card is announced before its read, once per placement like the card itself.
    expect(ev.log).toEqual(['found', 'card', 'found', 'card']);
  });

  it('sends status, then find → select → read frames in that order', async () => {
    const rig = memoryRig();
    const ev = collect(rig.reader);
    await rig.reader.start();
    rig.place(HMT_PERMIT);
    await until(() => ev.cards.length === 1);
    const cmds = rig.sim.requests.map((r) => `${r.cmd.toString(16)} ${r.para.toString(16)}`);
    expect(cmds[0]).toBe('11 ff');
    const firstSelect = cmds.indexOf('20 2');
    expect(cmds.slice(firstSelect - 1, firstSelect + 2)).toEqual(['20 1', '20 2', '30 1']);
    expect(rig.sim.badRequests).toBe(0);
  });

  it('works with a reader that halts a card after reading it (find fails while it stays)', async () => {
    const rig = memoryRig({ findWhilePresentAfterRead: false });
    const ev = collect(rig.reader);
    await rig.reader.start();
    rig.place(RESIDENT_CARD);
    await until(() => ev.cards.length === 1);
    await sleep(100);
    expect(ev.cards).toHaveLength(1);
    rig.remove();
    await sleep(40);
    rig.place(RESIDENT_CARD);
    await until(() => ev.cards.length === 2);
  });

  it('reports a corrupt reply as an error and still reads the card', async () => {
    const rig = memoryRig();
    const ev = collect(rig.reader);
    await rig.reader.start();
    rig.sim.corruptNext(1);
    rig.place(RESIDENT_CARD);
    await until(() => ev.cards.length === 1);
    expect(ev.errors.map((e) => e.code)).toEqual(['READER_ERROR']);
    expect(ev.errors[0]!.messageZh).toContain('校验错误');
  });

  it('ignores garbage on the line', async () => {
    const rig = memoryRig();
    const ev = collect(rig.reader);
    await rig.reader.start();
    await rig.sim.sendGarbage();
    rig.place(RESIDENT_CARD);
    await rig.sim.sendGarbage(Uint8Array.of(0xaa, 0xaa, 0xaa, 0x96));
    await until(() => ev.cards.length === 1);
    expect(ev.cards[0]!.card).toEqual(RESIDENT_CARD);
  });

  it('reports a card with a bad check digit once (Chinese + English), and no card event', async () => {
    const rig = memoryRig();
    const ev = collect(rig.reader);
    await rig.reader.start();
    rig.place({ ...RESIDENT_CARD, idNumber: '110101199003070021' });
    await until(() => ev.errors.length === 1);
    await sleep(100);
    expect(ev.errors).toHaveLength(1);
    expect(ev.errors[0]!.code).toBe('BAD_CARD_DATA');
    expect(ev.errors[0]!.messageZh).toContain('校验位错误');
    expect(ev.errors[0]!.messageEn).toContain('check digit');
    expect(ev.cards).toHaveLength(0);
  });

  it('says 读卡器无响应 once when the reader goes silent, and recovers', async () => {
    const rig = memoryRig();
    const ev = collect(rig.reader);
    await rig.reader.start();
    rig.sim.setSilent(true);
    await until(() => ev.errors.length >= 1);
    await sleep(600); // a few more timed-out polls
    expect(ev.errors.map((e) => e.code)).toEqual(['TIMEOUT']);
    expect(ev.errors[0]!.messageZh).toMatch(/^读卡器无响应/);
    expect(ev.errors[0]!.messageEn).toMatch(/^reader did not answer/);
    expect(rig.reader.status.answering).toBe(false);
    rig.sim.setSilent(false);
    rig.place(RESIDENT_CARD);
    await until(() => ev.cards.length === 1);
    expect(rig.reader.status.answering).toBe(true);
  });

  it('emits unplugged when the link drops, keeps trying, emits replugged and reads again', async () => {
    const rig = memoryRig();
    const ev = collect(rig.reader);
    await rig.reader.start();
    rig.place(RESIDENT_CARD);
    await until(() => ev.cards.length === 1);
    await rig.unplug();
    await until(() => ev.log.includes('unplugged'));
    await sleep(80); // several failed reopen attempts
    expect(ev.log).not.toContain('replugged');
    rig.plug();
    await until(() => ev.log.includes('replugged'));
    // The card is still on the reader: after a replug it is read again, as the reader may have been swapped.
    await until(() => ev.cards.length === 2);
    expect(ev.log).toEqual(['found', 'card', 'unplugged', 'replugged', 'found', 'card']);
  });

  it('delivers the photo decoder output', async () => {
    const rig = memoryRig({}, { photoDecoder: (wlt) => Promise.resolve(wlt.slice(0, 3)) });
    const ev = collect(rig.reader);
    await rig.reader.start();
    rig.place(RESIDENT_CARD);
    await until(() => ev.cards.length === 1);
    expect(ev.cards[0]!.photo).toEqual(Uint8Array.of(0x57, 0x4c, 0x54));
  });

  it('stop() ends polling so no timer keeps running', async () => {
    const rig = memoryRig();
    await rig.reader.start();
    await rig.reader.stop();
    const n = rig.sim.requests.length;
    await sleep(60);
    expect(rig.sim.requests.length).toBe(n);
    expect(rig.reader.status.connected).toBe(false);
  });

  it('needs a transport or a path', () => {
    expect(() => new IdCardReader({})).toThrow(/transport.*path/);
  });
});

describe('IdCardReader over @serialport/binding-mock', () => {
  it('writes the exact published frames and reads a card through the mock port', async () => {
    MockBinding.createPort('/dev/ttyIDCARD', { record: true });
    let mockPort: MockPortBinding | null = null;
    let sim: IdCardReaderSim | null = null;
    const binding = mockDeviceBinding((device, port) => {
      mockPort = port;
      sim = new IdCardReaderSim(device);
      sim.placeCard(RESIDENT_CARD);
    });
    const reader = new IdCardReader({ path: '/dev/ttyIDCARD', binding, ...FAST });
    cleanups.push(() => reader.stop());
    const ev = collect(reader);
    await reader.start();
    await until(() => ev.cards.length === 1);
    expect(ev.cards[0]!.card).toEqual(RESIDENT_CARD);
    const recorded = Buffer.from(mockPort!.recording);
    const expected = Buffer.concat([
      REQUEST_FRAMES.status,
      REQUEST_FRAMES.findCard,
      REQUEST_FRAMES.selectCard,
      REQUEST_FRAMES.readBase,
    ]);
    expect(recorded.subarray(0, expected.length).toString('hex')).toBe(expected.toString('hex'));
    expect(sim!.badRequests).toBe(0);
  });

  it('readCard() times out with 读卡器无响应 when nothing answers, after sending exactly the find frame', async () => {
    MockBinding.createPort('/dev/ttySILENT', { record: true });
    const reader = new IdCardReader({
      path: '/dev/ttySILENT',
      binding: MockBinding,
      commandTimeoutMs: 50,
      checkStatusOnOpen: false,
    });
    cleanups.push(() => reader.stop());
    await reader.open();
    const err = await reader.readCard().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DeviceError);
    expect((err as DeviceError).messageZh).toMatch(/^读卡器无响应/);
    expect((err as DeviceError).messageEn).toMatch(/^reader did not answer within 50 ms/);
  });

  it('readCard() answers a hand-fed find-failed reply with null', async () => {
    MockBinding.createPort('/dev/ttyHAND', { record: true });
    let port: MockPortBinding | null = null;
    const binding = mockDeviceBinding((device, p) => {
      port = p;
      device.onData(() => void device.write(Buffer.from('aaaaaa9669000400008084', 'hex')));
    });
    const reader = new IdCardReader({ path: '/dev/ttyHAND', binding, checkStatusOnOpen: false });
    cleanups.push(() => reader.stop());
    await reader.open();
    await expect(reader.readCard()).resolves.toBeNull();
    expect(port!.recording.toString('hex')).toBe('aaaaaa96690003200122');
  });

  it('start() rejects with the port-not-found text for a missing port, and keeps trying until stop()', async () => {
    const reader = new IdCardReader({
      path: '/dev/ttyX',
      binding: MockBinding,
      reopenIntervalMs: 10,
      checkStatusOnOpen: false,
    });
    cleanups.push(() => reader.stop());
    await expect(reader.start()).rejects.toMatchObject({
      code: 'PORT_NOT_FOUND',
      messageZh: '找不到串口 /dev/ttyX，请检查连线或用 npm run hw -- ports 查看',
    });
    const replugged = once(reader, 'replugged');
    MockBinding.createPort('/dev/ttyX', { echo: false, record: true });
    await replugged;
    expect(reader.status.connected).toBe(true);
  });

  it('emits unplugged when the mock device is pulled', async () => {
    MockBinding.createPort('/dev/ttyPULL', { record: true });
    let device: ByteTransport | null = null;
    const binding = mockDeviceBinding((d) => {
      device = d;
      new IdCardReaderSim(d);
    });
    const reader = new IdCardReader({ path: '/dev/ttyPULL', binding, ...FAST });
    cleanups.push(() => reader.stop());
    await reader.start();
    const unplugged = once(reader, 'unplugged');
    await device!.close();
    await unplugged;
    expect(reader.status.connected).toBe(false);
  });
});

const gate = shouldSkipPtyTests();
if (gate.skip) console.warn(gate.reason);

describe.skipIf(gate.skip)('IdCardReader over real pseudo-terminals (socat) with the simulator', () => {
  it('reads a card, survives the device vanishing and reads again after it comes back', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'onedoor-replug-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    let pair = await createPtyPair({ dir });
    let devicePort: ByteTransport | null = null;
    let sim: IdCardReaderSim | null = null;
    const startDevice = async (): Promise<void> => {
      devicePort = await openSerialTransport({ path: pair.devicePath, baudRate: 115200 });
      sim = new IdCardReaderSim(devicePort);
    };
    await startDevice();
    cleanups.push(async () => {
      await devicePort?.close();
      await pair.close();
    });
    const reader = new IdCardReader({ path: pair.hostPath, baudRate: 115200, ...FAST, commandTimeoutMs: 500 });
    cleanups.push(() => reader.stop());
    const ev = collect(reader);
    await reader.start();
    sim!.placeCard(RESIDENT_CARD);
    await until(() => ev.cards.length === 1);
    expect(ev.cards[0]!.card).toEqual(RESIDENT_CARD);

    // Pull the plug: socat dies, the host pty reports EIO, serialport closes the port.
    await devicePort!.close();
    await pair.close();
    await until(() => ev.log.includes('unplugged'));
    // Plug back in at the same path.
    pair = await createPtyPair({ dir });
    await startDevice();
    sim!.placeCard(RESIDENT_CARD_LONG_TERM);
    await until(() => ev.log.includes('replugged'), 5000);
    await until(() => ev.cards.length === 2, 5000);
    expect(ev.cards[1]!.card).toEqual(RESIDENT_CARD_LONG_TERM);
  });
});
