import type { Statement } from 'better-sqlite3';
import type { UnitOfWork } from '../../app/ports.js';
import type { Db } from './database.js';

/**
 * The pipeline's transaction over better-sqlite3: BEGIN IMMEDIATE takes the write lock up front. The statements are
 * prepared once: every command takes a savepoint and releases it, and `exec` parsed that SQL anew each time (a tenth
 * of the issue path under load).
 */
export class SqliteUnitOfWork implements UnitOfWork {
  private readonly sql: Record<'begin' | 'savepoint' | 'release' | 'rollbackTo' | 'commit' | 'rollback', Statement>;

  constructor(private readonly db: Db) {
    this.sql = {
      begin: db.prepare('BEGIN IMMEDIATE'),
      savepoint: db.prepare('SAVEPOINT command'),
      release: db.prepare('RELEASE command'),
      rollbackTo: db.prepare('ROLLBACK TO command'),
      commit: db.prepare('COMMIT'),
      rollback: db.prepare('ROLLBACK'),
    };
  }

  begin(): void {
    this.sql.begin.run();
  }

  savepoint(): void {
    this.sql.savepoint.run();
  }

  release(): void {
    this.sql.release.run();
  }

  rollbackToSavepoint(): void {
    this.sql.rollbackTo.run();
    this.sql.release.run();
  }

  commit(): void {
    this.sql.commit.run();
  }

  rollback(): void {
    if (this.db.inTransaction) this.sql.rollback.run();
  }
}
