import { z } from 'zod';
import { idSchema, isoTimeSchema } from './common.js';
import { ratingLevelSchema } from './evaluation.js';

/**
 * 差评整改 (domain.md §4.4): every 不满意 / 非常不满意 opens one. The department judges it valid or invalid (a reviewer
 * signs), rectifies within the 整改期限, calls the visitor back, and records the result.
 */
export const RECTIFICATION_STATUSES = [
  'pending',
  'rectifying',
  'invalid',
  'rectified',
  'called-back',
  'closed',
] as const;
export type RectificationStatus = (typeof RECTIFICATION_STATUSES)[number];

export const RECTIFICATION_STATUS_TEXT: Record<RectificationStatus, { zh: string; en: string }> = {
  pending: { zh: '待研判', en: 'to be judged' },
  rectifying: { zh: '整改中', en: 'being rectified' },
  invalid: { zh: '无效差评', en: 'invalid review' },
  rectified: { zh: '待回访', en: 'to be called back' },
  'called-back': { zh: '已回访', en: 'called back' },
  closed: { zh: '已办结', en: 'closed' },
};

/** The visitor's judgement of the rectification on the call-back (§4.2: 满意/基本满意/不满意). */
export const VISITOR_RATINGS = ['satisfied', 'basic', 'unsatisfied'] as const;
export const VISITOR_RATING_TEXT: Record<(typeof VISITOR_RATINGS)[number], string> = {
  satisfied: '满意',
  basic: '基本满意',
  unsatisfied: '不满意',
};

const note = (zh: string, en: string, max = 500) =>
  z
    .string()
    .trim()
    .min(2, { error: `请填写${zh}（至少2个字）/ please give the ${en} (2 characters or more)` })
    .max(max, { error: `${zh}最多${max}字 / the ${en} has at most ${max} characters` });

export const rectificationStepSchema = z.discriminatedUnion('action', [
  z.object({
    action: z.literal('judge'),
    valid: z.boolean(),
    reviewer: note('审核人', 'reviewer', 40),
    note: note('研判意见', 'judgement'),
    /** 整改期限; the configured days after the rating when left out. */
    dueAt: isoTimeSchema.optional(),
  }),
  z.object({ action: z.literal('rectify'), measures: note('整改措施', 'measures taken') }),
  z.object({
    action: z.literal('call-back'),
    note: note('回访记录', 'call-back note'),
    visitorRating: z.enum(VISITOR_RATINGS),
  }),
  z.object({ action: z.literal('conclude'), result: note('整改结果', 'result') }),
]);
export type RectificationStep = z.infer<typeof rectificationStepSchema>;

export const rectificationHistorySchema = z.object({
  at: isoTimeSchema,
  by: z.string(),
  status: z.enum(RECTIFICATION_STATUSES),
  /** What was done, in the words of the one who did it. */
  text: z.string(),
});

export const rectificationViewSchema = z.object({
  id: idSchema,
  evaluationId: idSchema,
  ticketId: idSchema,
  windowId: idSchema,
  clerkId: idSchema.nullable(),
  /** The department answerable (of the case the service took in); null: the hall's own. */
  deptId: idSchema.nullable(),
  level: ratingLevelSchema,
  reason: z.string().nullable(),
  ratedAt: isoTimeSchema,
  status: z.enum(RECTIFICATION_STATUSES),
  statusText: z.string(),
  dueAt: isoTimeSchema,
  overdue: z.boolean(),
  reviewer: z.string().nullable(),
  judgement: z.string().nullable(),
  measures: z.string().nullable(),
  callBack: z.object({ note: z.string(), visitorRating: z.enum(VISITOR_RATINGS) }).nullable(),
  result: z.string().nullable(),
  closedAt: isoTimeSchema.nullable(),
  history: z.array(rectificationHistorySchema),
});
export type RectificationView = z.infer<typeof rectificationViewSchema>;

export const rectificationQuerySchema = z.object({
  status: z.enum(RECTIFICATION_STATUSES).optional(),
  evaluationId: idSchema.optional(),
});
