import { SerialPort } from 'serialport';
import type { PortInfo } from '@serialport/bindings-interface';

/**
 * Output of a CLI command. `out` is for results, `err` for diagnostics; each call is one line.
 * (Shared by the led/pad/ports/sim commands.)
 */
export interface CliIo {
  out(line: string): void;
  err(line: string): void;
}

/**
 * Exit codes of `npm run hw`, the same for every command (the idcard and printer modules use them too):
 * 0 OK; 1 a device or port problem — port missing, busy or unreachable, no reply, NACK, no card, paper out
 * (the message says which); 2 bad command line.
 */
export const EXIT = {
  OK: 0,
  /** Device or port problem. */
  DEVICE: 1,
  /** Bad command line. */
  USAGE: 2,
} as const;

/** A bad command line; main prints the message and the usage, exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

const STANDARD_BAUD_RATES = [1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200];

/** Parses `--baud`; throws {@link UsageError} in both languages for anything but a standard rate. */
export function parseBaudRate(value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!STANDARD_BAUD_RATES.includes(n)) {
    throw new UsageError(
      `波特率 "${value}" 无效，可用 ${STANDARD_BAUD_RATES.join('/')}（呼叫器 9600，身份证读卡器 115200） / invalid baud rate "${value}", use one of ${STANDARD_BAUD_RATES.join('/')} (pads 9600, ID readers 115200)`,
    );
  }
  return n;
}

/** Requires an option; throws {@link UsageError} naming it. */
export function required(value: string | undefined, flag: string, example: string): string {
  if (value === undefined || value === '') {
    throw new UsageError(`缺少 ${flag}，例如 ${example} / missing ${flag}, e.g. ${example}`);
  }
  return value;
}

/** Options for {@link runPorts}. */
export interface PortsOptions {
  /** Port lister, defaults to `SerialPort.list()`. */
  list?: () => Promise<PortInfo[]>;
}

/** `ports`: lists serial ports with what the OS knows about them. */
export async function runPorts(options: PortsOptions, io: CliIo): Promise<number> {
  const list = options.list ?? (() => SerialPort.list());
  let ports: PortInfo[];
  try {
    ports = await list();
  } catch (err) {
    io.err(`无法列出串口 / cannot list serial ports: ${(err as Error).message}`);
    return EXIT.DEVICE;
  }
  if (ports.length === 0) {
    io.out(
      '没有找到串口。请检查 USB 转串口线，Linux 上还需要 udev / no serial ports found (check the USB-serial cable; Linux needs udev)',
    );
    return EXIT.OK;
  }
  io.out('端口 / port\t厂商 / manufacturer\tVID:PID\t序列号 / serial');
  for (const p of ports) {
    const id = p.vendorId || p.productId ? `${p.vendorId ?? '?'}:${p.productId ?? '?'}` : '-';
    io.out(`${p.path}\t${p.manufacturer ?? '-'}\t${id}\t${p.serialNumber ?? '-'}`);
  }
  return EXIT.OK;
}
