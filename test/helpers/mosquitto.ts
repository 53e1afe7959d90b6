import { spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createServer, connect as tcpConnect } from 'node:net';
import { userInfo } from 'node:os';
import { until } from './wait.js';

/** Where the tests find Mosquitto (CI installs it; elsewhere the tests that need it are skipped). */
export const MOSQUITTO = '/usr/sbin/mosquitto';

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const address = server.address();
  await new Promise<void>((r) => server.close(() => r()));
  if (typeof address !== 'object' || !address) throw new Error('no free port');
  return address.port;
}

export const listening = (port: number) =>
  new Promise<boolean>((resolve) => {
    const s = tcpConnect(port, '127.0.0.1');
    s.once('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.once('error', () => resolve(false));
  });

export interface TestMosquitto {
  process: ChildProcess;
  url: string;
  port: number;
  /** What Mosquitto printed (for a failing test's message). */
  log: string[];
  /** Stops it and waits until it has exited. */
  stop(): Promise<void>;
}

/**
 * A Mosquitto of the test's own (never the one on 1883), with these config lines after its listener; on `port` when
 * given (a broker started again where it was), else a free one. `ownListener`: the lines bring their own listener on
 * `port` (a generated mosquitto.conf).
 */
export async function startMosquitto(
  conf: string,
  lines: string[],
  options: { port?: number; ownListener?: boolean } = {},
): Promise<TestMosquitto> {
  const listenOn = options.port ?? (await freePort());
  writeFileSync(
    conf,
    [
      ...(options.ownListener ? [] : [`listener ${listenOn} 127.0.0.1`]),
      'persistence false',
      // Run as whoever runs the test (as root Mosquitto would switch to `mosquitto`, who cannot read our 0600 files).
      `user ${userInfo().username}`,
      ...lines,
    ].join('\n'),
  );
  const child = spawn(MOSQUITTO, ['-c', conf], { stdio: ['ignore', 'pipe', 'pipe'] });
  const log: string[] = [];
  child.stdout?.on('data', (b: Buffer) => log.push(b.toString()));
  child.stderr?.on('data', (b: Buffer) => log.push(b.toString()));
  await until('mosquitto listening', () => listening(listenOn)).catch((err: Error) => {
    throw new Error(`${err.message}\n${log.join('')}`);
  });
  return {
    process: child,
    url: `mqtt://127.0.0.1:${listenOn}`,
    port: listenOn,
    log,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise<void>((r) => child.once('exit', () => r()));
      child.kill();
      await exited;
    },
  };
}
