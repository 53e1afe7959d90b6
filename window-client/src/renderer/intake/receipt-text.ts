/**
 * The 受理回执 and the 一次性告知书 as text lines: what the screen previews and the printer prints. Pure.
 * The applicant is masked (the receipt leaves the window with the visitor, DESIGN rule 8).
 */
import { maskIdNumber, maskName } from '../devices';
import type { Applicant, Matter } from './intake-flow';

/** The applicant as screens and paper show them: masked (one known by a 预审号 arrives masked by the server). */
export function maskedApplicant(a: Applicant): { name: string; id: string } {
  return a.source === 'pretrial'
    ? { name: a.nameMasked, id: a.idMasked }
    : { name: maskName(a.name), id: maskIdNumber(a.idNumber) };
}

export function receiptLines(caseNo: string, applicant: Applicant, matter: Matter): string[] {
  const shown = maskedApplicant(applicant);
  const lines = [
    '受理回执',
    `办件编号：${caseNo}`,
    `事项：${matter.name}`,
    ...(matter.pretrial ? [`网上预审号：${matter.pretrial.code}`] : []),
    `申请人：${shown.name}  ${shown.id}`,
  ];
  for (const s of matter.situations ?? []) lines.push(`${s.question}：${s.answer}`);
  for (const i of matter.items) {
    if (i.mark === 'received') lines.push(i.checkedOnline ? `已收（网上预审已核验）：${i.name}` : `已收：${i.name}`);
    if (i.mark === 'cert-lookup') lines.push(`电子证照已调取：${i.name}`);
    if (i.mark === 'tolerated') lines.push(`容缺后补：${i.name}（请于 ${i.dueDate ?? '—'} 前补交）`);
  }
  lines.push('凭本回执查询办理进度、领取结果。');
  return lines;
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
