import mqtt, { type MqttClient } from 'mqtt';
import type { z } from 'zod';
import {
  devicePayloadSchemas,
  padSettingsSchema,
  parseDeviceTopic,
  topics,
  type DeviceCommandPayload,
  type HallEvent,
  type PadKey,
  type QueueStatePayload,
  type RatingLevelNumber,
  type ServiceView,
  type TopicPayload,
  type WindowDisplayPayload,
} from '@onedoor/protocol';
import type { HallApp } from '../../app/hall-app.js';
import type { Actor, DeviceRecord } from '../../app/ports.js';
import type { QueueCommand } from '../../domain/queue/queue.commands.js';
import { TokenBucket } from '../socket/session-guard.js';

/** Key presses and ratings per device: 10 at once, then 5 a second — a clerk presses about one key a second. */
export const DEVICE_PRESS_RATE = { perSecond: 5, burst: 10 } as const;

export interface HallMqttOptions {
  url: string;
  username?: string | undefined;
  password?: string | undefined;
  app: HallApp;
  clientId?: string;
  /** Another broker than the hall's own: checked at start for letting callers in without credentials. */
  external?: boolean;
  /**
   * For mqtts:// to the hall's own broker over loopback: trust this certificate (or its CA) and skip the host-name
   * check — the name on the certificate is the hall's, not 127.0.0.1.
   */
  loopbackTls?: { ca: Buffer } | undefined;
}

/** Whether a broker lets a caller in without a username and password (Mosquitto with `allow_anonymous true`). */
export async function acceptsAnonymous(url: string): Promise<boolean> {
  try {
    const probe = await mqtt.connectAsync(url, {
      reconnectPeriod: 0,
      connectTimeout: 3000,
      clean: true,
      writeCache: false,
    });
    await probe.endAsync(true);
    return true;
  } catch {
    return false;
  }
}

/**
 * Which queue command a call-pad key means at its window. The pad's key map (its device settings) names the pause
 * reason and where the transfer key sends the visitor; a settings object that does not parse counts as none set.
 */
export function padKeyCommand(
  key: PadKey,
  windowId: string,
  currentTicketId: string | null,
  settings: Record<string, unknown> = {},
): QueueCommand | null {
  const parsed = padSettingsSchema.safeParse(settings);
  const keyMap = parsed.success ? parsed.data : padSettingsSchema.parse({});
  switch (key) {
    case 'call-next':
      return { type: 'call-next', windowId };
    case 'recall':
      return { type: 'recall', windowId };
    case 'no-show':
      return { type: 'no-show', windowId };
    case 'finish':
      return { type: 'finish', windowId };
    case 'suspend':
      return { type: 'suspend', windowId };
    case 'resume':
      return currentTicketId ? { type: 'resume', windowId, ticketId: currentTicketId } : null;
    case 'pause':
      return { type: 'pause', windowId, reason: keyMap.pauseReason };
    case 'start-evaluation':
      // The wired pad has no finish key: 「评价」 ends the service, and the finish starts the window's evaluator.
      return { type: 'finish', windowId };
    case 'transfer': {
      const { transferToServiceId: toServiceId, transferToWindowId: toWindowId, keepIssueTime } = keyMap;
      if (toServiceId) return { type: 'transfer', windowId, toServiceId, keepIssueTime };
      if (toWindowId) return { type: 'transfer', windowId, toWindowId, keepIssueTime };
      return null;
    }
  }
}

/**
 * The hall server's MQTT side: publishes calls, window displays and queue state for devices and the level above,
 * and turns device key presses into queue commands. Messages from devices are validated like socket payloads.
 */
export class HallMqtt {
  private client: MqttClient | null = null;
  private serviceViews: Map<string, ServiceView> | null = null;
  private readonly presses = new Map<string, TokenBucket>();
  /** Devices over their rate now: logged once when they start, not once per dropped message. */
  private readonly flooding = new Set<string>();

  constructor(private readonly options: HallMqttOptions) {}

  get connected(): boolean {
    return this.client?.connected ?? false;
  }

  private get app(): HallApp {
    return this.options.app;
  }

  async start(): Promise<void> {
    const { url, username, password } = this.options;
    const { hall, pipeline, log } = this.app;
    const hallId = hall.hallId;
    this.client = mqtt.connect(url, {
      clientId: this.options.clientId ?? `onedoor-hall-${hallId}-${process.pid}`,
      username,
      password,
      reconnectPeriod: 2000,
      connectTimeout: 5000,
      clean: true,
      // mqtt.js's default writeCache makes mqtt-packet (shared with the embedded broker) keep a Buffer for each of
      // the 65,536 two-byte numbers: 6 MB of heap for a client that sends a few packets a second. Every MQTT client
      // of ours says false: the switch is process-wide, and the first client to write with the default builds it.
      writeCache: false,
      ...(this.options.loopbackTls ? { ca: this.options.loopbackTls.ca, checkServerIdentity: () => undefined } : {}),
    });
    const client = this.client;
    client.on('error', (err) => log.warn({ err: err.message }, 'mqtt error'));
    client.on('connect', () => {
      client.subscribe(
        [`onedoor/${hallId}/device/+/key`, `onedoor/${hallId}/device/+/rating`, `onedoor/${hallId}/device/+/state`],
        { qos: 1 },
      );
      this.publishAllWindowDisplays();
    });
    client.on('message', (topic, payload) => this.onMessage(topic, payload));
    pipeline.onCommitted((event) => this.onHallEvent(event));
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`MQTT broker ${url} did not answer`)), 10_000);
      client.once('connect', () => {
        clearTimeout(timer);
        resolve();
      });
    });
    // The embedded broker checks every message; an external one is only as strict as its own configuration.
    if (this.options.external && (await acceptsAnonymous(url))) {
      log.warn(
        { mqttUrl: url },
        '外部 MQTT 代理允许匿名连接：任何人都能按呼叫器、写窗口屏，请用 npm run hw -- broker-config 生成 ACL 和密码文件 / ' +
          'the external MQTT broker lets anyone in: anyone can press a call pad or write a window strip; generate its ACL and password file with npm run hw -- broker-config',
      );
    }
  }

  async stop(): Promise<void> {
    await this.client?.endAsync();
  }

  /** Publishes on a topic of the protocol's topic map, with the payload that topic carries. */
  private publish<T extends string>(topic: T, payload: TopicPayload<T>, retain = false): void {
    this.client?.publish(topic, JSON.stringify(payload), { qos: 1, retain });
  }

  sendDeviceCommand(deviceId: string, command: DeviceCommandPayload): void {
    this.publish(topics.deviceCommand(this.app.hall.hallId, deviceId), command);
  }

  private windowDisplay(windowId: string): WindowDisplayPayload | null {
    const w = this.app.hall.windowView(windowId);
    if (!w) return null;
    const text = w.currentNumber
      ? `${w.currentNumber} ${w.number}号窗口`
      : w.state === 'paused'
        ? `${w.number}号窗口 暂停服务`
        : w.state === 'closed'
          ? `${w.number}号窗口`
          : `${w.number}号窗口 欢迎光临`;
    return {
      windowId,
      windowNumber: w.number,
      number: w.currentNumber,
      text,
      at: new Date(this.app.clock.now()).toISOString(),
    };
  }

  private publishAllWindowDisplays(): void {
    for (const w of this.app.hall.snapshot().windows) {
      const payload = this.windowDisplay(w.id);
      if (payload) this.publish(topics.windowDisplay(this.app.hall.hallId, w.id), payload, true);
    }
  }

  /**
   * 好差评 at the end of every service: a ticket that became done at a window starts that window's evaluators
   * (whoever finished it — the clerk's screen, the pad, or the next call).
   */
  private startEvaluators(event: HallEvent): void {
    if (event.type !== 'ticket.done' && event.type !== 'ticket.called') return;
    const done = event.tickets.filter((t) => t.status === 'done' && t.windowId);
    if (done.length === 0) return;
    const evaluators = this.app.auth.listDevices().filter((d) => d.kind === 'evaluator');
    for (const t of done) {
      for (const d of evaluators.filter((e) => e.windowId === t.windowId)) {
        this.sendDeviceCommand(d.id, { type: 'start-evaluation', ticketId: t.id });
      }
    }
  }

  private onHallEvent(event: HallEvent): void {
    const hallId = this.app.hall.hallId;
    this.startEvaluators(event);
    this.publish(topics.event(hallId), event);
    if (event.call) this.publish(topics.call(hallId), event.call);
    for (const w of event.windows) {
      const payload = this.windowDisplay(w.id);
      if (payload) this.publish(topics.windowDisplay(hallId, w.id), payload, true);
    }
    if (event.services.length > 0) {
      // Events carry the services they changed; keep the rest from before rather than rebuilding a snapshot per event.
      this.serviceViews ??= new Map(this.app.hall.snapshot().services.map((s) => [s.id, s]));
      for (const s of event.services) this.serviceViews.set(s.id, s);
      const state: QueueStatePayload = {
        seq: event.seq,
        services: [...this.serviceViews.values()].map((s) => ({
          id: s.id,
          name: s.name,
          waiting: s.waiting,
          estimatedWaitMinutes: s.estimatedWaitMinutes,
        })),
        at: event.at,
      };
      this.publish(topics.queueState(hallId), state, true);
    }
  }

  private onMessage(topic: string, raw: Buffer): void {
    const { hall, log } = this.app;
    const parsed = parseDeviceTopic(topic);
    if (!parsed || parsed.hallId !== hall.hallId) return;
    let json: unknown;
    try {
      json = JSON.parse(raw.toString('utf8'));
    } catch {
      log.warn({ topic }, 'MQTT 消息不是 JSON / MQTT payload is not JSON; ignored');
      return;
    }
    /** Validates the payload like a socket payload; null (and a log line) when it is malformed. */
    const valid = <T>(schema: z.ZodType<T>): T | null => {
      const result = schema.safeParse(json);
      if (result.success) return result.data;
      log.warn(
        { topic, issues: result.error.issues.map((i) => i.message) },
        'MQTT 消息格式错误 / malformed MQTT payload; ignored',
      );
      return null;
    };
    const registered = (deviceId: string) => {
      const device = this.app.auth.device(deviceId);
      if (!device) log.warn({ topic }, '未登记的设备 / message from an unregistered device; ignored');
      return device;
    };
    switch (parsed.kind) {
      case 'state': {
        const state = valid(devicePayloadSchemas.state);
        const device = state && registered(parsed.deviceId);
        if (state && device) this.app.auth.reportDeviceState(device.id, state.online, state.status);
        return;
      }
      case 'rating': {
        const rating = valid(devicePayloadSchemas.rating);
        const device = rating && registered(parsed.deviceId);
        if (rating && device && this.withinRate(device)) this.onRating(device, rating.level, rating.reason);
        return;
      }
      case 'key': {
        const press = valid(devicePayloadSchemas.key);
        const device = press && registered(parsed.deviceId);
        if (press && device && this.withinRate(device)) this.onKey(device, press.key);
        return;
      }
      case 'command':
        // Our own commands to devices come back on the shared subscription pattern: nothing to do.
        return;
    }
  }

  /**
   * Whether a device's key press or rating is within its rate: a pad token pressing call-next a thousand times a
   * second must not call the whole queue. Over the rate the message is dropped (no beep: a flood gets no answer).
   */
  private withinRate(device: DeviceRecord): boolean {
    let bucket = this.presses.get(device.id);
    if (!bucket) {
      bucket = new TokenBucket(DEVICE_PRESS_RATE.perSecond, DEVICE_PRESS_RATE.burst, () => this.app.clock.now());
      this.presses.set(device.id, bucket);
    }
    if (bucket.take()) {
      this.flooding.delete(device.id);
      return true;
    }
    if (!this.flooding.has(device.id)) {
      this.flooding.add(device.id);
      this.app.log.warn({ deviceId: device.id }, '设备按键过于频繁，已忽略 / device presses too fast; dropping');
    }
    return false;
  }

  private onRating(device: DeviceRecord, level: RatingLevelNumber, reason: string | undefined): void {
    const { ratings, log } = this.app;
    if (!device.windowId) {
      log.warn({ deviceId: device.id }, '评价器未绑定窗口 / evaluator is not bound to a window');
      return;
    }
    void ratings.record(device.windowId, level, { kind: 'device', deviceId: device.id }, { reason }).then((r) => {
      if (!r.ok) log.info({ deviceId: device.id, code: r.error.code }, 'rating refused');
    });
  }

  private onKey(device: DeviceRecord, key: PadKey): void {
    const { hall, log } = this.app;
    const windowId = device.windowId;
    if (!windowId) {
      log.warn({ deviceId: device.id }, '呼叫器未绑定窗口 / call pad is not bound to a window');
      return;
    }
    const current = hall.windowView(windowId)?.currentTicketId ?? null;
    const command = padKeyCommand(key, windowId, current, device.settings);
    if (!command) {
      // A key this pad's key map gives no meaning (a transfer without a target): tell the clerk with a beep.
      log.info({ deviceId: device.id, key }, 'pad key has no command in its key map');
      this.sendDeviceCommand(device.id, { type: 'beep' });
      return;
    }
    const actor: Actor = { kind: 'device', deviceId: device.id };
    void hall.runQueueCommand(command, actor).then((r) => {
      if (!r.ok) {
        log.info({ deviceId: device.id, code: r.error.code }, 'pad command refused');
        // Tell the clerk at the pad: a beep and the reason on its display.
        this.sendDeviceCommand(device.id, { type: 'beep' });
      }
    });
  }
}
