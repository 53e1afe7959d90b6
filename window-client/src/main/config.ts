/**
 * The window client's configuration (Electron main): one schema, read from a JSON file plus environment overrides,
 * validated at start with messages in Chinese and English that say what to fix, then passed in.
 *
 * File: $ONEDOOR_WINDOW_CONFIG, else <userData>/window.config.json. Environment overrides: ONEDOOR_WINDOW_SERVER_URL,
 * ONEDOOR_WINDOW_ID, ONEDOOR_WINDOW_READER (serial path), ONEDOOR_WINDOW_PRINTER (serial:/dev/ttyUSB1 for a serial or
 * USB-serial printer | tcp:10.0.0.9:9100 | file:/dev/usb/lp0).
 *
 * The call pad and the evaluator are RS-485 devices on the device gateway. When they hang on this PC's own USB–485
 * adapter, `gateway` names them and main runs the gateway for them (the hall drives them over MQTT as any other);
 * when they hang on the hall's gateway box, leave `gateway` out.
 */
import { existsSync, readFileSync } from 'node:fs';
import { z } from 'zod';
import { gatewayConfigSchema, type GatewayConfigInput } from '@onedoor/hardware/gateway';

const id = z
  .string({ error: '必须是字符串 / must be a string' })
  .regex(/^[A-Za-z0-9_.:-]{1,64}$/, { error: '只能含字母、数字和 _ . : - / letters, digits and _ . : - only' });

const rs485Address = z
  .number({ error: 'RS-485 地址必须是数字 / the RS-485 address must be a number' })
  .int({ error: 'RS-485 地址必须是整数 / the RS-485 address must be an integer' })
  .min(0, { error: 'RS-485 地址范围 0–255 / RS-485 address must be 0–255' })
  .max(255, { error: 'RS-485 地址范围 0–255 / RS-485 address must be 0–255' });

const baudRate = (fallback: number) =>
  z
    .number({ error: '波特率必须是数字 / the baud rate must be a number' })
    .int({ error: '波特率必须是整数 / the baud rate must be an integer' })
    .refine((n) => [1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200].includes(n), {
      error: '波特率只能是 1200–115200 的标准值 / the baud rate must be a standard rate (1200–115200)',
    })
    .default(fallback);

const gatewaySection = z.object({
  /** The hall's broker, e.g. mqtt://10.0.0.5:1883. */
  mqttUrl: z.string({ error: 'gateway.mqttUrl 必填 / gateway.mqttUrl is required' }),
  hallId: id,
  /** The gateway device paired in the console: its id and token are the broker's user name and password. */
  username: z.string().min(1).optional(),
  password: z.string().min(1).optional(),
  /** This PC's USB–485 adapter, e.g. /dev/ttyUSB0 or COM3. */
  port: z
    .string({ error: 'gateway.port 应为串口路径，如 /dev/ttyUSB0 / gateway.port must be a serial port path' })
    .min(1, { error: 'gateway.port 不能为空 / gateway.port must not be empty' }),
  baudRate: baudRate(9600),
  pad: z.object({ id, address: rs485Address }).optional(),
  evaluator: z
    .object({
      id,
      address: rs485Address,
      /** Evaluator value → level 1–5, e.g. {"0": 2, "1": 3, "2": 4, "3": 5, "4": 1} (the gateway's default). */
      ratingMap: z
        .record(
          z.string(),
          z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4), z.literal(5)], {
            error: '评价等级只能是 1–5 / rating level must be 1–5',
          }),
        )
        .optional(),
    })
    .optional(),
});

export const windowMainConfigSchema = z
  .object({
    /** Hall server origin. */
    serverUrl: z
      .url({ error: 'serverUrl 应为大厅服务器地址，如 http://10.0.0.5:8080 / serverUrl must be a URL' })
      .default('http://127.0.0.1:8080'),
    /** The window this PC stands at (w01 …): preselected on the sign-in screen; needed for a `gateway`. */
    windowId: id.optional(),
    /** Hall time zone for printed times, default Asia/Shanghai. */
    timeZone: z
      .string()
      .refine(isTimeZone, { error: 'timeZone 不是有效的时区，如 Asia/Shanghai / timeZone is not an IANA time zone' })
      .default('Asia/Shanghai'),
    /** Full screen at the counter; off on a developer's machine. Default false (a clerk's normal window). */
    fullscreen: z
      .boolean({ error: 'fullscreen 只能是 true 或 false / fullscreen must be true or false' })
      .default(false),
    /** Seconds a started evaluation waits for the visitor's key, default 90. */
    evaluationSeconds: z
      .number({ error: 'evaluationSeconds 必须是数字 / evaluationSeconds must be a number' })
      .int()
      .min(10, { error: 'evaluationSeconds 应在 10–600 之间 / evaluationSeconds must be 10–600' })
      .max(600, { error: 'evaluationSeconds 应在 10–600 之间 / evaluationSeconds must be 10–600' })
      .default(90),
    /** ID-card reader (SAM module) on a serial port; absent = no reader (the clerk types the number). */
    reader: z
      .object({
        path: z.string().min(1, { error: 'reader.path 应为串口路径 / reader.path must be a serial port path' }),
        baudRate: baudRate(115200),
      })
      .nullable()
      .default(null),
    /** Receipt printer: serial:/dev/ttyUSB1 (serial or USB-serial), tcp:HOST[:9100] or file:/dev/usb/lp0. */
    printer: z
      .object({
        to: z.string().regex(/^(serial|tcp|file):.+$/, {
          error:
            'printer.to 应为 serial:路径（串口或USB转串口）、tcp:地址[:端口] 或 file:路径 / printer.to must be serial:PATH (serial or USB-serial), tcp:HOST[:PORT] or file:PATH',
        }),
        baudRate: baudRate(9600),
        paper: z
          .enum(['58mm', '80mm'], {
            error: "printer.paper 只能是 '58mm' 或 '80mm' / printer.paper must be '58mm' or '80mm'",
          })
          .default('80mm'),
      })
      .nullable()
      .default(null),
    /** The call pad and evaluator of this window on this PC's RS-485 line; absent = none here (or on the hall's gateway). */
    gateway: gatewaySection.nullable().default(null),
  })
  .superRefine((cfg, ctx) => {
    if (!cfg.gateway) return;
    if (!cfg.windowId)
      ctx.addIssue({
        code: 'custom',
        path: ['windowId'],
        message:
          '配置了 gateway 时必须填写 windowId（呼叫器和评价器属于哪个窗口）/ windowId is required with a gateway',
      });
    if (!cfg.gateway.pad && !cfg.gateway.evaluator)
      ctx.addIssue({
        code: 'custom',
        path: ['gateway'],
        message: 'gateway 至少要有 pad 或 evaluator / gateway needs a pad or an evaluator',
      });
    if (!cfg.windowId || (!cfg.gateway.pad && !cfg.gateway.evaluator)) return;
    // The gateway's own schema checks the rest (URL form, duplicate addresses, the rating map).
    const r = gatewayConfigSchema.safeParse(gatewayConfigOf({ ...cfg, windowId: cfg.windowId, gateway: cfg.gateway }));
    if (!r.success)
      for (const issue of r.error.issues)
        ctx.addIssue({ code: 'custom', path: ['gateway', ...gatewayPath(issue.path)], message: issue.message });
  });
export type WindowMainConfig = z.infer<typeof windowMainConfigSchema>;
export type WindowGatewaySection = z.infer<typeof gatewaySection>;

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** A gateway issue's path (`devices.1.address`) in the window's words (`evaluator.address`). */
function gatewayPath(path: PropertyKey[]): PropertyKey[] {
  if (path[0] !== 'devices') return path;
  return [path[1] === 0 ? 'pad' : 'evaluator', ...path.slice(2)];
}

/** The device gateway's config for this window's pad and evaluator (ids, addresses, the window they belong to). */
export function gatewayConfigOf(cfg: { windowId: string; gateway: WindowGatewaySection }): GatewayConfigInput {
  const g = cfg.gateway;
  const line = { port: g.port, baudRate: g.baudRate, windowId: cfg.windowId };
  return {
    mqttUrl: g.mqttUrl,
    hallId: g.hallId,
    ...(g.username ? { username: g.username } : {}),
    ...(g.password ? { password: g.password } : {}),
    clientIdPrefix: 'onedoor-window',
    devices: [
      ...(g.pad ? [{ kind: 'pad' as const, id: g.pad.id, address: g.pad.address, ...line }] : []),
      ...(g.evaluator
        ? [
            {
              kind: 'evaluator' as const,
              id: g.evaluator.id,
              address: g.evaluator.address,
              ...line,
              ...(g.evaluator.ratingMap ? { ratingMap: g.evaluator.ratingMap } : {}),
            },
          ]
        : []),
    ],
  };
}

export class WindowConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(
      `窗口客户端配置有误 / window client configuration is invalid:\n${problems.map((p) => `  - ${p}`).join('\n')}`,
    );
  }
}

function envOverrides(env: NodeJS.ProcessEnv): Record<string, unknown> {
  const o: Record<string, unknown> = {};
  if (env.ONEDOOR_WINDOW_SERVER_URL) o.serverUrl = env.ONEDOOR_WINDOW_SERVER_URL;
  if (env.ONEDOOR_WINDOW_ID) o.windowId = env.ONEDOOR_WINDOW_ID;
  if (env.ONEDOOR_WINDOW_READER) o.reader = { path: env.ONEDOOR_WINDOW_READER };
  if (env.ONEDOOR_WINDOW_PRINTER) o.printer = { to: env.ONEDOOR_WINDOW_PRINTER };
  return o;
}

/** Parses file content + environment; throws WindowConfigError listing every problem. */
export function parseWindowConfig(fileContent: unknown, env: NodeJS.ProcessEnv = {}): WindowMainConfig {
  const base = fileContent && typeof fileContent === 'object' ? (fileContent as Record<string, unknown>) : {};
  const r = windowMainConfigSchema.safeParse({ ...base, ...envOverrides(env) });
  if (!r.success)
    throw new WindowConfigError(r.error.issues.map((i) => `${i.path.join('.') || '(config)'}: ${i.message}`));
  return r.data;
}

/** Reads the file (a missing file means all defaults) and applies the environment. */
export function loadWindowConfig(file: string, env: NodeJS.ProcessEnv = process.env): WindowMainConfig {
  let content: unknown = {};
  if (existsSync(file)) {
    try {
      content = JSON.parse(readFileSync(file, 'utf8'));
    } catch (err) {
      throw new WindowConfigError([`${file}: 不是有效的 JSON / not valid JSON (${(err as Error).message})`]);
    }
  }
  return parseWindowConfig(content, env);
}
