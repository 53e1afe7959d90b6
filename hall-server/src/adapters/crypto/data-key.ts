import { chmodSync, existsSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { newDataKey } from './secrets.js';

export interface DataKeySettings {
  dataDir: string;
  /** security.dataKey (HALL_DATA_KEY): the key itself. */
  dataKey?: string | undefined;
  /** security.dataKeyFile (HALL_DATA_KEY_FILE): where the key is kept. */
  dataKeyFile?: string | undefined;
}

export interface DataKey {
  key: string;
  /** Where it came from, for the log: 'environment' or the file's path. */
  source: string;
  /** A key found in the data directory (older versions kept it there) and moved out. */
  movedFrom?: string;
}

/**
 * The SM4 key for personal data lives apart from the data it opens: the database and its backups are in the data
 * directory, so by default the key is a file beside it (`<dataDir>.key`, owner-only), or the environment's
 * HALL_DATA_KEY, or a file named in the config (a mounted secret). Copying the data directory never copies the key.
 */
export function defaultKeyFile(dataDir: string): string {
  const dir = resolve(dataDir);
  return join(dirname(dir), `${basename(dir)}.key`);
}

const LEGACY_FILE = 'data.key';
const HEX_KEY = /^[0-9a-f]{32}$/i;

export class DataKeyError extends Error {}

export function loadDataKey(settings: DataKeySettings): DataKey {
  if (settings.dataKey) return { key: settings.dataKey, source: 'environment' };
  const file = resolve(settings.dataKeyFile ?? defaultKeyFile(settings.dataDir));
  const legacy = join(resolve(settings.dataDir), LEGACY_FILE);
  if (existsSync(file)) {
    const key = readFileSync(file, 'utf8').trim();
    if (!HEX_KEY.test(key))
      throw new DataKeyError(`数据密钥文件格式错误：${file} / the data key file is not 32 hex characters: ${file}`);
    chmodSync(file, 0o600);
    return { key, source: file };
  }
  // An older hall kept its key inside the data directory: move it out (its data is sealed with it).
  const fromLegacy = existsSync(legacy) ? readFileSync(legacy, 'utf8').trim() : null;
  const key = fromLegacy ?? newDataKey();
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  writeFileSync(file, key, { mode: 0o600, flag: 'wx' });
  if (fromLegacy === null) return { key, source: file };
  unlinkSync(legacy);
  return { key, source: file, movedFrom: legacy };
}
