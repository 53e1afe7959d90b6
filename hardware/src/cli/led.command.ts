import type { BindingInterface } from '@serialport/bindings-interface';
import { isDeviceError } from '../transport/device-error.js';
import { Rs485Bus } from '../rs485/bus.js';
import { OnbonBoard, OnbonNackError } from '../onbon/board.js';
import { EXIT, UsageError, type CliIo } from './ports.command.js';

/** Options for {@link runLed}. */
export interface LedOptions {
  /** Serial port of the RS-485 line or of the Onbon controller. */
  port?: string;
  /** Onbon controller over TCP: `host` or `host:port` (default port 5005). */
  host?: string;
  /** RS-485 address of the strip (0–255), or the Onbon screen address (default 1). */
  address?: number;
  text: string;
  /** Default 9600. */
  baudRate?: number;
  /** 'text' (default): GB2312 text frame; 'digits': 3-digit ticket display; 'onbon': Onbon BX-5K/6K controller. */
  mode?: 'text' | 'digits' | 'onbon';
  /** Onbon screen size, default 128 × 32. */
  width?: number;
  height?: number;
  /** serialport binding (tests). */
  binding?: BindingInterface;
}

/** `led`: shows text on a window strip (RS-485) or an Onbon LED board, once, and reports the outcome. */
export async function runLed(options: LedOptions, io: CliIo): Promise<number> {
  const mode = options.mode ?? 'text';
  if (mode === 'onbon') return runOnbon(options, io);
  if (!options.port)
    throw new UsageError('缺少 --port，例如 --port /dev/ttyUSB0 / missing --port, e.g. --port /dev/ttyUSB0');
  const address = options.address;
  if (address === undefined || !Number.isInteger(address) || address < 0 || address > 255) {
    throw new UsageError(
      '--addr 必须是 0–255 的整数（屏的 RS-485 地址） / --addr must be an integer 0–255 (the strip’s RS-485 address)',
    );
  }
  const bus = new Rs485Bus({
    path: options.port,
    baudRate: options.baudRate ?? 9600,
    ...(options.binding ? { binding: options.binding } : {}),
  });
  try {
    await bus.open();
    if (mode === 'digits') await bus.showNumber(address, options.text);
    else await bus.showText(address, options.text);
    // The strip protocol has no acknowledgement: all we can say is that the bytes left the port.
    io.out(
      `已发送到 ${options.port} 地址 ${address}：${options.text}（该协议无应答，请看屏幕） / sent to ${options.port} address ${address}: ${options.text} (this protocol has no reply; check the strip)`,
    );
    return EXIT.OK;
  } catch (err) {
    return report(err, io);
  } finally {
    await bus.close();
  }
}

async function runOnbon(options: LedOptions, io: CliIo): Promise<number> {
  if (!options.port && !options.host) {
    throw new UsageError(
      '仰邦屏需要 --port（串口）或 --host（网口） / an Onbon board needs --port (serial) or --host (TCP)',
    );
  }
  const common = {
    address: options.address ?? 1,
    width: options.width ?? 128,
    height: options.height ?? 32,
  };
  let board: OnbonBoard;
  if (options.host) {
    const [host, port] = options.host.split(':');
    board = new OnbonBoard({ ...common, host: host!, port: port ? Number(port) : 5005 });
  } else {
    board = new OnbonBoard({
      ...common,
      path: options.port!,
      baudRate: options.baudRate ?? 9600,
      ...(options.binding ? { binding: options.binding } : {}),
    });
  }
  try {
    await board.showText(options.text);
    io.out(`LED 屏已确认显示 / the LED board acknowledged: ${options.text}`);
    return EXIT.OK;
  } catch (err) {
    return report(err, io);
  } finally {
    await board.close();
  }
}

function report(err: unknown, io: CliIo): number {
  if (err instanceof RangeError) throw new UsageError(err.message);
  if (err instanceof OnbonNackError) {
    io.err(err.message);
    return EXIT.DEVICE;
  }
  if (isDeviceError(err)) {
    io.err(err.message);
    return EXIT.DEVICE;
  }
  io.err(`失败 / failed: ${err instanceof Error ? err.message : String(err)}`);
  return EXIT.DEVICE;
}
