import { z } from 'zod';

/**
 * The device gateway's config: one JSON file, validated at start. Example (see hardware/README.md):
 *
 * ```json
 * {
 *   "mqttUrl": "mqtt://192.168.1.10:1883",
 *   "hallId": "hall-1",
 *   "devices": [
 *     { "id": "pad-w3", "kind": "pad", "port": "/dev/ttyUSB0", "address": 3, "windowId": "w3" },
 *     { "id": "eval-w3", "kind": "evaluator", "port": "/dev/ttyUSB0", "address": 13, "windowId": "w3" },
 *     { "id": "led-w3", "kind": "led", "port": "/dev/ttyUSB0", "address": 23, "windowId": "w3" },
 *     { "id": "board-hall", "kind": "led-board", "host": "192.168.1.50", "windowId": "w3", "width": 192, "height": 32 }
 *   ]
 * }
 * ```
 * RS-485 devices that name the same `port` share one line (one driver, many addresses).
 */

const MQTT_TOPIC_LEVEL = /^[^/+#\s]+$/;
const idSchema = z
  .string({ error: '必须是字符串 / must be a string' })
  .regex(MQTT_TOPIC_LEVEL, { error: '不能为空，不能含 / + # 或空格 / must be non-empty without / + # or spaces' });

const addressSchema = z
  .number({ error: '必须是数字 / must be a number' })
  .int({ error: '必须是整数 / must be an integer' })
  .min(0, { error: 'RS-485 地址范围 0–255 / RS-485 address must be 0–255' })
  .max(255, { error: 'RS-485 地址范围 0–255 / RS-485 address must be 0–255' });

const baudSchema = z
  .number({ error: '必须是数字 / must be a number' })
  .int({ error: '波特率必须是整数 / baud rate must be an integer' })
  .refine((n) => [1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200].includes(n), {
    error:
      '波特率只能是 1200–115200 的标准值（呼叫器 9600；仰邦屏 9600 或 57600）/ baud rate must be a standard rate (pads 9600; Onbon 9600 or 57600)',
  });

const portSchema = z
  .string({
    error: '必须是串口路径，例如 /dev/ttyUSB0 或 COM3 / must be a serial port path such as /dev/ttyUSB0 or COM3',
  })
  .min(1, {
    error: '串口路径不能为空 / serial port path must not be empty',
  });

const rs485Common = {
  id: idSchema,
  /** Serial port of the RS-485 line (USB–485 adapter). */
  port: portSchema,
  /** Default 9600 (the pads' fixed rate). */
  baudRate: baudSchema.default(9600),
  address: addressSchema,
  /** The window this device belongs to: its display follows `onedoor/{hall}/window/{windowId}/display`. */
  windowId: idSchema.optional(),
};

const levelSchema = z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4), z.literal(5)], {
  error: '评价等级只能是 1–5 / rating level must be 1–5',
});

export const padDeviceSchema = z.object({ kind: z.literal('pad'), ...rs485Common });
export const evaluatorDeviceSchema = z.object({
  kind: z.literal('evaluator'),
  ...rs485Common,
  /** Evaluator value → level 1–5, e.g. {"0": 2, "1": 3, "2": 4, "3": 5, "4": 1} (the default). */
  ratingMap: z
    .record(z.string().regex(/^\d{1,3}$/, { error: '键必须是 0–255 的数字 / keys must be numbers 0–255' }), levelSchema)
    .optional(),
});
export const ledDeviceSchema = z.object({
  kind: z.literal('led'),
  ...rs485Common,
  /** 'text': the strip takes GB2312 text frames (CMD 04); 'digits': a 3-digit strip like a pad display. Default 'text'. */
  display: z
    .enum(['text', 'digits'], { error: "display 只能是 'text' 或 'digits' / display must be 'text' or 'digits'" })
    .default('text'),
});
export const ledBoardDeviceSchema = z
  .object({
    kind: z.literal('led-board'),
    id: idSchema,
    /** Serial port (RS-232/485) … */
    port: portSchema.optional(),
    /** … at 9600 (default) or 57600 … */
    baudRate: baudSchema.default(9600),
    /** … or the controller's IP address … */
    host: z.string().min(1).optional(),
    /** … and TCP port, default 5005. */
    tcpPort: z
      .number()
      .int()
      .min(1)
      .max(65535, { error: 'TCP 端口范围 1–65535 / TCP port must be 1–65535' })
      .default(5005),
    /** Screen address, default 1. */
    screenAddress: z.number().int().min(0).max(0xffff).default(1),
    /** Screen size in pixels, default 128 × 32. */
    width: z.number().int().min(8).max(4096).default(128),
    height: z.number().int().min(8).max(4096).default(32),
    /** Text placement: 'center' (default: centred both ways) or 'left' (top-left). */
    align: z
      .enum(['center', 'left'], { error: "align 只能是 'center' 或 'left' / align must be 'center' or 'left'" })
      .default('center'),
    windowId: idSchema.optional(),
  })
  .refine((d) => (d.port === undefined) !== (d.host === undefined), {
    error:
      'LED 屏要么填 port（串口）要么填 host（网口），只能二选一 / give either port (serial) or host (TCP), not both',
  });

export const gatewayDeviceSchema = z.discriminatedUnion(
  'kind',
  [padDeviceSchema, evaluatorDeviceSchema, ledDeviceSchema, ledBoardDeviceSchema],
  {
    error: "kind 只能是 pad、evaluator、led、led-board / kind must be 'pad', 'evaluator', 'led' or 'led-board'",
  },
);

export const gatewayConfigSchema = z
  .object({
    /** Broker URL: mqtt://, mqtts://, ws:// or wss://. */
    mqttUrl: z.string().regex(/^(mqtts?|wss?|tcp):\/\/[^\s]+$/, {
      error: 'MQTT 地址格式应为 mqtt://主机:端口 / MQTT URL must look like mqtt://host:port',
    }),
    hallId: idSchema,
    username: z.string().optional(),
    password: z.string().optional(),
    /**
     * The gateway's own device id in the hall (a device of kind `gateway`, paired in the console): its own state is
     * published like any device's, so the console shows the gateway online or offline. Defaults to `username` (the
     * hall's embedded broker takes the gateway's id as user name and its token as password); none, none published.
     */
    gatewayId: idSchema.optional(),
    /** MQTT client ids are `{clientIdPrefix}-{hallId}-{deviceId}`. Default 'onedoor-gw'. */
    clientIdPrefix: idSchema.default('onedoor-gw'),
    /** How often device state is republished (and LED boards pinged), default 30 s. */
    heartbeatSeconds: z.number().min(1).max(3600).default(30),
    /** MQTT keepalive; the broker sends a dead gateway's last will after 1.5 × this. Default 15 s. */
    keepaliveSeconds: z.number().int().min(1).max(600).default(15),
    /** Delay between reconnect attempts to the broker and to lost ports, default 2 s. */
    reconnectSeconds: z.number().min(0.05).max(600).default(2),
    devices: z.array(gatewayDeviceSchema).min(1, { error: '至少要配置一个设备 / configure at least one device' }),
  })
  .superRefine((cfg, ctx) => {
    const ids = new Set<string>();
    const addresses = new Map<string, string>();
    const bauds = new Map<string, number>();
    cfg.devices.forEach((d, i) => {
      if (ids.has(d.id)) {
        ctx.addIssue({
          code: 'custom',
          path: ['devices', i, 'id'],
          message: `设备编号 ${d.id} 重复 / duplicate device id ${d.id}`,
        });
      }
      ids.add(d.id);
      if (d.kind === 'led-board') return;
      const key = `${d.port}#${d.address}`;
      const other = addresses.get(key);
      if (other) {
        ctx.addIssue({
          code: 'custom',
          path: ['devices', i, 'address'],
          message: `${d.port} 上地址 ${d.address} 已被 ${other} 使用 / address ${d.address} on ${d.port} is already used by ${other}`,
        });
      }
      addresses.set(key, d.id);
      const baud = bauds.get(d.port);
      if (baud !== undefined && baud !== d.baudRate) {
        ctx.addIssue({
          code: 'custom',
          path: ['devices', i, 'baudRate'],
          message: `同一串口 ${d.port} 上的设备波特率必须相同 / all devices on ${d.port} must use the same baud rate`,
        });
      }
      bauds.set(d.port, d.baudRate);
    });
  });

/** The validated config (defaults filled in). */
export type GatewayConfig = z.infer<typeof gatewayConfigSchema>;
/** Config as written in the file. */
export type GatewayConfigInput = z.input<typeof gatewayConfigSchema>;
export type GatewayDevice = z.infer<typeof gatewayDeviceSchema>;
export type Rs485Device = Exclude<GatewayDevice, { kind: 'led-board' }>;
export type LedBoardDevice = Extract<GatewayDevice, { kind: 'led-board' }>;

/** A config that failed validation; `message` lists every problem in Chinese and English. */
export class GatewayConfigError extends Error {
  override readonly name = 'GatewayConfigError';
  constructor(
    readonly problems: readonly string[],
    source?: string,
  ) {
    super(
      `网关配置有误${source ? `（${source}）` : ''} / invalid gateway config${source ? ` (${source})` : ''}:\n${problems.map((p) => `  - ${p}`).join('\n')}`,
    );
  }
}

/** Validates a parsed config object; throws {@link GatewayConfigError}. */
export function parseGatewayConfig(input: unknown, source?: string): GatewayConfig {
  const r = gatewayConfigSchema.safeParse(input);
  if (r.success) return r.data;
  const problems = r.error.issues.map((issue) => {
    const where =
      issue.path.length > 0
        ? issue.path
            .map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`))
            .join('')
            .replace(/^\./, '')
        : '(根 / root)';
    const text = /[\u4e00-\u9fff]/.test(issue.message)
      ? issue.message
      : `${describeIssueZh(issue.code)} / ${issue.message}`;
    return `${where}: ${text}`;
  });
  throw new GatewayConfigError(problems, source);
}

function describeIssueZh(code: string): string {
  switch (code) {
    case 'invalid_type':
      return '类型不对或缺少此项';
    case 'unrecognized_keys':
      return '有不认识的配置项';
    case 'too_small':
      return '数值太小或内容太短';
    case 'too_big':
      return '数值太大或内容太长';
    case 'invalid_value':
      return '取值不在允许范围';
    default:
      return '取值无效';
  }
}

/** Parses JSON text and validates it; JSON syntax errors become a {@link GatewayConfigError} too. */
export function parseGatewayConfigJson(text: string, source?: string): GatewayConfig {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new GatewayConfigError([`JSON 格式错误 / not valid JSON: ${(err as Error).message}`], source);
  }
  return parseGatewayConfig(data, source);
}

/** Where {@link resolveGatewayConfig} looks. */
export interface GatewayConfigSources {
  /** Command-line arguments after the script: `--config <file>` or the file as the first argument. */
  argv: readonly string[];
  /** Environment: `ONEDOOR_GATEWAY_CONFIG` (file), and overrides `ONEDOOR_MQTT_URL`, `ONEDOOR_HALL_ID`, `ONEDOOR_MQTT_USERNAME`, `ONEDOOR_MQTT_PASSWORD`, `ONEDOOR_GATEWAY_ID`. */
  env: Readonly<Record<string, string | undefined>>;
  /** Reads a file as UTF-8 (injected so this stays testable). */
  readFile: (path: string) => string;
}

/** Usage text for the gateway. */
export const GATEWAY_USAGE = `用法 / usage: npm run gateway -- --config <gateway.json>
  或设置环境变量 / or set ONEDOOR_GATEWAY_CONFIG=<gateway.json>
  环境变量可覆盖 / environment overrides: ONEDOOR_MQTT_URL, ONEDOOR_HALL_ID, ONEDOOR_MQTT_USERNAME, ONEDOOR_MQTT_PASSWORD,
    ONEDOOR_GATEWAY_ID（网关自身的设备编号，默认同用户名 / the gateway's own device id, default the user name）`;

/** Finds the config file (argv, then env), reads it, applies environment overrides and validates. */
export function resolveGatewayConfig(sources: GatewayConfigSources): GatewayConfig {
  const { argv, env } = sources;
  const flag = argv.indexOf('--config');
  const file = flag >= 0 ? argv[flag + 1] : (argv.find((a) => !a.startsWith('-')) ?? env.ONEDOOR_GATEWAY_CONFIG);
  if (!file) throw new GatewayConfigError([`没有指定配置文件 / no config file given\n${GATEWAY_USAGE}`]);
  let text: string;
  try {
    text = sources.readFile(file);
  } catch (err) {
    throw new GatewayConfigError([`无法读取配置文件 / cannot read the config file: ${(err as Error).message}`], file);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new GatewayConfigError([`JSON 格式错误 / not valid JSON: ${(err as Error).message}`], file);
  }
  if (data && typeof data === 'object' && !Array.isArray(data)) {
    const o = data as Record<string, unknown>;
    if (env.ONEDOOR_MQTT_URL) o.mqttUrl = env.ONEDOOR_MQTT_URL;
    if (env.ONEDOOR_HALL_ID) o.hallId = env.ONEDOOR_HALL_ID;
    if (env.ONEDOOR_MQTT_USERNAME) o.username = env.ONEDOOR_MQTT_USERNAME;
    if (env.ONEDOOR_MQTT_PASSWORD) o.password = env.ONEDOOR_MQTT_PASSWORD;
    if (env.ONEDOOR_GATEWAY_ID) o.gatewayId = env.ONEDOOR_GATEWAY_ID;
  }
  return parseGatewayConfig(data, file);
}
