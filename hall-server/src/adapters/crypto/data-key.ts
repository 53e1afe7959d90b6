import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type { Db } from '../db/database.js';
import { rotateSealedData, sampleSealed } from '../db/key-rotation.js';
import { newDataKey, PersonalDataVault } from './secrets.js';

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

export interface RotationOutcome {
  resealed: number;
  /** The file now holding the new key (null: the key comes from the environment, set HALL_DATA_KEY to the new one). */
  keyFile: string | null;
  /** The old key, kept owner-only for the backups sealed with it: move it offline with them, or destroy it. */
  retiredKeyFile: string | null;
  /** An interrupted rotation was finished instead of starting a new one. */
  resumed: boolean;
}

/**
 * Rotates the data key of a stopped hall: every sealed value is re-sealed and every lookup key recomputed in one
 * transaction. With a key file, the new key is written beside it first (`.new`) and moved into place after the
 * commit, so a rotation cut short is finished by running it again. With HALL_DATA_KEY, the new key comes from
 * HALL_NEW_DATA_KEY and nothing is written.
 */
export function rotateDataKey(settings: DataKeySettings & { newKey?: string | undefined }, db: Db): RotationOutcome {
  if (settings.newKey !== undefined && !HEX_KEY.test(settings.newKey))
    throw new DataKeyError('新数据密钥应为 32 位十六进制 / the new data key must be 32 hex characters');
  if (settings.dataKey) {
    if (!settings.newKey)
      throw new DataKeyError(
        '密钥来自 HALL_DATA_KEY：请用 HALL_NEW_DATA_KEY 给出新密钥 / the key comes from HALL_DATA_KEY: give the new one in HALL_NEW_DATA_KEY',
      );
    const { resealed } = rotateSealedData(
      db,
      new PersonalDataVault(settings.dataKey),
      new PersonalDataVault(settings.newKey),
    );
    return { resealed, keyFile: null, retiredKeyFile: null, resumed: false };
  }
  const file = resolve(settings.dataKeyFile ?? defaultKeyFile(settings.dataDir));
  const pending = `${file}.new`;
  if (existsSync(pending)) {
    const sample = sampleSealed(db);
    const next = readFileSync(pending, 'utf8').trim();
    if (sample !== null && opens(next, sample)) {
      renameSync(pending, file);
      return { resealed: 0, keyFile: file, retiredKeyFile: null, resumed: true };
    }
    unlinkSync(pending);
  }
  const current = loadDataKey(settings);
  const retiredKeyFile = `${file}.retired-${new Date().toISOString().replace(/[:.]/g, '-')}`;
  writeFileSync(retiredKeyFile, current.key, { mode: 0o600, flag: 'wx' });
  const next = settings.newKey ?? newDataKey();
  writeFileSync(pending, next, { mode: 0o600, flag: 'wx' });
  const { resealed } = rotateSealedData(db, new PersonalDataVault(current.key), new PersonalDataVault(next));
  renameSync(pending, file);
  return { resealed, keyFile: file, retiredKeyFile, resumed: false };
}

function opens(key: string, sealed: string): boolean {
  try {
    new PersonalDataVault(key).open(sealed);
    return true;
  } catch {
    return false;
  }
}
