/**
 * The TypeScript projects hold themselves: web code is compiled without Node's types (tsconfig.web.json), Node code
 * without the DOM (tsconfig.node.json), the shared protocol in both, every source file in some project, and the
 * bundlers' aliases (aliases.config.ts) match the projects' `paths`.
 *
 * A planted file is compiled together with the whole project, so a package whose types drag Node's globals into the
 * web project (as @types/qrcode does) is caught too.
 */
import { readdirSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { beforeAll, describe, expect, it } from 'vitest';
import { NODE_ALIASES, TEST_ALIASES, WEB_ALIASES, type Alias } from '../../aliases.config.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const PROJECTS = ['tsconfig.node.json', 'tsconfig.web.json', 'tsconfig.web-test.json'] as const;
/** tsconfig.json is the solution (no files of its own); tsx reads its `paths` at run time. */
type Project = (typeof PROJECTS)[number] | 'tsconfig.json';

function parseProject(project: Project): ts.ParsedCommandLine {
  const host: ts.ParseConfigFileHost = {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (d) => {
      throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    },
  };
  const parsed = ts.getParsedCommandLineOfConfigFile(resolve(ROOT, project), {}, host);
  if (!parsed) throw new Error(`${project} did not parse`);
  expect(parsed.errors).toEqual([]);
  return parsed;
}

/**
 * Compiles planted files (path → code; they do not exist on disk) inside `project`, together with all of its files,
 * and returns each planted file's messages.
 */
function compilePlanted(project: Project, planted: Record<string, string>): Record<string, string[]> {
  const parsed = parseProject(project);
  const byPath = new Map(Object.entries(planted).map(([path, code]) => [resolve(ROOT, path), code]));
  const base = ts.createCompilerHost(parsed.options);
  const host: ts.CompilerHost = {
    ...base,
    fileExists: (f) => byPath.has(f) || base.fileExists(f),
    readFile: (f) => byPath.get(f) ?? base.readFile(f),
    getSourceFile: (f, lang, ...rest) => {
      const code = byPath.get(f);
      return code !== undefined ? ts.createSourceFile(f, code, lang, true) : base.getSourceFile(f, lang, ...rest);
    },
  };
  const program = ts.createProgram({
    rootNames: [...parsed.fileNames, ...byPath.keys()],
    options: parsed.options,
    host,
  });
  return Object.fromEntries(
    [...byPath.keys()].map((f) => {
      const file = program.getSourceFile(f)!;
      const diagnostics = [...program.getSyntacticDiagnostics(file), ...program.getSemanticDiagnostics(file)];
      return [relative(ROOT, f), diagnostics.map((d) => ts.flattenDiagnosticMessageText(d.messageText, ' '))];
    }),
  );
}

const rel = (files: readonly string[]) => new Set(files.map((f) => relative(ROOT, f)));

// One program per project (each takes seconds to build): every planted file of that project goes into it.
describe('web code has no Node types; Node code has no DOM', () => {
  let web: Record<string, string[]>;
  let node: Record<string, string[]>;
  beforeAll(() => {
    web = compilePlanted('tsconfig.web.json', {
      'kiosk/src/renderer/planted.ts':
        "import { readFileSync } from 'node:fs';\nexport const env = process.env.HALL_PORT;\nexport const bytes = Buffer.from('x');\nexport const read = readFileSync;\n",
      'display-board/src/planted.ts': 'export const title = (): string => document.title;\n',
    });
    node = compilePlanted('tsconfig.node.json', {
      'hall-server/src/adapters/planted.ts':
        'export const title = document.title;\nexport const w = window.innerWidth;\n',
      'kiosk/src/main/planted.ts': 'export const title = document.title;\nexport const w = window.innerWidth;\n',
      'hall-server/src/planted.ts':
        "import { readFileSync } from 'node:fs';\nexport const port = process.env.HALL_PORT ?? readFileSync.name;\n",
    });
  }, 120_000);

  it('a renderer does not know process, Buffer or node: modules', () => {
    const messages = web['kiosk/src/renderer/planted.ts']!;
    expect(messages.some((m) => m.includes("Cannot find name 'process'"))).toBe(true);
    expect(messages.some((m) => m.includes("Cannot find name 'Buffer'"))).toBe(true);
    expect(messages.some((m) => m.includes("Cannot find module 'node:fs'"))).toBe(true);
  });

  it('web code knows the DOM', () => {
    expect(web['display-board/src/planted.ts']).toEqual([]);
  });

  it('the hall server and Electron main do not know document or window', () => {
    for (const path of ['hall-server/src/adapters/planted.ts', 'kiosk/src/main/planted.ts']) {
      expect(
        node[path]!.some((m) => m.includes("Cannot find name 'document'")),
        path,
      ).toBe(true);
      expect(
        node[path]!.some((m) => m.includes("Cannot find name 'window'")),
        path,
      ).toBe(true);
    }
  });

  it('Node code knows Node', () => {
    expect(node['hall-server/src/planted.ts']).toEqual([]);
  });
});

describe('the projects cover the tree', () => {
  function sourceFiles(dir: string): string[] {
    return readdirSync(resolve(ROOT, dir), { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile() && /\.tsx?$/.test(e.name))
      .map((e) => relative(ROOT, join(e.parentPath, e.name)))
      .filter((f) => !/(^|\/)(node_modules|dist|out|data)\//.test(f));
  }

  it('puts every TypeScript file of the repository in a project', () => {
    const covered = new Set(PROJECTS.flatMap((p) => [...rel(parseProject(p).fileNames)]));
    const tops = ['protocol', 'hall-server', 'hardware', 'kiosk', 'window-client', 'display-board', 'console', 'test'];
    const files = [...tops.flatMap(sourceFiles), ...readdirSync(ROOT).filter((f) => f.endsWith('.config.ts'))];
    expect(files.length).toBeGreaterThan(100);
    expect(files.filter((f) => !covered.has(f))).toEqual([]);
  });

  it('compiles the shared protocol in both the node and the web project, its client side in web only', () => {
    const node = rel(parseProject('tsconfig.node.json').fileNames);
    const web = rel(parseProject('tsconfig.web.json').fileNames);
    const shared = sourceFiles('protocol/src').filter(
      (f) => !f.startsWith('protocol/src/client/') && !f.endsWith('.test.ts'),
    );
    expect(shared.length).toBeGreaterThan(5);
    expect(shared.filter((f) => !node.has(f) || !web.has(f))).toEqual([]);
    expect([...node].filter((f) => f.startsWith('protocol/src/client/'))).toEqual([]);
  });
});

describe("bundler aliases match the projects' paths", () => {
  /** Resolves `specifier` through a tsconfig `paths` map (one `*` at most), as TypeScript does. */
  function viaPaths(paths: ts.MapLike<string[]>, specifier: string): string | undefined {
    for (const [pattern, [target]] of Object.entries(paths)) {
      const star = pattern.indexOf('*');
      if (star < 0 && pattern === specifier) return resolve(ROOT, target!);
      if (star >= 0 && specifier.startsWith(pattern.slice(0, star)) && specifier.endsWith(pattern.slice(star + 1))) {
        return resolve(
          ROOT,
          target!.replace('*', specifier.slice(star, specifier.length - (pattern.length - star - 1))),
        );
      }
    }
    return undefined;
  }
  function viaAliases(aliases: Alias[], specifier: string): string | undefined {
    const alias = aliases.find((a) => a.find.test(specifier));
    return alias && specifier.replace(alias.find, alias.replacement);
  }

  const HARDWARE_ENTRIES = ['transport', 'id-card', 'printer', 'rs485', 'onbon', 'gateway', 'simulators', 'testing'];
  const cases: [Project, Alias[], string[], string[]][] = [
    [
      'tsconfig.node.json',
      NODE_ALIASES,
      ['@onedoor/protocol', ...HARDWARE_ENTRIES.map((e) => `@onedoor/hardware/${e}`)],
      ['@onedoor/staff-ui', '@onedoor/hardware'],
    ],
    [
      'tsconfig.web.json',
      WEB_ALIASES,
      ['@onedoor/protocol', '@onedoor/protocol/client', '@onedoor/staff-ui'],
      ['@onedoor/hardware/printer'],
    ],
    [
      'tsconfig.web-test.json',
      TEST_ALIASES,
      ['@onedoor/protocol', '@onedoor/protocol/client', '@onedoor/staff-ui', '@onedoor/hardware/printer'],
      [],
    ],
    [
      'tsconfig.json',
      TEST_ALIASES,
      ['@onedoor/protocol', '@onedoor/protocol/client', '@onedoor/staff-ui', '@onedoor/hardware/printer'],
      ['@onedoor/hardware'],
    ],
  ];

  it.each(cases)('%s', (project, aliases, resolvable, unresolvable) => {
    const paths = parseProject(project).options.paths ?? {};
    for (const specifier of resolvable) {
      expect(viaAliases(aliases, specifier), specifier).toBeDefined();
      expect(viaAliases(aliases, specifier), specifier).toBe(viaPaths(paths, specifier));
    }
    for (const specifier of unresolvable) {
      expect(viaAliases(aliases, specifier), specifier).toBeUndefined();
      expect(viaPaths(paths, specifier), specifier).toBeUndefined();
    }
  });

  it('has an index.ts for every hardware entry and no deep hardware alias', () => {
    for (const entry of HARDWARE_ENTRIES) {
      expect(ts.sys.fileExists(resolve(ROOT, 'hardware/src', entry, 'index.ts')), entry).toBe(true);
    }
    expect(viaAliases(NODE_ALIASES, '@onedoor/hardware/printer/escpos')).toBeUndefined();
  });
});
