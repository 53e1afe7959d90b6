/**
 * What the window prints, from the renderer's document to ESC/POS bytes: a 受理回执 or a 一次性告知书 (protocol
 * `WindowDocument`, rendered by the hardware's `renderWindowDocument`, the same templates the demo hall's virtual
 * printer and the installer's print test use) or the plain receipt of a finished ticket. The document comes over
 * IPC, so it is validated here like any message: a wrong one prints nothing and says why.
 */
import { z } from 'zod';
import { acceptanceReceiptDocumentSchema, oneTimeNoticeDocumentSchema } from '@onedoor/protocol';
import {
  renderBlocks,
  renderWindowDocument as renderIntakeDocument,
  type PaperWidth,
  type TicketBlock,
} from '@onedoor/hardware/printer';
import type { WindowDocument, WindowReceipt } from '../shared/window-api';

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
    acceptanceReceiptDocumentSchema,
    oneTimeNoticeDocumentSchema,
    serviceReceipt.extend({ kind: z.literal('service-receipt') }),
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
  if (doc.kind === 'service-receipt')
    return { ok: true, bytes: renderBlocks(serviceReceiptBlocks(doc), { paper: options.paper }).bytes };
  return { ok: true, bytes: renderIntakeDocument(doc, options).bytes };
}
