import { z } from 'zod';

/**
 * What a window prints (受理回执, 一次性告知书), as data: the window's Electron main renders it with the hardware
 * templates onto its printer; in a plain browser the demo hall's virtual printer renders the same data with the same
 * templates. Personal data arrives masked: the paper leaves the hall with the visitor.
 */
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: '日期应为 YYYY-MM-DD / a date is YYYY-MM-DD' });
const instant = z.iso.datetime({ offset: true, error: '时间应为 ISO 格式 / time must be ISO 8601' });
const text = (max: number) => z.string().min(1).max(max);

export const acceptanceReceiptDocumentSchema = z.object({
  kind: z.literal('acceptance-receipt'),
  hallName: text(64),
  caseNumber: text(40),
  matterName: text(128),
  /** 网上预审号 of an application pre-reviewed online. */
  pretrialCode: z.string().max(40).optional(),
  applicantName: text(64),
  applicantId: z.string().max(32).optional(),
  situations: z
    .array(z.object({ question: text(128), answer: text(128) }))
    .max(40)
    .optional(),
  receivedMaterials: z
    .array(
      z.object({
        name: text(128),
        form: z.string().max(16).optional(),
        copies: z.number().int().min(0).max(99).optional(),
      }),
    )
    .max(100),
  toleratedMaterials: z
    .array(z.object({ name: text(128), dueDate: day }))
    .max(100)
    .optional(),
  fetchedCertificates: z.array(text(128)).max(100).optional(),
  /** 承诺办结日期; an 即办件 gives the day it is taken in. */
  promisedDate: day,
  acceptedAt: instant,
  windowName: z.string().max(32).optional(),
  queryUrl: z.url({ error: '查询地址应为网址 / queryUrl must be a URL' }).max(512),
  phone: z.string().max(32).optional(),
});
export type AcceptanceReceiptDocument = z.infer<typeof acceptanceReceiptDocumentSchema>;

export const oneTimeNoticeDocumentSchema = z.object({
  kind: z.literal('one-time-notice'),
  hallName: text(64),
  matterName: text(128),
  applicantName: text(64),
  missingMaterials: z
    .array(z.object({ name: text(128), reason: text(256) }))
    .min(1)
    .max(100),
  issuedAt: instant,
  windowName: z.string().max(32).optional(),
  phone: z.string().max(32).optional(),
  guideUrl: z.url().max(512).optional(),
});
export type OneTimeNoticeDocument = z.infer<typeof oneTimeNoticeDocumentSchema>;

export const windowDocumentSchema = z.discriminatedUnion('kind', [
  acceptanceReceiptDocumentSchema,
  oneTimeNoticeDocumentSchema,
]);
export type WindowDocument = z.infer<typeof windowDocumentSchema>;
