import { defineConfig } from 'vitest/config';
import { fileURLToPath } from 'node:url';

const r = (p: string) => fileURLToPath(new URL(p, import.meta.url));

export default defineConfig({
  resolve: {
    alias: {
      // The longer names first: an alias also matches imports that start with it and a slash.
      '@onedoor/protocol/client': r('./protocol/src/client/index.ts'),
      '@onedoor/staff-ui': r('./window-client/src/renderer/staff/index.ts'),
      '@onedoor/protocol': r('./protocol/src/index.ts'),
      '@onedoor/hardware': r('./hardware/src/index.ts'),
    },
  },
  test: {
    include: ['**/*.test.ts', '**/*.test.tsx'],
    exclude: ['node_modules/**', 'dist/**', 'out/**', 'test/bench/**'],
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Tests start their own servers, brokers and Chromium; two cores are shared by everything here.
    maxWorkers: 2,
    fileParallelism: true,
  },
});
