import { readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/*
 * The house's layer rules are written here and tested in test/lint/ (each one fires on a planted violation).
 *
 * Flat config keeps only the last setting of a rule that matches a file, so the rule slots are split by concern:
 *   no-restricted-imports                     — what a layer may depend on (domain, protocol, app, pure codecs,
 *                                               clients); the zones below do not overlap, and a renderer zone
 *                                               repeats its client's cross-client patterns
 *   @typescript-eslint/no-restricted-imports  — test code and simulators stay off production paths (every file)
 *   no-restricted-syntax                      — the same for dynamic import(); the domain zone repeats it
 *   no-restricted-globals                     — no timers or `process` in the domain and the pure codecs
 */

const IO_MODULES = [
  'node:fs',
  'fs',
  'node:fs/promises',
  'fs/promises',
  'node:net',
  'net',
  'node:http',
  'http',
  'node:child_process',
  'child_process',
  'node:crypto',
  'crypto',
  'better-sqlite3',
  'socket.io',
  'socket.io-client',
  'mqtt',
  'aedes',
  'serialport',
  '@serialport/*',
  'fastify',
  '@fastify/*',
  'electron',
  'pino',
  'node-thermal-printer',
];

const CLIENTS = ['kiosk', 'window-client', 'display-board', 'console'];
/** The browser side of each client: no Node, no hardware, no server. */
const RENDERERS = {
  kiosk: ['kiosk/src/renderer/**'],
  'window-client': ['window-client/src/renderer/**'],
  'display-board': ['display-board/**'],
  console: ['console/**'],
};

/** Tests and their helpers: they may use simulators, test helpers and devDependencies. */
const TEST_FILES = [
  '**/*.test.ts',
  '**/*.test.tsx',
  'test/**',
  '**/test/**',
  'hardware/src/testing/**',
  'hardware/fixtures/**',
];
/** Files that may import simulators: simulators themselves and the demo's virtual devices and printers. */
const SIMULATOR_SIDE = [
  '**/*.sim.ts',
  'hardware/src/simulators/**',
  'hardware/src/cli/sim*',
  'hall-server/src/adapters/virtual-devices.ts',
  'hall-server/src/adapters/virtual-printers.ts',
];
/** Build configs at the top level run on the build machine with devDependencies. */
const BUILD_CONFIGS = ['*.config.ts'];

// --- test code and simulators off production paths ----------------------------------------------------------------

const packageJson = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));
/** devDependencies a production install does not have; electron is provided by the Electron runtime itself. */
const DEV_ONLY = Object.keys(packageJson.devDependencies).filter(
  (name) => name !== 'electron' && !name.startsWith('@types/'),
);
const escapeRegex = (s) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

const MESSAGES = {
  devDependency:
    'A devDependency is not installed on a hall machine (npm ci --omit=dev): production code may import its types only.',
  testing: 'Test helpers (@onedoor/hardware/testing, hardware/src/testing/) are for tests only.',
  simulator:
    "Simulators stay off production paths: only the demo's virtual devices (hall-server/src/adapters/virtual-devices.ts, virtual-printers.ts), `hw sim` and tests import @onedoor/hardware/simulators or *.sim modules.",
  lazySimulatorSide:
    "The demo's virtual devices and `hw sim` load only when used: import them with `await import()` where they are enabled.",
  appAdapters: 'app/ holds use cases over ports (app/ports.ts): only main.ts constructs adapters and passes them in.',
  domainProcess:
    'hall-server/src/domain is pure: configuration and the environment are passed in, never read from `process`.',
  pureCodec:
    'Protocol codecs, the ESC/POS encoder and ticket templates are pure bytes in, bytes out: do IO in the driver over an injected transport.',
  pureCodecGlobal: 'Protocol codecs, the ESC/POS encoder and ticket templates are pure: no timers, no `process`.',
  crossClient: (client) =>
    `${client} may not import another client's internals: share code through a declared entry (@onedoor/protocol, @onedoor/protocol/client, @onedoor/staff-ui).`,
};

const DEV_ONLY_PATTERN = {
  regex: `^(${DEV_ONLY.map(escapeRegex).join('|')})(/.*)?$`,
  allowTypeImports: true,
  message: MESSAGES.devDependency,
};
const TESTING_PATTERNS = [
  { regex: '^@onedoor/hardware/testing$', message: MESSAGES.testing },
  { regex: '^\\.\\.?/(.*/)?testing(/|$)', message: MESSAGES.testing },
];
const SIMULATOR_PATTERNS = [
  { regex: '^@onedoor/hardware/simulators$', message: MESSAGES.simulator },
  { regex: '^\\.\\.?/(.*/)?simulators(/|$)', message: MESSAGES.simulator },
  { regex: '\\.sim(\\.[jt]sx?)?$', message: MESSAGES.simulator },
  // Types are erased at build time: `import type { VirtualDevices }` loads nothing.
  {
    regex: '(^|/)(virtual-devices|virtual-printers|sim\\.command)(\\.[jt]s)?$',
    allowTypeImports: true,
    message: MESSAGES.lazySimulatorSide,
  },
];
/** import('…') of a simulator or test helper, wherever a static import of it is forbidden. */
const NO_DYNAMIC_TEST_IMPORT = {
  selector:
    'ImportExpression > Literal[value=/^@onedoor\\u002Fhardware\\u002F(simulators|testing)$|\\.sim(\\.[jt]s)?$|(^|\\u002F)(testing|simulators)\\u002F/]',
  message: MESSAGES.simulator,
};

// --- purity ---------------------------------------------------------------------------------------------------------

/** Pure codecs may use Buffer and nothing else of Node. */
const NODE_BUILTINS_BUT_BUFFER = builtinModules.filter((m) => m !== 'buffer' && !m.startsWith('_'));
const PURE_CODEC_FILES = [
  'hardware/src/**/protocol.ts',
  'hardware/src/id-card/frame-parser.ts',
  'hardware/src/id-card/card-text.ts',
  'hardware/src/printer/escpos.ts',
  'hardware/src/printer/templates.ts',
  'hardware/src/printer/status.ts',
];
const TIMERS = ['setTimeout', 'setInterval', 'setImmediate'];

export default tseslint.config(
  {
    ignores: ['node_modules/**', 'dist/**', 'out/**', 'data/**', 'bench-results/**', 'docs/**', '**/*.js', '**/*.cjs'],
  },
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
    // Production code: everything a hall machine runs (server, gateway, CLI, Electron main, web apps).
    files: ['**/*.ts', '**/*.tsx'],
    ignores: [...TEST_FILES, ...SIMULATOR_SIDE, ...BUILD_CONFIGS],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [DEV_ONLY_PATTERN, ...TESTING_PATTERNS, ...SIMULATOR_PATTERNS],
        },
      ],
      'no-restricted-syntax': ['error', NO_DYNAMIC_TEST_IMPORT],
    },
  },
  {
    // Simulators and their two users run from a production install too (the demo hall, `hw sim`).
    files: SIMULATOR_SIDE,
    ignores: TEST_FILES,
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [DEV_ONLY_PATTERN, TESTING_PATTERNS[0]],
        },
      ],
    },
  },
  {
    // The domain is pure: clock and ids are injected, all IO lives in adapters/.
    files: ['hall-server/src/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: IO_MODULES,
              message: 'hall-server/src/domain is pure: do IO in adapters/ and inject it through ports.',
            },
            { group: ['**/adapters/**', '**/app/**'], message: 'The domain may not depend on app/ or adapters/.' },
            { group: ['process', 'node:process'], message: MESSAGES.domainProcess },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        { name: 'setTimeout', message: 'Domain code has no timers.' },
        { name: 'setInterval', message: 'Domain code has no timers.' },
        { name: 'process', message: MESSAGES.domainProcess },
      ],
      'no-restricted-properties': [
        'error',
        { object: 'Date', property: 'now', message: 'Use the injected clock (ctx.now).' },
        { object: 'Math', property: 'random', message: 'Use the injected id generator.' },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: "NewExpression[callee.name='Date'][arguments.length=0]",
          message: 'Use the injected clock (ctx.now).',
        },
        NO_DYNAMIC_TEST_IMPORT,
      ],
    },
  },
  {
    // Use cases talk to stores, the vault, the clock and the notifier through ports; main.ts wires the adapters in.
    files: ['hall-server/src/app/**/*.ts'],
    ignores: TEST_FILES,
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [{ regex: '(^|/)adapters(/|$)', message: MESSAGES.appAdapters }],
        },
      ],
    },
  },
  {
    // protocol/ is shared by every part and imports nothing of ours.
    files: ['protocol/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: IO_MODULES, message: 'protocol/ holds types and schemas only.' },
            {
              group: ['**/hall-server/**', '**/hardware/**', '@onedoor/hardware', '@onedoor/hardware/*'],
              message: 'protocol/ imports nothing of ours.',
            },
          ],
        },
      ],
    },
  },
  {
    // Device codecs are pure functions over bytes, tested byte for byte; drivers own the IO.
    files: PURE_CODEC_FILES,
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: `^(node:)?(${NODE_BUILTINS_BUT_BUFFER.map(escapeRegex).join('|')})$`,
              message: MESSAGES.pureCodec,
            },
            { group: IO_MODULES, message: MESSAGES.pureCodec },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        ...[...TIMERS, 'process'].map((name) => ({ name, message: MESSAGES.pureCodecGlobal })),
      ],
    },
  },
  // One client never reaches into another (kiosk, window-client, display-board, console); renderers are browser code.
  ...CLIENTS.flatMap((client) => {
    const others = CLIENTS.filter((c) => c !== client);
    const crossClient = {
      regex: `^(\\.\\./)+(${others.map(escapeRegex).join('|')})/`,
      message: MESSAGES.crossClient(client),
    };
    return [
      {
        files: [`${client}/**/*.ts`, `${client}/**/*.tsx`],
        rules: { 'no-restricted-imports': ['error', { patterns: [crossClient] }] },
      },
      {
        // Renderers and web apps never touch Node, the hardware package or the server.
        files: RENDERERS[client],
        rules: {
          'no-restricted-imports': [
            'error',
            {
              patterns: [
                crossClient,
                {
                  group: [...IO_MODULES.filter((m) => m !== 'socket.io-client'), 'node:*'],
                  message: 'Renderers run in a browser: use the preload API or the hall server.',
                },
                {
                  group: ['**/hall-server/**', '**/hardware/**', '@onedoor/hardware', '@onedoor/hardware/*'],
                  message: 'Clients import protocol/ only.',
                },
              ],
            },
          ],
        },
      },
    ];
  }),
  {
    files: ['**/*.test.ts', '**/*.test.tsx', 'test/**'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
);
