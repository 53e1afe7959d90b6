/**
 * Web builds served by the hall server under /display/, /console/, /kiosk/ and /window/.
 *
 * - `npm run build:web` runs this file with tsx: it builds every app whose index.html exists into dist/web/<app>/
 *   and skips the others (they are written in parallel and appear later).
 * - `vite build --config web.vite.config.ts` builds one app: ONEDOOR_WEB_APP (display | console | kiosk | window),
 *   display by default. `vite --config web.vite.config.ts` serves it for development, proxying the API and
 *   socket.io to a hall server on HALL_PORT (default 8080).
 *
 * The build loop lives here rather than in scripts/ because this file is in the TypeScript project (tsconfig
 * includes *.config.ts), so it is type-checked and linted like everything else.
 */
import { existsSync, readdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build, defineConfig, type UserConfig } from 'vite';
import react from '@vitejs/plugin-react';

const ROOT = dirname(fileURLToPath(import.meta.url));

export const WEB_APPS = {
  display: { root: 'display-board', base: '/display/' },
  console: { root: 'console', base: '/console/' },
  kiosk: { root: 'kiosk/src/renderer', base: '/kiosk/' },
  window: { root: 'window-client/src/renderer', base: '/window/' },
} as const;
export type WebApp = keyof typeof WEB_APPS;

export function isWebApp(name: string): name is WebApp {
  return Object.hasOwn(WEB_APPS, name);
}

/** Whether the app has an index.html to build yet. */
export function webAppExists(app: WebApp): boolean {
  return existsSync(resolve(ROOT, WEB_APPS[app].root, 'index.html'));
}

function pagesOf(root: string): Record<string, string> {
  const dir = resolve(ROOT, root);
  if (!existsSync(dir)) return {};
  return Object.fromEntries(
    readdirSync(dir)
      .filter((f) => f.endsWith('.html'))
      .map((f) => [f.slice(0, -'.html'.length), resolve(dir, f)]),
  );
}

export function webAppConfig(app: WebApp): UserConfig {
  const { root, base } = WEB_APPS[app];
  const hall = `http://127.0.0.1:${process.env.HALL_PORT ?? '8080'}`;
  return {
    root: resolve(ROOT, root),
    base,
    plugins: [react()],
    resolve: {
      // The longer names first: an alias also matches imports that start with it and a slash.
      alias: {
        '@onedoor/protocol/client': resolve(ROOT, 'protocol/src/client/index.ts'),
        '@onedoor/staff-ui': resolve(ROOT, 'window-client/src/renderer/staff/index.ts'),
        '@onedoor/protocol': resolve(ROOT, 'protocol/src/index.ts'),
      },
    },
    // The apps read no VITE_* variables; nothing from the build machine's environment leaks into the bundle.
    envDir: false,
    logLevel: 'warn',
    build: {
      outDir: resolve(ROOT, 'dist/web', app),
      emptyOutDir: true,
      // TV boards and kiosks run current Chromium / Electron.
      target: 'chrome110',
      sourcemap: true,
      chunkSizeWarningLimit: 2000,
      // Multi-page apps: every *.html beside index.html is a page too (console/backoffice.html → /console/backoffice.html).
      rollupOptions: { input: pagesOf(root) },
    },
    server: {
      proxy: {
        '/api': hall,
        '/socket.io': { target: hall, ws: true },
      },
    },
  };
}

export async function buildWebApps(apps: readonly WebApp[] = Object.keys(WEB_APPS) as WebApp[]): Promise<WebApp[]> {
  // A production bundle even when called from a test runner that set NODE_ENV=test (React would ship its dev build).
  process.env.NODE_ENV = 'production';
  const built: WebApp[] = [];
  const failed: { app: WebApp; error: unknown }[] = [];
  for (const app of apps) {
    if (!webAppExists(app)) {
      console.log(`build:web  skip ${app.padEnd(8)} (no ${WEB_APPS[app].root}/index.html yet)`);
      continue;
    }
    const started = Date.now();
    try {
      await build({ ...webAppConfig(app), configFile: false, mode: 'production' });
    } catch (error) {
      // One broken app must not keep the others from building; the failure is still reported below.
      console.error(`build:web  ${app.padEnd(8)} FAILED`);
      failed.push({ app, error });
      continue;
    }
    console.log(`build:web  ${app.padEnd(8)} → dist/web/${app}/  (${Date.now() - started} ms)`);
    built.push(app);
  }
  if (failed.length > 0) {
    const detail = failed.map((f) => `${f.app}: ${f.error instanceof Error ? f.error.message : String(f.error)}`);
    throw new Error(`build:web failed for ${failed.map((f) => f.app).join(', ')}\n${detail.join('\n')}`, {
      cause: failed[0]!.error,
    });
  }
  return built;
}

const requested = process.env.ONEDOOR_WEB_APP ?? 'display';
if (!isWebApp(requested)) {
  throw new Error(`ONEDOOR_WEB_APP=${requested}: expected one of ${Object.keys(WEB_APPS).join(', ')}`);
}

export default defineConfig(webAppConfig(requested));

// `tsx web.vite.config.ts [app …]` (npm run build:web): build all apps that exist, or the ones named.
const runDirectly = process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href;
if (runDirectly) {
  const names = process.argv.slice(2);
  const unknown = names.filter((n) => !isWebApp(n));
  if (unknown.length > 0) {
    console.error(`build:web: unknown app ${unknown.join(', ')}; expected ${Object.keys(WEB_APPS).join(', ')}`);
    process.exit(2);
  }
  buildWebApps(names.length > 0 ? (names as WebApp[]) : undefined).then(
    (built) => {
      if (!built.includes('display') && (names.length === 0 || names.includes('display'))) {
        console.error('build:web: display-board/index.html is missing');
        process.exit(1);
      }
    },
    (err: unknown) => {
      console.error(err instanceof Error ? err.message : err);
      process.exit(1);
    },
  );
}
