import { z } from 'zod';
import { idNumberSchema, idSchema, personNameSchema } from '../dto/common.js';
import { PRIORITY_CLASSES, ticketViewSchema, type CallView } from '../dto/queue.js';

/**
 * Commands clients send, each validated with these schemas at the socket edge.
 * `requestId` makes a command idempotent: a retry after a lost ack returns the first result instead of acting twice.
 */
const requestId = z.string().min(8).max(64).optional();

export const issueTicketSchema = z.object({
  requestId,
  serviceId: idSchema,
  /** Kiosks may ask for 绿色通道; appointment priority comes only from an appointment check-in. */
  priority: z.enum(PRIORITY_CLASSES).exclude(['appointment']).default('normal'),
  /** From the ID-card reader, for real-name queuing. */
  holder: z.object({ idNumber: idNumberSchema, name: personNameSchema }).optional(),
  phone: z
    .string()
    .regex(/^1\d{10}$/, '手机号应为11位 / a mobile number has 11 digits')
    .optional(),
  /**
   * At a kiosk a 绿色通道 ticket needs the unlock a staff member's card or code gave there (`staff:green-unlock`);
   * at a window the signed-in clerk is the staff member, and this is not needed.
   */
  greenUnlock: z.string().min(8).max(64).optional(),
});
export type IssueTicketPayload = z.input<typeof issueTicketSchema>;

/**
 * 绿色通道 at a kiosk: a staff member shows their staff card (their own ID card, registered to their account) on the
 * kiosk's reader, or types their 工号 and 密码; exactly one of the two. The server checks the role.
 */
export const greenUnlockSchema = z
  .object({
    requestId,
    card: z.object({ idNumber: idNumberSchema, name: personNameSchema }).optional(),
    code: z.object({ username: z.string().trim().min(1).max(64), password: z.string().min(1).max(256) }).optional(),
  })
  .refine((p) => (p.card ? 1 : 0) + (p.code ? 1 : 0) === 1, {
    message: '请刷工作人员卡或输入工号和密码 / give a staff card or a staff code',
    path: ['card'],
  });
export type GreenUnlockPayload = z.input<typeof greenUnlockSchema>;

/** What a staff unlock gives the kiosk: one 绿色通道 ticket, taken before `expiresAt`. */
export const greenUnlockResultSchema = z.object({
  unlockId: z.string(),
  staffName: z.string(),
  expiresAt: z.string(),
});
export type GreenUnlock = z.infer<typeof greenUnlockResultSchema>;

export const issuedTicketSchema = z.object({
  ticket: ticketViewSchema,
  hallName: z.string(),
  serviceName: z.string(),
  peopleAhead: z.number().int(),
  estimatedWaitMinutes: z.number(),
  /** Where the visitor can follow the ticket (printed as the QR code). */
  progressUrl: z.string(),
  /** "2026-11-27 09:15" in the hall's time zone, for the printed ticket. */
  issuedAtLocal: z.string(),
  notice: z.string(),
  /** The hall's IANA zone the printed time is shown in (a kiosk's own zone may differ); absent from older servers. */
  timeZone: z.string().optional(),
  /** English for the on-screen slip (the printed one is Chinese); absent from older servers. */
  hallNameEn: z.string().optional(),
  serviceNameEn: z.string().optional(),
  noticeEn: z.string().optional(),
});
export type IssuedTicket = z.infer<typeof issuedTicketSchema>;

export const printResultSchema = z.object({
  requestId,
  ticketId: idSchema,
  printed: z.boolean(),
  /** Printer status text when printing failed (缺纸, 上盖打开 …). */
  reason: z.string().max(200).optional(),
});
export type PrintResultPayload = z.input<typeof printResultSchema>;

export const windowRefSchema = z.object({ requestId, windowId: idSchema });
export type WindowRefPayload = z.input<typeof windowRefSchema>;

export const pauseWindowSchema = z.object({
  requestId,
  windowId: idSchema,
  reason: z.string().trim().min(1, '请填写暂停原因 / give a reason for the pause').max(100),
});
export type PauseWindowPayload = z.input<typeof pauseWindowSchema>;

export const callTicketSchema = z.object({ requestId, windowId: idSchema, ticketId: idSchema });
export type CallTicketPayload = z.input<typeof callTicketSchema>;

export const reactivateTicketSchema = z.object({ requestId, windowId: idSchema, ticketId: idSchema });
export type ReactivateTicketPayload = z.input<typeof reactivateTicketSchema>;

export const transferTicketSchema = z
  .object({
    requestId,
    windowId: idSchema,
    toServiceId: idSchema.optional(),
    toWindowId: idSchema.optional(),
    /** Keep the original issue time (the visitor keeps their place) or queue from now. */
    keepIssueTime: z.boolean().default(true),
  })
  .refine((p) => Boolean(p.toServiceId) !== Boolean(p.toWindowId), {
    message: '请选择转移到一个业务或一个窗口 / transfer to exactly one service or one window',
  });
export type TransferTicketPayload = z.input<typeof transferTicketSchema>;

export const resumeTicketSchema = z.object({ requestId, windowId: idSchema, ticketId: idSchema });
export type ResumeTicketPayload = z.input<typeof resumeTicketSchema>;

export const setNoticeSchema = z.object({ requestId, text: z.string().max(500) });
export type SetNoticePayload = z.input<typeof setNoticeSchema>;

export const emptySchema = z.object({}).strict().optional();

/**
 * What a display reports about itself (`device:status`): status words the console shows beside the device —
 * `sound-blocked` (the browser holds the sound until someone taps the screen), `no-speech` (no speech synthesis at
 * all: calls are chimed and shown only). An empty list: all well.
 */
export const DISPLAY_STATUS_WORDS = ['sound-blocked', 'no-speech'] as const;
export type DisplayStatusWord = (typeof DISPLAY_STATUS_WORDS)[number];
export const deviceStatusSchema = z.object({
  requestId,
  status: z.array(z.enum(DISPLAY_STATUS_WORDS)).max(DISPLAY_STATUS_WORDS.length),
});
export type DeviceStatusPayload = z.input<typeof deviceStatusSchema>;
/**
 * `hall:calls-since`: a board back after a cut asks for the calls it missed, (afterSeq, upTo] — its last seq and its
 * new snapshot's — because the snapshot keeps only the last 20 calls.
 */
export const callsSinceSchema = z
  .object({ afterSeq: z.number().int().min(0), upTo: z.number().int().min(0) })
  .refine((p) => p.upTo >= p.afterSeq, { message: 'upTo < afterSeq' });
export type CallsSincePayload = z.input<typeof callsSinceSchema>;
/** The most calls one `hall:calls-since` answers (the newest of the range): 25 s of calls at 40 a second. */
export const MISSED_CALLS_MAX = 1000;
/** The calls a board missed, oldest first, and the server's time to judge their age by. */
export interface MissedCalls {
  calls: CallView[];
  serverTime: string;
}

/** `hall:snapshot` takes nothing (an empty object, or no payload at all). */
export type SnapshotRequestPayload = z.input<typeof emptySchema>;
