import { z } from 'zod';
import { idNumberSchema } from './common.js';
import { MATERIAL_STATUSES } from './case.js';
import { TAKE_WAYS } from './catalog.js';

/**
 * 一网通办 sync as the hall's own clients see it: the manager's sync state (outbox, dead letters, the link) and the
 * clerk's pre-reviewed applications (预审). What travels between the hall server and the provincial platform is the
 * connector contract (docs/platform-connector.openapi.yaml), not this file.
 */

export const OUTBOX_KINDS = ['case-stage', 'evaluation', 'queue-status', 'no-show'] as const;
export type OutboxKind = (typeof OUTBOX_KINDS)[number];
export const OUTBOX_STATUSES = ['pending', 'delivered', 'dead'] as const;

/** One record on its way to the platform. */
export const outboxItemViewSchema = z.object({
  id: z.number().int(),
  kind: z.enum(OUTBOX_KINDS),
  /** Records of one stream (a case, a ticket, a booking) are delivered in the order they were written. */
  stream: z.string(),
  caseNo: z.string().nullable(),
  /** What it is, in plain Chinese (办件 … 受理). */
  summary: z.string(),
  status: z.enum(OUTBOX_STATUSES),
  attempts: z.number().int(),
  /** Refusals by the platform (4xx, a response whose signature does not verify); the dead-letter count. */
  refusals: z.number().int(),
  createdAt: z.string(),
  lastAttemptAt: z.string().nullable(),
  nextAttemptAt: z.string().nullable(),
  lastError: z.string().nullable(),
  deliveredAt: z.string().nullable(),
});
export type OutboxItemView = z.infer<typeof outboxItemViewSchema>;

export const PLATFORM_LINK_STATES = ['up', 'down', 'unknown'] as const;

/** The console's sync page: how far behind the hall's record on the platform is, and why. */
export const platformSyncStateSchema = z.object({
  enabled: z.boolean(),
  /** The hall's time zone, for showing the times. */
  timeZone: z.string(),
  /** The platform's base URL (no credentials). */
  url: z.string().nullable(),
  hallCode: z.string().nullable(),
  signing: z.string().nullable(),
  link: z.object({
    state: z.enum(PLATFORM_LINK_STATES),
    /** Since when it is in this state (ISO), null before the first attempt. */
    since: z.string().nullable(),
    lastSuccessAt: z.string().nullable(),
    lastError: z.string().nullable(),
    /** While down: when the next attempt goes out. */
    nextAttemptAt: z.string().nullable(),
  }),
  outbox: z.object({
    /** Records not yet delivered (dead letters not counted). */
    depth: z.number().int(),
    oldestPending: outboxItemViewSchema.nullable(),
    /** Records of a stream held back behind a dead letter. */
    blocked: z.number().int(),
    deliveredTotal: z.number().int(),
    lastDeliveredAt: z.string().nullable(),
  }),
  deadLetters: z.array(outboxItemViewSchema),
  recentErrors: z.array(z.object({ at: z.string(), itemId: z.number().int().nullable(), message: z.string() })),
  inbound: z.object({
    lastPullAt: z.string().nullable(),
    lastPullError: z.string().nullable(),
    appointmentsCursor: z.string().nullable(),
    resultsCursor: z.string().nullable(),
    /** Webhooks and pulled records applied, and those that changed nothing (duplicate, older version). */
    applied: z.number().int(),
    ignored: z.number().int(),
  }),
  alarms: z.array(z.object({ at: z.string(), kind: z.string(), message: z.string() })),
});
export type PlatformSyncState = z.infer<typeof platformSyncStateSchema>;

// ---------- 预审: applications pre-reviewed online ----------

/** Find a pre-reviewed application by its 预审 code or by the applicant's ID card. */
export const pretrialQuerySchema = z
  .object({
    code: z
      .string()
      .trim()
      .regex(
        /^[A-Za-z0-9-]{4,40}$/,
        '预审号为4–40位字母、数字或连字符 / a pre-review code has 4–40 letters, digits or dashes',
      )
      .optional(),
    idNumber: idNumberSchema.optional(),
  })
  .refine((q) => Boolean(q.code) !== Boolean(q.idNumber), {
    message: '请输入预审号或刷身份证（二选一）/ give the pre-review code or the ID card',
  });
export type PretrialQuery = z.output<typeof pretrialQuerySchema>;

export const pretrialMaterialViewSchema = z.object({
  materialId: z.string(),
  name: z.string(),
  /** Checked online by the platform's pre-review: the clerk only checks the original. */
  checkedOnline: z.boolean(),
  /** The matter in the hall's catalog asks for it (false: not in this hall's catalog, left out at intake). */
  known: z.boolean(),
  note: z.string().nullable(),
});

export const pretrialViewSchema = z.object({
  code: z.string(),
  platformId: z.string(),
  version: z.number().int(),
  matter: z.object({ id: z.string().nullable(), name: z.string(), implCode: z.string() }),
  applicant: z.object({
    kind: z.enum(['person', 'legal']),
    nameMasked: z.string(),
    idMasked: z.string(),
    orgName: z.string().nullable(),
  }),
  materials: z.array(pretrialMaterialViewSchema),
  answers: z.record(z.string(), z.union([z.string(), z.array(z.string())])),
  submittedAt: z.string(),
  reviewedAt: z.string(),
  /** ready: waiting at the hall; received: a case was taken in for it. */
  status: z.enum(['ready', 'received']),
  caseId: z.string().nullable(),
});
export type PretrialView = z.infer<typeof pretrialViewSchema>;

const takeWay = z.enum(Object.keys(TAKE_WAYS) as [keyof typeof TAKE_WAYS, ...(keyof typeof TAKE_WAYS)[]]);

/**
 * 收件 of a pre-reviewed application. The applicant, the matter, the answers and the form come from the
 * application; materials checked online arrive received. `materials` is what the clerk found at the window (an
 * original that does not match, a material not checked online); anything not listed keeps what the application says.
 */
export const pretrialIntakeSchema = z.object({
  materials: z
    .array(
      z.object({
        materialId: z.string().min(1),
        status: z.enum(MATERIAL_STATUSES),
        note: z.string().max(200).optional(),
      }),
    )
    .default([]),
  takeWay: takeWay.optional(),
  ticketId: z.string().max(64).optional(),
  /** 收件并受理 */
  accept: z.boolean().default(false),
});
export type PretrialIntakeInput = z.infer<typeof pretrialIntakeSchema>;
