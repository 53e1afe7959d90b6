import { connect as mqttConnect, type IClientOptions, type MqttClient } from 'mqtt';
import type { BindingInterface } from '@serialport/bindings-interface';
import {
  deviceCommandPayloadSchema,
  topics,
  windowDisplayPayloadSchema,
  type DeviceCommandPayload,
  type DeviceStatePayload,
  type HallMqttApi,
  type PadKey,
  type WindowDisplayPayload,
} from '@onedoor/protocol';
import type { ByteTransport } from '../transport/byte-transport.js';
import { Rs485Bus } from '../rs485/bus.js';
import type { RatingLevel } from '../rs485/protocol.js';
import { OnbonBoard } from '../onbon/board.js';
import {
  parseGatewayConfig,
  type GatewayConfig,
  type GatewayConfigInput,
  type GatewayDevice,
  type LedBoardDevice,
  type Rs485Device,
} from './config.js';

const NS = 'hw:gateway';

/** Log sink; defaults to stderr lines prefixed with the namespace. */
export interface GatewayLogger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

/** Options for {@link createGateway}: the config (validated here) plus injectable IO. */
export interface GatewayOptions extends GatewayConfigInput {
  /** serialport binding for every serial device, defaults to the OS binding. Tests pass `MockBinding`. */
  binding?: BindingInterface;
  /** Opens a serial link; overrides `binding`. Called again to reconnect. */
  openSerial?: (spec: { path: string; baudRate: number }) => Promise<ByteTransport>;
  /** Opens a TCP link to an LED board, defaults to a plain TCP connection. */
  connectTcp?: (spec: { host: string; port: number }) => Promise<ByteTransport>;
  /** Creates an MQTT client, defaults to `mqtt.connect`. Tests wrap it to reach the clients. */
  connectMqtt?: (url: string, options: IClientOptions) => MqttClient;
  /** Clock, defaults to `() => new Date()`. */
  now?: () => Date;
  /** Log sink, defaults to stderr. */
  logger?: GatewayLogger;
  /** How long {@link Gateway.start} waits for the broker before going on (clients keep retrying), default 10 000 ms. */
  startTimeoutMs?: number;
  /**
   * Told of each key press and rating as it goes to the hall: the window client shows the clerk the rating its own
   * evaluator just gave. The hall stays the one that acts on them.
   */
  onDeviceInput?: (input: GatewayDeviceInput) => void;
}

/** A key press or a rating from a configured device, as published to the hall. */
export type GatewayDeviceInput =
  { deviceId: string; type: 'key'; key: PadKey } | { deviceId: string; type: 'rating'; level: RatingLevel };

/** One device as the gateway sees it. */
export interface GatewayDeviceStatus {
  deviceId: string;
  kind: GatewayDevice['kind'];
  online: boolean;
  status: string[];
  mqttConnected: boolean;
}

/** A running gateway. */
export interface Gateway {
  /** Opens the ports and connects to the broker. Never rejects for a missing device or broker: it keeps retrying. */
  start(): Promise<void>;
  /** Publishes every device offline, disconnects and closes the ports. */
  stop(): Promise<void>;
  /** Current view of every device. */
  devices(): GatewayDeviceStatus[];
  /** The gateway's own state as it publishes it (null without a `gatewayId`). */
  self(): DeviceStatePayload | null;
}

/** What the window display / device commands ask a device to show, kept to replay after a replug. */
type DisplayIntent = { text: string; number: string | null } | { waiting: number };

interface DeviceLink {
  config: GatewayDevice;
  client: MqttClient | null;
  online: boolean;
  status: string[];
  lastDisplay: DisplayIntent | null;
  bus?: Rs485Bus;
  board?: OnbonBoard;
}

/** How long a stop waits for the broker at each step: to reconnect, to take the 'stopped' state, to disconnect. */
const STOP_WAIT_MS = 2000;

/** Resolves with `p`'s value, or with undefined after `ms`. */
function withTimeout<T>(p: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), ms);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

const stderrLogger: GatewayLogger = {
  info: (m) => process.stderr.write(`[${NS}] ${m}\n`),
  warn: (m) => process.stderr.write(`[${NS}] WARN ${m}\n`),
  error: (m) => process.stderr.write(`[${NS}] ERROR ${m}\n`),
};

type DeviceTopicPattern = 'onedoor/+/device/+/state' | 'onedoor/+/device/+/key' | 'onedoor/+/device/+/rating';

/**
 * Binds the configured call pads, evaluators, window strips and LED boards to the hall over MQTT.
 *
 * Each device gets its own MQTT connection whose last will is `{online:false}` on its retained state topic, so the
 * broker marks exactly the devices of a dead gateway offline at once, without the hall server having to know
 * which gateway serves which device.
 */
export function createGateway(options: GatewayOptions): Gateway {
  const config: GatewayConfig = parseGatewayConfig(options);
  const log = options.logger ?? stderrLogger;
  const now = options.now ?? (() => new Date());
  const connectMqtt = options.connectMqtt ?? mqttConnect;
  const links = new Map<string, DeviceLink>();
  const buses = new Map<string, Rs485Bus>();
  const byAddress = new Map<string, DeviceLink>();
  let heartbeat: NodeJS.Timeout | null = null;
  let running = false;
  // The gateway itself is a device of the hall too (kind gateway): its own connection, state and last will.
  const gatewayId = config.gatewayId ?? config.username;
  let selfClient: MqttClient | null = null;

  const reconnectMs = Math.round(config.reconnectSeconds * 1000);

  // --- devices --------------------------------------------------------------------------------------------------
  for (const device of config.devices) {
    const link: DeviceLink = { config: device, client: null, online: false, status: ['starting'], lastDisplay: null };
    links.set(device.id, link);
    if (device.kind === 'led-board') {
      link.board = makeBoard(device);
    } else {
      link.bus = busFor(device);
      byAddress.set(`${device.port}#${device.address}`, link);
    }
  }

  function busFor(device: Rs485Device): Rs485Bus {
    let bus = buses.get(device.port);
    if (bus) return bus;
    const spec = { path: device.port, baudRate: device.baudRate };
    const ratingMaps: Record<number, Record<number, RatingLevel>> = {};
    for (const d of config.devices) {
      if (d.kind === 'evaluator' && d.port === device.port && d.ratingMap) {
        ratingMaps[d.address] = Object.fromEntries(Object.entries(d.ratingMap).map(([k, v]) => [Number(k), v]));
      }
    }
    bus = new Rs485Bus({
      path: device.port,
      baudRate: device.baudRate,
      reconnectIntervalMs: reconnectMs,
      ratingMaps,
      ...(options.openSerial ? { open: () => options.openSerial!(spec) } : {}),
      ...(options.binding ? { binding: options.binding } : {}),
    });
    const port = device.port;
    bus.on('key', ({ address, key }) => {
      const link = byAddress.get(`${port}#${address}`);
      if (!link) return log.warn(`key ${key} from unconfigured address ${address} on ${port}`);
      publish(link, 'onedoor/+/device/+/key', topics.deviceKey(config.hallId, link.config.id), {
        key,
        at: now().toISOString(),
      });
      options.onDeviceInput?.({ deviceId: link.config.id, type: 'key', key });
    });
    bus.on('rating', ({ address, level }) => {
      const link = byAddress.get(`${port}#${address}`);
      if (!link) return log.warn(`rating ${level} from unconfigured address ${address} on ${port}`);
      publish(link, 'onedoor/+/device/+/rating', topics.deviceRating(config.hallId, link.config.id), {
        level,
        at: now().toISOString(),
      });
      options.onDeviceInput?.({ deviceId: link.config.id, type: 'rating', level });
    });
    bus.on('error', (err) => log.warn(`${port}: ${err.message}`));
    bus.on('unplugged', () => {
      log.warn(`${port} unplugged / 串口 ${port} 已断开`);
      for (const link of linksOnPort(port)) setOnline(link, false, ['unplugged']);
    });
    bus.on('replugged', () => {
      log.info(`${port} back / 串口 ${port} 已恢复`);
      for (const link of linksOnPort(port)) {
        setOnline(link, true, []);
        if (link.lastDisplay) void drive(link, link.lastDisplay);
      }
    });
    buses.set(device.port, bus);
    return bus;
  }

  function linksOnPort(port: string): DeviceLink[] {
    return [...links.values()].filter((l) => l.config.kind !== 'led-board' && l.config.port === port);
  }

  function makeBoard(device: LedBoardDevice): OnbonBoard {
    const common = { address: device.screenAddress, width: device.width, height: device.height };
    let board: OnbonBoard;
    if (device.host !== undefined) {
      const spec = { host: device.host, port: device.tcpPort };
      board = new OnbonBoard(
        options.connectTcp
          ? { ...common, host: spec.host, port: spec.port, open: () => options.connectTcp!(spec) }
          : { ...common, ...spec },
      );
    } else {
      const spec = { path: device.port!, baudRate: device.baudRate };
      board = new OnbonBoard(
        options.openSerial
          ? { ...common, path: spec.path, open: () => options.openSerial!(spec) }
          : { ...common, ...spec, ...(options.binding ? { binding: options.binding } : {}) },
      );
    }
    board.on('error', (err) => log.warn(`${device.id}: ${err.message}`));
    board.on('unplugged', () => {
      const link = links.get(device.id)!;
      setOnline(link, false, ['unplugged']);
    });
    return board;
  }

  // --- MQTT -----------------------------------------------------------------------------------------------------
  function statePayload(link: DeviceLink): DeviceStatePayload {
    return {
      deviceId: link.config.id,
      kind: link.config.kind,
      online: link.online,
      status: link.status,
      at: now().toISOString(),
    };
  }

  function publish<P extends DeviceTopicPattern>(
    link: DeviceLink,
    _pattern: P,
    topic: string,
    payload: HallMqttApi[P],
    retain = false,
  ): void {
    const client = link.client;
    if (!client) return;
    // QoS 1: mqtt.js queues while offline and delivers after reconnecting, so a key pressed during a broker blip still arrives.
    client.publish(topic, JSON.stringify(payload), { qos: 1, retain }, (err) => {
      if (err && running) log.warn(`publish ${topic} failed: ${err.message}`);
    });
  }

  function publishState(link: DeviceLink): void {
    publish(
      link,
      'onedoor/+/device/+/state',
      topics.deviceState(config.hallId, link.config.id),
      statePayload(link),
      true,
    );
  }

  function setOnline(link: DeviceLink, online: boolean, status: string[]): void {
    const changed = link.online !== online || link.status.join() !== status.join();
    link.online = online;
    link.status = status;
    if (changed) {
      publishState(link);
      publishSelf();
    }
  }

  /** Online while it runs; its status words name the lines and boards it cannot reach (`unplugged:/dev/ttyUSB0`). */
  function selfState(online = true, status?: string[]): DeviceStatePayload | null {
    if (!gatewayId) return null;
    const problems = new Set<string>();
    for (const l of links.values()) {
      if (l.online) continue;
      problems.add(l.config.kind === 'led-board' ? `offline:${l.config.id}` : `unplugged:${l.config.port}`);
    }
    return { deviceId: gatewayId, kind: 'gateway', online, status: status ?? [...problems], at: now().toISOString() };
  }

  function publishSelf(): void {
    const payload = selfState();
    if (!gatewayId || !payload || !selfClient) return;
    selfClient.publish(
      topics.deviceState(config.hallId, gatewayId),
      JSON.stringify(payload),
      { qos: 1, retain: true },
      (err) => {
        if (err && running) log.warn(`publish own state failed: ${err.message}`);
      },
    );
  }

  /** One MQTT client per device (and one for the gateway itself), each with the last will its state topic needs. */
  function clientOptions(id: string, will: unknown) {
    return {
      clientId: `${config.clientIdPrefix}-${config.hallId}-${id}`,
      ...(config.username !== undefined ? { username: config.username } : {}),
      ...(config.password !== undefined ? { password: config.password } : {}),
      keepalive: config.keepaliveSeconds,
      reconnectPeriod: reconnectMs,
      connectTimeout: 10_000,
      clean: true,
      // mqtt.js's default writeCache keeps a Buffer for each of the 65,536 two-byte numbers (6 MB of heap).
      writeCache: false,
      will: {
        topic: topics.deviceState(config.hallId, id),
        payload: Buffer.from(JSON.stringify(will)),
        qos: 1 as const,
        retain: true,
      },
    };
  }

  function connectSelf(id: string): Promise<void> {
    const client = connectMqtt(config.mqttUrl, clientOptions(id, selfState(false, ['gateway-offline'])!));
    selfClient = client;
    client.on('error', (err) => log.warn(`${id}: MQTT ${err.message}`));
    return new Promise<void>((resolve) => {
      client.on('connect', () => {
        publishSelf();
        resolve();
      });
    });
  }

  function connectDevice(link: DeviceLink): Promise<void> {
    const d = link.config;
    const will: DeviceStatePayload = {
      deviceId: d.id,
      kind: d.kind,
      online: false,
      status: ['gateway-offline'],
      at: now().toISOString(),
    };
    const client = connectMqtt(config.mqttUrl, clientOptions(d.id, will));
    link.client = client;
    const subscriptions: string[] = [topics.deviceCommand(config.hallId, d.id)];
    // An evaluator shows nothing of the window: the broker grants the window's display only to what shows it.
    if (d.windowId && d.kind !== 'evaluator') subscriptions.push(topics.windowDisplay(config.hallId, d.windowId));
    client.on('message', (topic, payload) => onMessage(link, topic, payload));
    client.on('error', (err) => log.warn(`${d.id}: MQTT ${err.message}`));
    return new Promise<void>((resolve) => {
      client.on('connect', () => {
        // Every (re)connect: state first (replaces the will the broker may have published), then subscribe,
        // which also re-delivers the retained window display.
        publishState(link);
        client.subscribe(subscriptions, { qos: 1 }, (err) => {
          if (err) log.warn(`${d.id}: subscribe failed: ${err.message}`);
          resolve();
        });
      });
    });
  }

  function onMessage(link: DeviceLink, topic: string, payload: Buffer): void {
    let json: unknown;
    try {
      json = JSON.parse(payload.toString('utf8'));
    } catch {
      return log.warn(`${link.config.id}: ignored non-JSON message on ${topic}`);
    }
    if (topic === topics.deviceCommand(config.hallId, link.config.id)) {
      const r = deviceCommandPayloadSchema.safeParse(json);
      if (!r.success) return log.warn(`${link.config.id}: ignored invalid command: ${r.error.message}`);
      void onCommand(link, r.data);
      return;
    }
    if (link.config.windowId && topic === topics.windowDisplay(config.hallId, link.config.windowId)) {
      const r = windowDisplayPayloadSchema.safeParse(json);
      if (!r.success) return log.warn(`${link.config.id}: ignored invalid window display: ${r.error.message}`);
      void onWindowDisplay(link, r.data);
    }
  }

  async function onWindowDisplay(link: DeviceLink, msg: WindowDisplayPayload): Promise<void> {
    // A pad only has three digits: it follows the window's ticket number, and keeps what it shows when there is none.
    if (link.config.kind === 'pad' && msg.number === null) return;
    if (link.config.kind === 'evaluator') return;
    await drive(link, { text: msg.text, number: msg.number });
  }

  async function onCommand(link: DeviceLink, cmd: DeviceCommandPayload): Promise<void> {
    const d = link.config;
    try {
      switch (cmd.type) {
        case 'display':
          if (d.kind === 'evaluator') return log.warn(`${d.id}: an evaluator has no display for text`);
          await drive(link, { text: cmd.text, number: cmd.number ?? null });
          return;
        case 'show-waiting':
          if (d.kind !== 'pad') return log.warn(`${d.id}: show-waiting is for call pads`);
          await drive(link, { waiting: cmd.count });
          return;
        case 'beep':
          if (d.kind === 'led-board') return log.warn(`${d.id}: an LED board cannot beep`);
          await link.bus!.beep(d.address);
          return;
        case 'start-evaluation':
          if (d.kind !== 'evaluator') return log.warn(`${d.id}: start-evaluation is for evaluators`);
          await link.bus!.startEvaluation(d.address);
          return;
      }
    } catch (err) {
      log.warn(`${d.id}: ${cmd.type} failed: ${(err as Error).message}`);
    }
  }

  async function drive(link: DeviceLink, intent: DisplayIntent): Promise<void> {
    link.lastDisplay = intent;
    const d = link.config;
    try {
      if ('waiting' in intent) {
        if (d.kind === 'pad') await link.bus!.showWaiting(d.address, intent.waiting);
        return;
      }
      switch (d.kind) {
        case 'pad':
          await link.bus!.showNumber(d.address, intent.number ?? intent.text);
          return;
        case 'led':
          if (d.display === 'text') await link.bus!.showText(d.address, intent.text);
          else await link.bus!.showNumber(d.address, intent.number ?? intent.text);
          return;
        case 'led-board':
          // TextAlignment: bits 1-0 = 2 centre horizontally, bits 3-2 = 2 middle vertically.
          await link.board!.showText(intent.text, { alignment: d.align === 'center' ? 0x0a : 0x00 });
          setOnline(link, true, []);
          return;
        case 'evaluator':
          return;
      }
    } catch (err) {
      log.warn(`${d.id}: display failed: ${(err as Error).message}`);
      if (d.kind === 'led-board') setOnline(link, false, [statusOf(err)]);
    }
  }

  function statusOf(err: unknown): string {
    const code = (err as { code?: string }).code;
    if (code === 'TIMEOUT') return 'no-reply';
    if (code === 'LED_BOARD_NACK') return 'refused';
    return 'unplugged';
  }

  async function checkBoard(link: DeviceLink): Promise<void> {
    const wasOffline = !link.online;
    try {
      await link.board!.ping();
      setOnline(link, true, []);
      // Dynamic areas live in RAM: a controller that was off or unplugged has lost them.
      if (wasOffline && link.lastDisplay) await drive(link, link.lastDisplay);
    } catch (err) {
      setOnline(link, false, [statusOf(err)]);
    }
  }

  /**
   * A clean DISCONNECT suppresses the will, so a stopping link says 'stopped' itself first. A link caught in a
   * reconnect waits for it, or the broker is left holding the will ('gateway-offline') of the connection that dropped.
   * Both waits are bounded: the broker may be gone for good.
   */
  async function sayStopped(client: MqttClient, topic: string, payload: DeviceStatePayload): Promise<void> {
    if (!client.connected)
      await withTimeout(new Promise<void>((resolve) => client.once('connect', () => resolve())), STOP_WAIT_MS);
    if (client.connected) {
      await withTimeout(
        new Promise<void>((resolve) =>
          client.publish(topic, JSON.stringify(payload), { qos: 1, retain: true }, () => resolve()),
        ),
        STOP_WAIT_MS,
      );
    }
    if (
      (await withTimeout(
        client.endAsync().then(() => true),
        STOP_WAIT_MS,
      )) !== true
    )
      await client.endAsync(true);
  }

  // --- lifecycle ------------------------------------------------------------------------------------------------
  return {
    async start() {
      if (running) return;
      running = true;
      // Ports first, so the first state published already says whether each device is there.
      await Promise.all(
        [...buses.entries()].map(async ([port, bus]) => {
          const ok = await bus.start();
          for (const link of linksOnPort(port)) {
            link.online = ok;
            link.status = ok ? [] : ['unplugged'];
          }
        }),
      );
      await Promise.all([...links.values()].filter((l) => l.board).map((l) => checkBoard(l)));
      const connected = Promise.all([
        ...[...links.values()].map((l) => connectDevice(l)),
        ...(gatewayId ? [connectSelf(gatewayId)] : []),
      ]);
      const timeoutMs = options.startTimeoutMs ?? 10_000;
      let timer: NodeJS.Timeout | undefined;
      const timedOut = new Promise<'timeout'>((r) => {
        timer = setTimeout(() => r('timeout'), timeoutMs);
      });
      if ((await Promise.race([connected, timedOut])) === 'timeout') {
        log.warn(
          `broker ${config.mqttUrl} not reachable yet; retrying every ${config.reconnectSeconds} s / 暂时连不上 MQTT 服务器，将持续重试`,
        );
      }
      clearTimeout(timer);
      heartbeat = setInterval(() => {
        for (const link of links.values()) {
          if (link.board) void checkBoard(link).then(() => publishState(link));
          else publishState(link);
        }
        publishSelf();
      }, config.heartbeatSeconds * 1000);
      log.info(`gateway for hall ${config.hallId}: ${links.size} device(s) on ${buses.size} RS-485 line(s)`);
    },

    async stop() {
      if (!running) return;
      running = false;
      if (heartbeat) clearInterval(heartbeat);
      heartbeat = null;
      await Promise.all(
        [...links.values()].map(async (link) => {
          const client = link.client;
          link.client = null;
          if (!client) return;
          await sayStopped(client, topics.deviceState(config.hallId, link.config.id), {
            ...statePayload(link),
            online: false,
            status: ['stopped'],
          });
        }),
      );
      const own = selfClient;
      selfClient = null;
      if (own && gatewayId)
        await sayStopped(own, topics.deviceState(config.hallId, gatewayId), selfState(false, ['stopped'])!);
      await Promise.all([...buses.values()].map((b) => b.close()));
      await Promise.all([...links.values()].filter((l) => l.board).map((l) => l.board!.close()));
    },

    self: () => selfState(running),

    devices() {
      return [...links.values()].map((l) => ({
        deviceId: l.config.id,
        kind: l.config.kind,
        online: l.online,
        status: [...l.status],
        mqttConnected: l.client?.connected ?? false,
      }));
    },
  };
}
