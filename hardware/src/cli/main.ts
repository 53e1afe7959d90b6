/**
 * `npm run hw -- <command>`: device diagnostics for installers.
 * Exit codes: 0 OK, 1 device or port problem (missing, busy, no reply, no card, paper out), 2 bad command line.
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { runIdCard } from './idcard.command.js';
import { PRINT_TEMPLATES, runPrintTest, runPrinterStatus, type PrintTemplate } from './printer.command.js';
import { runLed } from './led.command.js';
import { runPad } from './pad.command.js';
import { runBrokerConfig } from './broker-config.command.js';
import { EXIT, UsageError, parseBaudRate, required, runPorts, type CliIo } from './ports.command.js';

export const USAGE = `一门 设备诊断工具 / OneDoor device diagnostics

用法 / usage: npm run hw -- <命令 command> [选项 options]

  ports                                   列出串口 / list serial ports
  idcard --port P [--full] [--baud 115200] [--timeout MS]
                                          读一张身份证 / read one ID card
  print-test --to serial:P|tcp:HOST:PORT|file:PATH [--baud 9600] [--paper 80mm|58mm]
             [--template ticket|receipt|notice]
                                          打印样张：排队票、受理回执、一次性告知书 / print a sample ticket, receipt or notice
  printer-status --to serial:P|tcp:HOST:PORT
                                          查询打印机状态 / printer status
  led --port P --addr N --text T [--digits] [--baud 9600]
                                          在窗口屏（RS-485）上显示 / show text on a window strip (RS-485)
  led --onbon (--port P | --host H[:5005]) --text T [--addr 1] [--width 128] [--height 32]
                                          在仰邦 BX-5K/6K 屏上显示 / show text on an Onbon BX-5K/6K board
  pad --port P [--baud 9600]              显示呼叫器按键和评价，Ctrl-C 退出 / print pad keys and ratings until Ctrl-C
  broker-config --hall URL --user U --out DIR [--hall-user onedoor-hall] [--rotate]
                                          为外部 Mosquitto 生成 ACL 和密码文件（密码取自 ONEDOOR_PASSWORD） /
                                          write Mosquitto ACL and password files (password from ONEDOOR_PASSWORD)
  sim <idcard|printer|bus|onbon> [--baud B]
                                          在虚拟串口上启动模拟设备并打印端口 / start a simulated device on a pty and print its port

退出码 / exit codes:
  0  成功 / OK
  1  设备或串口问题（不存在、被占用、无应答、无卡、缺纸、屏拒绝） / device or port problem (missing, busy, no reply, no card, paper out, refused)
  2  命令行错误 / bad command line
`;

const OPTIONS = {
  port: { type: 'string' },
  to: { type: 'string' },
  baud: { type: 'string' },
  addr: { type: 'string' },
  text: { type: 'string' },
  host: { type: 'string' },
  width: { type: 'string' },
  height: { type: 'string' },
  timeout: { type: 'string' },
  paper: { type: 'string' },
  template: { type: 'string' },
  full: { type: 'boolean' },
  digits: { type: 'boolean' },
  onbon: { type: 'boolean' },
  hall: { type: 'string' },
  user: { type: 'string' },
  out: { type: 'string' },
  'hall-user': { type: 'string' },
  rotate: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies ParseArgsConfig['options'];

function paper(value: string | undefined): '58mm' | '80mm' {
  if (value === undefined || value === '80mm' || value === '58mm') return value ?? '80mm';
  throw new UsageError(`--paper 只能是 80mm 或 58mm / --paper must be 80mm or 58mm, got "${value}"`);
}

function template(value: string | undefined): PrintTemplate {
  if (value === undefined) return 'ticket';
  const known = PRINT_TEMPLATES.find((t) => t === value);
  if (!known) {
    throw new UsageError(
      `--template 只能是 ticket、receipt 或 notice / --template must be ticket, receipt or notice, got "${value}"`,
    );
  }
  return known;
}

function int(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0)
    throw new UsageError(`${flag} 必须是非负整数 / ${flag} must be a non-negative integer, got "${value}"`);
  return n;
}

/** Runs one command line; returns the exit code. `signal` ends long-running commands (pad, sim). */
export async function runCli(argv: readonly string[], io: CliIo, signal?: AbortSignal): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true });
  } catch (err) {
    io.err(`${(err as Error).message}\n\n${USAGE}`);
    return EXIT.USAGE;
  }
  const { values: v, positionals } = parsed;
  const [command, ...rest] = positionals;
  if (v.help || command === undefined || command === 'help') {
    io.out(USAGE);
    return command === undefined && !v.help ? EXIT.USAGE : EXIT.OK;
  }
  try {
    switch (command) {
      case 'ports':
        return await runPorts({}, io);
      case 'idcard':
        return await runIdCard(
          {
            port: required(v.port, '--port', '--port /dev/ttyUSB0'),
            baudRate: parseBaudRate(v.baud, 115200),
            full: v.full ?? false,
            ...(v.timeout !== undefined ? { timeoutMs: int(v.timeout, '--timeout')! } : {}),
          },
          io,
        );
      case 'print-test':
        return await runPrintTest(
          {
            to: required(v.to, '--to', '--to serial:/dev/ttyUSB0'),
            baudRate: parseBaudRate(v.baud, 9600),
            paper: paper(v.paper),
            template: template(v.template),
          },
          io,
        );
      case 'printer-status':
        return await runPrinterStatus(
          { to: required(v.to, '--to', '--to tcp:192.168.1.60:9100'), baudRate: parseBaudRate(v.baud, 9600) },
          io,
        );
      case 'led':
        return await runLed(
          {
            ...(v.port !== undefined ? { port: v.port } : {}),
            ...(v.host !== undefined ? { host: v.host } : {}),
            ...(v.addr !== undefined ? { address: int(v.addr, '--addr')! } : {}),
            text: required(v.text, '--text', '--text A012'),
            baudRate: parseBaudRate(v.baud, 9600),
            mode: v.onbon ? 'onbon' : v.digits ? 'digits' : 'text',
            ...(v.width !== undefined ? { width: int(v.width, '--width')! } : {}),
            ...(v.height !== undefined ? { height: int(v.height, '--height')! } : {}),
          },
          io,
        );
      case 'pad':
        return await runPad(
          {
            port: required(v.port, '--port', '--port /dev/ttyUSB0'),
            baudRate: parseBaudRate(v.baud, 9600),
            ...(signal ? { signal } : {}),
          },
          io,
        );
      case 'broker-config':
        return await runBrokerConfig(
          {
            hallUrl: required(v.hall, '--hall', '--hall http://127.0.0.1:8080'),
            username: required(v.user, '--user', '--user admin'),
            // Never on the command line (shell history, ps): the sign-in password comes from the environment.
            password: required(
              process.env.ONEDOOR_PASSWORD,
              'ONEDOOR_PASSWORD',
              'ONEDOOR_PASSWORD=… npm run hw -- broker-config',
            ),
            outDir: required(v.out, '--out', '--out /etc/mosquitto/onedoor'),
            ...(v['hall-user'] !== undefined ? { hallUser: v['hall-user'] } : {}),
            rotate: v.rotate ?? false,
          },
          io,
        );
      case 'sim': {
        // Loaded only for this command: every other command is what an installer runs on a production install.
        const { runSim } = await import('./sim.command.js');
        return await runSim(
          {
            kind: required(rest[0], 'sim <idcard|printer|bus|onbon>', 'sim bus'),
            ...(v.baud !== undefined ? { baudRate: parseBaudRate(v.baud, 9600) } : {}),
            ...(signal ? { signal } : {}),
            input: process.stdin,
          },
          io,
        );
      }
      default:
        io.err(`未知命令 "${command}" / unknown command "${command}"\n\n${USAGE}`);
        return EXIT.USAGE;
    }
  } catch (err) {
    if (err instanceof UsageError) {
      io.err(err.message);
      return EXIT.USAGE;
    }
    io.err(`失败 / failed: ${err instanceof Error ? err.message : String(err)}`);
    return EXIT.DEVICE;
  }
}

const isMain = process.argv[1] !== undefined && fileURLToPath(import.meta.url) === resolve(process.argv[1]);
if (isMain) {
  const controller = new AbortController();
  process.once('SIGINT', () => controller.abort());
  process.once('SIGTERM', () => controller.abort());
  const io: CliIo = {
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
  };
  runCli(process.argv.slice(2), io, controller.signal).then(
    (code) => process.exit(code),
    (err: unknown) => {
      io.err(String(err));
      process.exit(EXIT.DEVICE);
    },
  );
}
