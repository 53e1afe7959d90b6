import { z } from 'zod';

/**
 * The matter catalog (事项目录) at the 业务办理项 level, with the standard elements (domain.md §2.1–§2.3), a shared
 * material library (§2.2), 办理情形 and 一件事 bundles (§5). Types are zod schemas: the same rules validate REST
 * bodies, JSON imports and Excel rows.
 */

/** 事项类型 (local codes, mapped to the platform dictionary by the sync adapter). */
export const MATTER_TYPES = {
  XK: '行政许可',
  QR: '行政确认',
  CJ: '行政裁决',
  JF: '行政给付',
  JL: '行政奖励',
  BA: '行政备案',
  QT: '其他行政权力',
  GG: '公共服务',
} as const;
export type MatterType = keyof typeof MATTER_TYPES;

/** 办件类型 */
export const CASE_KINDS = { immediate: '即办件', promised: '承诺件', joint: '联办件', report: '上报件' } as const;
export type CaseKind = keyof typeof CASE_KINDS;

/** 交件方式 / 取件方式 */
export const HAND_WAYS = { window: '窗口', express: '快递', locker: '智能柜', online: '网上' } as const;
export const TAKE_WAYS = { window: '窗口', express: '快递', locker: '智能柜' } as const;
export type TakeWay = keyof typeof TAKE_WAYS;

export const SERVICE_OBJECTS = { person: '自然人', legal: '法人' } as const;

/** 材料要求: 必要 / 容缺 (may be supplied after acceptance) / 非必要 */
export const MATERIAL_NEEDS = { required: '必要', tolerance: '容缺', optional: '非必要' } as const;
export type MaterialNeed = keyof typeof MATERIAL_NEEDS;

export const MATERIAL_KINDS = ['证件', '表格', '证明', '合同协议', '图纸', '其他'] as const;
export const MATERIAL_SOURCES = ['申请人自备', '政府部门核发', '其他机构出具', '窗口代填'] as const;

const keys = <T extends Record<string, string>>(o: T) => Object.keys(o) as [keyof T & string, ...(keyof T & string)[]];

export const catalogIdSchema = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_.:-]+$/, '编号只能含字母、数字和 _ . : - / letters, digits, _ . : - only');
/** 'YYYY-MM-DD' */
export const catalogDateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式为 YYYY-MM-DD / date as YYYY-MM-DD');

/** 承诺时限/法定时限 values: working days in 0.5 steps (the platform's `^[1-9]\d{0,2}(\.5)?$|^0\.5$|^0$`). */
export const LIMIT_DAYS_RE = /^[1-9]\d{0,2}(\.5)?$|^0\.5$|^0$/;

/** Working days in 0.5 steps, as the platform validates them. */
export const limitDaysSchema = z.number().refine((v) => LIMIT_DAYS_RE.test(String(v)), {
  message: '时限为工作日，0.5 为步长（如 0、0.5、1、20、20.5）/ working days in 0.5 steps (0, 0.5, 1, 20, 20.5)',
});

export const conditionSchema = z.object({
  situationId: catalogIdSchema,
  /** Included when the answer is (or, for multiple choice, contains) one of these option values. */
  anyOf: z.array(z.string().min(1)).min(1),
});
export type Condition = z.infer<typeof conditionSchema>;

export const situationSchema = z.object({
  id: catalogIdSchema,
  question: z.string().trim().min(1).max(200),
  multiple: z.boolean().default(false),
  options: z
    .array(z.object({ value: z.string().trim().min(1).max(64), label: z.string().trim().min(1).max(100) }))
    .min(2, '至少两个选项 / at least two options'),
});
export type Situation = z.infer<typeof situationSchema>;

export const departmentSchema = z.object({
  id: catalogIdSchema,
  name: z.string().trim().min(1).max(64),
  /** 统一社会信用代码 (18 characters) */
  creditCode: z
    .string()
    .regex(
      /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/,
      '统一社会信用代码为18位 / an 18-character unified social credit code',
    )
    .optional(),
  phone: z.string().max(32).optional(),
});
export type Department = z.infer<typeof departmentSchema>;

export const materialSchema = z.object({
  id: catalogIdSchema,
  name: z.string().trim().min(1).max(120),
  kind: z.enum(MATERIAL_KINDS).default('其他'),
  source: z.enum(MATERIAL_SOURCES).default('申请人自备'),
  /** 材料样本 (URL or file reference) */
  sample: z.string().max(500).optional(),
  /** 填报须知 */
  notice: z.string().max(1000).optional(),
});
export type Material = z.infer<typeof materialSchema>;

export const matterMaterialSchema = z.object({
  materialId: catalogIdSchema,
  sort: z.number().int().min(0).max(999).default(0),
  need: z.enum(keys(MATERIAL_NEEDS)).default('required'),
  originalCount: z.number().int().min(0).max(99).default(1),
  copyCount: z.number().int().min(0).max(99).default(0),
  electronicAccepted: z.boolean().default(false),
  /** Can be replaced by an 电子证照 lookup of this licence type (e.g. 居民身份证, 营业执照). */
  certLookup: z.string().max(64).optional(),
  /** 受理标准 */
  acceptStandard: z.string().max(500).optional(),
  /** Only needed in this 办理情形. */
  when: conditionSchema.optional(),
  /** Working days after acceptance to supply a 容缺 material (default: the hall setting). */
  toleranceDays: z.number().int().min(1).max(60).optional(),
});
export type MatterMaterial = z.infer<typeof matterMaterialSchema>;

export const matterSchema = z
  .object({
    /** Local id of the 业务办理项 */
    id: catalogIdSchema,
    version: z.number().int().min(1).default(1),
    effectiveFrom: catalogDateSchema,
    name: z.string().trim().min(1).max(120),
    /** 基本编码, e.g. XK00001000 */
    basicCode: z.string().trim().min(1).max(64),
    /** 实施编码: the platform key */
    implCode: z.string().trim().min(1).max(128),
    handleItemCode: z.string().max(128).optional(),
    type: z.enum(keys(MATTER_TYPES)),
    caseKind: z.enum(keys(CASE_KINDS)),
    deptId: catalogIdSchema,
    jointDeptIds: z.array(catalogIdSchema).default([]),
    serviceObjects: z
      .array(z.enum(keys(SERVICE_OBJECTS)))
      .min(1)
      .default(['person']),
    legalBasis: z.string().trim().min(1).max(4000),
    acceptConditions: z.string().trim().min(1).max(4000),
    legalLimitDays: limitDaysSchema,
    promisedLimitDays: limitDaysSchema,
    fee: z
      .object({
        chargeable: z.boolean(),
        standard: z.string().max(500).optional(),
        basis: z.string().max(500).optional(),
      })
      .default({ chargeable: false }),
    result: z.object({
      name: z.string().trim().min(1).max(120),
      type: z.enum(['证照', '批文', '其他']).default('证照'),
      sample: z.string().max(500).optional(),
    }),
    /** 到窗口次数; 最多跑一次 = 1 */
    maxVisits: z.number().int().min(0).max(9).default(1),
    handWays: z
      .array(z.enum(keys(HAND_WAYS)))
      .min(1)
      .default(['window']),
    takeWays: z
      .array(z.enum(keys(TAKE_WAYS)))
      .min(1)
      .default(['window']),
    appointment: z
      .object({
        enabled: z.boolean(),
        slotMinutes: z.number().int().min(5).max(240).default(30),
        dailyCapacity: z.number().int().min(1).max(10000).default(50),
      })
      .default({ enabled: false, slotMinutes: 30, dailyCapacity: 50 }),
    materials: z.array(matterMaterialSchema).default([]),
    situations: z.array(situationSchema).default([]),
    enabled: z.boolean().default(true),
    /** 演示数据 */
    demo: z.boolean().default(false),
  })
  .superRefine((m, ctx) => {
    if (m.promisedLimitDays > m.legalLimitDays) {
      ctx.addIssue({
        code: 'custom',
        path: ['promisedLimitDays'],
        message: `承诺时限（${m.promisedLimitDays}）不能长于法定时限（${m.legalLimitDays}）/ the promised limit may not exceed the legal limit`,
      });
    }
    if (m.caseKind === 'immediate' && m.promisedLimitDays > 1) {
      ctx.addIssue({
        code: 'custom',
        path: ['promisedLimitDays'],
        message: '即办件承诺时限不超过1个工作日 / an immediate matter is promised within 1 working day',
      });
    }
  });
export type Matter = z.infer<typeof matterSchema>;

export const FORM_FIELD_TYPES = ['text', 'number', 'date', 'select', 'boolean'] as const;

export const formFieldSchema = z.object({
  key: z
    .string()
    .regex(
      /^[A-Za-z][A-Za-z0-9_]{0,63}$/,
      '字段名：字母开头，字母数字下划线 / field key: letter first, then letters, digits, _',
    ),
  label: z.string().trim().min(1).max(64),
  type: z.enum(FORM_FIELD_TYPES).default('text'),
  required: z.boolean().default(false),
  options: z.array(z.string().min(1)).default([]),
  /** Member matters whose own forms take this field (一表申请). */
  usedBy: z.array(catalogIdSchema).default([]),
});
export type FormField = z.infer<typeof formFieldSchema>;

export const bundleMemberSchema = z.object({
  matterId: catalogIdSchema,
  optional: z.boolean().default(false),
  /** An optional member is included when this 办理情形 answer applies. */
  when: conditionSchema.optional(),
});

export const bundleSchema = z.object({
  id: catalogIdSchema,
  version: z.number().int().min(1).default(1),
  effectiveFrom: catalogDateSchema,
  /** 一件事编码 */
  code: z.string().trim().min(1).max(64),
  name: z.string().trim().min(1).max(120),
  serviceObject: z.enum(keys(SERVICE_OBJECTS)).default('legal'),
  leadDeptId: catalogIdSchema,
  coDeptIds: z.array(catalogIdSchema).default([]),
  members: z.array(bundleMemberSchema).min(2, '一件事至少包含两个事项 / a bundle has at least two member matters'),
  situations: z.array(situationSchema).default([]),
  form: z.array(formFieldSchema).default([]),
  promisedLimitDays: limitDaysSchema,
  demo: z.boolean().default(false),
  /** For the kiosk in English: the bundle's name and what it covers (the Chinese is built from the members). */
  nameEn: z.string().max(120).optional(),
  coversEn: z.string().max(200).optional(),
});
export type Bundle = z.infer<typeof bundleSchema>;

/** A 一件事 tile at the kiosk: the bundle, the one service whose queue takes the whole of it, what it covers. */
export const kioskBundleSchema = z.object({
  id: z.string(),
  name: z.string(),
  nameEn: z.string(),
  serviceId: z.string(),
  /** The member matters, 营业执照 · 食品经营许可 … */
  covers: z.string(),
  coversEn: z.string(),
});
export type KioskBundle = z.infer<typeof kioskBundleSchema>;

export const catalogSchema = z.object({
  format: z.literal('onedoor-catalog').default('onedoor-catalog'),
  formatVersion: z.literal(1).default(1),
  departments: z.array(departmentSchema).default([]),
  materials: z.array(materialSchema).default([]),
  matters: z.array(matterSchema).default([]),
  bundles: z.array(bundleSchema).default([]),
});
export type Catalog = z.infer<typeof catalogSchema>;
export type CatalogInput = z.input<typeof catalogSchema>;

/** One problem found in an import, pointing at the sheet (or JSON section), row and column. */
export const catalogIssueSchema = z.object({
  sheet: z.string(),
  /** 1-based data row (Excel: the worksheet row number; JSON: the array position + 1) */
  row: z.number().int(),
  column: z.string(),
  message: z.string(),
  messageEn: z.string(),
});
export type CatalogIssue = z.infer<typeof catalogIssueSchema>;

const importCountSchema = z.object({ added: z.number().int(), updated: z.number().int(), unchanged: z.number().int() });
const versionCountSchema = z.object({ added: z.number().int(), unchanged: z.number().int() });

/** What a catalog import (or a saved matter) changed. */
export const importSummarySchema = z.object({
  importId: z.number().int(),
  departments: importCountSchema,
  materials: importCountSchema,
  matters: versionCountSchema,
  bundles: versionCountSchema,
});
export type ImportSummary = z.infer<typeof importSummarySchema>;

/** A material as the applicant must bring it for this case (after situations, merged across bundle members). */
export const requiredMaterialSchema = z.object({
  materialId: z.string(),
  name: z.string(),
  need: z.enum(keys(MATERIAL_NEEDS)),
  originalCount: z.number().int(),
  copyCount: z.number().int(),
  electronicAccepted: z.boolean(),
  certLookup: z.string().nullable(),
  acceptStandard: z.string().nullable(),
  toleranceDays: z.number().int().nullable(),
  /** Member matters that need it (a bundle asks for it once). */
  usedBy: z.array(z.string()),
  sort: z.number().int(),
});
export type RequiredMaterial = z.infer<typeof requiredMaterialSchema>;

/** 办理情形 answers: situation id → option value (or values, for multiple choice). */
export const answersSchema = z.record(z.string(), z.union([z.string(), z.array(z.string())]));

/** The materials of a matter for the given answers (一次告知). */
export const resolvedMatterSchema = z.object({ matter: matterSchema, materials: z.array(requiredMaterialSchema) });
export type ResolvedMatter = z.infer<typeof resolvedMatterSchema>;

/** A 一件事 bundle resolved for the given answers, as the window shows it. */
export const resolvedBundleViewSchema = z.object({
  bundle: bundleSchema,
  /** Members chosen by the answers, with the matter version they are received under. */
  members: z.array(
    z.object({
      id: z.string(),
      version: z.number().int(),
      name: z.string(),
      deptId: z.string(),
      promisedLimitDays: z.number(),
    }),
  ),
  /** Optional members left out, and why. */
  skipped: z.array(z.object({ matterId: z.string(), reason: z.string() })),
  questions: z.array(situationSchema),
  materials: z.array(requiredMaterialSchema),
  /** 一表申请: bundle fields plus nothing duplicated. */
  form: z.array(formFieldSchema),
  deptIds: z.array(z.string()),
});
export type ResolvedBundleView = z.infer<typeof resolvedBundleViewSchema>;
