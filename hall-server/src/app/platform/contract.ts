import { z } from 'zod';
import {
  APPOINTMENT_STATUSES,
  CASE_RESULTS,
  CASE_STAGE_IDS,
  CASE_STEP_ACTIONS,
  STEP_SOURCES,
  answersSchema,
  applicantSchema,
  idNumberSchema,
  isoTimeSchema,
  personNameSchema,
} from '@onedoor/protocol';

/**
 * The connector contract: what the hall and the provincial platform (一体化政务服务平台) exchange, as zod schemas. The
 * reference HTTP connector (`adapters/platform/http-connector.ts`) speaks it over JSON, the simulator
 * (`platform-sim/`) serves it, and `docs/platform-connector.openapi.yaml` is rendered from it. A province's own
 * connector maps its wire format onto the same types.
 *
 * Codes in pushes (环节 stage codes, 办件类型, 满意度) come from the code tables (`codes.ts`), so a province changes data,
 * not code. Personal data: pushes carry masked names and ID numbers, except the 收件 push, which carries the
 * applicant in full so the platform can put the case in the applicant's online account (opened from the sealed copy
 * only when it is sent; the outbox never holds it).
 */

export const CONTRACT_VERSION = 'onedoor-platform/1';

const platformIdSchema = z
  .string()
  .min(1)
  .max(48)
  .regex(/^[A-Za-z0-9_.:-]+$/, 'id: letters, digits, _ . : - only (at most 48)');
const versionSchema = z.number().int().min(1);
const hallCodeSchema = z.string().min(2).max(40);

// ---------- inbound: appointments, pre-reviewed applications, results ----------

/** An appointment booked on the platform for one of the hall's services; each change comes with a higher version. */
export const platformAppointmentSchema = z
  .object({
    id: platformIdSchema,
    version: versionSchema,
    status: z.enum(['booked', 'cancelled']),
    /** The 预约码 the visitor types at the kiosk. */
    code: z.string().regex(/^[A-Z0-9]{6,12}$/, '预约码为6–12位大写字母或数字 / 6–12 capital letters or digits'),
    /** The hall's service (业务) as published to the platform; see codes.services for other names. */
    serviceCode: z.string().min(1).max(64),
    matterName: z.string().max(100).default(''),
    holder: z.object({ name: personNameSchema, idNumber: idNumberSchema }),
    phone: z
      .string()
      .regex(/^1\d{10}$/)
      .optional(),
    slotStart: isoTimeSchema,
    slotEnd: isoTimeSchema,
    channel: z.enum(['web', 'app', 'miniprogram', 'phone']).default('web'),
  })
  .refine((a) => Date.parse(a.slotEnd) > Date.parse(a.slotStart), {
    message: '时段结束须晚于开始 / slotEnd must be after slotStart',
    path: ['slotEnd'],
  });
export type PlatformAppointment = z.output<typeof platformAppointmentSchema>;

/** An application pre-reviewed online (网上申报预审), with the materials the platform has checked. */
export const platformPretrialSchema = z.object({
  id: platformIdSchema,
  version: versionSchema,
  /** 预审号 */
  code: z.string().regex(/^[A-Za-z0-9-]{4,40}$/),
  /** 事项实施编码 (the catalog's implCode). */
  matterCode: z.string().min(1).max(128),
  matterName: z.string().min(1).max(120),
  applicant: applicantSchema,
  answers: answersSchema.default({}),
  form: z.record(z.string(), z.unknown()).default({}),
  materials: z
    .array(
      z.object({
        /** The catalog's material id (the hall's catalog is the platform's, imported). */
        materialId: z.string().min(1).max(64),
        name: z.string().min(1).max(120),
        checkedOnline: z.boolean(),
        note: z.string().max(200).optional(),
      }),
    )
    .max(100),
  submittedAt: isoTimeSchema,
  reviewedAt: isoTimeSchema,
  /** passed: the clerk may take it in; withdrawn: the applicant withdrew it online. */
  status: z.enum(['passed', 'withdrawn']).default('passed'),
});
export type PlatformPretrial = z.output<typeof platformPretrialSchema>;

/** A case decided in a department's system: concludes the hall's case (matched by case number or platform ref). */
export const platformCaseResultSchema = z
  .object({
    id: platformIdSchema,
    version: versionSchema,
    caseNo: z.string().min(1).max(64).optional(),
    platformRef: z.string().min(1).max(128).optional(),
    result: z.enum(['approved', 'refused']),
    opinion: z.string().trim().min(1).max(1000),
    resultNo: z.string().max(64).optional(),
    deptName: z.string().max(64).optional(),
    concludedAt: isoTimeSchema.optional(),
  })
  .refine((r) => r.caseNo || r.platformRef, { message: '需要 caseNo 或 platformRef / give caseNo or platformRef' });
export type PlatformCaseResult = z.output<typeof platformCaseResultSchema>;

export const WEBHOOK_TYPES = [
  'appointment.booked',
  'appointment.changed',
  'appointment.cancelled',
  'pretrial.ready',
  'case.result',
] as const;

/** What the platform posts to the hall's webhook (signed like every request). */
export const webhookEventSchema = z.union([
  z.object({
    type: z.enum(['appointment.booked', 'appointment.changed', 'appointment.cancelled']),
    eventId: platformIdSchema,
    hallCode: hallCodeSchema,
    appointment: platformAppointmentSchema,
  }),
  z.object({
    type: z.literal('pretrial.ready'),
    eventId: platformIdSchema,
    hallCode: hallCodeSchema,
    pretrial: platformPretrialSchema,
  }),
  z.object({
    type: z.literal('case.result'),
    eventId: platformIdSchema,
    hallCode: hallCodeSchema,
    result: platformCaseResultSchema,
  }),
]);
export type WebhookEvent = z.output<typeof webhookEventSchema>;

/** A page of a pulled feed: the records changed after `since`, and the cursor to ask from next time. */
export const feedPageSchema = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), cursor: z.string() });

// ---------- outbound: case stages, evaluations, queue status, no-shows ----------

const maskedApplicantSchema = z.object({
  /** codes.applicantKinds: 1 自然人, 3 法人 by default */
  kind: z.number().int(),
  kindId: z.enum(['person', 'legal']),
  nameMasked: z.string(),
  idMasked: z.string(),
  orgName: z.string().nullable(),
  /** Only in the 收件 push (stage received, action receive): the applicant in full. */
  full: z
    .object({ name: z.string(), idNumber: z.string(), phone: z.string().optional(), creditCode: z.string().optional() })
    .optional(),
});

/** One step of a case (收件, 受理, 不予受理, 审核, 补齐补正, 挂起, 办结, 出件 …): pushed in order, once. */
export const caseStagePushSchema = z.object({
  hallCode: hallCodeSchema,
  caseNo: z.string(),
  /** The hall's own id of the case (stable across renumbering). */
  hallCaseId: z.string(),
  /** The platform's application id, when the case came from it (预审) or was matched to it. */
  platformRef: z.string().nullable(),
  /** 一件事: the bundle case the member belongs to. */
  parentCaseNo: z.string().nullable(),
  matter: z.object({
    /** 事项实施编码, null for a bundle */
    code: z.string().nullable(),
    name: z.string(),
    /** 办件类型 (codes.caseKinds: 1 即办件, 2 承诺件) */
    kind: z.number().int(),
    kindId: z.string(),
    deptId: z.string(),
    promisedDays: z.number(),
    legalDays: z.number(),
  }),
  step: z.object({
    no: z.number().int(),
    action: z.enum(CASE_STEP_ACTIONS),
    actionName: z.string(),
    stage: z.enum(CASE_STAGE_IDS),
    /** 环节 code (codes.stages: 1 收件, 2 受理, 3 审核, 4 办结, 11 补齐补正, 12 挂起, 99 其他) */
    stageCode: z.number().int(),
    stageName: z.string(),
    node: z.string().nullable(),
    at: isoTimeSchema,
    source: z.enum(STEP_SOURCES),
    handler: z.object({ id: z.string(), name: z.string(), deptId: z.string() }),
    opinion: z.string().nullable(),
    result: z.enum(CASE_RESULTS).nullable(),
    /** The notice documents of the step (B-codes, §3.2). */
    notices: z.array(z.string()),
  }),
  applicant: maskedApplicantSchema,
  channel: z.string(),
  receivedAt: isoTimeSchema,
  acceptedAt: isoTimeSchema.nullable(),
  concludedAt: isoTimeSchema.nullable(),
});
export type CaseStagePush = z.output<typeof caseStagePushSchema>;

/** A 好差评 rating (domain.md §4.3): one per served ticket. */
export const evaluationPushSchema = z.object({
  hallCode: hallCodeSchema,
  evaluationId: z.string(),
  /** 办件编号 of the case taken in under the ticket, if any. */
  projectNo: z.string().nullable(),
  /** The ticket number (排队号). */
  serviceNumber: z.string(),
  businessDay: z.string(),
  /** 事项编码 and name (the matter of the case, else the service). */
  taskCode: z.string().nullable(),
  taskName: z.string(),
  /** 办件状态 (stage code) when rated, if a case exists. */
  proStatus: z.number().int().nullable(),
  /** 整体满意度 (codes.satisfaction) and the hall's own level (5 非常满意 … 1 非常不满意). */
  satisfaction: z.number().int(),
  level: z.number().int().min(1).max(5),
  /** 评价渠道 (codes.evaluationChannels) */
  channel: z.string(),
  channelId: z.string(),
  assessTime: isoTimeSchema,
  assessNumber: z.number().int().min(1),
  window: z.object({ id: z.string(), name: z.string() }),
  staff: z.object({ id: z.string(), name: z.string() }).nullable(),
});
export type EvaluationPush = z.output<typeof evaluationPushSchema>;

/** The queue as the visitor's phone shows it (latest wins: the platform keeps the newest). */
export const queueStatusPushSchema = z.object({
  hallCode: hallCodeSchema,
  at: isoTimeSchema,
  /** The hall's sequence number the status reflects. */
  seq: z.number().int(),
  businessDay: z.string(),
  services: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      open: z.boolean(),
      waiting: z.number().int(),
      estimatedWaitMinutes: z.number().nullable(),
    }),
  ),
  /** Tickets of platform appointments: where the booked visitor stands. */
  tickets: z.array(
    z.object({
      appointmentId: z.string(),
      ticketNumber: z.string(),
      status: z.string(),
      ahead: z.number().int(),
      window: z.string().nullable(),
    }),
  ),
});
export type QueueStatusPush = z.output<typeof queueStatusPushSchema>;

/** A booking nobody came for (recorded; frequent no-shows lose booking rights on the platform, §3.4). */
export const noShowPushSchema = z.object({
  hallCode: hallCodeSchema,
  appointmentId: z.string(),
  code: z.string(),
  serviceCode: z.string(),
  slotStart: isoTimeSchema,
  slotEnd: isoTimeSchema,
  status: z.enum(APPOINTMENT_STATUSES),
  markedAt: isoTimeSchema,
});
export type NoShowPush = z.output<typeof noShowPushSchema>;

/** The platform's answer to a push: accepted, or accepted before under the same idempotency key. */
export const pushAnswerSchema = z.object({
  accepted: z.literal(true),
  duplicate: z.boolean(),
  recordId: z.string(),
});

/** The platform's answer when it refuses a request. */
export const platformErrorSchema = z.object({ error: z.object({ code: z.string(), message: z.string() }) });

export const webhookRegistrationSchema = z.object({ url: z.string().url() });

export const pretrialSearchSchema = z
  .object({ code: z.string().min(1).max(40).optional(), idNumber: idNumberSchema.optional() })
  .refine((q) => Boolean(q.code) !== Boolean(q.idNumber), { message: 'give code or idNumber' });
