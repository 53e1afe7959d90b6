import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const IO_MODULES = [
  'node:fs', 'fs', 'node:fs/promises', 'fs/promises', 'node:net', 'net', 'node:http', 'http', 'node:child_process',
  'child_process', 'node:crypto', 'crypto', 'better-sqlite3', 'socket.io', 'socket.io-client', 'mqtt', 'aedes',
  'serialport', '@serialport/*', 'fastify', '@fastify/*', 'electron', 'pino', 'node-thermal-printer',
];

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'out/**', 'data/**', 'bench-results/**', 'docs/**', '**/*.js', '**/*.cjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { arguments: false } }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
    },
  },
  {
    // The domain is pure: clock and ids are injected, all IO lives in adapters/.
    files: ['hall-server/src/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: IO_MODULES, message: 'hall-server/src/domain is pure: do IO in adapters/ and inject it through ports.' },
          { group: ['**/adapters/**', '**/app/**'], message: 'The domain may not depend on app/ or adapters/.' },
        ],
      }],
      'no-restricted-globals': ['error', { name: 'setTimeout', message: 'Domain code has no timers.' }, { name: 'setInterval', message: 'Domain code has no timers.' }],
      'no-restricted-properties': ['error', { object: 'Date', property: 'now', message: 'Use the injected clock (ctx.now).' }, { object: 'Math', property: 'random', message: 'Use the injected id generator.' }],
      'no-restricted-syntax': ['error', { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'Use the injected clock (ctx.now).' }],
    },
  },
  {
    // protocol/ is shared by every part and imports nothing of ours.
    files: ['protocol/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: IO_MODULES, message: 'protocol/ holds types and schemas only.' },
          { group: ['**/hall-server/**', '**/hardware/**', '@onedoor/hardware'], message: 'protocol/ imports nothing of ours.' },
        ],
      }],
    },
  },
  {
    // Renderers and web apps never touch Node, the hardware package or the server.
    files: ['kiosk/src/renderer/**', 'window-client/src/renderer/**', 'display-board/**', 'console/**'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: [...IO_MODULES.filter((m) => m !== 'socket.io-client'), 'node:*'], message: 'Renderers run in a browser: use the preload API or the hall server.' },
          { group: ['**/hall-server/**', '**/hardware/**', '@onedoor/hardware'], message: 'Clients import protocol/ only.' },
        ],
      }],
    },
  },
  {
    files: ['**/*.test.ts', '**/*.test.tsx', 'test/**'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
);
