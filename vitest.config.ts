import { defineConfig } from 'vitest/config';
import { fileURLToPath } from 'node:url';

const r = (p: string) => fileURLToPath(new URL(p, import.meta.url));

export default defineConfig({
  resolve: {
    alias: {
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
