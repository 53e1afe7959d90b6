/**
 * One electron-vite config for both Electron apps. `--mode kiosk | window-client` picks the app:
 *   <app>/src/main/index.ts        → out/<app>/main/index.js     (ESM, dependencies external: serialport stays native)
 *   <app>/src/preload/index.ts     → out/<app>/preload/index.cjs (CommonJS, bundled: sandboxed preloads cannot import)
 *   <app>/src/renderer/index.html  → out/<app>/renderer/         (React; relative base so it loads from file://)
 *
 * An app whose main entry does not exist yet is skipped with a message (electron-vite builds nothing for an empty
 * config), so `npm run build:electron` works while the other app is being written.
 *
 * Run one: `electron-vite build --mode kiosk`; develop: `ELECTRON_ENTRY=out/kiosk/main/index.js electron-vite dev --mode kiosk`.
 */
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, type UserConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';

const ROOT = dirname(fileURLToPath(import.meta.url));

export const ELECTRON_APPS = ['kiosk', 'window-client'] as const;
export type ElectronApp = (typeof ELECTRON_APPS)[number];

const alias = {
  // The longer names first: an alias also matches imports that start with it and a slash.
  '@onedoor/protocol/client': resolve(ROOT, 'protocol/src/client/index.ts'),
  '@onedoor/staff-ui': resolve(ROOT, 'window-client/src/renderer/staff/index.ts'),
  '@onedoor/protocol': resolve(ROOT, 'protocol/src/index.ts'),
  '@onedoor/hardware': resolve(ROOT, 'hardware/src/index.ts'),
};

export function electronAppConfig(app: ElectronApp): UserConfig {
  const src = resolve(ROOT, app, 'src');
  const out = resolve(ROOT, 'out', app);
  const mainEntry = resolve(src, 'main/index.ts');
  const preloadEntry = resolve(src, 'preload/index.ts');
  const rendererRoot = resolve(src, 'renderer');
  if (!existsSync(mainEntry)) {
    console.log(`build:electron  skip ${app} (no ${app}/src/main/index.ts yet)`);
    return {};
  }
  const config: UserConfig = {
    main: {
      resolve: { alias },
      build: {
        outDir: resolve(out, 'main'),
        emptyOutDir: true,
        externalizeDeps: true,
        sourcemap: true,
        rolldownOptions: { input: { index: mainEntry } },
      },
    },
  };
  if (existsSync(preloadEntry)) {
    config.preload = {
      resolve: { alias },
      build: {
        outDir: resolve(out, 'preload'),
        emptyOutDir: true,
        externalizeDeps: false,
        rolldownOptions: {
          input: { index: preloadEntry },
          output: { format: 'cjs', entryFileNames: '[name].cjs' },
        },
      },
    };
  }
  if (existsSync(resolve(rendererRoot, 'index.html'))) {
    config.renderer = {
      root: rendererRoot,
      base: './',
      plugins: [react()],
      resolve: { alias },
      envDir: false,
      build: {
        outDir: resolve(out, 'renderer'),
        emptyOutDir: true,
        target: 'chrome130',
        sourcemap: true,
        chunkSizeWarningLimit: 2000,
        rolldownOptions: { input: { index: resolve(rendererRoot, 'index.html') } },
      },
    };
  }
  return config;
}

export default defineConfig(({ mode }) => {
  if (!(ELECTRON_APPS as readonly string[]).includes(mode)) {
    throw new Error(
      `electron-vite --mode ${mode}: expected one of ${ELECTRON_APPS.join(', ')} (e.g. electron-vite build --mode kiosk)`,
    );
  }
  return electronAppConfig(mode as ElectronApp);
});
