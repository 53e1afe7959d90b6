/**
 * The apps' card-reader adapter over the real IdCardReader, which talks to the SAM simulator across a socat
 * pseudo-terminal pair: holders as the kiosk and the window client get them, and the reader's health through a pulled
 * and replugged cable.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FOREIGNER_2017, RESIDENT_CARD } from '../../fixtures/id-cards.js';
import { openSerialTransport, type ByteTransport } from '../transport/byte-transport.js';
import { createPtyPair, shouldSkipPtyTests, type PtyPair } from '../testing/socat.js';
import { IdCardReader } from './reader.js';
import { IdCardReaderSim } from './reader.sim.js';
import { until } from '../../../test/helpers/wait.js';
import { adaptIdCardReader, noCardReader, type CardHolder, type ReaderHealth } from './reader-feed.js';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** As long as a test waits for the reader, its simulator or the feed. */
const WAIT_MS = 5000;

const FAST = { baudRate: 115200, pollIntervalMs: 10, commandTimeoutMs: 500, reopenIntervalMs: 20 } as const;

/** The simulator on the device end of a pty pair in `dir`; `unplug` kills the pair, `plug` makes it again. */
async function simulatedReader(dir: string) {
  let pair: PtyPair;
  let port: ByteTransport;
  const rig = { sim: null as unknown as IdCardReaderSim, hostPath: join(dir, 'ttyA') };
  const plug = async () => {
    pair = await createPtyPair({ dir });
    port = await openSerialTransport({ path: pair.devicePath, baudRate: FAST.baudRate });
    rig.sim = new IdCardReaderSim(port);
  };
  const unplug = async () => {
    await port.close();
    await pair.close();
  };
  await plug();
  cleanups.push(unplug);
  return { rig, plug, unplug };
}

const gate = shouldSkipPtyTests();
if (gate.skip) console.warn(gate.reason);

describe.skipIf(gate.skip)('adaptIdCardReader over the real reader and the simulator (socat)', () => {
  it('gives each card as its holder: the number and name, a foreigner without a Chinese name by the English one', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'onedoor-feed-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const { rig } = await simulatedReader(dir);
    const feed = adaptIdCardReader(new IdCardReader({ path: rig.hostPath, ...FAST }));
    cleanups.push(() => feed.close());
    const log: (CardHolder | 'found')[] = [];
    feed.onFound(() => log.push('found'));
    feed.onCard((holder) => log.push(holder));
    await feed.start();

    rig.sim.placeCard(RESIDENT_CARD);
    await until('the resident card', () => log.length === 2, WAIT_MS);
    rig.sim.removeCard();
    // The reader takes a card as gone after two finds without it: the third sees none too.
    const asked = rig.sim.requests.length;
    await until('the reader to notice the card is gone', () => rig.sim.requests.length >= asked + 3, WAIT_MS);
    rig.sim.placeCard({ ...FOREIGNER_2017, chineseName: '' });
    await until('the foreigner card', () => log.length === 4, WAIT_MS);

    expect(log).toEqual([
      'found',
      { idNumber: '11010119900307002X', name: '王美娜', kind: 'resident' },
      'found',
      { idNumber: 'USA110080101001', name: 'SMITH, JOHN WILLIAM', kind: 'foreigner-2017' },
    ]);
  });

  it('says the reader is gone when its cable is pulled and ready again once it is back, then reads again', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'onedoor-feed-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const { rig, plug, unplug } = await simulatedReader(dir);
    const feed = adaptIdCardReader(new IdCardReader({ path: rig.hostPath, ...FAST }));
    cleanups.push(() => feed.close());
    const healths: ReaderHealth[] = [];
    const holders: CardHolder[] = [];
    feed.onHealth((h) => healths.push(h));
    feed.onCard((h) => holders.push(h));
    expect(feed.health()).toEqual({ state: 'absent', message: '读卡器未连接', messageEn: 'reader not connected' });

    await feed.start();
    expect(feed.health()).toEqual({ state: 'ready' });
    await unplug();
    await until('the unplug', () => feed.health().state === 'absent', WAIT_MS);
    expect(feed.health()).toEqual({ state: 'absent', message: '读卡器已断开', messageEn: 'reader unplugged' });

    await plug();
    await until('the replug', () => feed.health().state === 'ready', WAIT_MS);
    // A poll under way when the cable goes may report its failed write (EIO) before the link is seen closed.
    expect(healths.filter((h) => h.state !== 'error')).toEqual([
      { state: 'ready' },
      { state: 'absent', message: '读卡器已断开', messageEn: 'reader unplugged' },
      { state: 'ready' },
    ]);
    rig.sim.placeCard(RESIDENT_CARD);
    await until('a card after the replug', () => holders.length === 1, WAIT_MS);
    expect(holders).toEqual([{ idNumber: '11010119900307002X', name: '王美娜', kind: 'resident' }]);
  });

  it('a reader that cannot be opened at start: health is the error in Chinese and English', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'onedoor-feed-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const feed = adaptIdCardReader(new IdCardReader({ path: join(dir, 'ttyNone'), ...FAST }));
    cleanups.push(() => feed.close());
    await feed.start();
    expect(feed.health()).toMatchObject({
      state: 'error',
      message: expect.stringContaining(join(dir, 'ttyNone')),
      messageEn: expect.stringContaining(join(dir, 'ttyNone')),
    });
  });
  // A kiosk switched on before its reader's USB adapter showed up never read a card until it was restarted: a start
  // that could not open the port left nothing trying again.
  it('finds a reader plugged in after the app started, and reads its cards', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'onedoor-feed-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const feed = adaptIdCardReader(new IdCardReader({ path: join(dir, 'ttyA'), ...FAST }));
    cleanups.push(() => feed.close());
    const holders: CardHolder[] = [];
    feed.onCard((h) => holders.push(h));
    await feed.start();
    expect(feed.health().state).toBe('error');

    const { rig } = await simulatedReader(dir);
    await until('the late reader', () => feed.health().state === 'ready', WAIT_MS);
    rig.sim.placeCard(RESIDENT_CARD);
    await until('a card on the late reader', () => holders.length === 1, WAIT_MS);
    expect(holders).toEqual([{ idNumber: '11010119900307002X', name: '王美娜', kind: 'resident' }]);
  });
});

describe('noCardReader', () => {
  it('is absent and says no reader is configured', () => {
    expect(noCardReader().health()).toEqual({
      state: 'absent',
      message: '未配置读卡器',
      messageEn: 'no card reader configured',
    });
  });
});
