import type { HallConfig } from '../config/config.schema.js';
import { Appointments } from './appointments/appointments.js';
import { AuthService } from './auth/auth.js';
import { HallCalendar } from './calendar/hall-calendar.js';
import { Cases } from './cases/cases.js';
import { CatalogService } from './catalog/catalog.js';
import { DemoLinks } from './demo/demo-links.js';
import { Ratings } from './evaluations/ratings.js';
import { RatingsWorkbook } from './evaluations/ratings-workbook.js';
import { Rectifications } from './evaluations/rectifications.js';
import { DefaultRatings } from './evaluations/default-ratings.js';
import { Complaints } from './complaints/complaints.js';
import { PersonalDataReads } from './personal-data.js';
import { CommandPipeline } from './pipeline.js';
import type { PlatformCodes } from './platform/codes.js';
import { OutboxRecorder } from './platform/outbox-recorder.js';
import type { PlatformConnector, PlatformStores } from './platform/platform-ports.js';
import { PlatformSync } from './platform/platform-sync.js';
import { dimensionLabels } from './stats/dimension-labels.js';
import { Statistics } from './stats/statistics.js';
import { HallAlarms } from './alarms/hall-alarms.js';
import { AuditTrail } from './config/audit-trail.js';
import { HallConfiguration } from './config/hall-configuration.js';
import { StaffConfiguration } from './config/staff-configuration.js';
import { recordingStores } from './platform/recording-stores.js';
import type {
  Clock,
  Credentials,
  HallStores,
  IdGenerator,
  Logger,
  Notifier,
  PersonalDataVault,
  Spreadsheets,
  UnitOfWork,
} from './ports.js';
import type { QueueState } from '../domain/queue/queue.types.js';
import { HallMemory } from './queue/hall-memory.js';
import { HallQueue } from './queue/hall-queue.js';
import { GreenUnlocks } from './queue/green-unlocks.js';
import type { QueueContext } from './queue/queue-context.js';
import { Retention } from './retention/retention.js';

/** The ports the hall's use cases run on; main.ts builds the real ones, tests may build their own. */
export interface HallAppDeps {
  config: HallConfig;
  uow: UnitOfWork;
  stores: HallStores;
  vault: PersonalDataVault;
  credentials: Credentials;
  spreadsheets: Spreadsheets;
  notifier: Notifier;
  clock: Clock;
  ids: IdGenerator;
  log: Logger;
  /** 一网通办 (config platform.url): the connector, the sync's stores and the code tables. */
  platform?: PlatformDeps;
}

export interface PlatformDeps {
  connector: PlatformConnector;
  stores: PlatformStores;
  codes: PlatformCodes;
  /** [0, 1) for the retry jitter; Math.random by default. */
  random?: () => number;
}

/** The hall's use cases, wired over one pipeline: what every edge (socket, REST, MQTT) calls. */
export interface HallApp {
  config: HallConfig;
  clock: Clock;
  log: Logger;
  pipeline: CommandPipeline;
  /** The queue: tickets, calls, windows, notice, configuration, daily reset, snapshot. */
  hall: HallQueue;
  appointments: Appointments;
  ratings: Ratings;
  /** 好差评 exported as an Excel workbook, as the console lists them. */
  ratingsWorkbook: RatingsWorkbook;
  catalog: CatalogService;
  calendar: HallCalendar;
  cases: Cases;
  auth: AuthService;
  personalData: PersonalDataReads;
  retention: Retention;
  /** The platform sync, when the hall has a platform (start and stop it with the server). */
  platform: PlatformSync | null;
  /** The demo hall's printed device links, kept across restarts. */
  demoLinks: DemoLinks;
  /** Statistics: period reports with the KPIs, and their export (issue 10). */
  stats: Statistics;
  /** Alarms: raised from the hall's state against the thresholds, acknowledged by managers (issue 10). */
  alarms: HallAlarms;
  /** 绿色通道 at a kiosk: a staff card or code unlocks one green ticket there (issue 9). */
  greenUnlocks: GreenUnlocks;
  /** 差评整改: the rectification every 差评 opens (issue 10). */
  rectifications: Rectifications;
  /** 服务投诉 after GB/T 36113 (issue 10). */
  complaints: Complaints;
  /** The default level of unrated services, when the hall's rules say so (config evaluations.defaultRating). */
  defaultRatings: DefaultRatings | null;
  /** The console's configuration and floor actions, every change audited (issue 10). */
  configuration: HallConfiguration;
  /** Staff accounts and devices from the console, audited. */
  staffConfiguration: StaffConfiguration;
  /** The audit trail: who changed what, when, before and after; viewed and exported in the console. */
  audit: AuditTrail;
  /** Starts the daily reset (and performs one missed while the server was down). */
  start(): Promise<void>;
  /** Refuses new commands and stops the timers. */
  stop(): void;
}

export function createHallApp(deps: HallAppDeps): HallApp {
  const { config, clock, log } = deps;
  const hallCode = config.platform.hallCode ?? config.hall.id;
  let platform: PlatformSync | null = null;
  // With a platform every case step, rating and queue change also writes its outbox record, in the same transaction.
  const recorder: OutboxRecorder | null = deps.platform
    ? new OutboxRecorder({
        hallCode,
        codes: deps.platform.codes,
        outbox: deps.platform.stores.outbox,
        lookups: deps.platform.stores.lookups,
        cases: deps.stores.cases,
        catalog: deps.stores.catalog,
        staff: deps.stores.staff,
        queueState: (): QueueState => memory.state,
        clock,
      })
    : null;
  const stores: HallStores = recorder
    ? recordingStores(deps.stores, recorder, (caseId, ref) => platform?.pretrials.linkCase(caseId, ref))
    : deps.stores;
  const memory = new HallMemory({ config, queue: stores.queue, events: stores.events, clock });
  const pipeline = new CommandPipeline({
    uow: deps.uow,
    events: stores.events,
    commands: stores.commands,
    clock,
    log,
    businessDay: () => memory.state.businessDay,
  });
  pipeline.track(memory);
  const queue: QueueContext = {
    config,
    memory,
    pipeline,
    queue: stores.queue,
    appointments: stores.appointments,
    vault: deps.vault,
    clock,
    ids: deps.ids,
    log,
  };
  const hall = new HallQueue(queue);
  const auth = new AuthService({
    staff: stores.staff,
    devices: stores.devices,
    audit: stores.audit,
    credentials: deps.credentials,
    clock,
    options: config.security,
    limits: config.limits,
    timeZone: config.hall.timeZone,
    cardLookupKey: (idNumber) => deps.vault.lookupKey(idNumber),
  });
  const catalog = new CatalogService({
    store: stores.catalog,
    pipeline,
    spreadsheets: deps.spreadsheets,
    clock,
    timeZone: config.hall.timeZone,
  });
  const calendar = new HallCalendar({
    store: stores.catalog,
    pipeline,
    clock,
    timeZone: config.hall.timeZone,
    resetTime: config.hall.resetTime,
  });
  const cases = new Cases({
    cases: stores.cases,
    catalog,
    calendar,
    pipeline,
    vault: deps.vault,
    clock,
    ids: deps.ids,
    log,
    notifier: deps.notifier,
    hallName: config.hall.name,
    areaCode: config.hall.areaCode,
    timeZone: config.hall.timeZone,
    ticketOrigin: (ticketId) => {
      const t = stores.queue.ticketOrigin(ticketId);
      if (!t) return null;
      const windowName = t.windowId ? (memory.state.windows.get(t.windowId)?.config.name ?? t.windowId) : null;
      return { ticketNumber: t.number, windowId: t.windowId, windowName };
    },
  });
  const appointments = new Appointments(queue);
  if (deps.platform && recorder)
    platform = new PlatformSync({
      config,
      hallCode,
      codes: deps.platform.codes,
      stores: deps.platform.stores,
      connector: deps.platform.connector,
      recorder,
      pipeline,
      hall,
      appointments,
      appointmentStore: stores.appointments,
      cases,
      catalog,
      vault: deps.vault,
      clock,
      log,
      random: deps.platform.random ?? Math.random,
      // Read at each purge, after `configuration` below exists.
      retentionDays: () => configuration.retentionDays(),
    });
  const rectifications = new Rectifications({
    store: stores.rectifications,
    pipeline,
    clock,
    ids: deps.ids,
    rules: { days: config.evaluations.rectificationDays },
    deptOf: (caseIds) => (caseIds[0] ? (stores.cases.find(caseIds[0])?.deptId ?? null) : null),
  });
  const complaints = new Complaints({
    store: stores.complaints,
    pipeline,
    vault: deps.vault,
    auth,
    clock,
    ids: deps.ids,
    timeZone: config.hall.timeZone,
    dueDays: config.complaints.dueDays,
    targets: {
      window: (id) => memory.state.windows.has(id),
      staff: (id) => stores.staff.findStaff(id) !== null,
      caseNo: (no) => stores.cases.findByNo(no) !== null,
    },
  });
  const defaultRule = config.evaluations.defaultRating;
  const defaultRatings = defaultRule
    ? new DefaultRatings({
        evaluations: stores.evaluations,
        cases: stores.cases,
        pipeline,
        clock,
        ids: deps.ids,
        log,
        rule: defaultRule,
        everyMs: config.evaluations.defaultScanSeconds * 1000,
      })
    : null;
  const alarms = new HallAlarms({
    store: stores.alarms,
    evaluations: stores.evaluations,
    queueState: () => memory.state,
    caseWarnings: () => cases.warnings(null),
    clock,
    timeZone: config.hall.timeZone,
    log,
    everyMs: config.alarms.scanSeconds * 1000,
    devices: () => stores.devices.listDevices(),
    rectifications: () => rectifications.alarmInputs((id) => memory.state.windows.get(id)?.config.name),
    complaints: () => complaints.alarmInputs(),
  });
  const audit = new AuditTrail({
    audit: stores.audit,
    staff: stores.staff,
    spreadsheets: deps.spreadsheets,
    clock,
    timeZone: config.hall.timeZone,
  });
  const configuration = new HallConfiguration({
    hall,
    alarms,
    calendar,
    pipeline,
    queue: stores.queue,
    trail: audit,
    defaultRetentionDays: config.retention.personalDataDays,
  });
  return {
    config,
    clock,
    log,
    pipeline,
    hall,
    appointments,
    ratings: new Ratings(queue, stores.evaluations, stores.cases, rectifications),
    ratingsWorkbook: new RatingsWorkbook({
      evaluations: stores.evaluations,
      queueState: () => memory.state,
      staff: stores.staff,
      spreadsheets: deps.spreadsheets,
      clock,
      timeZone: config.hall.timeZone,
    }),
    catalog,
    calendar,
    cases,
    auth,
    personalData: new PersonalDataReads({ hall, cases, auth }),
    demoLinks: new DemoLinks({ store: stores.demoLinks, vault: deps.vault, auth, clock }),
    retention: new Retention({
      queue: stores.queue,
      appointments: stores.appointments,
      cases,
      complaints: stores.complaints,
      clock,
      log,
      personalDataDays: () => configuration.retentionDays(),
    }),
    platform,
    stats: new Statistics({
      history: stores.history,
      cases: stores.cases,
      evaluations: stores.evaluations,
      caseClock: () => calendar.clock(),
      timeZone: config.hall.timeZone,
      businessDay: () => memory.state.businessDay,
      currentSeq: () => pipeline.currentSeq,
      spreadsheets: deps.spreadsheets,
      clock,
      labels: dimensionLabels({ queueState: () => memory.state, staff: stores.staff, catalog: stores.catalog }),
    }),
    alarms,
    greenUnlocks: new GreenUnlocks({ auth, clock, newToken: () => deps.credentials.newToken() }),
    rectifications,
    complaints,
    defaultRatings,
    configuration,
    staffConfiguration: new StaffConfiguration({ auth, trail: audit, ids: deps.ids }),
    audit,
    async start() {
      await hall.start();
      alarms.start();
      defaultRatings?.start();
    },
    stop() {
      defaultRatings?.stop();
      alarms.stop();
      hall.stop();
      pipeline.stop();
    },
  };
}
