import type { BindingInterface } from '@serialport/bindings-interface';
import { isDeviceError } from '../transport/device-error.js';
import { Rs485Bus } from '../rs485/bus.js';
import { Cmd, decodePadKey } from '../rs485/protocol.js';
import { EXIT, UsageError, type CliIo } from './ports.command.js';

/** Chinese names of the keys, for the installer. */
const KEY_ZH: Record<string, string> = {
  'call-next': '呼叫',
  recall: '重呼',
  'start-evaluation': '评价',
  'no-show': '弃号',
  suspend: '挂起',
  resume: '回呼',
  pause: '暂停',
  transfer: '转移',
  finish: '办结',
};

/** Options for {@link runPad}. */
export interface PadOptions {
  port?: string;
  /** Default 9600. */
  baudRate?: number;
  /** Stops listening (Ctrl-C in main). */
  signal?: AbortSignal;
  /** serialport binding (tests). */
  binding?: BindingInterface;
  /** Clock for the printed times, defaults to `() => new Date()`. */
  now?: () => Date;
}

/**
 * `pad`: answers every call pad and evaluator on the line as the hall would and prints each key press and rating
 * until stopped. Exits 1 if the port cannot be opened.
 */
export async function runPad(options: PadOptions, io: CliIo): Promise<number> {
  if (!options.port)
    throw new UsageError('缺少 --port，例如 --port /dev/ttyUSB0 / missing --port, e.g. --port /dev/ttyUSB0');
  const now = options.now ?? (() => new Date());
  const bus = new Rs485Bus({
    path: options.port,
    baudRate: options.baudRate ?? 9600,
    ...(options.binding ? { binding: options.binding } : {}),
  });
  const time = () => now().toISOString().slice(11, 23);
  bus.on('key', ({ address, key, data }) => {
    io.out(
      `${time()} 地址 ${address} 按键 ${KEY_ZH[key] ?? key} / address ${address} key ${key} (data ${Buffer.from(data).toString('hex')})`,
    );
  });
  bus.on('rating', ({ address, level, value }) => {
    io.out(`${time()} 地址 ${address} 评价 ${level} 星 / address ${address} rating ${level} (value ${value})`);
  });
  bus.on('frame', (f) => {
    if (f.cmd !== Cmd.RATING && decodePadKey(f.data) === null) {
      io.out(
        `${time()} 地址 ${f.address} 未使用的按键 / address ${f.address} unused key (data ${Buffer.from(f.data).toString('hex')})`,
      );
    }
  });
  bus.on('error', (err) => io.err(`${time()} ${err.message}`));
  bus.on('unplugged', () => io.err(`${time()} 串口已断开，等待重新连接… / port gone, waiting for it to come back…`));
  bus.on('replugged', () => io.err(`${time()} 串口已恢复 / port is back`));
  try {
    await bus.open();
  } catch (err) {
    io.err(isDeviceError(err) ? err.message : String(err));
    return EXIT.DEVICE;
  }
  io.out(
    `正在监听 ${options.port}，按呼叫器上的键；Ctrl-C 退出 / listening on ${options.port}: press keys on a pad; Ctrl-C to stop`,
  );
  await new Promise<void>((resolve) => {
    if (options.signal?.aborted) return resolve();
    options.signal?.addEventListener('abort', () => resolve(), { once: true });
  });
  await bus.close();
  return EXIT.OK;
}
