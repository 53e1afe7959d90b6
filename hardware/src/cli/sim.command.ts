import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { PAD_KEYS, type PadKey } from '@onedoor/protocol';
import { openSerialTransport } from '../transport/byte-transport.js';
import { createPtyPair, type PtyPair } from '../testing/socat.js';
import { Rs485BusSimulator } from '../rs485/bus.sim.js';
import type { RatingLevel } from '../rs485/protocol.js';
import { OnbonBoardSimulator } from '../onbon/board.sim.js';
import { IdCardReaderSim } from '../id-card/reader.sim.js';
import type { ResidentIdCard } from '../id-card/card-text.js';
import { PrinterSim } from '../printer/printer.sim.js';
import { EXIT, UsageError, type CliIo } from './ports.command.js';

/** Simulators `sim` can start. */
export const SIM_KINDS = ['idcard', 'printer', 'bus', 'onbon'] as const;
export type SimKind = (typeof SIM_KINDS)[number];

/** A demo card for `sim idcard` (not a real person; the number passes the GB 11643 check). */
export const DEMO_CARD: ResidentIdCard = {
  kind: 'resident',
  name: '张三',
  genderCode: '1',
  gender: 'male',
  genderText: '男',
  nationCode: '01',
  nation: '汉',
  birthDate: '1990-01-01',
  address: '湖北省武汉市江岸区示例路1号',
  idNumber: '420102199001011236',
  issuingAuthority: '武汉市公安局江岸分局',
  validFrom: '2015-01-01',
  validTo: '2035-01-01',
  longTerm: false,
};

/** Options for {@link runSim}. */
export interface SimOptions {
  kind: string;
  /** Stops the simulator (Ctrl-C in main). */
  signal?: AbortSignal;
  /** Lines typed by the user (`key 3 call-next`, `rate 13 5`, `place`, `remove`, `paper-out`, `restore`); default none. */
  input?: Readable;
  /** Baud rate of the device end; defaults per kind (ID reader 115200, others 9600). */
  baudRate?: number;
}

/**
 * `sim <idcard|printer|bus|onbon>`: starts a simulated device on one end of a socat pty pair and prints the other
 * end's path, which the installer (or a test) passes to `--port`. Prints what the device is told, until stopped.
 */
export async function runSim(options: SimOptions, io: CliIo): Promise<number> {
  const kind = options.kind as SimKind;
  if (!SIM_KINDS.includes(kind)) {
    throw new UsageError(
      `未知的模拟器 "${options.kind}"，可用：${SIM_KINDS.join('、')} / unknown simulator "${options.kind}", use one of ${SIM_KINDS.join(', ')}`,
    );
  }
  let pty: PtyPair;
  try {
    pty = await createPtyPair();
  } catch (err) {
    io.err(
      `无法创建虚拟串口（需要 socat：apt-get install socat） / cannot create a virtual serial port (needs socat): ${(err as Error).message}`,
    );
    return EXIT.DEVICE;
  }
  const closers: (() => Promise<void>)[] = [() => pty.close()];
  try {
    const baudRate = options.baudRate ?? (kind === 'idcard' ? 115200 : 9600);
    switch (kind) {
      case 'bus':
        closers.unshift(await startBus(pty, baudRate, options, io));
        break;
      case 'onbon':
        closers.unshift(await startOnbon(pty, baudRate, io));
        break;
      case 'idcard':
        closers.unshift(await startIdCard(pty, baudRate, options, io));
        break;
      case 'printer':
        closers.unshift(await startPrinter(pty, baudRate, options, io));
        break;
    }
    io.out(`端口 / port: ${pty.hostPath}`);
    io.out(`模拟器已启动，Ctrl-C 退出 / simulator running; Ctrl-C to stop`);
    await new Promise<void>((resolve) => {
      if (options.signal?.aborted) return resolve();
      options.signal?.addEventListener('abort', () => resolve(), { once: true });
    });
    return EXIT.OK;
  } finally {
    for (const close of closers) await close().catch(() => undefined);
  }
}

async function startBus(pty: PtyPair, baudRate: number, options: SimOptions, io: CliIo): Promise<() => Promise<void>> {
  const sim = new Rs485BusSimulator(await openSerialTransport({ path: pty.devicePath, baudRate }));
  sim.on('command', ({ address, command, record }) => {
    switch (command.type) {
      case 'beep':
        return io.out(`地址 ${address} 蜂鸣 / address ${address} beeps`);
      case 'start-evaluation':
        return io.out(`地址 ${address} 开始评价 / address ${address} starts an evaluation`);
      case 'unknown':
        return io.out(`地址 ${address} 未知命令 / address ${address} unknown command ${command.cmd.toString(16)}`);
      default:
        return io.out(`地址 ${address} 显示 / address ${address} shows: ${record.display?.value ?? ''}`);
    }
  });
  io.out(
    '输入 / type: key <地址 address> <' +
      PAD_KEYS.filter((k) => k !== 'finish').join('|') +
      '>  或 / or  rate <地址 address> <1-5>',
  );
  const rl = options.input ? createInterface({ input: options.input }) : null;
  rl?.on('line', (line) => {
    const [verb, addr, arg] = line.trim().split(/\s+/);
    const address = Number(addr);
    if (!Number.isInteger(address) || address < 0 || address > 255)
      return io.err('地址必须是 0–255 / address must be 0–255');
    if (verb === 'key' && PAD_KEYS.includes(arg as PadKey)) {
      void sim
        .pressKey(address, arg as PadKey)
        .then((ok) => io.out(ok ? `已应答 / answered` : `主机没有应答 / no reply from the host`));
    } else if (verb === 'rate' && ['1', '2', '3', '4', '5'].includes(arg ?? '')) {
      void sim.rate(address, Number(arg) as RatingLevel).then(
        (ok) => io.out(ok ? `已应答 / answered` : `主机没有应答 / no reply from the host`),
        (err: Error) => io.err(err.message),
      );
    } else {
      io.err('用法 / usage: key <address> <key> | rate <address> <1-5>');
    }
  });
  return async () => {
    rl?.close();
    await sim.close();
  };
}

async function startOnbon(pty: PtyPair, baudRate: number, io: CliIo): Promise<() => Promise<void>> {
  const sim = new OnbonBoardSimulator(await openSerialTransport({ path: pty.devicePath, baudRate }));
  sim.on('area', (a) => io.out(`区域 ${a.id} 显示 / area ${a.id} shows: ${a.text}`));
  return () => sim.close();
}

async function startIdCard(
  pty: PtyPair,
  baudRate: number,
  options: SimOptions,
  io: CliIo,
): Promise<() => Promise<void>> {
  const transport = await openSerialTransport({ path: pty.devicePath, baudRate });
  const sim = new IdCardReaderSim(transport);
  sim.placeCard(DEMO_CARD);
  io.out(
    `读卡器上放了一张演示身份证（${DEMO_CARD.name}）；输入 place / remove 放上或取走 / a demo card is on the reader; type place / remove`,
  );
  const rl = options.input ? createInterface({ input: options.input }) : null;
  rl?.on('line', (line) => {
    const verb = line.trim();
    if (verb === 'place') sim.placeCard(DEMO_CARD);
    else if (verb === 'remove') sim.removeCard();
    else return io.err('用法 / usage: place | remove');
    io.out(verb === 'place' ? '已放卡 / card placed' : '已取卡 / card removed');
  });
  return async () => {
    rl?.close();
    sim.detach();
    await transport.close();
  };
}

async function startPrinter(
  pty: PtyPair,
  baudRate: number,
  options: SimOptions,
  io: CliIo,
): Promise<() => Promise<void>> {
  const transport = await openSerialTransport({ path: pty.devicePath, baudRate });
  const sim = new PrinterSim();
  const detach = sim.attach(transport);
  const offData = transport.onData((chunk) =>
    io.out(`收到 ${chunk.length} 字节 / received ${chunk.length} bytes (共 / total ${sim.received.length})`),
  );
  io.out('输入 / type: paper-out | cover-open | offline | restore');
  const actions: Record<string, () => void> = {
    'paper-out': () => sim.paperOut(),
    'cover-open': () => sim.openCover(),
    offline: () => sim.goOffline(),
    restore: () => sim.restore(),
  };
  const rl = options.input ? createInterface({ input: options.input }) : null;
  rl?.on('line', (line) => {
    const action = actions[line.trim()];
    if (!action) return io.err('用法 / usage: paper-out | cover-open | offline | restore');
    action();
    io.out(`打印机状态 / printer state: ${JSON.stringify(sim.currentState)}`);
  });
  return async () => {
    rl?.close();
    offData();
    detach();
    await transport.close();
  };
}
