import { z } from 'zod';
import { businessDaySchema, clockTimeSchema, idSchema, isoTimeSchema } from './common.js';

// ---------- configuration ----------

/** Opening hours for one rule: ISO weekdays (1 = Monday … 7 = Sunday) and a time span. */
export const openingHoursSchema = z.object({
  days: z.array(z.number().int().min(1).max(7)).min(1),
  from: clockTimeSchema,
  to: clockTimeSchema,
});
export type OpeningHours = z.infer<typeof openingHoursSchema>;

export const serviceConfigSchema = z
  .object({
    id: idSchema,
    name: z.string().min(1).max(64),
    nameEn: z.string().max(128).default(''),
    /** Theme/department grouping shown on the kiosk. */
    group: z.string().max(64).default(''),
    /** The group's name in English (kiosk in English); empty = the kiosk's own word for a common group, else Chinese. */
    groupEn: z.string().max(64).default(''),
    /** Number prefix, one or two capital letters: A, B, GA … */
    prefix: z.string().regex(/^[A-Z]{1,2}$/, 'prefix: 1–2 capital letters'),
    rangeStart: z.number().int().min(0).max(99999).default(1),
    rangeEnd: z.number().int().min(1).max(99999).default(999),
    /** Digits printed after the prefix (A001 → 3). Defaults to the digits of rangeEnd. */
    width: z.number().int().min(1).max(5).optional(),
    /** Tickets per business day; 0 = no cap besides the range. */
    dailyCap: z.number().int().min(0).default(0),
    openingHours: z.array(openingHoursSchema).default([]),
    /** Matter codes (事项) this queue covers. */
    matterIds: z.array(z.string()).default([]),
    /** 一件事 bundles whose whole visit this queue takes: the kiosk shows them as tiles that issue here. */
    bundleIds: z.array(z.string()).optional(),
    /** Real-name queuing: the ticket must carry an ID number from the card reader. */
    realName: z.boolean().default(false),
    /** Tickets per person per business day for this service; 0 = unlimited. */
    perPersonDailyLimit: z.number().int().min(0).default(0),
    /** Minutes per visitor assumed until real service times exist. */
    defaultServiceMinutes: z.number().min(0.5).max(240).default(8),
    enabled: z.boolean().default(true),
    sort: z.number().int().default(0),
  })
  .refine((s) => s.rangeEnd > s.rangeStart, { message: 'rangeEnd must be larger than rangeStart', path: ['rangeEnd'] })
  .refine((s) => s.width === undefined || String(s.rangeEnd).length <= s.width, {
    message: 'width is too small for rangeEnd',
    path: ['width'],
  });
export type ServiceConfig = z.infer<typeof serviceConfigSchema>;

export const WINDOW_KINDS = ['comprehensive', 'special', 'pickup', 'consult'] as const;
export type WindowKind = (typeof WINDOW_KINDS)[number];
export const WINDOW_KIND_TEXT: Record<WindowKind, string> = {
  comprehensive: '综合窗口',
  special: '专业窗口',
  pickup: '出件窗口',
  consult: '咨询台',
};

export const windowConfigSchema = z.object({
  id: idSchema,
  /** The number spoken and shown: "3" → 3号窗口. */
  number: z.string().min(1).max(8),
  name: z.string().min(1).max(64),
  kind: z.enum(WINDOW_KINDS),
  zone: z.string().max(32).default(''),
  /** Services this window calls, with an order: lower order is called first, equal order is first-come first-served. */
  services: z.array(z.object({ serviceId: idSchema, order: z.number().int().min(1).max(99).default(1) })).default([]),
  /** Call the next visitor by itself when the window is idle and someone is waiting. */
  autoCall: z.boolean().default(false),
  /** Device ids bound to this window (call pad, evaluator, LED strip). */
  devices: z.object({ pad: idSchema.optional(), evaluator: idSchema.optional(), led: idSchema.optional() }).default({}),
  enabled: z.boolean().default(true),
});
export type WindowConfig = z.infer<typeof windowConfigSchema>;

// ---------- live state shown to clients ----------

export const TICKET_STATUSES = [
  'waiting',
  'called',
  'serving',
  'done',
  'no-show',
  'transferred',
  'suspended',
  'abandoned',
] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];
export const TICKET_STATUS_TEXT: Record<TicketStatus, string> = {
  waiting: '等候中',
  called: '已呼叫',
  serving: '办理中',
  done: '已办结',
  'no-show': '过号',
  transferred: '已转移',
  suspended: '挂起',
  abandoned: '已作废',
};

export const PRIORITY_CLASSES = ['appointment', 'green', 'normal'] as const;
export type PriorityClass = (typeof PRIORITY_CLASSES)[number];
export const PRIORITY_CLASS_TEXT: Record<PriorityClass, string> = {
  appointment: '预约',
  green: '绿色通道',
  normal: '普通',
};

export const TICKET_SOURCES = ['kiosk', 'window', 'appointment', 'online', 'console'] as const;
export type TicketSource = (typeof TICKET_SOURCES)[number];

/** A ticket as every client sees it: personal data is masked here and nowhere else. */
export const ticketViewSchema = z.object({
  id: idSchema,
  number: z.string(),
  serviceId: idSchema,
  businessDay: businessDaySchema,
  status: z.enum(TICKET_STATUSES),
  priority: z.enum(PRIORITY_CLASSES),
  source: z.enum(TICKET_SOURCES),
  issuedAt: isoTimeSchema,
  calledAt: isoTimeSchema.nullable(),
  windowId: idSchema.nullable(),
  /** Set when transferred to one window only. */
  targetWindowId: idSchema.nullable(),
  callCount: z.number().int(),
  /** 张*三 for real-name tickets. */
  holderName: z.string().nullable(),
  /** 4201**********1234 for real-name tickets. */
  holderId: z.string().nullable(),
  realName: z.boolean(),
});
export type TicketView = z.infer<typeof ticketViewSchema>;

export const WINDOW_STATES = ['open', 'paused', 'closed'] as const;
export type WindowState = (typeof WINDOW_STATES)[number];

export const windowViewSchema = z.object({
  id: idSchema,
  number: z.string(),
  name: z.string(),
  kind: z.enum(WINDOW_KINDS),
  zone: z.string(),
  state: z.enum(WINDOW_STATES),
  pauseReason: z.string().nullable(),
  clerkId: idSchema.nullable(),
  clerkName: z.string().nullable(),
  /** When the window was opened, paused or closed (ISO); null when not known (a hall from before it was kept). */
  stateSince: z.string().nullable().optional(),
  currentTicketId: idSchema.nullable(),
  currentNumber: z.string().nullable(),
  serviceIds: z.array(idSchema),
});
export type WindowView = z.infer<typeof windowViewSchema>;

export const serviceViewSchema = z.object({
  id: idSchema,
  name: z.string(),
  nameEn: z.string(),
  group: z.string(),
  prefix: z.string(),
  realName: z.boolean(),
  enabled: z.boolean(),
  openNow: z.boolean(),
  waiting: z.number().int(),
  issuedToday: z.number().int(),
  /** Estimated minutes until a ticket issued now is called. */
  estimatedWaitMinutes: z.number(),
  sort: z.number().int(),
  /** Matters (事项) handled in this queue, for the kiosk's search. */
  matters: z.array(z.string()),
  /** 周一至周五 08:30-12:00 …; empty = always open. */
  hoursText: z.string(),
  /** The same in English (Mon–Fri 08:30-12:00 …); absent from older servers. */
  hoursTextEn: z.string().optional(),
  /** The group's English name; absent from older servers. */
  groupEn: z.string().optional(),
  /** Tickets per person per day for this service (0 = no limit). */
  perPersonDailyLimit: z.number().int(),
});
export type ServiceView = z.infer<typeof serviceViewSchema>;

export const callViewSchema = z.object({
  /** The hall event sequence number that carried this call (unique; boards use it to speak each call once). */
  seq: z.number().int(),
  ticketId: idSchema,
  number: z.string(),
  serviceId: idSchema,
  serviceName: z.string(),
  windowId: idSchema,
  windowNumber: z.string(),
  windowName: z.string(),
  holderName: z.string().nullable(),
  recall: z.boolean(),
  callCount: z.number().int(),
  at: isoTimeSchema,
  /** The sentence to show and speak: 请 A012 号 到 3 号窗口办理 */
  text: z.string(),
});
export type CallView = z.infer<typeof callViewSchema>;

/** Everything a client needs to render the hall, stamped with the sequence it is current at. */
export const hallSnapshotSchema = z.object({
  seq: z.number().int(),
  hallId: idSchema,
  hallName: z.string(),
  /** The hall's name in English (config `hall.nameEn`); absent or empty = show the Chinese name. */
  hallNameEn: z.string().optional(),
  businessDay: businessDaySchema,
  serverTime: isoTimeSchema,
  /** The hall's IANA time zone (Asia/Shanghai …): clients show times and the business day in it. */
  timeZone: z.string(),
  notice: z.string(),
  services: z.array(serviceViewSchema),
  windows: z.array(windowViewSchema),
  /** Active tickets: waiting, called, serving, suspended. */
  tickets: z.array(ticketViewSchema),
  /** Newest first, at most 20. */
  recentCalls: z.array(callViewSchema),
});
export type HallSnapshot = z.infer<typeof hallSnapshotSchema>;

/** The full personal data of a real-name ticket (staff only; every read is audited). */
export const ticketHolderSchema = z.object({ name: z.string(), idNumber: z.string(), phone: z.string().optional() });
export type TicketHolder = z.infer<typeof ticketHolderSchema>;

export const HALL_EVENT_TYPES = [
  'ticket.issued',
  'ticket.called',
  'ticket.recalled',
  'ticket.serving',
  'ticket.done',
  'ticket.no-show',
  'ticket.reactivated',
  'ticket.transferred',
  /** A manager moved waiting tickets to another service (each keeps its place). */
  'ticket.moved',
  'ticket.suspended',
  'ticket.resumed',
  'ticket.abandoned',
  'window.changed',
  'service.changed',
  'day.reset',
  'notice.changed',
  /** A case (办件) or catalog change: carries no queue state, keeps every client's sequence gap-free. */
  'case.changed',
] as const;
export type HallEventType = (typeof HALL_EVENT_TYPES)[number];

/**
 * One numbered change of the hall, broadcast to every namespace. It carries the new state of everything it touched,
 * so a client applies it without knowing the rules (see applyHallEvent).
 */
export const hallEventSchema = z.object({
  seq: z.number().int(),
  type: z.enum(HALL_EVENT_TYPES),
  at: isoTimeSchema,
  tickets: z.array(ticketViewSchema).default([]),
  windows: z.array(windowViewSchema).default([]),
  services: z.array(serviceViewSchema).default([]),
  call: callViewSchema.nullable().default(null),
  notice: z.string().optional(),
  businessDay: businessDaySchema.optional(),
});
export type HallEvent = z.infer<typeof hallEventSchema>;

/**
 * The order a window would call its waiting tickets in if it called again and again now (the queue's fair order:
 * priority classes, the interleave, aging) — what its waiting list shows, so the list reads as the calls will come.
 */
export const windowCallOrderSchema = z.object({
  windowId: z.string(),
  /** The hall's sequence number the order is current at. */
  seq: z.number().int(),
  /** When it was computed: aging moves tickets up as time passes, so the order is also a function of the time. */
  at: isoTimeSchema,
  ticketIds: z.array(z.string()),
});
export type WindowCallOrder = z.infer<typeof windowCallOrderSchema>;
