/**
 * The house's layer rules (eslint.config.js) hold themselves: each one is run through ESLint's Node API on a planted
 * violation at the path where it applies, and must report it with its rule and message; the clean neighbour passes.
 *
 * Snippets are linted as text at virtual paths (nothing is written to disk). Type-aware rules are switched off for
 * them (typescript-eslint's disableTypeChecked): the import rules need no types, and a virtual file belongs to no
 * TypeScript project.
 */
import { fileURLToPath } from 'node:url';
import { ESLint, type Linter } from 'eslint';
import tseslint from 'typescript-eslint';
import { beforeAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

let eslint: ESLint;
beforeAll(() => {
  eslint = new ESLint({
    cwd: ROOT,
    overrideConfig: { files: ['**/*.ts', '**/*.tsx'], ...tseslint.configs.disableTypeChecked },
  });
});

async function lint(filePath: string, code: string): Promise<Linter.LintMessage[]> {
  const [result] = await eslint.lintText(code, { filePath, warnIgnored: true });
  return result!.messages;
}

/** The planted snippet is reported by `ruleId` with a message containing `message`. */
async function expectViolation(filePath: string, code: string, ruleId: string, message: string): Promise<void> {
  const messages = await lint(filePath, code);
  expect(messages.map((m) => ({ ruleId: m.ruleId, fatal: m.fatal ?? false }))).toContainEqual({ ruleId, fatal: false });
  expect(messages.find((m) => m.ruleId === ruleId)?.message).toContain(message);
}

async function expectClean(filePath: string, code: string): Promise<void> {
  expect(await lint(filePath, code)).toEqual([]);
}

const SIMULATOR = 'Simulators stay off production paths';
const TESTING = 'Test helpers (@onedoor/hardware/testing, hardware/src/testing/) are for tests only';
const DEV_DEPENDENCY = 'A devDependency is not installed on a hall machine';
const LAZY = "The demo's virtual devices and `hw sim` load only when used";
const TS_IMPORTS = '@typescript-eslint/no-restricted-imports';

describe('app/ does not import adapters/', () => {
  const MESSAGE = 'app/ holds use cases over ports';

  it('reports a use case that imports a repository, by value or by type, at any depth of app/', async () => {
    await expectViolation(
      'hall-server/src/app/queue/issue.ts',
      "import { QueueRepository } from '../../adapters/db/queue.repository.js';\nexport const repo = QueueRepository;\n",
      'no-restricted-imports',
      MESSAGE,
    );
    await expectViolation(
      'hall-server/src/app/pipeline.ts',
      "import type { Db } from './../adapters/db/database.js';\nexport type Handle = Db;\n",
      'no-restricted-imports',
      MESSAGE,
    );
  });

  it('lets use cases import ports and the domain, and tests wire real adapters', async () => {
    await expectClean(
      'hall-server/src/app/queue/issue.ts',
      "import type { Clock } from '../ports.js';\nimport { decide } from '../../domain/queue/queue.js';\nexport const use = (c: Clock) => [c, decide];\n",
    );
    await expectClean(
      'hall-server/src/app/queue/issue.test.ts',
      "import { QueueRepository } from '../../adapters/db/queue.repository.js';\nexport const repo = QueueRepository;\n",
    );
  });
});

describe('simulators and test helpers stay off production paths', () => {
  it('reports the simulator entry, a *.sim module and the simulators folder on production paths', async () => {
    await expectViolation(
      'hall-server/src/adapters/http/devices.routes.ts',
      "import { Rs485BusSimulator } from '@onedoor/hardware/simulators';\nexport const s = Rs485BusSimulator;\n",
      TS_IMPORTS,
      SIMULATOR,
    );
    await expectViolation(
      'hardware/src/gateway/gateway.ts',
      "import { Rs485BusSimulator } from '../rs485/bus.sim.js';\nexport const s = Rs485BusSimulator;\n",
      TS_IMPORTS,
      SIMULATOR,
    );
    await expectViolation(
      'hardware/src/gateway/gateway.ts',
      "import { Rs485BusSimulator } from '../simulators/index.js';\nexport const s = Rs485BusSimulator;\n",
      TS_IMPORTS,
      SIMULATOR,
    );
    await expectViolation(
      'kiosk/src/main/hardware.ts',
      "export { PrinterSim } from '@onedoor/hardware/simulators';\n",
      TS_IMPORTS,
      SIMULATOR,
    );
  });

  it('reports the testing entry and the testing folder on production paths', async () => {
    await expectViolation(
      'kiosk/src/main/hardware.ts',
      "import { decodeEscPos } from '@onedoor/hardware/testing';\nexport const d = decodeEscPos;\n",
      TS_IMPORTS,
      TESTING,
    );
    await expectViolation(
      'hardware/src/cli/printer.command.ts',
      "import { createPtyPair } from '../testing/socat.js';\nexport const p = createPtyPair;\n",
      TS_IMPORTS,
      TESTING,
    );
  });

  it('reports a dynamic import() of a simulator or test helper, in the domain too', async () => {
    await expectViolation(
      'hall-server/src/app/demo.ts',
      "export const load = () => import('@onedoor/hardware/simulators');\n",
      'no-restricted-syntax',
      SIMULATOR,
    );
    await expectViolation(
      'hall-server/src/domain/queue/planted.ts',
      "export const load = () => import('../../../../hardware/src/rs485/bus.sim.js');\n",
      'no-restricted-syntax',
      SIMULATOR,
    );
  });

  it('makes the demo devices and `hw sim` load lazily: a static import is reported, import() passes', async () => {
    await expectViolation(
      'hall-server/src/main.ts',
      "import { startVirtualDevices } from './adapters/virtual-devices.js';\nexport const start = startVirtualDevices;\n",
      TS_IMPORTS,
      LAZY,
    );
    await expectViolation(
      'hardware/src/cli/main.ts',
      "import { runSim } from './sim.command.js';\nexport const run = runSim;\n",
      TS_IMPORTS,
      LAZY,
    );
    await expectClean(
      'hardware/src/cli/main.ts',
      "export async function sim() {\n  const { runSim } = await import('./sim.command.js');\n  return runSim;\n}\n",
    ); // A type import is erased at build time and loads nothing.
    await expectClean(
      'hall-server/src/main.ts',
      "import type { VirtualDevices } from './adapters/virtual-devices.js';\nexport const devices: VirtualDevices[] = [];\n",
    );
  });

  it('reports a devDependency imported by value on a production path; its types are fine', async () => {
    await expectViolation(
      'hall-server/src/adapters/db/seed.ts',
      "import fc from 'fast-check';\nexport const arb = fc.nat();\n",
      TS_IMPORTS,
      DEV_DEPENDENCY,
    );
    await expectViolation(
      'hardware/src/transport/serial.ts',
      "import { MockBinding } from '@serialport/binding-mock';\nexport const b = MockBinding;\n",
      TS_IMPORTS,
      DEV_DEPENDENCY,
    );
    await expectClean(
      'hardware/src/transport/serial.ts',
      "import type { MockBinding } from '@serialport/binding-mock';\nexport type B = typeof MockBinding;\n",
    );
  });

  it('lets the demo virtual devices, `hw sim`, simulators and tests import simulators', async () => {
    await expectClean(
      'hall-server/src/adapters/virtual-devices.ts',
      "import { Rs485BusSimulator } from '@onedoor/hardware/simulators';\nexport const s = Rs485BusSimulator;\n",
    );
    await expectClean(
      'hardware/src/cli/sim.command.ts',
      "import { createPtyPair } from '../testing/socat.js';\nimport { PrinterSim } from '../printer/printer.sim.js';\nexport const x = [createPtyPair, PrinterSim];\n",
    );
    await expectClean(
      'hardware/src/simulators/index.ts',
      "export { IdCardReaderSim } from '../id-card/reader.sim.js';\n",
    );
    await expectClean(
      'kiosk/src/main/app.test.ts',
      "import { PrinterSim } from '@onedoor/hardware/simulators';\nimport { decodeEscPos } from '@onedoor/hardware/testing';\nimport fc from 'fast-check';\nexport const x = [PrinterSim, decodeEscPos, fc];\n",
    );
  });

  it('keeps the simulator side off test helpers and devDependencies (the demo runs from a production install)', async () => {
    await expectViolation(
      'hall-server/src/adapters/virtual-devices.ts',
      "import { mockDeviceBinding } from '@onedoor/hardware/testing';\nexport const b = mockDeviceBinding;\n",
      TS_IMPORTS,
      TESTING,
    );
    await expectViolation(
      'hardware/src/rs485/bus.sim.ts',
      "import { MockBinding } from '@serialport/binding-mock';\nexport const b = MockBinding;\n",
      TS_IMPORTS,
      DEV_DEPENDENCY,
    );
  });
});

describe('device codecs, the ESC/POS encoder and ticket templates do no IO', () => {
  const IMPORT = 'pure bytes in, bytes out';
  const GLOBAL = 'no timers, no `process`';

  it('reports Node IO modules, serial ports and timers imported into a protocol.ts or the encoder', async () => {
    await expectViolation(
      'hardware/src/rs485/protocol.ts',
      "import { readFileSync } from 'node:fs';\nexport const r = readFileSync;\n",
      'no-restricted-imports',
      IMPORT,
    );
    await expectViolation(
      'hardware/src/onbon/protocol.ts',
      "import { Socket } from 'net';\nexport const s = Socket;\n",
      'no-restricted-imports',
      IMPORT,
    );
    await expectViolation(
      'hardware/src/id-card/protocol.ts',
      "import { SerialPort } from 'serialport';\nexport const p = SerialPort;\n",
      'no-restricted-imports',
      IMPORT,
    );
    await expectViolation(
      'hardware/src/printer/escpos.ts',
      "import { setTimeout } from 'node:timers/promises';\nexport const t = setTimeout;\n",
      'no-restricted-imports',
      IMPORT,
    );
    await expectViolation(
      'hardware/src/printer/templates.ts',
      "import { hostname } from 'node:os';\nexport const h = hostname;\n",
      'no-restricted-imports',
      IMPORT,
    );
  });

  it('reports timers and `process` used as globals', async () => {
    await expectViolation(
      'hardware/src/rs485/protocol.ts',
      'export const later = (f: () => void) => setTimeout(f, 10);\n',
      'no-restricted-globals',
      GLOBAL,
    );
    await expectViolation(
      'hardware/src/printer/escpos.ts',
      'export const wide = process.env.WIDE === "1";\n',
      'no-restricted-globals',
      GLOBAL,
    );
  });

  it('lets them use Buffer, iconv-lite and the protocol package', async () => {
    await expectClean(
      'hardware/src/printer/escpos.ts',
      "import { Buffer } from 'node:buffer';\nimport iconv from 'iconv-lite';\nimport type { PadKey } from '@onedoor/protocol';\nexport const gbk = (s: string, _k?: PadKey) => Buffer.from(iconv.encode(s, 'gbk'));\n",
    );
  });
});

describe('the domain does not read `process`', () => {
  const MESSAGE = 'never read from `process`';

  it('reports the global and the module', async () => {
    await expectViolation(
      'hall-server/src/domain/queue/planted.ts',
      'export const tz = process.env.TZ ?? "Asia/Shanghai";\n',
      'no-restricted-globals',
      MESSAGE,
    );
    await expectViolation(
      'hall-server/src/domain/time/planted.ts',
      "import process from 'node:process';\nexport const tz = process.env.TZ;\n",
      'no-restricted-imports',
      MESSAGE,
    );
  });

  it('keeps the domain rules that were there before', async () => {
    await expectViolation(
      'hall-server/src/domain/queue/planted.ts',
      'export const now = () => new Date();\n',
      'no-restricted-syntax',
      'Use the injected clock',
    );
    await expectViolation(
      'hall-server/src/domain/queue/planted.ts',
      "import Database from 'better-sqlite3';\nexport const d = Database;\n",
      'no-restricted-imports',
      'hall-server/src/domain is pure',
    );
    await expectClean(
      'hall-server/src/domain/queue/planted.ts',
      'export const tomorrow = (now: number) => now + 86_400_000;\n',
    );
  });
});

describe("one client does not import another client's internals", () => {
  it('reports a reach into another client from a web app, a renderer and an Electron main', async () => {
    await expectViolation(
      'console/src/hall-link.ts',
      "import { WindowHallLink } from '../../window-client/src/renderer/hall-link';\nexport const l = WindowHallLink;\n",
      'no-restricted-imports',
      "console may not import another client's internals",
    );
    await expectViolation(
      'kiosk/src/renderer/ui/Board.tsx',
      "import { BoardState } from '../../../../display-board/src/board-state';\nexport const b = BoardState;\n",
      'no-restricted-imports',
      "kiosk may not import another client's internals",
    );
    await expectViolation(
      'window-client/src/main/index.ts',
      "import { startKiosk } from '../../../kiosk/src/main/app';\nexport const s = startKiosk;\n",
      'no-restricted-imports',
      "window-client may not import another client's internals",
    );
  });

  it('lets a client use the declared entries and its own files', async () => {
    await expectClean(
      'console/src/ui/ConsoleApp.tsx',
      "import { SignIn } from '@onedoor/staff-ui';\nimport { createHallLink } from '@onedoor/protocol/client';\nimport { model } from '../console-model';\nexport const x = [SignIn, createHallLink, model];\n",
    );
  });

  it('keeps the renderer rules that were there before', async () => {
    await expectViolation(
      'kiosk/src/renderer/ui/TicketSlip.tsx',
      "import { readFileSync } from 'node:fs';\nexport const r = readFileSync;\n",
      'no-restricted-imports',
      'Renderers run in a browser',
    );
    await expectViolation(
      'display-board/src/sound.ts',
      "import { OnbonBoard } from '@onedoor/hardware/onbon';\nexport const b = OnbonBoard;\n",
      'no-restricted-imports',
      'Clients import protocol/ only',
    );
  });
});

describe('protocol/ imports nothing of ours (kept)', () => {
  it('reports a hardware entry', async () => {
    await expectViolation(
      'protocol/src/mqtt.ts',
      "import type { RatingLevel } from '@onedoor/hardware/rs485';\nexport type R = RatingLevel;\n",
      'no-restricted-imports',
      'protocol/ imports nothing of ours',
    );
  });
});
