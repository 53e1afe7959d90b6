import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A pair of linked pseudo-terminals: bytes written to one come out of the other. */
export interface PtyPair {
  /** Directory holding the two links. */
  dir: string;
  /** The end the driver under test opens (`<tmp>/ttyA`). */
  hostPath: string;
  /** The end the simulator opens (`<tmp>/ttyB`). */
  devicePath: string;
  /** Stops this pair's socat (only its own child, by PID) and removes the temp dir. */
  close(): Promise<void>;
}

/** Options for {@link createPtyPair}. */
export interface CreatePtyPairOptions {
  /** socat binary, default `socat` on PATH. */
  socatPath?: string;
  /** How long to wait for both links to appear, default 5000 ms. */
  timeoutMs?: number;
  /**
   * Directory for the links, default a fresh temp dir (removed on close). Pass the dir of an earlier pair to
   * "replug" a device at the same paths; a dir you pass is kept on close, only the links are removed.
   */
  dir?: string;
}

/** Whether socat can be run here, and if not, why (for a clear skip message). */
export function socatAvailability(socatPath = 'socat'): { available: boolean; reason: string } {
  const r = spawnSync(socatPath, ['-V'], { stdio: 'ignore' });
  if (r.error || r.status !== 0) {
    return {
      available: false,
      reason: `socat not runnable (${r.error?.message ?? `exit ${String(r.status)}`}); install it with apt-get install socat`,
    };
  }
  return { available: true, reason: '' };
}

/**
 * Tests that need ptys skip only when socat is missing AND CI is not set; under CI=true they run (and fail
 * loudly if socat is missing), so a CI machine without socat cannot pass by skipping.
 */
export function shouldSkipPtyTests(): { skip: boolean; reason: string } {
  const { available, reason } = socatAvailability();
  if (available) return { skip: false, reason: '' };
  if (process.env.CI === 'true') return { skip: false, reason };
  return { skip: true, reason: `skipping pty tests: ${reason}` };
}

/** Spawns `socat -d -d pty,raw,echo=0,link=<tmp>/ttyA pty,raw,echo=0,link=<tmp>/ttyB` and waits for both links. */
export async function createPtyPair(options: CreatePtyPairOptions = {}): Promise<PtyPair> {
  const ownDir = options.dir === undefined;
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'onedoor-pty-'));
  if (!ownDir) mkdirSync(dir, { recursive: true });
  const hostPath = join(dir, 'ttyA');
  const devicePath = join(dir, 'ttyB');
  // Stale links from an earlier pair in the same dir would make the wait below succeed too early.
  for (const p of [hostPath, devicePath]) rmSync(p, { force: true });
  const child: ChildProcess = spawn(
    options.socatPath ?? 'socat',
    ['-d', '-d', `pty,raw,echo=0,link=${hostPath}`, `pty,raw,echo=0,link=${devicePath}`],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let log = '';
  child.stderr?.on('data', (d: Buffer) => {
    log += d.toString();
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let spawnError: Error | null = null;
  child.once('error', (err) => {
    spawnError = err;
  });

  const cleanup = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null && child.pid !== undefined) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 2000);
      await exited;
      clearTimeout(timer);
    }
    if (ownDir) rmSync(dir, { recursive: true, force: true });
    else for (const p of [hostPath, devicePath]) rmSync(p, { force: true });
  };

  const deadline = Date.now() + (options.timeoutMs ?? 5000);
  while (!(existsSync(hostPath) && existsSync(devicePath))) {
    if (spawnError || child.exitCode !== null) {
      await cleanup();
      throw new Error(`socat failed to start: ${(spawnError as Error | null)?.message ?? log.trim()}`);
    }
    if (Date.now() > deadline) {
      await cleanup();
      throw new Error(`socat did not create ${hostPath} and ${devicePath} in time: ${log.trim()}`);
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  let closed: Promise<void> | null = null;
  return {
    dir,
    hostPath,
    devicePath,
    close: () => (closed ??= cleanup()),
  };
}
