import type { UnitOfWork } from '../../app/ports.js';
import type { Db } from './database.js';

/** The pipeline's transaction over better-sqlite3: BEGIN IMMEDIATE takes the write lock up front. */
export class SqliteUnitOfWork implements UnitOfWork {
  constructor(private readonly db: Db) {}

  begin(): void {
    this.db.exec('BEGIN IMMEDIATE');
  }

  savepoint(): void {
    this.db.exec('SAVEPOINT command');
  }

  release(): void {
    this.db.exec('RELEASE command');
  }

  rollbackToSavepoint(): void {
    this.db.exec('ROLLBACK TO command');
    this.db.exec('RELEASE command');
  }

  commit(): void {
    this.db.exec('COMMIT');
  }

  rollback(): void {
    if (this.db.inTransaction) this.db.exec('ROLLBACK');
  }
}
