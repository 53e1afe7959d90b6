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

const hexKey = (chars: number, what: string) =>
  z
    .string()
    .regex(new RegExp(`^[0-9a-fA-F]{${chars}}$`), `${what}: ${chars} 位十六进制 / ${chars} hex characters`)
    .transform((s) => s.toLowerCase());

/**
 * 一网通办: the provincial platform's connector (docs/platform-connector.openapi.yaml). Without `url` the hall keeps no
 * outbox and talks to no platform; with it every case stage, rating and the queue status go out through the outbox.
 */
const platformConfigSchema = z
  .object({
    /** Base URL of the platform's connector API (the simulator: http://127.0.0.1:9090). */
    url: z.string().url('platform.url: 应为 http(s):// 地址 / an http(s):// URL').optional(),
    /** The hall on the platform (大厅编码); by default hall.id. */
    hallCode: z
      .string()
      .regex(/^[A-Za-z0-9-]{2,40}$/, 'platform.hallCode: 2–40 letters, digits or dashes')
      .optional(),
    /** Where the platform sends webhooks (this hall's address as the platform reaches it); by default the server's. */
    webhookUrl: z.string().url().optional(),
    signing: z
      .object({
        /** HMAC-SHA256 over a shared key, or SM2 signatures over SM3 digests (国密). */
        alg: z.enum(['hmac-sha256', 'sm2']).default('hmac-sha256'),
        hmacKey: z.string().min(16, 'platform.signing.hmacKey: at least 16 characters').optional(),
        /** The hall's SM2 private key (64 hex) and the platform's public key (130 hex, 04‖x‖y). */
        sm2PrivateKey: hexKey(64, 'platform.signing.sm2PrivateKey').optional(),
        platformPublicKey: hexKey(130, 'platform.signing.platformPublicKey').optional(),
        /** SM2 distinguishing identifier (GM/T 0009 default). */
        userId: z.string().min(1).max(64).default('1234567812345678'),
        /** Requests, answers and webhooks whose time is further off than this are refused. */
        maxSkewSeconds: z.number().int().min(5).max(3600).default(300),
      })
      .prefault({}),
    timeoutMs: z.number().int().min(100).max(120_000).default(5000),
    /** Appointments and case results are pulled this often (webhooks bring them sooner). */
    pullIntervalSeconds: z.number().min(0.05).max(86_400).default(60),
    /** The delivery worker looks for due records at least this often (ms of real time). */
    pollMs: z.number().int().min(5).max(60_000).default(1000),
    retry: z
      .object({
        /** First retry after about this long; doubling each time, up to maxMs, with full jitter. */
        baseMs: z.number().int().min(1).max(3_600_000).default(2000),
        maxMs: z.number().int().min(1).max(86_400_000).default(600_000),
        /** A record the platform refuses this many times becomes a dead letter (an outage never does). */
        maxRefusals: z.number().int().min(1).max(100).default(5),
      })
      .prefault({}),
    /** Records of different cases delivered at the same time. */
    concurrency: z.number().int().min(1).max(32).default(4),
    /** The queue status is sent at most this often (latest wins). */
    queueStatusIntervalMs: z.number().int().min(0).max(600_000).default(3000),
    /** The link down for this long raises an alarm. */
    alarmAfterMinutes: z.number().min(0).max(10_080).default(15),
    /** Overrides of the code tables (our stages, case kinds, ratings → platform codes); see app/platform/codes.ts. */
    codes: z.record(z.string(), z.unknown()).default({}),
  })
  .superRefine((p, ctx) => {
    if (!p.url) return;
    if (p.signing.alg === 'hmac-sha256' && !p.signing.hmacKey)
      ctx.addIssue({
        code: 'custom',
        path: ['signing', 'hmacKey'],
        message: '设置了 platform.url 时需要签名密钥 / platform.url needs a signing key (HALL_PLATFORM_KEY)',
      });
    if (p.signing.alg === 'sm2' && (!p.signing.sm2PrivateKey || !p.signing.platformPublicKey))
      ctx.addIssue({
        code: 'custom',
        path: ['signing'],
        message:
          'SM2 签名需要本大厅私钥和平台公钥 / SM2 signing needs the hall private key and the platform public key',
      });
  })
  .prefault({});

/** A broker connection of the federation (四级联通): where a hall publishes upward, or where a region listens. */
const federationBrokerSchema = z.object({
  url: z
    .string()
    .regex(
      /^(mqtts?|wss?|tcp):\/\//,
      '联通代理地址应以 mqtt://、mqtts://、ws:// 或 wss:// 开头 / a federation broker url starts with mqtt://, mqtts://, ws:// or wss://',
    ),
  username: z.string().optional(),
  password: z.string().optional(),
  /** PEM CA file for mqtts:// to a broker with a private CA. */
  caFile: z.string().min(1).optional(),
});

/**
 * 四级联通 (issue 13): a hall publishes its records, state and KPIs to `uplink`; a county or city listens on `downlink`
 * for the halls it names. A county has both: it is a hall below its city. Without this section the hall is alone.
 */
const federationConfigSchema = z
  .object({
    role: z.enum(['hall', 'county', 'city']).default('hall'),
    uplink: federationBrokerSchema.optional(),
    downlink: federationBrokerSchema.optional(),
    /** The halls directly below this region: only these ids are accepted (a hall presenting another id is refused). */
    halls: z
      .array(
        z.object({
          id: z
            .string()
            .regex(
              /^[a-z0-9-]{2,40}$/,
              '大厅编号：2–40 个小写字母、数字或连字符 / hall id: 2–40 lower-case letters, digits or dashes',
            ),
          name: z.string().min(1),
        }),
      )
      .default([])
      .refine((hs) => new Set(hs.map((h) => h.id)).size === hs.length, {
        message: 'federation.halls: 大厅编号重复 / hall ids must be unique in the region',
      }),
    /** The live state is sent at most this often, and at least every heartbeatSeconds (the region's "last heard"). */
    stateIntervalMs: z.number().int().min(10).max(600_000).default(1000),
    heartbeatSeconds: z.number().min(0.1).max(3600).default(15),
    /** The day's KPI rollup is sent at most this often. */
    rollupIntervalMs: z.number().int().min(10).max(3_600_000).default(5000),
    /** A region asks again for a missing range it got no answer for after this long. */
    replayTimeoutMs: z.number().int().min(50).max(600_000).default(5000),
  })
  .superRefine((f, ctx) => {
    if (f.role !== 'hall' && !f.downlink)
      ctx.addIssue({
        code: 'custom',
        path: ['downlink'],
        message: '区域（县、市）需要 federation.downlink / a county or city needs federation.downlink',
      });
  })
  .prefault({});

/** `maxFailures` failures within `windowMinutes` lock for `lockMinutes`, doubling per lock up to `maxLockMinutes`. */
const lockoutSchema = (maxFailures: number, windowMinutes: number, lockMinutes: number, maxLockMinutes: number) =>
  z
    .object({
      maxFailures: z.number().int().min(1).max(100_000).default(maxFailures),
      windowMinutes: z.number().min(0.1).max(1440).default(windowMinutes),
      lockMinutes: z.number().min(0.1).max(1440).default(lockMinutes),
      maxLockMinutes: z.number().min(0.1).max(10_080).default(maxLockMinutes),
    })
    .prefault({});

/** Limits at the edges; every refusal answers in Chinese and English. */
const limitsConfigSchema = z
  .object({
    body: z
      .object({
        /** Anonymous routes (sign-in, pairing): a body past this is refused before it is read. */
        publicBytes: z.number().int().min(1024).max(1_048_576).default(16_384),
        /** Signed-in routes. */
        staffBytes: z.number().int().min(1024).max(16_777_216).default(1_048_576),
        /** The catalog import (an Excel file), signed in only. */
        importBytes: z.number().int().min(1024).max(104_857_600).default(20_971_520),
        /** Levels a JSON body or socket payload may nest (a 200k-deep form once answered 500). */
        maxNesting: z.number().int().min(4).max(1000).default(64),
      })
      .prefault({}),
    socket: z
      .object({
        /** The largest socket.io frame read; a larger one closes the connection (WebSocket code 1009). */
        frameBytes: z.number().int().min(16_384).max(16_777_216).default(1_000_000),
        /**
         * The heartbeat: a ping every `heartbeatSeconds`, and a client that has not answered within
         * `heartbeatTimeoutSeconds` is cut. A board that lost power is noticed after both; a slow link may want more.
         */
        heartbeatSeconds: z.number().int().min(2).max(300).default(10),
        heartbeatTimeoutSeconds: z.number().int().min(2).max(300).default(8),
      })
      .prefault({}),
    /** Wrong passwords: per account and per address, each lock twice as long as the one before. */
    signIn: z
      .object({
        account: lockoutSchema(5, 15, 5, 60),
        address: lockoutSchema(20, 15, 5, 60),
      })
      .prefault({}),
    /** Wrong pairing codes (6 digits): per address and for the whole hall. */
    pairing: z
      .object({
        address: lockoutSchema(10, 10, 10, 60),
        hall: lockoutSchema(100, 10, 10, 60),
      })
      .prefault({}),
    /** Tickets one kiosk may issue: a burst at once, then so many a minute (a queue of visitors, never a script). */
    kioskIssue: z
      .object({
        burst: z.number().int().min(1).max(100_000).default(20),
        perMinute: z.number().min(1).max(1_000_000).default(30),
      })
      .prefault({}),
  })
  .prefault({});

const DEFAULT_HALL_NAME = '市民服务中心';

/** The one configuration schema of the hall server: file + environment overrides, validated at start. */
export const hallConfigSchema = z.object({
  hall: z
    .object({
      id: z
        .string()
        .regex(/^[a-z0-9-]{2,40}$/, 'hall.id: 2–40 lower-case letters, digits or dashes (used in MQTT topics)')
        .default('demo-hall'),
      name: z.string().min(1).default(DEFAULT_HALL_NAME),
      /** The hall's name in English, for the kiosk, the boards and the phone page in English. Empty = the Chinese name. */
      nameEn: z.string().max(100).optional(),
      /** 行政区划代码, used in case numbers. */
      areaCode: z
        .string()
        .regex(/^\d{6}$/, 'hall.areaCode: 6 digits (GB/T 2260)')
        .default('330100'),
      timeZone: timeZoneSchema.default('Asia/Shanghai'),
      /** Local time at which ticket numbers restart and the business day changes. */
      resetTime: clockTimeSchema.default('00:00'),
      /**
       * Base URL printed in ticket QR codes: the visitor's phone opens `<publicUrl>/t/<ticket>` to follow the queue, so it
       * must be an address phones reach (the hall's Wi-Fi or the internet), e.g. http://192.168.1.10:8080 or
       * https://hall.example.gov.cn. Env HALL_PUBLIC_URL. Unset: http://localhost:<port>, which only this machine opens.
       */
      publicUrl: z.string().url().optional(),
    })
    // The default name has a known English name; any other hall names itself in English (or shows its Chinese name).
    .transform((h) => ({ ...h, nameEn: h.nameEn ?? (h.name === DEFAULT_HALL_NAME ? 'Citizen Service Centre' : '') }))
    .prefault({}),
  server: z
    .object({
      host: z.string().default('0.0.0.0'),
      port: z.number().int().min(0).max(65535).default(8080),
      /** Where the built web apps are (npm run build:web). */
      webDir: z.string().default('dist/web'),
      /**
       * TLS for HTTP, socket.io and the embedded MQTT broker: PEM files. Both set: https://, wss:// and mqtts:// on the
       * same ports; neither: plain (a hall LAN behind its own firewall). Env HALL_TLS_CERT, HALL_TLS_KEY.
       */
      tls: z
        .object({ certFile: z.string().min(1), keyFile: z.string().min(1), caFile: z.string().min(1).optional() })
        .optional(),
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
      /** Defaults to `server.host`: a hall bound to 127.0.0.1 does not open its broker to the room. */
      embeddedHost: z.string().optional(),
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
      /**
       * 32 hex characters (SM4 key) for personal data at rest (HALL_DATA_KEY). Without it the key is read from
       * `dataKeyFile`, generated there on first start; never inside dataDir (README, security notes).
       */
      dataKey: z
        .string()
        .regex(/^[0-9a-f]{32}$/i, 'security.dataKey: 32 hex characters')
        .optional(),
      /** Where the data key is kept (HALL_DATA_KEY_FILE); by default `<dataDir>.key`, beside the data directory. */
      dataKeyFile: z.string().min(1).optional(),
    })
    .prefault({}),
  /** Limits at the edges (issue 12): body sizes, sign-in lockout, pairing attempts, the kiosks' issue rate. */
  limits: limitsConfigSchema,
  retention: z.object({ personalDataDays: z.number().int().min(1).max(3650).default(180) }).prefault({}),
  /** How often the hall is looked at for alarms (waits, queues, paused windows, cases, bad reviews). */
  alarms: z.object({ scanSeconds: z.number().min(0.1).max(300).default(15) }).prefault({}),
  /** 好差评 follow-up (issue 10): 差评整改's days, and the default level of unrated services where the hall's rules say so. */
  evaluations: z
    .object({
      /** 整改期限: calendar days after the 差评 (domain.md §4.4: within 15 days). */
      rectificationDays: z.number().int().min(1).max(60).default(15),
      /**
       * An unrated service takes `level` after `afterDays` calendar days (广东: 7 days → 3 基本满意). Off unless set:
       * only some provinces' rules say so. A default is never a 差评.
       */
      defaultRating: z
        .object({
          afterDays: z.number().int().min(1).max(60).default(7),
          level: z.union([z.literal(3), z.literal(4), z.literal(5)]).default(3),
        })
        .optional(),
      /** How often the unrated services are looked at. */
      defaultScanSeconds: z.number().min(0.1).max(86_400).default(3600),
    })
    .prefault({}),
  /** 服务投诉 (GB/T 36113): calendar days from receipt to feedback, per category (local rules, domain.md §1.2). */
  complaints: z
    .object({
      dueDays: z
        .object({
          'onsite-coordination': z.number().int().min(1).max(90).default(1),
          transfer: z.number().int().min(1).max(90).default(7),
          suggestion: z.number().int().min(1).max(90).default(7),
        })
        .prefault({}),
    })
    .prefault({}),
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
  platform: platformConfigSchema,
  federation: federationConfigSchema,
});

export type HallConfig = z.infer<typeof hallConfigSchema>;
export type HallConfigInput = z.input<typeof hallConfigSchema>;
