/**
 * Node programs compiled to JavaScript for a production install (`npm run build:node`, part of `npm run build`):
 *   hall-server/src/main.ts        → dist/server/main.js   (+ dist/server/migrations/*.sql)
 *   hardware/src/gateway/main.ts   → dist/gateway/main.js
 *   hardware/src/cli/main.ts       → dist/hw/main.js
 *   hall-server/src/platform-sim/main.ts → dist/platform-sim/main.js (the online platform simulator, for demos)
 *
 * Our own code (the part, @onedoor/protocol, the hardware entries) is bundled; every package in node_modules stays
 * an import, so `npm ci --omit=dev` beside dist/ is all a hall machine needs and native addons (better-sqlite3,
 * serialport) load as usual. Code behind a dynamic import() becomes a chunk next to main.js and loads only when
 * that path runs. Start with plain node: `node dist/server/main.js` (`npm run start:prod`).
 *
 * - `tsx node.vite.config.ts [program …]` builds all programs, or the ones named.
 * - `vite build --config node.vite.config.ts` builds one: ONEDOOR_NODE_PROGRAM (server | gateway | hw | platform-sim), server by
 *   default.
 *
 * Files a program reads beside its own module at run time (the SQL migrations, found next to the database adapter
 * through import.meta.url) are copied next to main.js; every chunk is written to the same folder so that
 * import.meta.url-relative paths resolve to it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build, defineConfig, type InlineConfig, type Plugin } from 'vite';
import { NODE_ALIASES } from './aliases.config.ts';

const ROOT = dirname(fileURLToPath(import.meta.url));

interface NodeProgram {
  entry: string;
  /** Folders (under `root`, found at any depth) whose files are copied flat into dist/<program>/<folder name>/. */
  assets?: { root: string; folder: string; extension: string };
}

export const NODE_PROGRAMS = {
  server: {
    entry: 'hall-server/src/main.ts',
    assets: { root: 'hall-server/src', folder: 'migrations', extension: '.sql' },
  },
  gateway: { entry: 'hardware/src/gateway/main.ts' },
  hw: { entry: 'hardware/src/cli/main.ts' },
  'platform-sim': { entry: 'hall-server/src/platform-sim/main.ts' },
} as const satisfies Record<string, NodeProgram>;
export type NodeProgramName = keyof typeof NODE_PROGRAMS;

export function isNodeProgram(name: string): name is NodeProgramName {
  return Object.hasOwn(NODE_PROGRAMS, name);
}

/** Every `<folder>/*<extension>` below `root`, as paths relative to ROOT. */
function findAssets({ root, folder, extension }: NonNullable<NodeProgram['assets']>): string[] {
  return readdirSync(resolve(ROOT, root), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith(extension) && basename(e.parentPath) === folder)
    .map((e) => relative(ROOT, join(e.parentPath, e.name)))
    .sort();
}

/** Emits the program's asset files into the bundle (dist/<program>/<folder>/<file>). */
function copyAssets(assets: NodeProgram['assets']): Plugin {
  return {
    name: 'onedoor:copy-assets',
    generateBundle() {
      if (!assets) return;
      const files = findAssets(assets);
      if (files.length === 0) this.error(`no ${assets.folder}/*${assets.extension} found under ${assets.root}`);
      const seen = new Set<string>();
      for (const file of files) {
        const fileName = `${assets.folder}/${basename(file)}`;
        // Two folders of the same name would overwrite each other's files in the flat copy.
        if (seen.has(fileName)) this.error(`${fileName} exists twice under ${assets.root}`);
        seen.add(fileName);
        this.emitFile({ type: 'asset', fileName, source: readFileSync(resolve(ROOT, file)) });
      }
    },
  };
}

export function nodeProgramConfig(name: NodeProgramName): InlineConfig {
  const program: NodeProgram = NODE_PROGRAMS[name];
  return {
    configFile: false,
    root: ROOT,
    envDir: false,
    logLevel: 'warn',
    resolve: { alias: NODE_ALIASES },
    // Every package import stays external: the install's node_modules provides it.
    ssr: { target: 'node', external: true },
    plugins: [copyAssets(program.assets)],
    build: {
      ssr: resolve(ROOT, program.entry),
      outDir: resolve(ROOT, 'dist', name),
      emptyOutDir: true,
      target: 'node20',
      sourcemap: true,
      minify: false,
      copyPublicDir: false,
      rolldownOptions: {
        output: { format: 'esm', entryFileNames: 'main.js', chunkFileNames: '[name]-[hash].js' },
      },
    },
  };
}

export async function buildNodePrograms(
  names: readonly NodeProgramName[] = Object.keys(NODE_PROGRAMS) as NodeProgramName[],
): Promise<void> {
  for (const name of names) {
    const started = Date.now();
    await build({ ...nodeProgramConfig(name), mode: 'production' });
    console.log(`build:node ${name.padEnd(8)} → dist/${name}/main.js  (${Date.now() - started} ms)`);
  }
}

const requested = process.env.ONEDOOR_NODE_PROGRAM ?? 'server';
if (!isNodeProgram(requested)) {
  throw new Error(`ONEDOOR_NODE_PROGRAM=${requested}: expected one of ${Object.keys(NODE_PROGRAMS).join(', ')}`);
}

export default defineConfig(nodeProgramConfig(requested));

// `tsx node.vite.config.ts [program …]` (npm run build:node).
const runDirectly = process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href;
if (runDirectly) {
  const names = process.argv.slice(2);
  const unknown = names.filter((n) => !isNodeProgram(n));
  if (unknown.length > 0) {
    console.error(
      `build:node: unknown program ${unknown.join(', ')}; expected ${Object.keys(NODE_PROGRAMS).join(', ')}`,
    );
    process.exit(2);
  }
  buildNodePrograms(names.length > 0 ? (names as NodeProgramName[]) : undefined).catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
