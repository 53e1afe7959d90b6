import Database, { type Statement } from 'better-sqlite3';
import { chmodSync, closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export type Db = Database.Database;

const MIGRATIONS_DIR = join(dirname(fileURLToPath(import.meta.url)), 'migrations');

export interface OpenDatabaseOptions {
  /** File path, or ':memory:' for tests of pure SQL. */
  file: string;
  /** FULL (default) survives power loss; NORMAL survives a process crash. */
  synchronous?: 'FULL' | 'NORMAL';
}

/** Owner only: the database, its WAL and its backups hold a whole city's cases (they were once 0644). */
export const PRIVATE_FILE = 0o600;
export const PRIVATE_DIR = 0o700;

/**
 * Creates `file` owner-only (or makes an existing one so) before SQLite opens it: SQLite gives the -wal and -shm files
 * the database file's own mode.
 */
export function ensurePrivateFile(file: string): void {
  if (!existsSync(file)) closeSync(openSync(file, 'a', PRIVATE_FILE));
  chmodSync(file, PRIVATE_FILE);
  for (const suffix of ['-wal', '-shm']) if (existsSync(file + suffix)) chmodSync(file + suffix, PRIVATE_FILE);
}

/** Opens the hall database in WAL mode and brings its schema up to date. */
export function openDatabase(options: OpenDatabaseOptions): Db {
  if (options.file !== ':memory:') {
    mkdirSync(dirname(options.file), { recursive: true, mode: PRIVATE_DIR });
    ensurePrivateFile(options.file);
  }
  const db = new Database(options.file);
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${options.synchronous ?? 'FULL'}`);
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  migrate(db);
  return keepStatements(db);
}

/**
 * better-sqlite3 compiles the SQL at every `prepare`, and the repositories prepare where they query — the session
 * check of every socket message, the sealed holder of every ticket. The database keeps each statement it compiled and
 * hands it back with its modes reset, so a caller's `pluck()` cannot change what the next caller gets. Safe because
 * the hall never iterates a statement (a busy statement cannot be run again until its iteration ends).
 */
function keepStatements(db: Db): Db {
  const compiled = new Map<string, Statement>();
  const compile = db.prepare.bind(db);
  const prepare = (sql: string): Statement => {
    let statement = compiled.get(sql);
    if (!statement) compiled.set(sql, (statement = compile(sql)));
    else if (statement.reader) statement.pluck(false).expand(false).raw(false);
    return statement;
  };
  return Object.assign(db, { prepare });
}

/** Versioned migrations: `NNN-name.sql`, applied in order, each in its own transaction, recorded in user_version. */
export function migrate(db: Db): number {
  const files = readdirSync(MIGRATIONS_DIR)
    .filter((f) => /^\d{3}-.+\.sql$/.test(f))
    .sort();
  let version = db.pragma('user_version', { simple: true }) as number;
  for (const file of files) {
    const n = Number(file.slice(0, 3));
    if (n <= version) continue;
    const sql = readFileSync(join(MIGRATIONS_DIR, file), 'utf8');
    db.transaction(() => {
      db.exec(sql);
      db.pragma(`user_version = ${n}`);
    })();
    version = n;
  }
  return version;
}

export function latestMigration(): number {
  return Math.max(
    0,
    ...readdirSync(MIGRATIONS_DIR)
      .filter((f) => /^\d{3}-.+\.sql$/.test(f))
      .map((f) => Number(f.slice(0, 3))),
  );
}
