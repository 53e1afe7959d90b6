/**
 * The workspace's package entries, for vite (web.vite.config.ts, node.vite.config.ts), electron-vite and vitest.
 * The TypeScript projects hold the same map as `paths` (JSON cannot import this file): tsconfig.base.json the whole
 * map, tsconfig.node.json and tsconfig.web.json their sides. test/lint/typescript-projects.test.ts keeps them in step.
 *
 * - Node code (hall server, device gateway, Electron main and preload) sees the protocol and one entry per hardware
 *   folder that has an index.ts (`@onedoor/hardware/printer` → hardware/src/printer/index.ts): no deep imports.
 * - Web code (renderers, display board, console) sees the protocol, its client side and the staff UI module, and no
 *   hardware at all: an import of `@onedoor/hardware/…` from a renderer does not resolve.
 */
import { fileURLToPath } from 'node:url';

export interface Alias {
  find: RegExp;
  replacement: string;
}

const r = (p: string): string => fileURLToPath(new URL(p, import.meta.url));

const exact = (name: string, file: string): Alias => ({
  find: new RegExp(`^${name.replaceAll('/', '\\/')}$`),
  replacement: r(file),
});

const protocol = exact('@onedoor/protocol', './protocol/src/index.ts');
const protocolClient = exact('@onedoor/protocol/client', './protocol/src/client/index.ts');
const staffUi = exact('@onedoor/staff-ui', './window-client/src/renderer/staff/index.ts');
const hardware: Alias = {
  find: /^@onedoor\/hardware\/([a-z][a-z0-9-]*)$/,
  replacement: `${r('./hardware/src/')}$1/index.ts`,
};

export const NODE_ALIASES: Alias[] = [protocol, hardware];
export const WEB_ALIASES: Alias[] = [protocol, protocolClient, staffUi];
/** Tests import from both sides. */
export const TEST_ALIASES: Alias[] = [protocol, protocolClient, staffUi, hardware];
