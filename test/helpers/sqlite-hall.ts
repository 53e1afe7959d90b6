import { randomUUID } from 'node:crypto';
import { hallConfigSchema, type HallConfig } from '../../hall-server/src/config/config.schema.js';
import { openDatabase, type Db } from '../../hall-server/src/adapters/db/database.js';
import { sqliteStores } from '../../hall-server/src/adapters/db/sqlite-stores.js';
import { SqliteUnitOfWork } from '../../hall-server/src/adapters/db/unit-of-work.js';
import { newDataKey, PersonalDataVault } from '../../hall-server/src/adapters/crypto/secrets.js';
import { nodeCredentials } from '../../hall-server/src/adapters/crypto/credentials.js';
import { excelWorkbooks } from '../../hall-server/src/adapters/excel/workbooks.js';
import { SimNotificationSender } from '../../hall-server/src/adapters/notify/notifier.sim.js';
import { createHallApp, type HallApp } from '../../hall-server/src/app/hall-app.js';
import {
  silentLogger,
  systemClock,
  type Clock,
  type HallStores,
  type IdGenerator,
  type Notifier,
  type PersonalDataVault as Vault,
  type UnitOfWork,
} from '../../hall-server/src/app/ports.js';

export { SimNotificationSender };

export interface SqliteHall {
  app: HallApp;
  db: Db;
  /** The real stores, before any `wrap`. */
  stores: HallStores;
  /** The data key's vault (hand it to the next start on the same file). */
  vault: Vault;
  close(): void;
}

/**
 * The hall's use cases over a real SQLite file with the real adapters, without sockets or HTTP — for tests of the use
 * cases and the pipeline, and the benchmark. `wrap` may swap a store or the unit of work (to inject a failure).
 */
export function openSqliteHall(options: {
  file: string;
  config?: HallConfig;
  clock?: Clock;
  ids?: IdGenerator;
  vault?: Vault;
  notifier?: Notifier;
  synchronous?: 'FULL' | 'NORMAL';
  wrap?: (stores: HallStores, uow: UnitOfWork) => { stores?: HallStores; uow?: UnitOfWork };
}): SqliteHall {
  const db = openDatabase({ file: options.file, synchronous: options.synchronous ?? 'NORMAL' });
  const stores = sqliteStores(db);
  const uow = new SqliteUnitOfWork(db);
  const wrapped = options.wrap?.(stores, uow) ?? {};
  const vault: Vault = options.vault ?? new PersonalDataVault(newDataKey());
  const app = createHallApp({
    config: options.config ?? hallConfigSchema.parse({ log: { level: 'silent' } }),
    uow: wrapped.uow ?? uow,
    stores: wrapped.stores ?? stores,
    vault,
    credentials: nodeCredentials,
    spreadsheets: excelWorkbooks,
    notifier: options.notifier ?? new SimNotificationSender(),
    clock: options.clock ?? systemClock,
    ids: options.ids ?? { newId: () => randomUUID() },
    log: silentLogger,
  });
  return {
    app,
    db,
    stores,
    vault,
    close() {
      app.stop();
      db.close();
    },
  };
}
