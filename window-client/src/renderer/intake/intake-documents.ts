/**
 * The 受理回执 and the 一次性告知书 of an intake as documents (protocol `WindowDocument`): the window's printer prints
 * them with the hardware templates, and the screen previews the same data. Pure. The applicant is masked: the paper
 * leaves the window with the visitor (DESIGN rule 8).
 */
import {
  formatHallDate,
  type AcceptanceReceiptDocument,
  type CaseDetail,
  type OneTimeNoticeDocument,
} from '@onedoor/protocol';
import type { Applicant } from './intake-flow';
import { maskedApplicant } from './receipt-text';

const CHECKED_ONLINE = '网上预审已核验';

/** Where the documents are printed, from the hall's snapshot and this window. */
export interface PrintContext {
  hallName: string;
  windowName: string;
  timeZone: string;
  /** The hall's origin: the receipt's QR code opens the visitor's progress page there. */
  origin: string;
  ticketId: string;
}

/**
 * The 受理回执 of a case, from the case as the hall recorded it — at acceptance, on a reprint, or for a case of the
 * ticket taken in before this panel opened: its masked applicant, its materials as recorded, each 容缺 item's due date
 * (the applicant's promise, kept by the hall) and the promised date of the case clock.
 */
export function caseReceiptDocument(
  c: Pick<
    CaseDetail,
    'caseNo' | 'name' | 'applicant' | 'applicantIdMasked' | 'materials' | 'acceptedAt' | 'receivedAt' | 'timing'
  >,
  extra: { situations: readonly { question: string; answer: string }[]; pretrialCode?: string },
  ctx: PrintContext,
): AcceptanceReceiptDocument {
  const { situations, pretrialCode } = extra;
  const acceptedAt = c.acceptedAt ?? c.receivedAt;
  const copiesOf = (m: CaseDetail['materials'][number]) =>
    m.originalCount > 0
      ? { form: '原件', copies: m.originalCount }
      : m.copyCount > 0
        ? { form: '复印件', copies: m.copyCount }
        : {};
  return {
    kind: 'acceptance-receipt',
    hallName: ctx.hallName,
    caseNumber: c.caseNo,
    matterName: c.name,
    ...(pretrialCode ? { pretrialCode } : {}),
    applicantName: c.applicant,
    applicantId: c.applicantIdMasked,
    ...(situations.length ? { situations: [...situations] } : {}),
    // 网上预审已核验: checked online before the visit, the clerk saw only the original (the hall notes it on the case).
    receivedMaterials: c.materials
      .filter((m) => m.status === 'received')
      .map((m) => ({
        name: m.note?.includes(CHECKED_ONLINE) ? `${m.name}（${CHECKED_ONLINE}）` : m.name,
        ...copiesOf(m),
      })),
    toleratedMaterials: c.materials
      .filter((m) => m.status === 'tolerated')
      .map((m) => ({ name: m.name, dueDate: m.dueDate ?? formatHallDate(acceptedAt, ctx.timeZone) })),
    fetchedCertificates: c.materials.filter((m) => m.status === 'cert-lookup').map((m) => m.name),
    promisedDate: formatHallDate(c.timing?.dueAt ?? acceptedAt, ctx.timeZone),
    acceptedAt,
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
