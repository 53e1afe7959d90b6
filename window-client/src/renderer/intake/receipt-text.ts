/**
 * The 受理回执 and the 一次性告知书 as text lines: what the screen previews and the printer prints. Pure.
 * The applicant is masked (the receipt leaves the window with the visitor, DESIGN rule 8).
 */
import type { CaseDetail } from '@onedoor/protocol';
import { maskIdNumber, maskName } from '../devices';
import type { Applicant, Matter } from './intake-flow';

/** The applicant as screens and paper show them: masked (one known by a 预审号 arrives masked by the server). */
export function maskedApplicant(a: Applicant): { name: string; id: string } {
  return a.source === 'pretrial'
    ? { name: a.nameMasked, id: a.idMasked }
    : { name: maskName(a.name), id: maskIdNumber(a.idNumber) };
}

interface ReceiptMaterial {
  name: string;
  how: 'received' | 'online' | 'cert-lookup' | 'tolerated';
  dueDate?: string;
}

/** What a 受理回执 says, from the checklist just accepted or from the case as the hall keeps it. */
interface Receipt {
  caseNo: string;
  matterName: string;
  pretrialCode?: string;
  applicant: { name: string; id: string };
  situations: readonly { question: string; answer: string }[];
  materials: readonly ReceiptMaterial[];
}

function receiptText(r: Receipt): string[] {
  const lines = [
    '受理回执',
    `办件编号：${r.caseNo}`,
    `事项：${r.matterName}`,
    ...(r.pretrialCode ? [`网上预审号：${r.pretrialCode}`] : []),
    `申请人：${r.applicant.name}  ${r.applicant.id}`,
  ];
  for (const s of r.situations) lines.push(`${s.question}：${s.answer}`);
  for (const m of r.materials) {
    if (m.how === 'received') lines.push(`已收：${m.name}`);
    if (m.how === 'online') lines.push(`已收（网上预审已核验）：${m.name}`);
    if (m.how === 'cert-lookup') lines.push(`电子证照已调取：${m.name}`);
    if (m.how === 'tolerated') lines.push(`容缺后补：${m.name}（请于 ${m.dueDate ?? '—'} 前补交）`);
  }
  lines.push('凭本回执查询办理进度、领取结果。');
  return lines;
}

export function receiptLines(caseNo: string, applicant: Applicant, matter: Matter): string[] {
  return receiptText({
    caseNo,
    matterName: matter.name,
    ...(matter.pretrial ? { pretrialCode: matter.pretrial.code } : {}),
    applicant: maskedApplicant(applicant),
    situations: matter.situations ?? [],
    materials: matter.items.flatMap<ReceiptMaterial>((i) => {
      if (i.mark === 'received') return [{ name: i.name, how: i.checkedOnline ? 'online' : 'received' }];
      if (i.mark === 'cert-lookup' || i.mark === 'tolerated')
        return [{ name: i.name, how: i.mark, ...(i.dueDate ? { dueDate: i.dueDate } : {}) }];
      return [];
    }),
  });
}

/**
 * The 受理回执 of a case taken in earlier (the panel was closed, the page reloaded, the paper ran out): printed again
 * from the case as the hall keeps it, with the 办理情形 as the catalog words them.
 */
export function caseReceiptLines(
  c: Pick<CaseDetail, 'caseNo' | 'name' | 'applicant' | 'applicantIdMasked' | 'materials'>,
  situations: readonly { question: string; answer: string }[],
): string[] {
  return receiptText({
    caseNo: c.caseNo,
    matterName: c.name,
    applicant: { name: c.applicant, id: c.applicantIdMasked },
    situations,
    materials: c.materials.flatMap<ReceiptMaterial>((m) => {
      if (m.status === 'received') return [{ name: m.name, how: 'received' }];
      if (m.status === 'cert-lookup') return [{ name: m.name, how: 'cert-lookup' }];
      if (m.status === 'tolerated')
        return [{ name: m.name, how: 'tolerated', ...(m.dueDate ? { dueDate: m.dueDate } : {}) }];
      return [];
    }),
  });
}

export function noticeLines(
  applicant: Applicant,
  matterName: string,
  missing: { name: string; reason: string }[],
): string[] {
  return [
    '一次性告知书',
    `申请人：${maskedApplicant(applicant).name}`,
    `事项：${matterName}`,
    '您申请的事项材料不齐全，请补齐以下材料后再来办理：',
    ...missing.map((m, n) => `${n + 1}. ${m.name}（${m.reason}）`),
  ];
}
