/**
 * The kiosk's configuration (Electron main): one schema, read from a JSON file plus environment overrides, validated
 * at start with messages that say what to fix, then passed in.
 *
 * File: $ONEDOOR_KIOSK_CONFIG, else <userData>/kiosk.config.json. Environment overrides:
 * ONEDOOR_KIOSK_SERVER_URL, ONEDOOR_KIOSK_DEVICE_TOKEN, ONEDOOR_KIOSK_ADMIN_PIN, ONEDOOR_KIOSK_LOCKDOWN (0/1),
 * ONEDOOR_KIOSK_READER (serial path), ONEDOOR_KIOSK_PRINTER (serial:/dev/ttyUSB1 | tcp:10.0.0.9:9100 | file:/dev/usb/lp0).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';

export const kioskMainConfigSchema = z.object({
  /** Hall server origin. */
  serverUrl: z
    .string()
    .url('serverUrl 应为大厅服务器地址，如 http://10.0.0.5:8080 / serverUrl must be a URL')
    .default('http://127.0.0.1:8080'),
  /** Paired device token (written here by the pairing screen). */
  deviceToken: z.string().min(1).nullable().default(null),
  /** PIN for the hidden admin exit (4–12 digits). Without it the kiosk cannot be left from the screen. */
  adminPin: z
    .string()
    .regex(/^\d{4,12}$/, 'adminPin 应为4-12位数字 / adminPin must be 4-12 digits')
    .optional(),
  /** Seconds without a touch before returning home, default 60. */
  idleSeconds: z.number().int().min(10).max(600).default(60),
  /** Seconds the ticket stays on screen, default 30. */
  ticketSeconds: z.number().int().min(5).max(300).default(30),
  /** Opening hours line shown under the hall notice, e.g. 「工作日 8:30-12:00 13:30-17:30」. */
  hoursText: z.string().max(200).optional(),
  /** The same in English, for a visitor who switched the kiosk to English. */
  hoursTextEn: z.string().max(200).optional(),
  /** Hall time zone for the printed time when the server does not send it (older servers), default Asia/Shanghai. */
  timeZone: z.string().default('Asia/Shanghai'),
  /** Full-screen kiosk lock-down; turn off only on a developer's machine. Default true. */
  lockdown: z.boolean().default(true),
  /** ID-card reader on a serial port (SAM module); absent = no reader (real-name services are refused on screen). */
  reader: z
    .object({ path: z.string().min(1), baudRate: z.number().int().positive().default(115200) })
    .nullable()
    .default(null),
  /** Receipt printer target: serial:/dev/ttyUSB1, tcp:HOST[:9100] or file:/dev/usb/lp0; absent = no printer. */
  printer: z
    .object({
      to: z
        .string()
        .regex(
          /^(serial|tcp|file):.+$/,
          'printer.to 应为 serial:路径、tcp:地址[:端口] 或 file:路径 / printer.to must be serial:PATH, tcp:HOST[:PORT] or file:PATH',
        ),
      baudRate: z.number().int().positive().default(9600),
      paper: z.enum(['58mm', '80mm']).default('80mm'),
    })
    .nullable()
    .default(null),
});
export type KioskMainConfig = z.infer<typeof kioskMainConfigSchema>;

export class KioskConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`取号机配置有误 / kiosk configuration is invalid:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

function envOverrides(env: NodeJS.ProcessEnv): Record<string, unknown> {
  const o: Record<string, unknown> = {};
  if (env.ONEDOOR_KIOSK_SERVER_URL) o.serverUrl = env.ONEDOOR_KIOSK_SERVER_URL;
  if (env.ONEDOOR_KIOSK_DEVICE_TOKEN) o.deviceToken = env.ONEDOOR_KIOSK_DEVICE_TOKEN;
  if (env.ONEDOOR_KIOSK_ADMIN_PIN) o.adminPin = env.ONEDOOR_KIOSK_ADMIN_PIN;
  if (env.ONEDOOR_KIOSK_LOCKDOWN) o.lockdown = env.ONEDOOR_KIOSK_LOCKDOWN !== '0';
  if (env.ONEDOOR_KIOSK_READER) o.reader = { path: env.ONEDOOR_KIOSK_READER };
  if (env.ONEDOOR_KIOSK_PRINTER) o.printer = { to: env.ONEDOOR_KIOSK_PRINTER };
  return o;
}

/** Parses file content + environment; throws KioskConfigError listing every problem. */
export function parseKioskConfig(fileContent: unknown, env: NodeJS.ProcessEnv = {}): KioskMainConfig {
  const base = fileContent && typeof fileContent === 'object' ? (fileContent as Record<string, unknown>) : {};
  const r = kioskMainConfigSchema.safeParse({ ...base, ...envOverrides(env) });
  if (!r.success)
    throw new KioskConfigError(r.error.issues.map((i) => `${i.path.join('.') || '(config)'}: ${i.message}`));
  return r.data;
}

/** Reads the file (a missing file means all defaults) and applies the environment. */
export function loadKioskConfig(file: string, env: NodeJS.ProcessEnv = process.env): KioskMainConfig {
  let content: unknown = {};
  if (existsSync(file)) {
    try {
      content = JSON.parse(readFileSync(file, 'utf8'));
    } catch (err) {
      throw new KioskConfigError([`${file}: 不是有效的 JSON / not valid JSON (${(err as Error).message})`]);
    }
  }
  return parseKioskConfig(content, env);
}

/** Writes one field back into the file (the device token after pairing), keeping everything else as it was. */
export function saveKioskConfigField(file: string, key: 'deviceToken', value: string | null): void {
  let content: Record<string, unknown> = {};
  try {
    if (existsSync(file)) content = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  } catch {
    content = {};
  }
  content[key] = value;
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(content, null, 2)}\n`, { mode: 0o600 });
}
