import { existsSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { openSerialTransport, type ByteTransport } from '../transport/byte-transport.js';
import { createPtyPair, shouldSkipPtyTests, type PtyPair } from './socat.js';

const gate = shouldSkipPtyTests();
if (gate.skip) console.warn(gate.reason);

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

describe.skipIf(gate.skip)('createPtyPair (socat)', () => {
  it('links two ptys that serialport can open at 115200 and carries the SAM find-card frame', async () => {
    const pair: PtyPair = await createPtyPair();
    cleanups.push(() => pair.close());
    const host = await openSerialTransport({ path: pair.hostPath, baudRate: 115200 });
    cleanups.push(() => host.close());
    const device = await openSerialTransport({ path: pair.devicePath, baudRate: 115200 });
    cleanups.push(() => device.close());
    const recv = (t: ByteTransport, n: number): Promise<Buffer> =>
      new Promise((resolve) => {
        let acc = Buffer.alloc(0);
        const off = t.onData((c) => {
          acc = Buffer.concat([acc, c]);
          if (acc.length >= n) {
            off();
            resolve(acc);
          }
        });
      });
    const atDevice = recv(device, 10);
    await host.write(Buffer.from('aaaaaa96690003200122', 'hex'));
    expect((await atDevice).toString('hex')).toBe('aaaaaa96690003200122');
    const atHost = recv(host, 11);
    await device.write(Buffer.from('aaaaaa9669000400008084', 'hex'));
    expect((await atHost).toString('hex')).toBe('aaaaaa9669000400008084');
  });

  it('removes its links and temp dir on close', async () => {
    const pair = await createPtyPair();
    expect(existsSync(pair.hostPath)).toBe(true);
    await pair.close();
    expect(existsSync(pair.hostPath)).toBe(false);
    await pair.close(); // idempotent
  });
});
