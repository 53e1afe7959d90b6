import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { MockBinding } from '@serialport/binding-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { shouldSkipPtyTests } from '../testing/socat.js';
import { listenOnbonTcpSimulator } from '../onbon/board.sim.js';
import { runCli, USAGE } from './main.js';
import { runLed } from './led.command.js';
import { runPorts, type CliIo } from './ports.command.js';

const MAIN = fileURLToPath(new URL('./main.ts', import.meta.url));

function capture(): CliIo & { lines: string[]; errors: string[] } {
  const lines: string[] = [];
  const errors: string[] = [];
  return { lines, errors, out: (l) => lines.push(l), err: (l) => errors.push(l) };
}

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
  MockBinding.reset();
});

/** Starts `npm run hw -- …` as a child (node + tsx) and collects its stdout lines. */
function startCli(args: string[]): {
  child: ChildProcess;
  lines: string[];
  waitForLine(re: RegExp, timeoutMs?: number): Promise<string>;
} {
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN, ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
  const lines: string[] = [];
  const waiters: (() => void)[] = [];
  let buf = '';
  child.stdout!.on('data', (d: Buffer) => {
    buf += d.toString();
    const parts = buf.split('\n');
    buf = parts.pop()!;
    lines.push(...parts);
    waiters.splice(0).forEach((w) => w());
  });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const waitForLine = (re: RegExp, timeoutMs = 20_000) =>
    new Promise<string>((resolve, reject) => {
      const deadline = Date.now() + timeoutMs;
      const check = () => {
        const hit = lines.find((l) => re.test(l));
        if (hit) return resolve(hit);
        if (Date.now() > deadline || child.exitCode !== null)
          return reject(new Error(`no line matching ${re}; stdout: ${lines.join('\n')}\nstderr: ${stderr}`));
        waiters.push(check);
        setTimeout(check, 100);
      };
      check();
    });
  return { child, lines, waitForLine };
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
  await exited;
  clearTimeout(timer);
}

const ptySkip = shouldSkipPtyTests();
describe.skipIf(ptySkip.skip)(`npm run hw -- sim bus + led${ptySkip.skip ? ` (${ptySkip.reason})` : ''}`, () => {
  it('shows the text sent with `led --port` on the simulated strip', async () => {
    const sim = startCli(['sim', 'bus']);
    cleanups.push(() => stopChild(sim.child));
    const portLine = await sim.waitForLine(/port: /);
    const port = portLine.split('port: ')[1]!.trim();

    const io = capture();
    expect(await runCli(['led', '--port', port, '--addr', '3', '--text', 'A012号'], io)).toBe(0);
    expect(io.lines[0]).toContain('A012号');
    expect(await sim.waitForLine(/address 3 shows: A012号$/)).toBeTruthy();

    expect(await runCli(['led', '--port', port, '--addr', '4', '--text', 'B007', '--digits'], io)).toBe(0);
    expect(await sim.waitForLine(/address 4 shows: 007$/)).toBeTruthy();

    const exited = new Promise<number | null>((r) => sim.child.once('exit', (code) => r(code)));
    sim.child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });

  it('`sim onbon` + `led --onbon --port` shows the text and gets the ACK', async () => {
    const sim = startCli(['sim', 'onbon']);
    cleanups.push(() => stopChild(sim.child));
    const port = (await sim.waitForLine(/port: /)).split('port: ')[1]!.trim();
    const io = capture();
    expect(await runCli(['led', '--onbon', '--port', port, '--text', '欢迎光临'], io)).toBe(0);
    expect(io.lines[0]).toContain('acknowledged');
    await sim.waitForLine(/area 0 shows: 欢迎光临$/);
  });

  it('`sim idcard` + `idcard --port` reads the demo card (number masked)', async () => {
    const sim = startCli(['sim', 'idcard']);
    cleanups.push(() => stopChild(sim.child));
    const port = (await sim.waitForLine(/port: /)).split('port: ')[1]!.trim();
    const io = capture();
    expect(await runCli(['idcard', '--port', port, '--timeout', '5000'], io)).toBe(0);
    const text = io.lines.join('\n');
    expect(text).toContain('张三');
    expect(text).not.toContain('420102199001011236');
  });

  it('`sim printer` + `print-test --to serial:` delivers the ticket bytes', async () => {
    const sim = startCli(['sim', 'printer']);
    cleanups.push(() => stopChild(sim.child));
    const port = (await sim.waitForLine(/port: /)).split('port: ')[1]!.trim();
    const io = capture();
    expect(await runCli(['print-test', '--to', `serial:${port}`], io)).toBe(0);
    await sim.waitForLine(/received \d+ bytes/);
  });
});

describe('CLI errors and exit codes', () => {
  it('prints the bilingual help', async () => {
    const io = capture();
    expect(await runCli(['--help'], io)).toBe(0);
    expect(io.lines[0]).toBe(USAGE);
    expect(USAGE).toMatch(/用法 \/ usage/);
    expect(await runCli([], capture())).toBe(2);
  });

  it('exit 2 for a wrong baud rate, a missing --port, an unknown command or option', async () => {
    let io = capture();
    expect(await runCli(['pad', '--port', '/dev/ttyUSB0', '--baud', '9601'], io)).toBe(2);
    expect(io.errors[0]).toMatch(/波特率 "9601" 无效.* \/ invalid baud rate "9601"/);
    io = capture();
    expect(await runCli(['led', '--addr', '3', '--text', 'x'], io)).toBe(2);
    expect(io.errors[0]).toMatch(/缺少 --port.* \/ missing --port/);
    io = capture();
    expect(await runCli(['led', '--port', '/dev/x', '--addr', '300', '--text', 'x'], io)).toBe(2);
    expect(await runCli(['print-test', '--to', 'file:/tmp/x', '--paper', 'A4'], (io = capture()))).toBe(2);
    expect(await runCli(['frobnicate'], (io = capture()))).toBe(2);
    expect(io.errors[0]).toMatch(/未知命令 "frobnicate" \/ unknown command/);
    expect(await runCli(['sim', 'toaster'], (io = capture()))).toBe(2);
    expect(await runCli(['ports', '--bogus'], (io = capture()))).toBe(2);
  });

  it('exit 1 with a Chinese/English message when the port does not exist', async () => {
    const io = capture();
    expect(await runCli(['led', '--port', '/dev/onedoor-no-such-port', '--addr', '3', '--text', 'A012'], io)).toBe(1);
    expect(io.errors[0]).toMatch(/找不到串口 \/dev\/onedoor-no-such-port.* \/ serial port not found/);
    const io2 = capture();
    expect(await runCli(['pad', '--port', '/dev/onedoor-no-such-port'], io2)).toBe(1);
    expect(io2.errors[0]).toMatch(/找不到串口/);
  });

  it('exit 1 when an Onbon board does not answer', async () => {
    const server = await listenOnbonTcpSimulator({ mute: true });
    cleanups.push(() => server.close());
    const io = capture();
    expect(await runLed({ mode: 'onbon', host: `127.0.0.1:${server.port}`, text: 'A012' }, io)).toBe(1);
    expect(io.errors[0]).toMatch(/没有应答.* \/ LED board .* did not answer/);
  });

  it('ports lists what the OS reports', async () => {
    const io = capture();
    expect(
      await runPorts(
        {
          list: () =>
            Promise.resolve([
              {
                path: '/dev/ttyUSB0',
                manufacturer: 'FTDI',
                vendorId: '0403',
                productId: '6001',
                serialNumber: 'A1',
                pnpId: undefined,
                locationId: undefined,
              },
            ]),
        },
        io,
      ),
    ).toBe(0);
    expect(io.lines[1]).toBe('/dev/ttyUSB0\tFTDI\t0403:6001\tA1');
    const empty = capture();
    expect(await runPorts({ list: () => Promise.resolve([]) }, empty)).toBe(0);
    expect(empty.lines[0]).toMatch(/没有找到串口/);
  });
});
