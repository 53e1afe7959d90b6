import Database from 'better-sqlite3';
import { chmodSync, copyFileSync, existsSync, mkdirSync, renameSync } from 'node:fs';
import { dirname } from 'node:path';
import { systemClock, type Clock } from '../../app/ports.js';
import type { Db } from './database.js';
import { ensurePrivateFile, latestMigration, PRIVATE_DIR, PRIVATE_FILE } from './database.js';

/** Online backup through SQLite's backup API: consistent while the hall keeps writing. */
export async function backupDatabase(db: Db, destination: string): Promise<{ pages: number }> {
  mkdirSync(dirname(destination), { recursive: true, mode: PRIVATE_DIR });
  // Owner-only before the first page is written, not after.
  ensurePrivateFile(destination);
  let pages = 0;
  await db.backup(destination, {
    progress: ({ totalPages }) => {
      pages = totalPages;
      return 200;
    },
  });
  return { pages };
}

export class RestoreError extends Error {}

/**
 * Checks a backup file before it may replace the live database: integrity_check must be ok and it must be a OneDoor
 * database no newer than this build. Refuses anything else and leaves the current file untouched.
 */
export function verifyBackup(file: string): { userVersion: number; tickets: number } {
  if (!existsSync(file)) throw new RestoreError(`备份文件不存在：${file} / backup file not found: ${file}`);
  let db: Database.Database | undefined;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    const result = db.pragma('integrity_check') as { integrity_check: string }[];
    if (result.length !== 1 || result[0]?.integrity_check !== 'ok') {
      throw new RestoreError(
        `备份文件已损坏，拒绝恢复 / the backup is corrupt, restore refused: ${result.map((r) => r.integrity_check).join('; ')}`,
      );
    }
    const userVersion = db.pragma('user_version', { simple: true }) as number;
    const hasTickets = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'tickets'").get();
    if (!hasTickets || userVersion < 1) {
      throw new RestoreError('这不是一门（OneDoor）的数据库备份 / this is not a OneDoor database backup');
    }
    if (userVersion > latestMigration()) {
      throw new RestoreError(
        `备份来自更新的版本（${userVersion}），请先升级 / the backup is from a newer version (${userVersion}); upgrade first`,
      );
    }
    const { n } = db.prepare('SELECT count(*) AS n FROM tickets').get() as { n: number };
    return { userVersion, tickets: n };
  } catch (err) {
    if (err instanceof RestoreError) throw err;
    throw new RestoreError(
      `备份文件无法读取或已损坏，拒绝恢复 / the backup cannot be read or is corrupt, restore refused: ${(err as Error).message}`,
    );
  } finally {
    db?.close();
  }
}

/** Replaces the (stopped) hall's database file with a verified backup, keeping the old file beside it. */
export function restoreDatabase(
  backupFile: string,
  liveFile: string,
  clock: Clock = systemClock,
): { keptOldAs: string | null } {
  verifyBackup(backupFile);
  let keptOldAs: string | null = null;
  if (existsSync(liveFile)) {
    keptOldAs = `${liveFile}.before-restore-${new Date(clock.now()).toISOString().replace(/[:.]/g, '-')}`;
    renameSync(liveFile, keptOldAs);
    // The WAL belongs to the old file: keep it with it so nothing of the old database is thrown away.
    for (const suffix of ['-wal', '-shm'])
      if (existsSync(liveFile + suffix)) renameSync(liveFile + suffix, keptOldAs + suffix);
  }
  copyFileSync(backupFile, liveFile);
  chmodSync(liveFile, PRIVATE_FILE);
  return { keptOldAs };
}
