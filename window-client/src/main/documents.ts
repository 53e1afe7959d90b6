/**
 * What the window prints, from the renderer's document to ESC/POS bytes with the hardware templates: a 受理回执
 * (`renderAcceptanceReceipt`), a 一次性告知书 (`renderOneTimeNotice`), the plain receipt of a finished ticket, or
 * lines the screen composed (its preview, printed as shown).
 * The document comes over IPC, so it is validated here like any message: a wrong one prints nothing and says why.
 */
import { z } from 'zod';
import {
  renderAcceptanceReceipt,
  renderBlocks,
  renderOneTimeNotice,
  type PaperWidth,
  type TicketBlock,
} from '@onedoor/hardware/printer';
import type { WindowDocument, WindowReceipt } from '../shared/window-api';

const text = (max: number) => z.string().trim().min(1).max(max);
const optionalText = (max: number) => z.string().trim().max(max).optional();
const isoTime = z.iso.datetime({ offset: true, error: '时间应为 ISO 格式 / time must be ISO 8601' });

const serviceReceipt = z.object({
  hallName: z.string().max(80),
  ticketNumber: z.string().max(20),
  serviceName: z.string().max(80),
  windowName: z.string().max(40),
  clerkName: z.string().max(40),
  finishedAtLocal: z.string().max(40),
  lines: z.array(z.string().max(200)).max(60).optional(),
});

export const windowDocumentSchema = z.discriminatedUnion(
  'kind',
  [
    z.object({
      kind: z.literal('acceptance-receipt'),
      hallName: text(80),
      caseNumber: text(40),
      matterName: text(120),
      applicantName: text(64),
      receivedMaterials: z
        .array(
          z.object({ name: text(120), form: optionalText(20), copies: z.number().int().min(0).max(99).optional() }),
        )
        .max(60),
      promisedDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: '承诺办结日期应为 YYYY-MM-DD / YYYY-MM-DD' }),
      acceptedAt: isoTime,
      windowName: optionalText(40),
      queryUrl: z.url({ error: '查询地址应为网址 / queryUrl must be a URL' }),
      phone: optionalText(40),
    }),
    z.object({
      kind: z.literal('one-time-notice'),
      hallName: text(80),
      matterName: text(120),
      applicantName: text(64),
      missingMaterials: z
        .array(z.object({ name: text(120), reason: text(200) }))
        .min(1)
        .max(60),
      issuedAt: isoTime,
      windowName: optionalText(40),
      phone: optionalText(40),
      guideUrl: z.url().optional(),
    }),
    serviceReceipt.extend({ kind: z.literal('service-receipt') }),
    z.object({ kind: z.literal('text'), title: text(40), lines: z.array(z.string().max(200)).min(1).max(80) }),
  ],
  { error: '打印内容只能是受理回执、一次性告知书或服务回执 / unknown document kind' },
);

/** The plain receipt of a finished ticket (服务回执): who served it, where and when, and any extra lines. */
export function serviceReceiptBlocks(r: WindowReceipt): TicketBlock[] {
  const blocks: TicketBlock[] = [];
  if (r.hallName) blocks.push({ type: 'text', text: r.hallName, align: 'center', bold: true });
  blocks.push({ type: 'text', text: '服务回执', align: 'center', bold: true, size: [2, 2] }, { type: 'rule' });
  if (r.ticketNumber) blocks.push({ type: 'pair', left: '号码', right: r.ticketNumber });
  if (r.serviceName) blocks.push({ type: 'pair', left: '业务', right: r.serviceName });
  if (r.windowName) blocks.push({ type: 'pair', left: '窗口', right: r.windowName });
  if (r.clerkName) blocks.push({ type: 'pair', left: '经办人', right: r.clerkName });
  if (r.finishedAtLocal) blocks.push({ type: 'pair', left: '办结时间', right: r.finishedAtLocal });
  if (r.lines?.length) {
    blocks.push({ type: 'rule' });
    for (const line of r.lines) blocks.push({ type: 'text', text: line });
  }
  blocks.push({ type: 'feed', lines: 3 }, { type: 'cut' });
  return blocks;
}

/** Lines as the screen showed them, under a centred title. */
export function textBlocks(title: string, lines: readonly string[]): TicketBlock[] {
  return [
    { type: 'text', text: title, align: 'center', bold: true, size: [2, 2] },
    { type: 'rule' },
    ...lines.map((line): TicketBlock => ({ type: 'text', text: line })),
    { type: 'feed', lines: 3 },
    { type: 'cut' },
  ];
}

export type DocumentBytes = { ok: true; bytes: Uint8Array } | { ok: false; reason: string };

/** Validates a document from the renderer and renders it for this window's paper and time zone. */
export function renderWindowDocument(input: unknown, options: { paper: PaperWidth; timeZone: string }): DocumentBytes {
  const r = windowDocumentSchema.safeParse(input);
  if (!r.success) {
    const first = r.error.issues[0];
    return {
      ok: false,
      reason: `打印内容有误 / invalid document: ${first ? `${first.path.join('.') || 'kind'}: ${first.message}` : ''}`,
    };
  }
  const doc: WindowDocument = r.data;
  const paper = { paper: options.paper };
  switch (doc.kind) {
    case 'acceptance-receipt': {
      const { kind: _kind, acceptedAt, ...rest } = doc;
      return {
        ok: true,
        bytes: renderAcceptanceReceipt({ ...rest, acceptedAt: new Date(acceptedAt), timeZone: options.timeZone }, paper)
          .bytes,
      };
    }
    case 'one-time-notice': {
      const { kind: _kind, issuedAt, ...rest } = doc;
      return {
        ok: true,
        bytes: renderOneTimeNotice({ ...rest, issuedAt: new Date(issuedAt), timeZone: options.timeZone }, paper).bytes,
      };
    }
    case 'service-receipt':
      return { ok: true, bytes: renderBlocks(serviceReceiptBlocks(doc), paper).bytes };
    case 'text':
      return { ok: true, bytes: renderBlocks(textBlocks(doc.title, doc.lines), paper).bytes };
  }
}
