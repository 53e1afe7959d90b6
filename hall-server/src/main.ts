import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { randomUUID, randomBytes } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import pino from 'pino';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { routeKit, sendError } from './adapters/http/route-kit.js';
import { loadConfig, ConfigError } from './config/config.loader.js';
import type { HallConfig } from './config/config.schema.js';
import { openDatabase, type Db } from './adapters/db/database.js';
import { QueueRepository } from './adapters/db/queue.repository.js';
import { AuthRepository } from './adapters/db/auth.repository.js';
import { newDataKey, PersonalDataVault, hashPassword } from './adapters/crypto/secrets.js';
import { HallService } from './app/hall.service.js';
import { AuthService } from './app/auth.service.js';
import { attachSocketServer } from './adapters/socket/socket.server.js';
import { createHttpServer } from './adapters/http/http.server.js';
import { createMetrics } from './adapters/http/metrics.js';
import { startEmbeddedBroker, PortInUseError, type EmbeddedBroker } from './adapters/mqtt/embedded-broker.js';
import { HallMqtt } from './adapters/mqtt/hall-mqtt.js';
// eslint-disable-next-line @typescript-eslint/no-restricted-imports -- TODO issue 8: load the virtual devices only when enabled
import { startVirtualDevices, UnknownVirtualDeviceError, type VirtualDevices } from './adapters/virtual-devices.js';
import { PAD_KEYS } from '@onedoor/protocol';
import { z } from 'zod';
import { systemClock, type Clock, type Logger } from './app/ports.js';
import { businessDayOf } from './domain/time/hall-time.js';
import {
  DEMO_DEVICES,
  DEMO_PASSWORD,
  DEMO_SERVICES,
  DEMO_STAFF,
  DEMO_WINDOWS,
  demoAppointments,
} from './app/demo-hall.js';
import { AppointmentRepository } from './adapters/db/appointment.repository.js';
import { CatalogService } from './app/catalog.service.js';
import { CaseService } from './app/case.service.js';
import { LoggingNotificationSender } from './app/notification.js';
import { registerCatalogRoutes } from './adapters/http/catalog.routes.js';
import { registerCaseRoutes } from './adapters/http/case.routes.js';
import { appError, appointmentInputSchema, maskIdNumber, maskName } from '@onedoor/protocol';

export interface RunningHall {
  config: HallConfig;
  url: string;
  port: number;
  mqttUrl: string;
  /** Credentials other local processes (the device gateway) may use on the embedded broker. */
  mqttInternal: { username: string; password: string };
  hall: HallService;
  auth: AuthService;
  authRepo: AuthRepository;
  db: Db;
  http: FastifyInstance;
  io: ReturnType<typeof attachSocketServer>;
  /** Demo device tokens (display, kiosk, gateway), present when the demo hall was seeded in this start. */
  demoTokens: Record<string, string>;
  /** Today's demo appointment codes (on time, too early, late). */
  demoAppointmentCodes: string[];
  /** The demo windows' simulated pads, strips and evaluators (demo.virtualDevices). */
  virtualDevices: VirtualDevices | null;
  close(): Promise<void>;
}

export interface StartOptions {
  clock?: Clock;
  log?: Logger;
}

function loadOrCreateDataKey(config: HallConfig): string {
  if (config.security.dataKey) return config.security.dataKey;
  const file = join(config.dataDir, 'data.key');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  const key = newDataKey();
  writeFileSync(file, key, { mode: 0o600 });
  return key;
}

/** Books the demo appointments of today unless today already has some. */
function seedDemoAppointments(
  hall: HallService,
  appointments: AppointmentRepository,
  vault: PersonalDataVault,
  now: number,
): string[] {
  const day = hall.queueState.businessDay;
  if (appointments.listDay(day).length > 0) return appointments.listDay(day).map((a) => a.code);
  const { timeZone, resetTime } = hall.config.hall;
  return demoAppointments(now, day.slice(5).replace('-', '')).map((input) => {
    const a = appointmentInputSchema.parse(input);
    appointments.upsert({
      id: a.id,
      code: a.code,
      serviceId: a.serviceId,
      matter: a.matter,
      holderKey: vault.lookupKey(a.holder.idNumber),
      holderName: maskName(a.holder.name),
      holderId: maskIdNumber(a.holder.idNumber),
      sealed: vault.seal({ name: a.holder.name, idNumber: a.holder.idNumber }),
      slotStart: a.slotStart,
      slotEnd: a.slotEnd,
      businessDay: businessDayOf(Date.parse(a.slotStart), timeZone, resetTime),
      channel: a.channel,
      platformRef: null,
      createdAt: new Date(now).toISOString(),
    });
    return a.code;
  });
}

async function seedDemoHall(
  hall: HallService,
  auth: AuthService,
  authRepo: AuthRepository,
): Promise<Record<string, string>> {
  const tokens: Record<string, string> = {};
  if (hall.queueState.services.size === 0) {
    await hall.saveConfiguration(
      { services: DEMO_SERVICES, windows: DEMO_WINDOWS },
      { kind: 'system', reason: 'demo-seed' },
    );
  }
  if (authRepo.countStaff() === 0) {
    const passwordHash = await hashPassword(DEMO_PASSWORD);
    for (const s of DEMO_STAFF) authRepo.upsertStaff({ ...s, passwordHash, enabled: true }, new Date().toISOString());
  }
  for (const d of DEMO_DEVICES) {
    if (!authRepo.findDevice(d.id)) auth.saveDevice(d);
  }
  // Fresh tokens on every demo start, so the printed URLs always work.
  for (const id of ['display-main', 'kiosk-01', 'gateway-01']) tokens[id] = auth.issueDeviceToken(id);
  return tokens;
}

/** Composition root: opens the database, builds every adapter around the hall service and listens. */
export async function startHall(config: HallConfig, options: StartOptions = {}): Promise<RunningHall> {
  const log: Logger = options.log ?? pino({ level: config.log.level, redact: ['*.idNumber', '*.password', '*.phone'] });
  const clock = options.clock ?? systemClock;
  const dataDir = resolve(config.dataDir);
  const db = openDatabase({ file: join(dataDir, config.db.file), synchronous: config.db.synchronous });
  const queueRepo = new QueueRepository(db);
  const authRepo = new AuthRepository(db);
  const vault = new PersonalDataVault(loadOrCreateDataKey({ ...config, dataDir }));
  const hall = new HallService({ config, db, queue: queueRepo, vault, clock, ids: { newId: () => randomUUID() }, log });
  const auth = new AuthService(authRepo, clock, config.security);
  const demoTokens = config.demo.seed ? await seedDemoHall(hall, auth, authRepo) : {};
  await hall.start();
  const demoAppointmentCodes = config.demo.seed
    ? seedDemoAppointments(hall, new AppointmentRepository(db), vault, clock.now())
    : [];

  // MQTT: our own broker unless one is configured or already listening on the port (Mosquitto on dev machines).
  const mqttInternal = { username: 'onedoor-hall', password: randomBytes(18).toString('base64url') };
  let broker: EmbeddedBroker | null = null;
  let mqttUrl = config.mqtt.url ?? '';
  if (!config.mqtt.url) {
    try {
      broker = await startEmbeddedBroker({
        host: config.mqtt.embeddedHost,
        port: config.mqtt.embeddedPort,
        // The hall server itself, a device with its own token, or a paired gateway speaking for its devices.
        authenticate: (username, password) => {
          if (username === mqttInternal.username) return password === mqttInternal.password;
          const device = auth.deviceForToken(password);
          return device !== null && (device.id === username || device.kind === 'gateway');
        },
      });
      mqttUrl = `mqtt://127.0.0.1:${broker.port}`;
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
    hall,
    devices: authRepo,
    log,
  });
  await mqtt
    .start()
    .catch((err: Error) =>
      log.warn({ err: err.message }, 'MQTT 未连接，稍后自动重试 / MQTT not connected yet; retrying in the background'),
    );

  let virtualDevices: VirtualDevices | null = null;
  if (config.demo.virtualDevices && demoTokens['gateway-01']) {
    virtualDevices = await startVirtualDevices({
      mqttUrl,
      hallId: config.hall.id,
      gatewayId: 'gateway-01',
      gatewayToken: demoTokens['gateway-01'],
      devices: authRepo.listDevices(),
      log,
    });
  }

  const metrics = createMetrics(hall);
  const http = await createHttpServer({
    hall,
    auth,
    authRepo,
    metrics,
    db,
    vault,
    webDir: config.server.webDir,
    dataDir,
    log,
    health: () => ({ mqtt: mqtt.connected }),
  });
  // 事项目录与办件 / matter catalog and cases: services, REST routes, demo catalog + approvers on first start.
  const catalog = new CatalogService({ db, hall, clock, timeZone: config.hall.timeZone, log });
  const cases = new CaseService({
    db,
    hall,
    catalog,
    vault,
    clock,
    ids: { newId: () => randomUUID() },
    log,
    notifications: new LoggingNotificationSender(log),
    hallName: config.hall.name,
    areaCode: config.hall.areaCode,
    timeZone: config.hall.timeZone,
  });
  if (config.demo.seed) await catalog.seedDemo(auth, DEMO_PASSWORD);
  registerCatalogRoutes(http, { auth, catalog });
  registerCaseRoutes(http, { auth, authRepo, cases, catalog });

  // Personal data is kept only as long as the retention allows (rule 8); masked values stay for statistics.
  const purgeRetention = async () => {
    const before = new Date(clock.now() - config.retention.personalDataDays * 86_400_000).toISOString();
    const tickets = queueRepo.purgePersonalData(before);
    const appointments = new AppointmentRepository(db).purgePersonalData(before);
    const purgedCases = await cases.purgePersonalData(config.retention.personalDataDays);
    if (tickets + appointments > 0 || (purgedCases.ok && purgedCases.value.purged > 0)) {
      log.info(
        { tickets, appointments, cases: purgedCases.ok ? purgedCases.value.purged : 0 },
        'personal data past retention purged',
      );
    }
  };
  await purgeRetention();
  const retentionTimer = setInterval(() => void purgeRetention(), 6 * 3_600_000);
  retentionTimer.unref();

  if (virtualDevices) registerVirtualDeviceRoutes(http, auth, virtualDevices);
  const io = attachSocketServer(http.server, { hall, auth, log });
  await http.listen({ host: config.server.host, port: config.server.port });
  const address = http.server.address();
  const port = typeof address === 'object' && address ? address.port : config.server.port;

  let closed = false;
  return {
    config,
    url: `http://127.0.0.1:${port}`,
    port,
    mqttUrl,
    mqttInternal,
    hall,
    auth,
    authRepo,
    db,
    http,
    io,
    demoTokens,
    demoAppointmentCodes,
    virtualDevices,
    async close() {
      if (closed) return;
      closed = true;
      hall.stop();
      clearInterval(retentionTimer);
      io.disconnectSockets(true);
      await new Promise<void>((r) => io.close(() => r()));
      await http.close().catch(() => undefined);
      await virtualDevices?.stop().catch(() => undefined);
      await mqtt.stop().catch(() => undefined);
      await broker?.close();
      db.close();
    },
  };
}

/** Demo only: press a virtual pad's keys, rate on a virtual evaluator, see what the virtual strips show. */
function registerVirtualDeviceRoutes(http: FastifyInstance, auth: AuthService, devices: VirtualDevices): void {
  const { guard, parse, doc } = routeKit(auth);
  const keySchema = z.object({ key: z.enum(PAD_KEYS) });
  const ratingSchema = z.object({
    level: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4), z.literal(5)]),
  });
  const run = async (reply: FastifyReply, action: () => Promise<boolean>) => {
    try {
      const answered = await action();
      return { ok: true, data: { answered } };
    } catch (err) {
      if (err instanceof UnknownVirtualDeviceError || err instanceof RangeError) {
        return sendError(reply, appError('NOT_FOUND', `没有这个虚拟设备或按键：${err.message}`, err.message));
      }
      throw err;
    }
  };
  http.get(
    '/api/demo/devices',
    doc('Demo: what the virtual pads and LED strips show'),
    guard(['clerk', 'manager'], () => ({ ok: true, data: devices.shown() })),
  );
  http.post(
    '/api/demo/pads/:id/keys',
    doc('Demo: press a key on a virtual call pad', keySchema),
    guard(['clerk', 'manager'], (req, reply) => {
      const body = parse(keySchema, req.body, reply);
      if (!body) return;
      return run(reply, () => devices.pressKey((req.params as { id: string }).id, body.key));
    }),
  );
  http.post(
    '/api/demo/evaluators/:id/ratings',
    doc('Demo: rate on a virtual evaluator (5 非常满意 … 1 非常不满意)', ratingSchema),
    guard(['clerk', 'manager'], (req, reply) => {
      const body = parse(ratingSchema, req.body, reply);
      if (!body) return;
      return run(reply, () => devices.rate((req.params as { id: string }).id, body.level));
    }),
  );
}

function printWelcome(h: RunningHall): void {
  const base = h.config.hall.publicUrl ?? `http://localhost:${h.port}`;
  const lines = [
    '',
    `  一门 OneDoor · ${h.config.hall.name} (${h.config.hall.id}) 已启动 / is running`,
    '',
    `  取号机 Kiosk          ${base}/kiosk/${h.demoTokens['kiosk-01'] ? `#token=${h.demoTokens['kiosk-01']}` : ''}`,
    `  窗口   Window client  ${base}/window/`,
    `  叫号屏 Display board  ${base}/display/${h.demoTokens['display-main'] ? `#token=${h.demoTokens['display-main']}` : ''}`,
    `  控制台 Console        ${base}/console/`,
    `  后台审批 Back office  ${base}/console/backoffice.html`,
    `  健康   Health         ${base}/healthz   指标 Metrics ${base}/metrics   API ${base}/api/openapi.json`,
    `  MQTT                  ${h.mqttUrl}${h.virtualDevices ? '   虚拟设备 virtual pads/LEDs/evaluators: 1–2号窗口 (POST /api/demo/pads/pad-w01/keys)' : ''}`,
    `  数据   Data           ${resolve(h.config.dataDir)}`,
  ];
  if (h.config.demo.seed) {
    lines.push(
      '',
      `  演示账号 Demo accounts (密码 password: ${DEMO_PASSWORD})`,
      `    admin 系统管理员 · manager01 王主任 · clerk01…clerk20 → 1…20号窗口 · approver-scjgj 等各部门审批人员 (departments' approvers)`,
      `  演示预约码 Demo appointment codes: ${h.demoAppointmentCodes.map((c, i) => `${c} ${['准时 on time', '过早 too early', '迟到 late'][i] ?? ''}`).join(' · ')}`,
    );
  }
  lines.push('', '  Ctrl-C 停止 / to stop', '');
  console.log(lines.join('\n'));
}

async function main(): Promise<void> {
  let config: HallConfig;
  try {
    // `npm start` is the whole demo hall on one machine: demo data and virtual devices unless told otherwise.
    const demo = process.env.npm_lifecycle_event === 'start';
    config = loadConfig(process.env, {
      ...(demo && process.env.HALL_DEMO === undefined ? { 'demo.seed': true } : {}),
      ...(demo && process.env.HALL_VIRTUAL_DEVICES === undefined ? { 'demo.virtualDevices': true } : {}),
    });
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(2);
    }
    throw err;
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
