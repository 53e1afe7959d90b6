import { defineConfig } from 'vitest/config';
import { TEST_ALIASES } from './aliases.config.ts';

export default defineConfig({
  resolve: { alias: TEST_ALIASES },
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
