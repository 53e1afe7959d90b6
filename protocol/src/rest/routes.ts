import { z } from 'zod';
import type { StaffRole } from '../dto/auth.js';
import {
  deviceInputSchema,
  deviceViewSchema,
  loginSchema,
  pairingCodeSchema,
  pairRequestSchema,
  pairResponseSchema,
  sessionSchema,
  staffInputSchema,
  staffViewSchema,
} from '../dto/auth.js';
import { hallSnapshotSchema, serviceConfigSchema, ticketHolderSchema, windowConfigSchema } from '../dto/queue.js';
import { windowCallOrderSchema } from '../dto/queue.js';
import { appointmentInputSchema, appointmentViewSchema } from '../dto/appointment.js';
import {
  answersSchema,
  bundleSchema,
  catalogSchema,
  departmentSchema,
  importSummarySchema,
  materialSchema,
  matterSchema,
  resolvedBundleViewSchema,
  resolvedMatterSchema,
} from '../dto/catalog.js';
import {
  backOfficeMeSchema,
  caseActionSchemas,
  caseApplicantSchema,
  caseDetailSchema,
  caseQueueSchema,
  caseSettingsInputSchema,
  caseSettingsSchema,
  caseSummarySchema,
  deliverCaseSchema,
  externalResultSchema,
  readyCasesQuerySchema,
  receiveCaseSchema,
} from '../dto/case.js';
import { calendarOverrideInputSchema, calendarOverrideSchema, calendarViewSchema } from '../dto/calendar.js';
import {
  outboxItemViewSchema,
  platformSyncStateSchema,
  pretrialIntakeSchema,
  pretrialQuerySchema,
  pretrialViewSchema,
} from '../dto/platform.js';
import {
  statsBreakdownQuerySchema,
  statsBreakdownSchema,
  statsRangeQuerySchema,
  statsReportSchema,
  windowDaySchema,
} from '../dto/stats.js';
import { regionKpiQuerySchema, regionKpiRowSchema, regionOverviewSchema } from '../federation.js';
import { alarmAckSchema, alarmListSchema, alarmThresholdsSchema, alarmViewSchema } from '../dto/alarm.js';
import { PAD_KEYS } from '../mqtt.js';
import { windowDocumentSchema } from '../dto/documents.js';
import { idNumberSchema } from '../dto/common.js';
import {
  evaluationExportQuerySchema,
  evaluationQuerySchema,
  evaluationReasonSchema,
  evaluationViewSchema,
  ratingLevelSchema,
  ratingReasonSchema,
} from '../dto/evaluation.js';
import { rectificationQuerySchema, rectificationStepSchema, rectificationViewSchema } from '../dto/rectification.js';
import {
  complainantSchema,
  complaintInputSchema,
  complaintQuerySchema,
  complaintStepSchema,
  complaintViewSchema,
} from '../dto/complaint.js';
import {
  auditEntrySchema,
  auditExportQuerySchema,
  auditQuerySchema,
  enabledSchema,
  moveClerkSchema,
  moveWaitingResultSchema,
  moveWaitingSchema,
  passwordResetSchema,
  retentionSettingsSchema,
  staffCardSchema,
  staffCreateSchema,
} from '../dto/config.js';
import { windowViewSchema } from '../dto/queue.js';

/**
 * The hall server's REST API, one entry per route: `'METHOD /path/:param'` → who may call it, the body and query it
 * takes, what it answers (`{ ok: true, data }`, or `{ ok: false, error }` with an HTTP status). The server registers
 * its routes from this map and the one REST client (`rest/client.ts`) types its calls from it, so both sides are
 * checked by the compiler against the same contract.
 */
export const HTTP_METHODS = ['GET', 'POST', 'PUT', 'DELETE'] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

export interface RouteSpec {
  /** One line for the OpenAPI document. */
  summary: string;
  /** Staff with one of these roles (admin may do everything), or anyone ('public'). */
  access: readonly StaffRole[] | 'public';
  body?: z.ZodType;
  /** Query parameters arrive as strings. */
  query?: z.ZodType;
  /** The `data` of a successful answer. */
  response: z.ZodType;
  /** The path parameters belong to the body too (`PUT /api/services/:id` takes the id from the path). */
  idFromPath?: true;
  /** HTTP status of a success; 200 unless given. */
  status?: number;
}

const READERS = ['clerk', 'manager', 'approver'] as const;
const CLERKS = ['clerk', 'manager'] as const;
const MANAGERS = ['manager'] as const;
const ADMINS = ['admin'] as const;

const optionalText = z.string().optional();
const answersBody = z.object({ answers: answersSchema.default({}) });
const caseAction = <B extends z.ZodType>(name: string, body: B) =>
  ({ summary: `Case action: ${name}`, access: READERS, body, response: caseDetailSchema }) as const;

/** Configuration, auth, devices, appointments, personal-data reads and backups. */
export const CORE_ROUTES = {
  'POST /api/auth/login': {
    summary: 'Staff sign-in (returns a session token)',
    access: 'public',
    body: loginSchema,
    response: sessionSchema,
  },
  'POST /api/auth/logout': { summary: 'Sign out', access: 'public', response: z.null() },
  'POST /api/devices/pair': {
    summary: 'Exchange a 6-digit pairing code for a device token',
    access: 'public',
    body: pairRequestSchema,
    response: pairResponseSchema,
  },
  'GET /api/snapshot': { summary: 'Current hall snapshot', access: CLERKS, response: hallSnapshotSchema },
  'GET /api/services': { summary: 'List services (业务)', access: CLERKS, response: z.array(serviceConfigSchema) },
  'PUT /api/services/:id': {
    summary: 'Create or replace a service',
    access: MANAGERS,
    body: serviceConfigSchema,
    idFromPath: true,
    response: serviceConfigSchema,
  },
  'GET /api/windows': { summary: 'List windows (窗口)', access: CLERKS, response: z.array(windowConfigSchema) },
  'PUT /api/windows/:id': {
    summary: 'Create or replace a window',
    access: MANAGERS,
    body: windowConfigSchema,
    idFromPath: true,
    response: windowConfigSchema,
  },
  'GET /api/staff': { summary: 'List staff', access: MANAGERS, response: z.array(staffViewSchema) },
  'PUT /api/staff/:id': {
    summary: 'Create or update a staff member (password hashed with scrypt)',
    access: ADMINS,
    body: staffInputSchema,
    idFromPath: true,
    response: staffViewSchema,
  },
  'GET /api/devices': {
    summary: 'List devices with their online state',
    access: MANAGERS,
    response: z.array(deviceViewSchema),
  },
  'PUT /api/devices/:id': {
    summary: 'Register or update a device',
    access: MANAGERS,
    body: deviceInputSchema,
    idFromPath: true,
    response: deviceViewSchema,
  },
  'POST /api/devices/:id/pairing-code': {
    summary: 'Create a one-time pairing code for a device',
    access: MANAGERS,
    response: pairingCodeSchema,
  },
  'GET /api/appointments': {
    summary: "Today's appointments (masked)",
    access: CLERKS,
    response: z.array(appointmentViewSchema),
  },
  'PUT /api/appointments/:id': {
    summary: 'Book or change an appointment (the platform sync uses the same path)',
    access: MANAGERS,
    body: appointmentInputSchema,
    idFromPath: true,
    response: appointmentViewSchema,
  },
  'GET /api/tickets/:id/holder': {
    summary: 'Full personal data of a real-name ticket (audited)',
    access: CLERKS,
    response: ticketHolderSchema,
  },
  'POST /api/admin/backup': {
    summary: 'Online backup of the hall database (SQLite backup API)',
    access: ADMINS,
    response: z.object({ file: z.string(), pages: z.number().int() }),
  },
} as const satisfies Record<string, RouteSpec>;

/** 事项目录: browse, resolve 办理情形, import/export (JSON, Excel), approver departments. */
export const CATALOG_ROUTES = {
  'GET /api/catalog/departments': {
    summary: 'Departments (部门)',
    access: READERS,
    response: z.array(departmentSchema),
  },
  'GET /api/catalog/materials': {
    summary: 'The shared material library (材料库)',
    access: READERS,
    response: z.array(materialSchema),
  },
  'GET /api/catalog/matters': {
    summary: 'Matters in force today (latest effective version of each 业务办理项)',
    access: READERS,
    query: z.object({ deptId: optionalText }),
    response: z.array(matterSchema),
  },
  'GET /api/catalog/matters/:id': {
    summary: 'One matter (?version=N for an older version)',
    access: READERS,
    query: z.object({ version: optionalText }),
    response: matterSchema,
  },
  'GET /api/catalog/matters/:id/versions': {
    summary: 'Every version of a matter',
    access: READERS,
    response: z.array(matterSchema),
  },
  'PUT /api/catalog/matters/:id': {
    summary: 'Save a matter as a new version (versions are immutable)',
    access: MANAGERS,
    // Validated by the catalog itself, which reports every problem (sheet, row, column) at once.
    body: z.record(z.string(), z.unknown()),
    idFromPath: true,
    response: matterSchema,
  },
  'POST /api/catalog/matters/:id/resolve': {
    summary: 'Materials of a matter for 办理情形 answers (一次告知)',
    access: READERS,
    body: answersBody,
    response: resolvedMatterSchema,
  },
  'GET /api/catalog/bundles': { summary: '一件事 bundles in force', access: READERS, response: z.array(bundleSchema) },
  'GET /api/catalog/bundles/:id': { summary: 'One 一件事 bundle', access: READERS, response: bundleSchema },
  'POST /api/catalog/bundles/:id/resolve': {
    summary: 'Members, merged form and merged material list of a bundle for 办理情形 answers',
    access: READERS,
    body: answersBody,
    response: resolvedBundleViewSchema,
  },
  'GET /api/catalog/export': {
    summary: 'Export the catalog: ?format=json|xlsx, ?all=1 for every version',
    access: MANAGERS,
    query: z.object({ format: optionalText, all: optionalText }),
    response: catalogSchema,
  },
  'POST /api/catalog/import': {
    summary: 'Import a catalog (JSON body, or an .xlsx file as the raw body); all or nothing, every bad row reported',
    access: MANAGERS,
    query: z.object({ fileName: optionalText }),
    // JSON is validated by the catalog (every problem reported); an .xlsx file arrives as raw bytes.
    body: z.unknown(),
    response: importSummarySchema,
  },
  'PUT /api/staff/:id/department': {
    summary: 'Set the department of an approver (审批人员所属部门)',
    access: ADMINS,
    body: z.object({ deptId: z.string().min(1).nullable() }),
    response: z.object({ staffId: z.string(), deptId: z.string().nullable() }),
  },
  'GET /api/backoffice/me': {
    summary: 'The signed-in staff member and their department',
    access: READERS,
    response: backOfficeMeSchema,
  },
} as const satisfies Record<string, RouteSpec>;

/** 办件: receipt and acceptance at the window, the back-office queue and actions, 出件, calendar, settings. */
export const CASE_ROUTES = {
  'POST /api/cases': {
    summary: '收件 (receive) a case for a matter or a 一件事 bundle; with accept=true also 受理',
    access: CLERKS,
    body: receiveCaseSchema,
    status: 201,
    response: caseDetailSchema,
  },
  'GET /api/cases': {
    summary: 'Recent cases (window view); ?stage=concluded&limit=50',
    access: CLERKS,
    query: z.object({ stage: optionalText, limit: optionalText }),
    response: z.array(caseSummarySchema),
  },
  'GET /api/cases/queue': {
    summary:
      'The back-office queue of a department, soonest deadline first, with yellow/red marks (approvers: their own department; managers: ?deptId= or all)',
    access: ['approver', 'manager'],
    query: z.object({ deptId: optionalText }),
    response: caseQueueSchema,
  },
  'GET /api/cases/warnings': {
    summary: 'Cases needing attention: overdue (red), near the deadline (yellow), 容缺 materials late',
    access: ['approver', 'manager'],
    query: z.object({ deptId: optionalText }),
    response: z.array(caseSummarySchema),
  },
  'GET /api/cases/settings': {
    summary: 'Case settings (number format, warning share, 容缺 period)',
    access: MANAGERS,
    response: caseSettingsSchema,
  },
  'PUT /api/cases/settings': {
    summary: 'Change case settings',
    access: MANAGERS,
    body: caseSettingsInputSchema,
    response: caseSettingsSchema,
  },
  'POST /api/cases/ready': {
    summary: '出件: results ready for hand-over, by the applicant ID number (keyed-hash lookup) or case number',
    access: CLERKS,
    body: readyCasesQuerySchema,
    response: z.array(caseSummarySchema),
  },
  'POST /api/cases/external-result': {
    summary: 'A result from the provincial platform (sync adapter, simulator); idempotent',
    access: ADMINS,
    body: externalResultSchema,
    response: caseDetailSchema.extend({ alreadyApplied: z.boolean() }),
  },
  'GET /api/cases/:id': {
    summary: 'Case detail: materials, steps (with notice documents), members, deadline and warning',
    access: READERS,
    response: caseDetailSchema,
  },
  'GET /api/cases/:id/applicant': {
    summary: 'Full applicant data of a case (audited)',
    access: CLERKS,
    response: caseApplicantSchema,
  },
  'POST /api/cases/:id/accept': caseAction('accept', caseActionSchemas.accept),
  'POST /api/cases/:id/reject': caseAction('reject', caseActionSchemas.reject),
  'POST /api/cases/:id/request-correction': caseAction('request-correction', caseActionSchemas['request-correction']),
  'POST /api/cases/:id/supply': caseAction('supply', caseActionSchemas.supply),
  'POST /api/cases/:id/review': caseAction('review', caseActionSchemas.review),
  'POST /api/cases/:id/approve': caseAction('approve', caseActionSchemas.approve),
  'POST /api/cases/:id/refuse': caseAction('refuse', caseActionSchemas.refuse),
  'POST /api/cases/:id/suspend': caseAction('suspend', caseActionSchemas.suspend),
  'POST /api/cases/:id/resume': caseAction('resume', caseActionSchemas.resume),
  'POST /api/cases/:id/withdraw': caseAction('withdraw', caseActionSchemas.withdraw),
  'POST /api/cases/:id/deliver': {
    summary: '出件 / 送达: window hand-over (applicant or proxy with ID), express (waybill) or locker (pick-up code)',
    access: CLERKS,
    body: deliverCaseSchema,
    response: caseDetailSchema,
  },
  'GET /api/calendar': {
    summary:
      "Working-day calendar: ?from=YYYY-MM-DD (default: the hall's business day)&days=N (national data + local overrides)",
    access: READERS,
    query: z.object({ from: optionalText, days: optionalText }),
    response: calendarViewSchema,
  },
  'PUT /api/calendar/overrides/:date': {
    summary: 'Set a local working-day override (hall closed, or open on a holiday)',
    access: MANAGERS,
    body: calendarOverrideInputSchema,
    response: calendarOverrideSchema,
  },
  'DELETE /api/calendar/overrides/:date': {
    summary: 'Remove a local override',
    access: MANAGERS,
    response: z.object({ date: z.string() }),
  },
} as const satisfies Record<string, RouteSpec>;

/** Demo halls only (virtual devices): press a virtual pad's keys, rate, see what the strips show. */
export const DEMO_ROUTES = {
  'GET /api/demo/devices': {
    summary: 'Demo: what the virtual pads and LED strips show',
    access: CLERKS,
    response: z.array(
      z.object({
        deviceId: z.string(),
        kind: z.string(),
        windowId: z.string().nullable(),
        address: z.number().int(),
        shows: z.string().nullable(),
        evaluating: z.boolean(),
      }),
    ),
  },
  'POST /api/demo/pads/:id/keys': {
    summary: 'Demo: press a key on a virtual call pad',
    access: CLERKS,
    body: z.object({ key: z.enum(PAD_KEYS) }),
    response: z.object({ answered: z.boolean() }),
  },
  'POST /api/demo/evaluators/:id/ratings': {
    summary: 'Demo: rate on a virtual evaluator (5 非常满意 … 1 非常不满意)',
    access: CLERKS,
    body: z.object({ level: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4), z.literal(5)]) }),
    response: z.object({ answered: z.boolean() }),
  },
} as const satisfies Record<string, RouteSpec>;

/** Demo halls only (virtual devices): each window's virtual receipt printer, for the clerk screen in a browser. */
export const DEMO_PRINTER_ROUTES = {
  'POST /api/demo/printers/:id/documents': {
    summary:
      "Demo: print a 受理回执 or 一次性告知书 on the window's virtual receipt printer (the real templates and status checks)",
    access: CLERKS,
    body: windowDocumentSchema,
    response: z.object({ printed: z.boolean(), reason: z.string().optional() }),
  },
  'PUT /api/demo/printers/:id/paper': {
    summary: "Demo: take the paper out of the window's virtual printer (loaded: false) or load a new roll",
    access: CLERKS,
    body: z.object({ loaded: z.boolean() }),
    response: z.object({ loaded: z.boolean() }),
  },
  'GET /api/demo/printers/:id/jobs': {
    summary: 'Demo: what the virtual printer printed, oldest first: the ESC/POS bytes (base64) of each document',
    access: CLERKS,
    response: z.array(z.object({ at: z.string(), kind: z.string(), escposBase64: z.string() })),
  },
} as const satisfies Record<string, RouteSpec>;

/** 一网通办: the sync state and its dead letters (managers), pre-reviewed applications at the window (clerks). */
export const PLATFORM_ROUTES = {
  'GET /api/platform/sync': {
    summary: 'Platform sync state: outbox depth, oldest undelivered record, last success, errors, dead letters',
    access: MANAGERS,
    response: platformSyncStateSchema,
  },
  'POST /api/platform/outbox/:id/retry': {
    summary: 'Send a dead letter again (its stream resumes behind it)',
    access: MANAGERS,
    response: outboxItemViewSchema,
  },
  'POST /api/platform/pull': {
    summary: 'Pull appointments and case results from the platform now (also runs on a schedule)',
    access: MANAGERS,
    response: z.object({ applied: z.number().int(), ignored: z.number().int() }),
  },
  'POST /api/platform/pretrials/find': {
    summary: "Pre-reviewed applications (预审) by the 预审 code or the applicant's ID number (keyed-hash lookup)",
    access: CLERKS,
    body: pretrialQuerySchema,
    response: z.array(pretrialViewSchema),
  },
  'POST /api/platform/pretrials/:code/intake': {
    summary: '收件 of a pre-reviewed application through the case intake: materials checked online arrive received',
    access: CLERKS,
    body: pretrialIntakeSchema,
    status: 201,
    response: caseDetailSchema,
  },
} as const satisfies Record<string, RouteSpec>;

/** 一窗受理 at the window (issue 9): 好差评 on the window's screen, a 差评's reason, the ratings and a ticket's cases. */
export const WINDOW_SERVICE_ROUTES = {
  'POST /api/windows/:id/evaluations': {
    summary: "好差评 on the window's on-screen evaluator for the visitor served there (5 非常满意 … 1 非常不满意)",
    access: CLERKS,
    body: z.object({ level: ratingLevelSchema, reason: ratingReasonSchema.optional() }),
    status: 201,
    response: z.object({
      ticketId: z.string(),
      level: ratingLevelSchema,
      caseIds: z.array(z.string()),
      needsReason: z.boolean(),
    }),
  },
  'POST /api/evaluations/:id/reason': {
    summary: "The reason of a 不满意 / 非常不满意 rating (id: the rated ticket's id), given once",
    access: CLERKS,
    body: evaluationReasonSchema,
    response: evaluationViewSchema,
  },
  'GET /api/evaluations': {
    summary: '好差评 ratings, newest first, tied to ticket, cases, window and clerk',
    access: CLERKS,
    query: evaluationQuerySchema,
    response: z.array(evaluationViewSchema),
  },
  'GET /api/evaluations/export': {
    summary: "好差评 ratings as an Excel workbook, newest first: the list's filters, and ?only=bad for the 差评",
    access: MANAGERS,
    query: evaluationExportQuerySchema,
    response: z.null(),
  },
  'GET /api/windows/:id/today': {
    summary: "A window's business day so far (calls, services and their minutes, no-shows, transfers, suspensions)",
    access: CLERKS,
    response: windowDaySchema,
  },
  'GET /api/windows/:id/call-order': {
    summary:
      "The window's waiting tickets in the order it will call them (priority, interleave, aging), as call-next does",
    access: CLERKS,
    response: windowCallOrderSchema,
  },
  'GET /api/tickets/:id/cases': {
    summary: 'The cases taken in for a ticket (one visit, several matters)',
    access: READERS,
    response: z.array(caseSummarySchema),
  },
  'POST /api/tickets/:id/card-reads': {
    summary:
      'An ID card read in full at the window for the visitor now served there: audited (clerk, window, time, masked number)',
    access: CLERKS,
    body: z.object({ idNumber: idNumberSchema }),
    status: 201,
    response: z.object({ windowId: z.string(), at: z.string(), idNumber: z.string(), kind: z.string() }),
  },
} as const satisfies Record<string, RouteSpec>;

/** Statistics (issue 10): the period's figures and KPIs, and their export. */
export const STATS_ROUTES = {
  'GET /api/stats/report': {
    summary: "Period report: queue and case figures and the reform's KPIs with their formulas",
    access: MANAGERS,
    query: statsRangeQuerySchema,
    response: statsReportSchema,
  },
  'GET /api/stats/breakdown': {
    summary:
      'The period cut by ?bucket=hour|day|week|month and/or ?by=service|window|clerk|department|matter: each row its figures and KPIs',
    access: MANAGERS,
    query: statsBreakdownQuerySchema,
    response: statsBreakdownSchema,
  },
  'GET /api/stats/export': {
    summary:
      'The period report as a file: ?format=xlsx (Excel workbook) or csv (UTF-8 with BOM, for Excel); with ?bucket and/or ?by, the breakdown table',
    access: MANAGERS,
    query: statsBreakdownQuerySchema.extend({ format: z.enum(['xlsx', 'csv']) }),
    response: z.null(),
  },
} as const satisfies Record<string, RouteSpec>;

/** Alarms (issue 10): the list a manager works through, acknowledging each, and the thresholds that raise them. */
export const ALARM_ROUTES = {
  'GET /api/alarms': {
    summary: 'Alarms not yet acknowledged, and the latest acknowledged',
    access: MANAGERS,
    response: alarmListSchema,
  },
  'POST /api/alarms/:id/acknowledge': {
    summary: 'Acknowledge an alarm (who, when, note)',
    access: MANAGERS,
    body: alarmAckSchema,
    response: alarmViewSchema,
  },
  'GET /api/alarms/thresholds': {
    summary: 'Alarm thresholds',
    access: MANAGERS,
    response: alarmThresholdsSchema,
  },
  'PUT /api/alarms/thresholds': {
    summary: 'Change alarm thresholds (each a whole number in its range, else nothing changes)',
    access: MANAGERS,
    body: z.record(z.string(), z.unknown()),
    response: alarmThresholdsSchema,
  },
} as const satisfies Record<string, RouteSpec>;

/** 差评整改 (issue 10): the rectification every 差评 opens, carried through by the department. */
const RECTIFIERS = ['manager', 'approver'] as const;
export const RECTIFICATION_ROUTES = {
  'GET /api/rectifications': {
    summary: '差评整改: rectifications, the open ones first, with their 整改期限',
    access: RECTIFIERS,
    query: rectificationQuerySchema,
    response: z.array(rectificationViewSchema),
  },
  'GET /api/rectifications/:id': {
    summary: 'One rectification with its history',
    access: RECTIFIERS,
    response: rectificationViewSchema,
  },
  'POST /api/rectifications/:id/steps': {
    summary: 'The next step of a rectification: judge (valid or invalid, reviewer), rectify, call back, conclude',
    access: RECTIFIERS,
    body: rectificationStepSchema,
    response: rectificationViewSchema,
  },
} as const satisfies Record<string, RouteSpec>;

/** 服务投诉 after GB/T 36113 (issue 10): register → investigate → handle → feedback → archive. */
export const COMPLAINT_ROUTES = {
  'GET /api/complaints': {
    summary: 'Complaints, newest first; the complainant masked',
    access: MANAGERS,
    query: complaintQuerySchema,
    response: z.array(complaintViewSchema),
  },
  'POST /api/complaints': {
    summary: 'Register a complaint (channel, category, complainant, content, target window, clerk or case)',
    access: MANAGERS,
    body: complaintInputSchema,
    status: 201,
    response: complaintViewSchema,
  },
  'GET /api/complaints/:id': {
    summary: 'One complaint with its history; the complainant masked',
    access: MANAGERS,
    response: complaintViewSchema,
  },
  'POST /api/complaints/:id/steps': {
    summary: 'The next step of a complaint: investigate, handle, feedback, archive (an archived one never moves)',
    access: MANAGERS,
    body: complaintStepSchema,
    response: complaintViewSchema,
  },
  'GET /api/complaints/:id/complainant': {
    summary: "The complainant's full name and phone, for the feedback call (audited)",
    access: MANAGERS,
    response: complainantSchema,
  },
} as const satisfies Record<string, RouteSpec>;

/**
 * Configuration screens and floor actions (issue 10): what the plain PUTs above do not cover. Every change here and
 * there is audited (who, when, before, after), and the audit trail is read and exported here.
 */
export const CONFIG_ROUTES = {
  'POST /api/services': {
    summary: 'Create a service (refused when the id is taken; PUT /api/services/:id replaces one)',
    access: MANAGERS,
    body: serviceConfigSchema,
    status: 201,
    response: serviceConfigSchema,
  },
  'POST /api/services/:id/enabled': {
    summary: 'Open (enabled: true) or close a service at the kiosks',
    access: MANAGERS,
    body: enabledSchema,
    response: serviceConfigSchema,
  },
  'POST /api/services/:id/move-waiting': {
    summary: 'Move every waiting ticket of a service to another service; each keeps its issue time and its place',
    access: MANAGERS,
    body: moveWaitingSchema,
    response: moveWaitingResultSchema,
  },
  'POST /api/windows/:id/move-clerk': {
    summary: 'Move the clerk signed in at a window (with nobody at the counter) to another free window',
    access: MANAGERS,
    body: moveClerkSchema,
    response: windowViewSchema,
  },
  'POST /api/staff': {
    summary: 'Create a staff account (only an admin may create an admin)',
    access: MANAGERS,
    body: staffCreateSchema,
    status: 201,
    response: staffViewSchema,
  },
  'POST /api/staff/:id/enabled': {
    summary: "Enable or disable an account; a disabled account's open sockets are cut at once",
    access: MANAGERS,
    body: enabledSchema,
    response: staffViewSchema,
  },
  'POST /api/staff/:id/password': {
    summary: "Reset an account's password; its sessions end",
    access: MANAGERS,
    body: passwordResetSchema,
    response: staffViewSchema,
  },
  'PUT /api/staff/:id/card': {
    summary:
      "Register a staff member's own ID card for 绿色通道 at a kiosk (kept as a lookup key only), or null to remove it",
    access: MANAGERS,
    body: staffCardSchema,
    response: staffViewSchema,
  },
  'POST /api/devices/:id/revoke': {
    summary: 'Revoke a device: its token stops working and its sockets and MQTT connection are cut at once',
    access: MANAGERS,
    response: deviceViewSchema,
  },
  'GET /api/settings/retention': {
    summary: 'How long personal data is kept',
    access: MANAGERS,
    response: retentionSettingsSchema,
  },
  'PUT /api/settings/retention': {
    summary: 'Change how long personal data is kept (1 to 3650 days)',
    access: MANAGERS,
    body: retentionSettingsSchema,
    response: retentionSettingsSchema,
  },
  'PUT /api/settings/notice': {
    summary: 'The scrolling notice on the boards and kiosks (empty text clears it); the same as the socket notice:set',
    access: MANAGERS,
    body: z.object({ text: z.string().trim().max(500, '公告最多 500 字 / at most 500 characters') }),
    response: z.object({ notice: z.string() }),
  },
  'GET /api/audit': {
    summary:
      'The audit trail of hall days from..to (YYYY-MM-DD, at most 366 days), newest first, at most 5000 rows; ?staffId=, ?action= (prefix)',
    access: MANAGERS,
    query: auditQuerySchema,
    response: z.array(auditEntrySchema),
  },
  'GET /api/audit/export': {
    summary: 'The audit trail as a file: ?from=&to=&format=xlsx (Excel) or csv (UTF-8 with BOM)',
    access: MANAGERS,
    query: auditExportQuerySchema,
    response: z.null(),
  },
} as const satisfies Record<string, RouteSpec>;

/** 四级联通 (issue 13): a county's or city's view of the halls below it, for region managers. */
const REGION_MANAGERS = ['region-manager'] as const;
export const REGION_ROUTES = {
  'GET /api/region/halls': {
    summary: 'Every hall below this region: link state (last heard, lag), waiting, open windows, alarms',
    access: REGION_MANAGERS,
    response: regionOverviewSchema,
  },
  'GET /api/region/kpis': {
    summary: 'The KPIs of every hall below for a period (?from=&to=, business days), side by side',
    access: REGION_MANAGERS,
    query: regionKpiQuerySchema,
    response: z.array(regionKpiRowSchema),
  },
  'GET /api/region/kpis/export': {
    summary: 'The same KPIs as an Excel workbook',
    access: REGION_MANAGERS,
    query: regionKpiQuerySchema,
    response: z.null(),
  },
} as const satisfies Record<string, RouteSpec>;

export const REST_ROUTES = {
  ...CORE_ROUTES,
  ...CATALOG_ROUTES,
  ...CASE_ROUTES,
  ...DEMO_ROUTES,
  ...DEMO_PRINTER_ROUTES,
  ...PLATFORM_ROUTES,
  ...WINDOW_SERVICE_ROUTES,
  ...STATS_ROUTES,
  ...ALARM_ROUTES,
  ...RECTIFICATION_ROUTES,
  ...COMPLAINT_ROUTES,
  ...CONFIG_ROUTES,
  ...REGION_ROUTES,
} as const;
export type RestRoutes = typeof REST_ROUTES;
export type RouteKey = keyof RestRoutes;

// ---------- what each route takes and answers, derived from the map ----------

export type RouteMethod<K extends string> = K extends `${infer M extends HttpMethod} ${string}` ? M : never;
export type RoutePath<K extends string> = K extends `${HttpMethod} ${infer P}` ? P : never;

/** `/api/cases/:id/deliver` → `{ id: string }` */
export type PathParams<P extends string> = P extends `${string}:${infer Name}/${infer Rest}`
  ? { [N in Name]: string } & PathParams<`/${Rest}`>
  : P extends `${string}:${infer Name}`
    ? { [N in Name]: string }
    : Record<never, never>;

type SpecOf<R extends Record<string, RouteSpec>, K extends keyof R> = R[K];
type Schema<S, F extends 'body' | 'query'> = S extends { [P in F]: infer Z extends z.ZodType } ? Z : undefined;

/** The body after validation (what the server's handler gets). */
export type RouteBody<R extends Record<string, RouteSpec>, K extends keyof R & string> =
  Schema<SpecOf<R, K>, 'body'> extends infer Z extends z.ZodType ? z.output<Z> : undefined;
export type RouteQuery<R extends Record<string, RouteSpec>, K extends keyof R & string> =
  Schema<SpecOf<R, K>, 'query'> extends infer Z extends z.ZodType ? z.output<Z> : Record<never, never>;
export type RouteResponse<R extends Record<string, RouteSpec>, K extends keyof R & string> = z.output<
  SpecOf<R, K>['response']
>;
export type RouteParams<K extends string> = PathParams<RoutePath<K>>;

/** What a caller sends: path parameters, query and body as the client writes them (before defaults). */
export type RouteInput<K extends RouteKey> = (keyof RouteParams<K> extends never
  ? { params?: undefined }
  : { params: RouteParams<K> }) &
  (Schema<RestRoutes[K], 'query'> extends infer Z extends z.ZodType ? { query?: z.input<Z> } : { query?: undefined }) &
  (Schema<RestRoutes[K], 'body'> extends infer Z extends z.ZodType
    ? RestRoutes[K] extends { idFromPath: true }
      ? { body: Omit<z.input<Z>, keyof RouteParams<K>> }
      : { body: z.input<Z> }
    : { body?: undefined });

/** Fills `:name` segments of a route path. */
export function fillPath(path: string, params: Readonly<Record<string, string>> | undefined): string {
  return path.replace(/:([A-Za-z]+)/g, (_m, name: string) => {
    const value = params?.[name];
    if (value === undefined) throw new Error(`missing path parameter ${name} for ${path}`);
    return encodeURIComponent(value);
  });
}

/** Splits a route key into its method and path. */
export function routeParts(key: string): { method: HttpMethod; path: string } {
  const space = key.indexOf(' ');
  const method = HTTP_METHODS.find((m) => m === key.slice(0, space));
  if (!method) throw new Error(`route key ${key} does not start with an HTTP method`);
  return { method, path: key.slice(space + 1) };
}
