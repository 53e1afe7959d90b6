import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { randomUUID, randomBytes } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import { networkInterfaces } from 'node:os';
import pino from 'pino';
import type { FastifyInstance } from 'fastify';
import { loadConfig, ConfigError } from './config/config.loader.js';
import type { HallConfig } from './config/config.schema.js';
import { openDatabase, type Db } from './adapters/db/database.js';
import { backupDatabase } from './adapters/db/backup.js';
import { loadTlsFiles } from './adapters/crypto/tls-files.js';
import { sqliteStores } from './adapters/db/sqlite-stores.js';
import { SqliteUnitOfWork } from './adapters/db/unit-of-work.js';
import type { AuthRepository } from './adapters/db/auth.repository.js';
import { PersonalDataVault } from './adapters/crypto/secrets.js';
import { loadDataKey, rotateDataKey } from './adapters/crypto/data-key.js';
import { nodeCredentials } from './adapters/crypto/credentials.js';
import { excelWorkbooks } from './adapters/excel/workbooks.js';
import { LoggingNotificationSender } from './adapters/notify/logging-notifier.js';
import { attachSocketServer, type HallSocketServer } from './adapters/socket/socket.server.js';
import { createHttpServer } from './adapters/http/http.server.js';
import { registerCatalogRoutes } from './adapters/http/catalog.routes.js';
import { registerCaseRoutes } from './adapters/http/case.routes.js';
import { registerDemoPrinterRoutes, registerDemoRoutes } from './adapters/http/demo.routes.js';
import { registerWindowServiceRoutes } from './adapters/http/window-service.routes.js';
import { createMetrics } from './adapters/http/metrics.js';
import { startEmbeddedBroker, PortInUseError, type EmbeddedBroker } from './adapters/mqtt/embedded-broker.js';
import { HallMqtt } from './adapters/mqtt/hall-mqtt.js';
import { hallBrokerAccess } from './adapters/mqtt/broker-access.js';
import type { VirtualDevices } from './adapters/virtual-devices.js';
import type { VirtualWindowPrinters } from './adapters/virtual-printers.js';
import { platformDeps } from './adapters/platform/platform-deps.js';
import { registerStatsRoutes } from './adapters/http/stats.routes.js';
import { registerAlarmRoutes } from './adapters/http/alarm.routes.js';
import { registerRectificationRoutes } from './adapters/http/rectification.routes.js';
import { registerComplaintRoutes } from './adapters/http/complaint.routes.js';
import { registerConfigRoutes } from './adapters/http/config.routes.js';
import { registerPlatformRoutes, WEBHOOK_PATH } from './adapters/platform/platform.routes.js';
import { DEMO_PLATFORM_KEY } from './app/demo/demo-platform.js';
import { createHallApp } from './app/hall-app.js';
import type { AuthService } from './app/auth/auth.js';
import type { HallQueue } from './app/queue/hall-queue.js';
import { systemClock, type Clock, type Logger } from './app/ports.js';
import {
  demoAppointmentStates,
  demoPasswordHash,
  seedDemoAppointments,
  seedDemoCatalog,
  seedDemoHall,
  type DemoAppointmentState,
} from './app/demo/demo-seed.js';
import type { DemoLink } from './app/demo/demo-links.js';
import { welcomeBanner } from './welcome-banner.js';
import { createFederation, type Federation } from './app/federation/federation.js';
import { FederationLink } from './adapters/mqtt/federation-link.js';
import { SqliteFederationSource, SqliteRegionStore } from './adapters/db/federation.repository.js';
import { federationTopics } from '@onedoor/protocol';
import { registerRegionRoutes } from './adapters/http/region.routes.js';

export interface RunningHall {
  config: HallConfig;
  url: string;
  port: number;
  mqttUrl: string;
  /** Credentials other local processes (the device gateway) may use on the embedded broker. */
  mqttInternal: { username: string; password: string };
  /** The queue's use cases. */
  hall: HallQueue;
  auth: AuthService;
  /** The staff, session, device and audit store (tests read it directly). */
  authRepo: AuthRepository;
  db: Db;
  http: FastifyInstance;
  io: HallSocketServer;
  /** Demo device tokens (display, kiosk, gateway) that pair their device; the same across restarts. */
  demoTokens: Record<string, string>;
  /** How each printed demo device stands at this start (issued, kept, paired again from the console, unpaired). */
  demoLinks: DemoLink[];
  /** Today's demo appointment codes (on time, too early, late). */
  demoAppointmentCodes: string[];
  /** Today's demo bookings with what a check-in would do now (the banner's labels). */
  demoAppointments: DemoAppointmentState[];
  /** The demo windows' simulated pads, strips and evaluators (demo.virtualDevices). */
  virtualDevices: VirtualDevices | null;
  /** 四级联通 (config federation): the uplink, and the region for a county or city. */
  federation: Federation;
  close(): Promise<void>;
}

export interface StartOptions {
  clock?: Clock;
  log?: Logger;
}

/** The composition root: opens the database, builds every adapter around the hall's use cases and listens. */
export async function startHall(config: HallConfig, options: StartOptions = {}): Promise<RunningHall> {
  const log: Logger = options.log ?? pino({ level: config.log.level, redact: ['*.idNumber', '*.password', '*.phone'] });
  const clock = options.clock ?? systemClock;
  const dataDir = resolve(config.dataDir);
  const db = openDatabase({ file: join(dataDir, config.db.file), synchronous: config.db.synchronous });
  const stores = sqliteStores(db);
  // The data key is kept apart from the data directory (its backups must not carry it): adapters/crypto/data-key.ts.
  const dataKey = loadDataKey({ dataDir, ...config.security });
  if (dataKey.movedFrom)
    log.warn(
      { from: dataKey.movedFrom, to: dataKey.source },
      '数据密钥已移出数据目录 / the data key was moved out of the data directory',
    );
  const vault = new PersonalDataVault(dataKey.key);
  // 一网通办: with platform.url the hall keeps an outbox for the platform and takes its appointments and webhooks.
  let platform: ReturnType<typeof platformDeps> | undefined;
  try {
    platform = config.platform.url ? platformDeps(config, db, clock) : undefined;
  } catch (err) {
    db.close();
    throw err;
  }
  const app = createHallApp({
    config,
    uow: new SqliteUnitOfWork(db),
    stores,
    vault,
    credentials: nodeCredentials,
    spreadsheets: excelWorkbooks,
    notifier: new LoggingNotificationSender(log),
    clock,
    ids: { newId: () => randomUUID() },
    log,
    ...(platform ? { platform } : {}),
  });
  const { hall, auth } = app;
  const demoHash = demoPasswordHash(app);
  const demoLinks = config.demo.seed ? await seedDemoHall(app, demoHash) : [];
  const demoTokens = Object.fromEntries(demoLinks.flatMap((l) => (l.token ? [[l.deviceId, l.token]] : [])));
  await app.start();
  const demoAppointmentCodes = config.demo.seed ? seedDemoAppointments(app) : [];
  const demoAppointments = config.demo.seed ? demoAppointmentStates(app) : [];

  // 四级联通: each link is its own MQTT client with a persistent session under a stable client id.
  const fed = config.federation;
  const federationLink = (b: NonNullable<typeof fed.uplink>, clientId: string, will?: boolean) =>
    new FederationLink({
      url: b.url,
      username: b.username,
      password: b.password,
      caFile: b.caFile,
      clientId,
      log,
      ...(will
        ? {
            will: {
              topic: federationTopics.up(config.hall.id, 'link'),
              payload: { hallId: config.hall.id, online: false, at: new Date(clock.now()).toISOString() },
            },
          }
        : {}),
    });
  const federation = createFederation(app, {
    source: new SqliteFederationSource(db),
    regionStore: new SqliteRegionStore(db),
    uplink: fed.uplink ? federationLink(fed.uplink, `onedoor-fed-${config.hall.id}`, true) : null,
    downlink:
      fed.downlink && fed.role !== 'hall' ? federationLink(fed.downlink, `onedoor-region-${config.hall.id}`) : null,
    spreadsheets: excelWorkbooks,
  });
  federation.start();

  // TLS when certificates are configured: https/wss and mqtts on the same ports.
  const tls = loadTlsFiles(config);
  const scheme = tls ? { http: 'https', mqtt: 'mqtts' } : { http: 'http', mqtt: 'mqtt' };
  // MQTT: our own broker unless one is configured or already listening on the port (Mosquitto on dev machines).
  const mqttInternal = { username: 'onedoor-hall', password: randomBytes(18).toString('base64url') };
  let broker: EmbeddedBroker | null = null;
  let mqttUrl = config.mqtt.url ?? '';
  if (!config.mqtt.url) {
    try {
      broker = await startEmbeddedBroker({
        // The broker listens where the hall does unless told otherwise (HALL_HOST=127.0.0.1 keeps both local).
        host: config.mqtt.embeddedHost ?? config.server.host,
        port: config.mqtt.embeddedPort,
        // The hall server itself, or a device under its own token; each publish and subscribe checked (MQTT_ACL).
        access: hallBrokerAccess(auth, config.hall.id, mqttInternal),
        tls: tls ?? undefined,
      });
      // A re-paired or removed device loses its MQTT connections at once, like its sockets.
      const running = broker;
      auth.on('revoked', () => running.recheck());
      mqttUrl = `${scheme.mqtt}://127.0.0.1:${broker.port}`;
    } catch (err) {
      if (!(err instanceof PortInUseError)) throw err;
      mqttUrl = `mqtt://127.0.0.1:${config.mqtt.embeddedPort}`;
      log.warn(
        { mqttUrl },
        'MQTT 端口已被占用，改为连接该端口上的代理 / MQTT port taken; connecting to the broker there',
      );
    }
  }
  const mqtt = new HallMqtt({
    url: mqttUrl,
    username: broker ? mqttInternal.username : config.mqtt.username,
    password: broker ? mqttInternal.password : config.mqtt.password,
    app,
    external: broker === null,
    loopbackTls: broker && tls ? { ca: tls.ca } : undefined,
  });
  await mqtt
    .start()
    .catch((err: Error) =>
      log.warn({ err: err.message }, 'MQTT 未连接，稍后自动重试 / MQTT not connected yet; retrying in the background'),
    );

  // The simulators are demo code: loaded only when the demo asks for them, never on a production start.
  let virtualDevices: VirtualDevices | null = null;
  let isUnknownVirtualDevice: (err: unknown) => err is Error = (_err): _err is Error => false;
  if (config.demo.virtualDevices && tls)
    log.warn('虚拟设备不支持 TLS，未启动 / the demo virtual devices do not run over TLS; not started');
  if (config.demo.virtualDevices && !tls && demoTokens['gateway-01']) {
    const simulators = await import('./adapters/virtual-devices.js');
    virtualDevices = await simulators.startVirtualDevices({
      mqttUrl,
      hallId: config.hall.id,
      gatewayId: 'gateway-01',
      gatewayToken: demoTokens['gateway-01'],
      devices: auth.listDevices(),
      log,
    });
    isUnknownVirtualDevice = (err): err is Error =>
      err instanceof simulators.UnknownVirtualDeviceError || err instanceof RangeError;
  }
  // The windows' receipt printers need no broker: a browser clerk screen prints on them with or without TLS.
  let virtualPrinters: VirtualWindowPrinters | null = null;
  if (config.demo.virtualDevices) {
    const printers = await import('./adapters/virtual-printers.js');
    virtualPrinters = printers.startVirtualWindowPrinters({
      windowExists: (windowId) => app.hall.queueState.windows.has(windowId),
      timeZone: config.hall.timeZone,
      now: () => clock.now(),
    });
  }

  const http = await createHttpServer({
    app,
    metrics: createMetrics(app),
    backup: async () => {
      const dir = join(dataDir, 'backups');
      const file = join(dir, `onedoor-${new Date(clock.now()).toISOString().replace(/[:.]/g, '-')}.sqlite`);
      mkdirSync(dir, { recursive: true });
      const { pages } = await backupDatabase(db, file);
      return { file, pages };
    },
    webDir: config.server.webDir,
    log,
    health: () => ({ mqtt: mqtt.connected }),
    tls: tls ?? undefined,
  });
  // 事项目录与办件 / matter catalog and cases: the demo catalog and approvers on first start.
  if (config.demo.seed) await seedDemoCatalog(app, demoHash);
  registerCatalogRoutes(http, app);
  registerCaseRoutes(http, app);
  registerPlatformRoutes(http, app);
  registerWindowServiceRoutes(http, app);
  registerStatsRoutes(http, app);
  registerAlarmRoutes(http, app);
  registerRectificationRoutes(http, app);
  registerComplaintRoutes(http, app);
  registerConfigRoutes(http, app);
  registerRegionRoutes(http, app, federation);

  // Personal data is kept only as long as the retention allows (rule 8); masked values stay for statistics.
  await app.retention.purge();
  const retentionTimer = setInterval(() => void app.retention.purge(), 6 * 3_600_000);
  retentionTimer.unref();

  if (virtualDevices) registerDemoRoutes(http, auth, virtualDevices, isUnknownVirtualDevice);
  if (virtualPrinters) registerDemoPrinterRoutes(http, auth, virtualPrinters);
  const io = attachSocketServer(http.server, app);
  await http.listen({ host: config.server.host, port: config.server.port });
  const address = http.server.address();
  const port = typeof address === 'object' && address ? address.port : config.server.port;
  app.platform?.start(config.platform.webhookUrl ?? `${scheme.http}://127.0.0.1:${port}${WEBHOOK_PATH}`);

  let closed = false;
  return {
    config,
    url: `${scheme.http}://127.0.0.1:${port}`,
    port,
    mqttUrl,
    mqttInternal,
    hall,
    auth,
    authRepo: stores.auth,
    db,
    http,
    io,
    demoTokens,
    demoLinks,
    demoAppointmentCodes,
    demoAppointments,
    virtualDevices,
    federation,
    async close() {
      if (closed) return;
      closed = true;
      app.stop();
      await federation.stop();
      await app.platform?.stop();
      clearInterval(retentionTimer);
      io.disconnectSockets(true);
      await new Promise<void>((r) => io.close(() => r()));
      await http.close().catch(() => undefined);
      await virtualDevices?.stop().catch(() => undefined);
      await virtualPrinters?.stop().catch(() => undefined);
      await mqtt.stop().catch(() => undefined);
      await broker?.close();
      db.close();
    },
  };
}

function printWelcome(h: RunningHall): void {
  const lanAddresses = Object.values(networkInterfaces())
    .flat()
    .flatMap((a) => (a && a.family === 'IPv4' && !a.internal ? [a.address] : []));
  console.log(
    welcomeBanner({
      config: h.config,
      port: h.port,
      mqttUrl: h.mqttUrl,
      dataDir: resolve(h.config.dataDir),
      virtualDevices: h.virtualDevices !== null,
      demoLinks: h.demoLinks,
      demoAppointments: h.demoAppointments,
      lanAddresses,
    }),
  );
}

async function main(): Promise<void> {
  let config: HallConfig;
  try {
    // `npm start` is the whole demo hall on one machine: demo data and virtual devices unless told otherwise.
    const demo = process.env.npm_lifecycle_event === 'start';
    config = loadConfig(process.env, {
      ...(demo && process.env.HALL_DEMO === undefined ? { 'demo.seed': true } : {}),
      ...(demo && process.env.HALL_VIRTUAL_DEVICES === undefined ? { 'demo.virtualDevices': true } : {}),
      // The demo hall and `npm run platform-sim` share a demo key unless one is given.
      ...(demo && process.env.HALL_PLATFORM_URL && !process.env.HALL_PLATFORM_KEY
        ? { 'platform.signing.hmacKey': DEMO_PLATFORM_KEY }
        : {}),
    });
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(2);
    }
    throw err;
  }
  // `main.js rotate-data-key` (hall stopped): a new SM4 data key, everything sealed re-sealed (README, security notes).
  if (process.argv[2] === 'rotate-data-key') {
    const db = openDatabase({ file: join(resolve(config.dataDir), config.db.file) });
    try {
      const r = rotateDataKey(
        { dataDir: config.dataDir, ...config.security, newKey: process.env.HALL_NEW_DATA_KEY },
        db,
      );
      console.log(
        `数据密钥已更换 / data key rotated: ${r.resealed} sealed values${r.resumed ? ' (finished an interrupted rotation)' : ''}` +
          (r.keyFile ? `\n  key file: ${r.keyFile}` : '\n  set HALL_DATA_KEY to the value of HALL_NEW_DATA_KEY now') +
          (r.retiredKeyFile
            ? `\n  old key (for older backups; move it offline with them or destroy it): ${r.retiredKeyFile}`
            : ''),
      );
    } finally {
      db.close();
    }
    return;
  }
  const running = await startHall(config);
  printWelcome(running);
  const shutdown = async () => {
    await running.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown());
  process.once('SIGTERM', () => void shutdown());
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().catch((err: unknown) => {
    console.error('启动失败 / failed to start:', err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
