import { z } from 'zod';
import { appError, CASE_STAGE_IDS, CASE_KINDS, plainIssue, type AppError } from '@onedoor/protocol';
import { type Result, failure, success } from '../../domain/result.js';

/**
 * The code tables between the hall's words and the platform's: data, validated at start, overridable by
 * `platform.codes` in the config (a province whose 办件状态 dictionary differs changes a number, not the code).
 *
 * Defaults follow domain.md: 环节 codes §3.2 (1 收件, 2 受理, 3 审核, 4 办结, 11 补齐补正, 12 挂起, 99 其他; 不予受理 is
 * the 受理 link with a negative outcome, 出件 and 撤回 travel as 99), 办件类型 §2.3 (1 即办件, 2 承诺件; 联办 and 上报 are
 * promised cases on the platform), the five 好差评 levels §4.2 (5 非常满意 … 1 非常不满意), 评价渠道 PJQ = 评价器 (§4.3,
 * Anhui), 申请人类型 1 自然人 / 3 法人 (§3.2, Jinan).
 */

const code = z.number().int().min(0).max(9999);
const stageCodes = z.object(
  Object.fromEntries(CASE_STAGE_IDS.map((s) => [s, code])) as Record<(typeof CASE_STAGE_IDS)[number], typeof code>,
);
const stageNames = z.object(
  Object.fromEntries(CASE_STAGE_IDS.map((s) => [s, z.string().min(1).max(20)])) as Record<
    (typeof CASE_STAGE_IDS)[number],
    z.ZodString
  >,
);
const caseKinds = z.object(
  Object.fromEntries(Object.keys(CASE_KINDS).map((k) => [k, code])) as Record<keyof typeof CASE_KINDS, typeof code>,
);

export const platformCodesSchema = z
  .object({
    stages: stageCodes.strict(),
    stageNames: stageNames.strict(),
    caseKinds: caseKinds.strict(),
    /** Our level (1–5) → the platform's 整体满意度 code. */
    satisfaction: z.object({ '1': code, '2': code, '3': code, '4': code, '5': code }).strict(),
    /** Our rating channel → 评价渠道 */
    evaluationChannels: z.object({ evaluator: z.string().min(1).max(20) }).catchall(z.string().min(1).max(20)),
    applicantKinds: z.object({ person: code, legal: code }).strict(),
    /** The platform's service code → the hall's service id, where they differ (default: the same). */
    services: z.record(z.string(), z.string()),
  })
  .strict();
export type PlatformCodes = z.infer<typeof platformCodesSchema>;

export const DEFAULT_PLATFORM_CODES: PlatformCodes = {
  stages: {
    received: 1,
    accepted: 2,
    not_accepted: 2,
    reviewing: 3,
    correction: 11,
    suspended: 12,
    concluded: 4,
    delivered: 99,
    withdrawn: 99,
  },
  stageNames: {
    received: '收件',
    accepted: '受理',
    not_accepted: '不予受理',
    reviewing: '审核',
    correction: '补齐补正',
    suspended: '挂起',
    concluded: '办结',
    delivered: '出件',
    withdrawn: '撤回',
  },
  caseKinds: { immediate: 1, promised: 2, joint: 2, report: 2 },
  satisfaction: { '1': 1, '2': 2, '3': 3, '4': 4, '5': 5 },
  evaluationChannels: { evaluator: 'PJQ' },
  applicantKinds: { person: 1, legal: 3 },
  services: {},
};

const isPlain = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Overrides land on the defaults table by table (one entry may change; every stage keeps a code). */
function merge(base: Record<string, unknown>, over: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(over)) out[k] = isPlain(v) && isPlain(base[k]) ? { ...base[k], ...v } : v;
  return out;
}

/** The defaults with the config's overrides, or every problem with its path (so the start can say what to fix). */
export function platformCodes(overrides: Record<string, unknown>): Result<PlatformCodes> {
  const parsed = platformCodesSchema.safeParse(merge(DEFAULT_PLATFORM_CODES, overrides));
  if (parsed.success) return success(parsed.data);
  const problems = parsed.error.issues.map((i) => plainIssue({ ...i, path: ['platform', 'codes', ...i.path] }));
  const error: AppError = appError(
    'BAD_REQUEST',
    `平台代码表有误：${problems.map((p) => p.zh).join('；')}`,
    `invalid platform code table: ${problems.map((p) => p.en).join('; ')}`,
  );
  return failure(error);
}
