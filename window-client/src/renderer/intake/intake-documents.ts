/**
 * The 受理回执 and the 一次性告知书 of an intake as documents (protocol `WindowDocument`): the window's printer prints
 * them with the hardware templates, and the screen previews the same data. Pure. The applicant is masked: the paper
 * leaves the window with the visitor (DESIGN rule 8).
 */
import { formatHallDate, type AcceptanceReceiptDocument, type OneTimeNoticeDocument } from '@onedoor/protocol';
import type { Applicant, Matter } from './intake-flow';
import { maskedApplicant } from './receipt-text';

/** Where the documents are printed, from the hall's snapshot and this window. */
export interface PrintContext {
  hallName: string;
  windowName: string;
  timeZone: string;
  /** The hall's origin: the receipt's QR code opens the visitor's progress page there. */
  origin: string;
  ticketId: string;
}

/** What the hall answered when it took the case in. */
export interface ReceivedCase {
  caseNo: string;
  /** ISO instants: accepted, and due under the promised limit (null: an 即办件 with no clock). */
  acceptedAt: string;
  dueAt: string | null;
}

export function receiptDocument(
  received: ReceivedCase,
  applicant: Applicant,
  matter: Matter,
  ctx: PrintContext,
): AcceptanceReceiptDocument {
  const shown = maskedApplicant(applicant);
  const items = matter.items;
  return {
    kind: 'acceptance-receipt',
    hallName: ctx.hallName,
    caseNumber: received.caseNo,
    matterName: matter.name,
    ...(matter.pretrial ? { pretrialCode: matter.pretrial.code } : {}),
    applicantName: shown.name,
    applicantId: shown.id,
    ...(matter.situations?.length ? { situations: matter.situations } : {}),
    receivedMaterials: items
      .filter((i) => i.mark === 'received')
      .map((i) => ({
        name: i.checkedOnline ? `${i.name}（网上预审已核验）` : i.name,
        ...(i.originals > 0
          ? { form: '原件', copies: i.originals }
          : i.copies > 0
            ? { form: '复印件', copies: i.copies }
            : {}),
      })),
    toleratedMaterials: items
      .filter((i) => i.mark === 'tolerated')
      .map((i) => ({ name: i.name, dueDate: i.dueDate ?? formatHallDate(received.acceptedAt, ctx.timeZone) })),
    fetchedCertificates: items.filter((i) => i.mark === 'cert-lookup').map((i) => i.name),
    // An 即办件 is concluded on the spot: its promise is the day it was taken in.
    promisedDate: formatHallDate(received.dueAt ?? received.acceptedAt, ctx.timeZone),
    acceptedAt: received.acceptedAt,
    windowName: ctx.windowName,
    queryUrl: `${ctx.origin}/t/${encodeURIComponent(ctx.ticketId)}`,
  };
}

export function noticeDocument(
  applicant: Applicant,
  matterName: string,
  missing: { name: string; reason: string }[],
  ctx: PrintContext,
  issuedAt: string,
): OneTimeNoticeDocument {
  return {
    kind: 'one-time-notice',
    hallName: ctx.hallName,
    matterName,
    applicantName: maskedApplicant(applicant).name,
    missingMaterials: missing,
    issuedAt,
    windowName: ctx.windowName,
  };
}

/** The document as the screen previews it: the lines the paper carries, in the same order. */
export function documentLines(doc: AcceptanceReceiptDocument | OneTimeNoticeDocument, timeZone: string): string[] {
  if (doc.kind === 'one-time-notice')
    return [
      '一次性告知书',
      `申请人：${doc.applicantName}`,
      `事项：${doc.matterName}`,
      '您申请的事项材料不齐全，请补齐以下材料后再来办理：',
      ...doc.missingMaterials.map((m, n) => `${n + 1}. ${m.name}（${m.reason}）`),
    ];
  return [
    '受理回执',
    `办件编号：${doc.caseNumber}`,
    `事项：${doc.matterName}`,
    ...(doc.pretrialCode ? [`网上预审号：${doc.pretrialCode}`] : []),
    `申请人：${doc.applicantName}  ${doc.applicantId ?? ''}`.trimEnd(),
    `受理时间：${formatHallDate(doc.acceptedAt, timeZone)}`,
    ...(doc.situations ?? []).map((s) => `${s.question}：${s.answer}`),
    ...doc.receivedMaterials.map((m) => `已收：${m.name}`),
    ...(doc.fetchedCertificates ?? []).map((name) => `电子证照已调取：${name}`),
    ...(doc.toleratedMaterials ?? []).map((m) => `容缺后补：${m.name}（请于 ${m.dueDate} 前补交）`),
    `承诺办结日期：${doc.promisedDate}`,
    '凭本回执查询办理进度、领取结果。',
  ];
}
