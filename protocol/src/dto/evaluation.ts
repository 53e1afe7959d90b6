import { z } from 'zod';
import { idSchema, isoTimeSchema } from './common.js';

/** 好差评's five levels (GB/T 32169.4, 国办发〔2019〕51号), 5 the best. */
export const RATING_LEVEL_TEXT = {
  5: { zh: '非常满意', en: 'very satisfied' },
  4: { zh: '满意', en: 'satisfied' },
  3: { zh: '基本满意', en: 'fairly satisfied' },
  2: { zh: '不满意', en: 'dissatisfied' },
  1: { zh: '非常不满意', en: 'very dissatisfied' },
} as const;
export type RatingLevelNumber = keyof typeof RATING_LEVEL_TEXT;

export const ratingLevelSchema = z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4), z.literal(5)], {
  error: '评价等级只能是 1–5（5 非常满意 … 1 非常不满意）/ a rating level is 1–5',
});

/** A 差评 (不满意, 非常不满意) must say why: the hall answers every one of them (差评整改). */
export function ratingNeedsReason(level: number): boolean {
  return level <= 2;
}

/** The reasons an evaluator's second screen or the visitor's phone offers; free text is allowed beside them. */
export const RATING_REASONS = [
  '等候时间长',
  '办事效率低',
  '服务态度差',
  '材料要求不清楚',
  '需要多次跑动',
  '其他',
] as const;

export const ratingReasonSchema = z
  .string()
  .trim()
  .min(2, { error: '请说明不满意的原因（至少2个字）/ please give a reason (2 characters or more)' })
  .max(200, { error: '原因最多200字 / a reason has at most 200 characters' });

/** `default`: an unrated service that took the hall's default level after the configured days (广东: 7 days → 基本满意). */
export const EVALUATION_CHANNELS = ['evaluator', 'window-screen', 'qrcode', 'default'] as const;
export type EvaluationChannel = (typeof EVALUATION_CHANNELS)[number];

export const evaluationViewSchema = z.object({
  id: idSchema,
  ticketId: idSchema,
  windowId: idSchema,
  clerkId: idSchema.nullable(),
  /** The cases taken in for the ticket at the window when it was rated. */
  caseIds: z.array(idSchema),
  channel: z.enum(EVALUATION_CHANNELS),
  level: ratingLevelSchema,
  levelText: z.string(),
  /** Null until a 差评's reason is given (and always for the good levels). */
  reason: z.string().nullable(),
  at: isoTimeSchema,
});
export type EvaluationView = z.infer<typeof evaluationViewSchema>;

/** How each channel is named in the console's list and its export. */
export const EVALUATION_CHANNEL_TEXT: Record<EvaluationChannel, { zh: string; en: string }> = {
  evaluator: { zh: '评价器', en: 'evaluator' },
  'window-screen': { zh: '窗口屏', en: 'window screen' },
  qrcode: { zh: '扫码', en: 'QR code' },
  default: { zh: '默认（逾期未评）', en: 'default (not rated in time)' },
};

export const evaluationQuerySchema = z.object({ ticketId: idSchema.optional(), windowId: idSchema.optional() });
/** The list's filters, and `only=bad` for the 差评 (不满意, 非常不满意) as the page's 只看差评 shows them. */
export const evaluationExportQuerySchema = evaluationQuerySchema.extend({ only: z.enum(['bad']).optional() });
export type EvaluationExportQuery = z.infer<typeof evaluationExportQuerySchema>;
export const evaluationReasonSchema = z.object({ reason: ratingReasonSchema });
