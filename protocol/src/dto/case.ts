import { z } from 'zod';
import { idNumberSchema, personNameSchema } from './common.js';
import { TAKE_WAYS, answersSchema, departmentSchema } from './catalog.js';
import { STAFF_ROLES } from './auth.js';

/**
 * 办件 (cases) as the window, the back office and the platform sync see them: the bodies the REST routes take and
 * the views they answer with. The rules behind them live in the hall server's domain (`domain/cases/`).
 */

/** Stages of a case, in the order of its life (labels and platform link codes: the hall server's CASE_STAGES). */
export const CASE_STAGE_IDS = [
  'received',
  'accepted',
  'not_accepted',
  'reviewing',
  'correction',
  'suspended',
  'concluded',
  'delivered',
  'withdrawn',
] as const;
export type CaseStageId = (typeof CASE_STAGE_IDS)[number];

export const CASE_RESULTS = ['approved', 'refused', 'partial'] as const;
export const MATERIAL_STATUSES = ['received', 'tolerated', 'missing', 'cert-lookup', 'not-needed'] as const;
export type MaterialStatus = (typeof MATERIAL_STATUSES)[number];
/** How a material on the checklist stands (已收取、容缺后补 …), for the server's notices and every client. */
export const MATERIAL_STATUS_TEXT: Record<MaterialStatus, string> = {
  received: '已收取',
  tolerated: '容缺后补',
  missing: '缺少',
  'cert-lookup': '电子证照核验',
  'not-needed': '无需提交',
};
/** The deadline mark: normal, yellow (close to due), red (overdue), paused (补齐补正 / 挂起 stop the clock). */
export const CASE_LEVELS = ['normal', 'yellow', 'red', 'paused'] as const;
export type CaseLevel = (typeof CASE_LEVELS)[number];
export const CASE_STEP_ACTIONS = [
  'receive',
  'accept',
  'reject',
  'request-correction',
  'supply',
  'route',
  'review',
  'approve',
  'refuse',
  'suspend',
  'resume',
  'withdraw',
  'deliver',
  'conclude-bundle',
] as const;
export type CaseStepAction = (typeof CASE_STEP_ACTIONS)[number];
/** What each step is called on screens, steps and refusals (受理、补齐补正 …): one table for the server and every client. */
export const CASE_ACTION_TEXT: Record<CaseStepAction, string> = {
  receive: '收件',
  accept: '受理',
  reject: '不予受理',
  'request-correction': '补齐补正',
  supply: '补交材料',
  route: '分办',
  review: '审核',
  approve: '准予办结',
  refuse: '不予许可',
  suspend: '挂起',
  resume: '恢复办理',
  withdraw: '撤回',
  deliver: '出件',
  'conclude-bundle': '一件事办结',
};
export const STEP_SOURCES = ['window', 'backoffice', 'platform', 'system'] as const;
const takeWay = z.enum(Object.keys(TAKE_WAYS) as [keyof typeof TAKE_WAYS, ...(keyof typeof TAKE_WAYS)[]]);

// ---------- views ----------

export const caseMaterialSchema = z.object({
  materialId: z.string(),
  name: z.string(),
  need: z.enum(['required', 'tolerance', 'optional']),
  originalCount: z.number().int(),
  copyCount: z.number().int(),
  electronicAccepted: z.boolean(),
  certLookup: z.string().nullable(),
  usedBy: z.array(z.string()),
  status: z.enum(MATERIAL_STATUSES),
  /** 容缺: supply by this hall-local date (inclusive). */
  dueDate: z.string().nullable(),
  receivedAt: z.string().nullable(),
  note: z.string().nullable(),
});
export type CaseMaterialView = z.infer<typeof caseMaterialSchema>;

/** A notice document (B-code) as data: what a printed notice shows. */
export const caseNoticeSchema = z.object({
  code: z.string(),
  title: z.string(),
  content: z.record(z.string(), z.unknown()),
});

/** One append-only step of a case's history, with the hall event that recorded it. */
export const caseStepSchema = z.object({
  caseId: z.string(),
  stepNo: z.number().int(),
  action: z.enum(CASE_STEP_ACTIONS),
  fromStage: z.enum(CASE_STAGE_IDS).nullable(),
  stage: z.enum(CASE_STAGE_IDS),
  linkCode: z.number().int(),
  node: z.string().nullable(),
  at: z.string(),
  deptId: z.string(),
  staffId: z.string(),
  staffName: z.string(),
  source: z.enum(STEP_SOURCES),
  opinion: z.string().nullable(),
  notices: z.array(caseNoticeSchema),
  eventSeq: z.number().int(),
});
export type CaseStepView = z.infer<typeof caseStepSchema>;

export const casePauseSchema = z.object({
  kind: z.enum(['correction', 'suspended']),
  from: z.string(),
  to: z.string().nullable(),
  reason: z.string(),
});

/** How a result was handed over (出件 / 送达). */
export const caseDeliverySchema = z.object({
  way: takeWay,
  at: z.string(),
  staffId: z.string(),
  receiverNameMasked: z.string().optional(),
  proxy: z.boolean().optional(),
  proxyIdMasked: z.string().optional(),
  expressCompany: z.string().optional(),
  waybillNo: z.string().optional(),
  lockerNo: z.string().optional(),
  pickupCode: z.string().optional(),
});

/** The case clock: working days used and left under the promised limit, and the legal limit beside it. */
export const caseTimingSchema = z.object({
  elapsedDays: z.number(),
  remainingDays: z.number(),
  dueAt: z.string().nullable(),
  overdue: z.boolean(),
  level: z.enum(CASE_LEVELS),
  paused: z.boolean(),
  pausedHalfDays: z.number(),
  promisedLimitDays: z.number(),
  legalLimitDays: z.number(),
  legalDueAt: z.string().nullable(),
  /** 提速 against the legal limit (concluded cases) */
  speedUp: z.object({ savedDays: z.number(), rate: z.number() }).nullable(),
});
export type CaseTimingView = z.infer<typeof caseTimingSchema>;

export const caseSummarySchema = z.object({
  id: z.string(),
  caseNo: z.string(),
  type: z.enum(['single', 'bundle', 'member']),
  parentId: z.string().nullable(),
  name: z.string(),
  matterId: z.string().nullable(),
  matterVersion: z.number().int().nullable(),
  bundleId: z.string().nullable(),
  caseKind: z.enum(['immediate', 'promised', 'joint', 'report']),
  deptId: z.string(),
  deptName: z.string(),
  stage: z.enum(CASE_STAGE_IDS),
  stageLabel: z.string(),
  linkCode: z.number().int(),
  node: z.string().nullable(),
  result: z.enum(CASE_RESULTS).nullable(),
  /** The applicant as shown: a legal person's name, or the person's masked name. */
  applicant: z.string(),
  applicantIdMasked: z.string(),
  receivedAt: z.string(),
  acceptedAt: z.string().nullable(),
  concludedAt: z.string().nullable(),
  tolerance: z.boolean(),
  /** 容缺 materials past their due date */
  lateMaterials: z.array(z.object({ materialId: z.string(), name: z.string(), dueDate: z.string().nullable() })),
  timing: caseTimingSchema.nullable(),
  /** normal | yellow | red | paused, or null before acceptance / after hand-over */
  level: z.enum(CASE_LEVELS).nullable(),
  takeWay,
  /** The ticket the case was taken in under and the window that served it; null for a case not from the queue. */
  origin: z
    .object({
      ticketId: z.string(),
      ticketNumber: z.string().nullable(),
      windowId: z.string().nullable(),
      windowName: z.string().nullable(),
    })
    .nullable()
    .optional(),
});
export type CaseSummary = z.infer<typeof caseSummarySchema>;

export const caseNotificationViewSchema = z.object({
  kind: z.string(),
  at: z.string(),
  toMasked: z.string().nullable(),
  text: z.string(),
  status: z.string(),
});

export const caseDetailSchema = caseSummarySchema.extend({
  materials: z.array(caseMaterialSchema),
  steps: z.array(caseStepSchema),
  members: z.array(caseSummarySchema),
  answers: z.record(z.string(), z.union([z.string(), z.array(z.string())])),
  form: z.record(z.string(), z.unknown()),
  delivery: caseDeliverySchema.nullable(),
  pauses: z.array(casePauseSchema),
  legalLimitDays: z.number(),
  promisedLimitDays: z.number(),
  platformRef: z.string().nullable(),
  notifications: z.array(caseNotificationViewSchema),
});
export type CaseDetail = z.infer<typeof caseDetailSchema>;

/** A department's back-office queue (managers: one department or all). */
export const caseQueueSchema = z.object({
  deptId: z.string().nullable(),
  department: departmentSchema.nullable(),
  cases: z.array(caseSummarySchema),
});
export type CaseQueue = z.infer<typeof caseQueueSchema>;

/** The full applicant data of a case (staff only, audited). */
export const caseApplicantSchema = z.object({
  name: z.string(),
  idNumber: z.string(),
  phone: z.string().optional(),
  orgName: z.string().optional(),
});
export type CaseApplicant = z.infer<typeof caseApplicantSchema>;

export const caseSettingsSchema = z.object({
  caseNoFormat: z.string(),
  yellowShare: z.number(),
  yellowMinDays: z.number(),
  toleranceDays: z.number(),
});
export type CaseSettings = z.infer<typeof caseSettingsSchema>;

/** Who is signed in to the back office, and for which department. */
export const backOfficeMeSchema = z.object({
  staff: z.object({ id: z.string(), username: z.string(), name: z.string(), roles: z.array(z.enum(STAFF_ROLES)) }),
  department: departmentSchema.nullable(),
  /** The hall's IANA time zone: the back office shows every time in it, whatever zone the PC is set to. */
  timeZone: z.string(),
});
export type BackOfficeMe = z.infer<typeof backOfficeMeSchema>;

// ---------- bodies ----------

const phoneSchema = z
  .string()
  .trim()
  .regex(
    /^1\d{10}$|^0\d{2,3}-?\d{7,8}$/,
    '手机号为11位，或区号-电话 / an 11-digit mobile or an area-code phone number',
  );
const creditCodeSchema = z
  .string()
  .trim()
  .regex(
    /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/,
    '统一社会信用代码为18位 / an 18-character unified social credit code',
  );

export const applicantSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('person'),
    name: personNameSchema,
    idNumber: idNumberSchema,
    phone: phoneSchema.optional(),
  }),
  z.object({
    kind: z.literal('legal'),
    orgName: z.string().trim().min(1).max(120),
    creditCode: creditCodeSchema,
    contactName: personNameSchema,
    contactIdNumber: idNumberSchema,
    phone: phoneSchema.optional(),
  }),
]);
export type ApplicantInput = z.infer<typeof applicantSchema>;

/** 收件: a case for one matter or one 一件事 bundle, with the materials checked at the window. */
export const receiveCaseSchema = z
  .object({
    matterId: z.string().min(1).optional(),
    bundleId: z.string().min(1).optional(),
    /**
     * The catalog version the clerk's checklist was built from: when the version in force asks for other materials,
     * the receipt is refused (CATALOG_CHANGED) and nothing is created. Absent: received under the version in force.
     */
    matterVersion: z.number().int().min(1).optional(),
    bundleVersion: z.number().int().min(1).optional(),
    answers: answersSchema.default({}),
    form: z.record(z.string(), z.unknown()).default({}),
    applicant: applicantSchema,
    materials: z
      .array(
        z.object({
          materialId: z.string().min(1),
          status: z.enum(MATERIAL_STATUSES),
          note: z.string().max(200).optional(),
          /** 容缺: the day the applicant promises to bring it (within the material's supply period). */
          dueDate: z
            .string()
            .regex(/^\d{4}-\d{2}-\d{2}$/, { error: '补交日期应为 YYYY-MM-DD / a due date is YYYY-MM-DD' })
            .optional(),
        }),
      )
      .default([]),
    takeWay: takeWay.default('window'),
    channel: z.enum(['window', 'online', 'express', 'platform']).default('window'),
    ticketId: z.string().max(64).optional(),
    platformRef: z.string().max(128).optional(),
    /** 收件并受理: accept in the same step when nothing required is missing. */
    accept: z.boolean().default(false),
  })
  .refine((b) => (b.matterId ? 1 : 0) + (b.bundleId ? 1 : 0) === 1, {
    message: '请选择一个事项或一件事 / give exactly one of matterId, bundleId',
    path: ['matterId'],
  });
export type ReceiveCaseInput = z.infer<typeof receiveCaseSchema>;

const opinion = z.string().trim().max(1000);
/** Bodies of the staff actions on a case, one route each (`POST /api/cases/:id/<action>`). */
export const caseActionSchemas = {
  accept: z.object({ opinion: opinion.optional() }),
  reject: z.object({ reason: opinion.min(1, '请填写不予受理的理由 / give the reason') }),
  'request-correction': z.object({
    opinion: opinion.min(1, '请填写补正内容 / say what to correct'),
    materialIds: z.array(z.string()).min(1, '请选择需要补正的材料 / choose the materials'),
  }),
  supply: z.object({ materialIds: z.array(z.string()).min(1), opinion: opinion.optional() }),
  review: z.object({
    node: z.string().trim().min(1).max(32),
    opinion: opinion.min(1, '请填写审核意见 / give an opinion'),
  }),
  approve: z.object({
    opinion: opinion.min(1, '请填写审批意见 / give an opinion'),
    resultNo: z.string().max(64).optional(),
  }),
  refuse: z.object({ opinion: opinion.min(1, '请填写不予许可的理由 / give the reason') }),
  suspend: z.object({ reason: opinion.min(1, '请填写挂起原因 / give the reason') }),
  resume: z.object({ opinion: opinion.optional() }),
  withdraw: z.object({ reason: opinion.min(1, '请填写撤回原因 / give the reason') }),
} as const;
export type CaseActionName = keyof typeof caseActionSchemas;

/** 出件 / 送达: at the window (the applicant, or a proxy with their own ID), by express, or into a locker. */
export const deliverCaseSchema = z.discriminatedUnion('way', [
  z.object({
    way: z.literal('window'),
    /** The person at the window: the applicant (their ID number must match) or a proxy with their own ID. */
    receiver: z.discriminatedUnion('proxy', [
      z.object({ proxy: z.literal(false), idNumber: idNumberSchema }),
      z.object({ proxy: z.literal(true), name: personNameSchema, idNumber: idNumberSchema }),
    ]),
  }),
  z.object({
    way: z.literal('express'),
    company: z.string().trim().min(1).max(32),
    waybillNo: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9]{8,32}$/, '运单号为8–32位字母或数字 / a waybill number has 8–32 letters or digits'),
  }),
  z.object({
    way: z.literal('locker'),
    lockerNo: z.string().trim().min(1).max(32),
    pickupCode: z
      .string()
      .trim()
      .regex(/^\d{4,8}$/, '取件码为4–8位数字 / a pick-up code has 4–8 digits'),
  }),
]);
export type DeliverCaseInput = z.infer<typeof deliverCaseSchema>;

/** A result concluded on the provincial platform, applied to the hall's case (idempotent). */
export const externalResultSchema = z
  .object({
    caseNo: z.string().min(1).optional(),
    platformRef: z.string().min(1).optional(),
    result: z.enum(['approved', 'refused']),
    opinion: z.string().trim().min(1).max(1000),
    resultNo: z.string().max(64).optional(),
    deptName: z.string().max(64).optional(),
    /** When the platform concluded it (ISO); defaults to now. */
    concludedAt: z.string().datetime({ offset: true }).optional(),
  })
  .refine((b) => b.caseNo || b.platformRef, {
    message: '需要 caseNo 或 platformRef / give caseNo or platformRef',
    path: ['caseNo'],
  });
export type ExternalResult = z.infer<typeof externalResultSchema>;

export const caseSettingsInputSchema = z.object({
  caseNoFormat: z.string().min(5).max(64).optional(),
  yellowShare: z.number().min(0).max(1).optional(),
  yellowMinDays: z.number().min(0).max(30).optional(),
  toleranceDays: z.number().int().min(1).max(60).optional(),
});
export type CaseSettingsInput = z.infer<typeof caseSettingsInputSchema>;

/** 出件: results ready for an applicant's ID number or a case number. */
export const readyCasesQuerySchema = z
  .object({ idNumber: idNumberSchema.optional(), caseNo: z.string().trim().min(6).max(40).optional() })
  .refine((b) => b.idNumber || b.caseNo, {
    message: '请输入身份证号或办件编号 / give an ID number or a case number',
    path: ['idNumber'],
  });
export type ReadyCasesQuery = z.infer<typeof readyCasesQuerySchema>;
