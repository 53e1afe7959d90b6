import type { HallStores } from '../../app/ports.js';
import type { Db } from './database.js';
import { AppointmentRepository } from './appointment.repository.js';
import { AuthRepository } from './auth.repository.js';
import { CaseRepository } from './case.repository.js';
import { CatalogRepository } from './catalog.repository.js';
import { DemoLinkRepository } from './demo-link.repository.js';
import { SqliteCommandLog, SqliteEventLog, SqliteQueueHistory } from './event-log.repository.js';
import { SqliteAlarmStore } from './alarm.repository.js';
import { SqliteEvaluationStore } from './evaluation.repository.js';
import { QueueRepository } from './queue.repository.js';
import { SqliteRectificationStore } from './rectification.repository.js';
import { SqliteComplaintStore } from './complaint.repository.js';

/** Every store of the hall over one SQLite database. */
export function sqliteStores(db: Db): HallStores & { auth: AuthRepository } {
  const auth = new AuthRepository(db);
  return {
    events: new SqliteEventLog(db),
    commands: new SqliteCommandLog(db),
    queue: new QueueRepository(db),
    appointments: new AppointmentRepository(db),
    evaluations: new SqliteEvaluationStore(db),
    cases: new CaseRepository(db),
    catalog: new CatalogRepository(db),
    staff: auth,
    devices: auth,
    audit: auth,
    demoLinks: new DemoLinkRepository(db),
    history: new SqliteQueueHistory(db),
    alarms: new SqliteAlarmStore(db),
    rectifications: new SqliteRectificationStore(db),
    complaints: new SqliteComplaintStore(db),
    auth,
  };
}
