/**
 * Finds and launches Chromium for the e2e tests (playwright-core drives Debian's chromium; no browser download).
 *
 * CHROMIUM_PATH, then /usr/bin/chromium. Without one the e2e tests skip with a message — except under CI=true,
 * where a missing browser is a failure, so a broken CI image cannot pass by skipping everything.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--autoplay-policy=no-user-gesture-required',
];

export interface ChromiumInfo {
  path: string | null;
  /** Why the tests are skipped, when they are. */
  skipReason: string | null;
}

export function findChromium(): ChromiumInfo {
  const path = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
  if (existsSync(path)) return { path, skipReason: null };
  const message = `Chromium not found at ${path} (set CHROMIUM_PATH, or apt-get install chromium fonts-wqy-microhei)`;
  if (process.env.CI === 'true') throw new Error(`${message}; e2e tests may not be skipped under CI=true`);
  console.warn(`[e2e] skipped: ${message}`);
  return { path: null, skipReason: message };
}

export interface LaunchedContext {
  context: BrowserContext;
  close(): Promise<void>;
}

/**
 * A fresh browser with its own throw-away profile (--user-data-dir), so no state leaks between runs.
 * `args` replaces flags by name: pass '--autoplay-policy=document-user-activation-required' to see a blocked board.
 */
export async function launchChromium(
  executablePath: string,
  options: {
    args?: string[];
    viewport?: { width: number; height: number };
    /** The browser's own time zone, default Asia/Shanghai (a TV or PC set to another zone: another one). */
    timezoneId?: string;
  } = {},
): Promise<LaunchedContext> {
  const userDataDir = mkdtempSync(join(tmpdir(), 'onedoor-chromium-'));
  const override = new Map((options.args ?? []).map((a) => [a.split('=')[0], a]));
  const args = CHROMIUM_ARGS.map((a) => override.get(a.split('=')[0]) ?? a);
  for (const a of options.args ?? []) if (!args.includes(a)) args.push(a);
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath,
    headless: true,
    args,
    viewport: options.viewport ?? { width: 1920, height: 1080 },
    locale: 'zh-CN',
    timezoneId: options.timezoneId ?? 'Asia/Shanghai',
  });
  // Under the test's own 30 s: a click or wait that hangs then fails naming its locator, not as a bare test timeout.
  context.setDefaultTimeout(20_000);
  return {
    context,
    async close() {
      await context.close().catch(() => undefined);
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}
