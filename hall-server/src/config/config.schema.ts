import { z } from 'zod';
import { clockTimeSchema } from '@onedoor/protocol';

const timeZoneSchema = z.string().refine(
  (tz) => {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: tz });
      return true;
    } catch {
      return false;
    }
  },
  { message: '未知时区，请用 IANA 名称如 Asia/Shanghai / unknown time zone, use an IANA name such as Asia/Shanghai' },
);

/** The one configuration schema of the hall server: file + environment overrides, validated at start. */
export const hallConfigSchema = z.object({
  hall: z
    .object({
      id: z
        .string()
        .regex(/^[a-z0-9-]{2,40}$/, 'hall.id: 2–40 lower-case letters, digits or dashes (used in MQTT topics)')
        .default('demo-hall'),
      name: z.string().min(1).default('市民服务中心'),
      /** 行政区划代码, used in case numbers. */
      areaCode: z
        .string()
        .regex(/^\d{6}$/, 'hall.areaCode: 6 digits (GB/T 2260)')
        .default('330100'),
      timeZone: timeZoneSchema.default('Asia/Shanghai'),
      /** Local time at which ticket numbers restart and the business day changes. */
      resetTime: clockTimeSchema.default('00:00'),
      /** Base URL printed in ticket QR codes (the visitor follows their ticket there). Defaults to the server's own URL. */
      publicUrl: z.string().url().optional(),
    })
    .prefault({}),
  server: z
    .object({
      host: z.string().default('0.0.0.0'),
      port: z.number().int().min(0).max(65535).default(8080),
      /** Where the built web apps are (npm run build:web). */
      webDir: z.string().default('dist/web'),
    })
    .prefault({}),
  dataDir: z.string().default('./data'),
  db: z
    .object({
      file: z.string().default('onedoor.sqlite'),
      /** FULL survives power loss; NORMAL survives a process crash only. */
      synchronous: z.enum(['FULL', 'NORMAL']).default('FULL'),
    })
    .prefault({}),
  mqtt: z
    .object({
      /** Connect to this broker instead of running the embedded one (mqtt://host:1883). */
      url: z
        .string()
        .regex(/^(mqtts?|wss?|tcp):\/\//, 'mqtt.url must start with mqtt://, mqtts://, ws:// or wss://')
        .optional(),
      username: z.string().optional(),
      password: z.string().optional(),
      embeddedPort: z.number().int().min(0).max(65535).default(1883),
      embeddedHost: z.string().default('0.0.0.0'),
    })
    .prefault({}),
  queue: z
    .object({
      normalPerPriority: z.number().int().min(0).max(20).default(2),
      agingMinutes: z.number().min(0).max(600).default(30),
      maxRecalls: z.number().int().min(0).max(10).default(3),
      reactivateWithinMinutes: z.number().min(0).max(480).default(30),
      reactivatePlaceBehind: z.number().int().min(0).max(50).default(2),
      serviceTimeSamples: z.number().int().min(1).max(500).default(20),
    })
    .prefault({}),
  appointments: z
    .object({
      /** Minutes before the booked slot a visitor may check in. */
      earlyMinutes: z.number().int().min(0).max(240).default(30),
      /** Minutes after the slot's end a check-in still counts as on time. */
      lateMinutes: z.number().int().min(0).max(240).default(15),
      /** Later than that: a normal walk-in ticket, or refuse. */
      whenLate: z.enum(['walk-in', 'refuse']).default('walk-in'),
    })
    .prefault({}),
  security: z
    .object({
      sessionHours: z.number().min(0.1).max(72).default(12),
      pairingCodeMinutes: z.number().min(1).max(1440).default(10),
      /** 32 hex characters (SM4 key) for personal data at rest; generated into dataDir on first start when absent. */
      dataKey: z
        .string()
        .regex(/^[0-9a-f]{32}$/i, 'security.dataKey: 32 hex characters')
        .optional(),
    })
    .prefault({}),
  retention: z.object({ personalDataDays: z.number().int().min(1).max(3650).default(180) }).prefault({}),
  demo: z
    .object({
      seed: z.boolean().default(false),
      /** Run the demo windows' call pads, LED strips and evaluators as simulators behind the real device gateway. */
      virtualDevices: z.boolean().default(false),
      /** Demo services keep office hours (Mon–Fri 08:30–12:00, 13:30–17:30) instead of being open at any hour. */
      officeHours: z.boolean().default(false),
    })
    .prefault({}),
  log: z
    .object({ level: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info') })
    .prefault({}),
});

export type HallConfig = z.infer<typeof hallConfigSchema>;
export type HallConfigInput = z.input<typeof hallConfigSchema>;
