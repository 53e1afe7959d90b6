import { z } from 'zod';
import { idSchema, isoTimeSchema } from './common.js';

/**
 * 服务投诉 after GB/T 36113-2018 §7: 受理 (register) → 调查 (investigate) → 处置 (handle) → 意见反馈 (feedback) →
 * 资料归档 (archive), each step kept in the history. The complainant's name and phone are sealed at rest and masked in
 * every list.
 */
export const COMPLAINT_CHANNELS = ['onsite', 'phone', '12345', 'web', 'mail', 'evaluation'] as const;
export type ComplaintChannel = (typeof COMPLAINT_CHANNELS)[number];
export const COMPLAINT_CHANNEL_TEXT: Record<(typeof COMPLAINT_CHANNELS)[number], string> = {
  onsite: '现场',
  phone: '电话',
  '12345': '12345热线',
  web: '网站',
  mail: '信件/邮件',
  evaluation: '好差评',
};

/** The three kinds of local hall rules (domain.md §1.2), each with its own time limit. */
export const COMPLAINT_CATEGORIES = ['onsite-coordination', 'transfer', 'suggestion'] as const;
export type ComplaintCategory = (typeof COMPLAINT_CATEGORIES)[number];
export const COMPLAINT_CATEGORY_TEXT: Record<ComplaintCategory, { zh: string; en: string }> = {
  'onsite-coordination': { zh: '现场协调类', en: 'on-site coordination' },
  transfer: { zh: '转办处理类', en: 'referred to a department' },
  suggestion: { zh: '意见反映类', en: 'opinion or suggestion' },
};

export const COMPLAINT_STATUSES = ['registered', 'investigating', 'handled', 'feedback-given', 'archived'] as const;
export type ComplaintStatus = (typeof COMPLAINT_STATUSES)[number];
export const COMPLAINT_STATUS_TEXT: Record<ComplaintStatus, { zh: string; en: string }> = {
  registered: { zh: '已受理', en: 'registered' },
  investigating: { zh: '调查中', en: 'under investigation' },
  handled: { zh: '已处置', en: 'handled' },
  'feedback-given': { zh: '已反馈', en: 'feedback given' },
  archived: { zh: '已归档', en: 'archived' },
};

export const COMPLAINANT_SATISFACTION = ['satisfied', 'basic', 'unsatisfied'] as const;

const text = (zh: string, en: string, max = 1000) =>
  z
    .string()
    .trim()
    .min(2, { error: `请填写${zh}（至少2个字）/ please give the ${en} (2 characters or more)` })
    .max(max, { error: `${zh}最多${max}字 / the ${en} has at most ${max} characters` });

/**
 * What a complaint is registered with. `category` is checked by the use case (an unknown one is named in the answer);
 * `dueAt` overrides the category's time limit and may not lie in the past.
 */
export const complaintInputSchema = z.object({
  channel: z.enum(COMPLAINT_CHANNELS, { error: '投诉渠道无效 / unknown complaint channel' }),
  category: z.string().min(1).max(40),
  complainant: z
    .object({
      name: z.string().trim().min(1).max(64).optional(),
      phone: z
        .string()
        .trim()
        .regex(/^[0-9+\- ]{5,20}$/, { error: '联系电话格式不正确 / the phone number is not valid' })
        .optional(),
      anonymous: z.boolean().default(false),
    })
    .prefault({}),
  content: text('投诉内容', 'complaint', 2000),
  windowId: idSchema.optional(),
  clerkId: idSchema.optional(),
  caseNo: z.string().trim().min(1).max(64).optional(),
  dueAt: isoTimeSchema.optional(),
});
export type ComplaintInput = z.input<typeof complaintInputSchema>;

export const complaintStepSchema = z.discriminatedUnion('action', [
  z.object({ action: z.literal('investigate'), note: text('调查情况', 'findings') }),
  z.object({ action: z.literal('handle'), note: text('处置意见', 'handling') }),
  z.object({
    action: z.literal('feedback'),
    note: text('反馈内容', 'feedback'),
    satisfaction: z.enum(COMPLAINANT_SATISFACTION),
  }),
  z.object({ action: z.literal('archive'), note: text('归档说明', 'archive note', 500) }),
]);
export type ComplaintStep = z.infer<typeof complaintStepSchema>;

export const complaintViewSchema = z.object({
  id: idSchema,
  /** 投诉编号, e.g. TS20261203-001. */
  no: z.string(),
  channel: z.enum(COMPLAINT_CHANNELS),
  category: z.enum(COMPLAINT_CATEGORIES),
  categoryText: z.string(),
  /** Masked (张*, 138****5678), or 匿名. */
  complainant: z.object({ name: z.string().nullable(), phone: z.string().nullable(), anonymous: z.boolean() }),
  content: z.string(),
  windowId: idSchema.nullable(),
  clerkId: idSchema.nullable(),
  caseNo: z.string().nullable(),
  status: z.enum(COMPLAINT_STATUSES),
  statusText: z.string(),
  receivedAt: isoTimeSchema,
  dueAt: isoTimeSchema,
  overdue: z.boolean(),
  findings: z.string().nullable(),
  handling: z.string().nullable(),
  feedback: z.string().nullable(),
  satisfaction: z.enum(COMPLAINANT_SATISFACTION).nullable(),
  archivedAt: isoTimeSchema.nullable(),
  history: z.array(
    z.object({ at: isoTimeSchema, by: z.string(), status: z.enum(COMPLAINT_STATUSES), text: z.string() }),
  ),
});
export type ComplaintView = z.infer<typeof complaintViewSchema>;

export const complainantSchema = z.object({ name: z.string().nullable(), phone: z.string().nullable() });
export type Complainant = z.infer<typeof complainantSchema>;

export const complaintQuerySchema = z.object({ status: z.enum(COMPLAINT_STATUSES).optional() });
