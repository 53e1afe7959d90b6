import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { buildWebApps, webAppExists, WEB_APPS, type WebApp } from '../web.vite.config.js';

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/**
 * The e2e tests open the built web apps that the hall server serves from dist/web. Build the apps whose sources are
 * newer than their build (or that were never built), so `npm test` on a fresh clone needs no other step.
 */
export default async function setup(): Promise<void> {
  // Code every app may bundle besides its own folder: the protocol (and its client core) and the staff UI module.
  const sharedTime = Math.max(newestMtime('protocol/src'), newestMtime('window-client/src/renderer/staff'));
  const stale = (Object.keys(WEB_APPS) as WebApp[]).filter((app) => {
    if (!webAppExists(app)) return false;
    const index = join('dist/web', app, 'index.html');
    if (!existsSync(index)) return true;
    const built = statSync(index).mtimeMs;
    return Math.max(newestMtime(WEB_APPS[app].root), sharedTime) > built;
  });
  if (stale.length > 0) await buildWebApps(stale);
}
