import { MockBinding } from '@serialport/binding-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { FOREIGNER_2023, RESIDENT_CARD, RESIDENT_CARD_LONG_TERM } from '../../fixtures/id-cards.js';
import { IdCardReaderSim } from '../id-card/reader.sim.js';
import { mockDeviceBinding } from '../testing/mock-device.js';
import { createPtyPair, shouldSkipPtyTests } from '../testing/socat.js';
import { openSerialTransport } from '../transport/byte-transport.js';
import { runIdCard } from './idcard.command.js';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
  MockBinding.reset();
});

function io(): { out: string[]; err: string[]; sink: { out(l: string): void; err(l: string): void } } {
  const r = { out: [] as string[], err: [] as string[] };
  return { ...r, sink: { out: (l) => r.out.push(l), err: (l) => r.err.push(l) } };
}

function simBinding(place?: Parameters<IdCardReaderSim['placeCard']>[0]): ReturnType<typeof mockDeviceBinding> {
  MockBinding.createPort('/dev/ttyIDC', { record: true });
  return mockDeviceBinding((device) => {
    const sim = new IdCardReaderSim(device);
    if (place) sim.placeCard(place);
  });
}

describe('runIdCard', () => {
  it('prints the card with the ID number masked and the address hidden', async () => {
    const o = io();
    const code = await runIdCard({ port: '/dev/ttyIDC', timeoutMs: 1000 }, o.sink, {
      binding: simBinding(RESIDENT_CARD),
      pollIntervalMs: 10,
    });
    expect(code).toBe(0);
    const text = o.out.join('\n');
    expect(text).toContain('姓名 / Name: 王美娜');
    expect(text).toContain('公民身份号码 / ID number: 1101**********002X');
    expect(text).not.toContain(RESIDENT_CARD.idNumber);
    expect(text).not.toContain(RESIDENT_CARD.address);
    expect(text).toContain('民族 / Nation: 汉');
    expect(text).toContain('有效期限 / Valid: 2015-06-01 — 2035-06-01');
    expect(text).toContain('照片 / Photo: WLT 1024 字节');
  });

  it('--full shows the whole number and address; long-term validity is spelled 长期', async () => {
    const o = io();
    const code = await runIdCard({ port: '/dev/ttyIDC', full: true }, o.sink, {
      binding: simBinding(RESIDENT_CARD_LONG_TERM),
    });
    expect(code).toBe(0);
    const text = o.out.join('\n');
    expect(text).toContain(RESIDENT_CARD_LONG_TERM.idNumber);
    expect(text).toContain(RESIDENT_CARD_LONG_TERM.address);
    expect(text).toContain('2012-01-01 — 长期 (long-term)');
  });

  it('prints a 2023 foreigner card', async () => {
    const o = io();
    expect(await runIdCard({ port: '/dev/ttyIDC' }, o.sink, { binding: simBinding(FOREIGNER_2023) })).toBe(0);
    expect(o.out.join('\n')).toContain('英文姓名 / English name: WILLIAMSON-MONTGOMERY, MARY ELIZABETH AN');
    expect(o.out.join('\n')).toContain('证件号码 / Card number: 9115**********0005');
  });

  it('missing port: Chinese and English text, exit 1', async () => {
    const o = io();
    const code = await runIdCard({ port: '/dev/ttyX' }, o.sink, { binding: MockBinding });
    expect(code).toBe(1);
    expect(o.err).toEqual([
      '错误：找不到串口 /dev/ttyX，请检查连线或用 npm run hw -- ports 查看',
      'Error: serial port not found: /dev/ttyX (check the cable, or list ports with: npm run hw -- ports)',
    ]);
  });

  it('wrong baud / no reply: 读卡器无响应 with a baud-rate hint, exit 1', async () => {
    MockBinding.createPort('/dev/ttySILENT');
    const o = io();
    const code = await runIdCard({ port: '/dev/ttySILENT', baudRate: 9600 }, o.sink, {
      binding: MockBinding,
      commandTimeoutMs: 50,
    });
    expect(code).toBe(1);
    expect(o.err[0]).toMatch(/^错误：读卡器无响应/);
    expect(o.err[1]).toMatch(/^Error: reader did not answer/);
    expect(o.err.join('\n')).toContain('当前波特率 9600');
  });

  it('no card within the timeout: says so, exit 1', async () => {
    const o = io();
    const code = await runIdCard({ port: '/dev/ttyIDC', timeoutMs: 50 }, o.sink, {
      binding: simBinding(),
      pollIntervalMs: 10,
    });
    expect(code).toBe(1);
    expect(o.err).toContain('未检测到证件：请把证件平放在读卡区，或检查读卡器');
  });

  it('a card with a bad check digit is reported, exit 1', async () => {
    const o = io();
    const code = await runIdCard({ port: '/dev/ttyIDC' }, o.sink, {
      binding: simBinding({ ...RESIDENT_CARD, idNumber: '110101199003070021' }),
    });
    expect(code).toBe(1);
    expect(o.err[0]).toContain('校验位错误');
  });

  it('accepts a plain line callback', async () => {
    const lines: string[] = [];
    expect(await runIdCard({ port: '/dev/ttyX' }, (l) => lines.push(l), { binding: MockBinding })).toBe(1);
    expect(lines[0]).toContain('找不到串口');
  });
});

const gate = shouldSkipPtyTests();
if (gate.skip) console.warn(gate.reason);

describe.skipIf(gate.skip)('runIdCard against the simulator on a real pty (socat)', () => {
  it('reads the card through the real serial binding', async () => {
    const pair = await createPtyPair();
    cleanups.push(() => pair.close());
    const device = await openSerialTransport({ path: pair.devicePath, baudRate: 115200 });
    cleanups.push(() => device.close());
    new IdCardReaderSim(device).placeCard(RESIDENT_CARD);
    const o = io();
    expect(await runIdCard({ port: pair.hostPath }, o.sink)).toBe(0);
    expect(o.out.join('\n')).toContain('1101**********002X');
  });
});
