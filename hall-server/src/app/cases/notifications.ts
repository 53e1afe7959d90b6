import { maskPhone } from '@onedoor/protocol';
import { RESULT_TEXT, type CaseState } from '../../domain/cases/index.js';
import { nowIso, type CasesDeps, type SealedApplicant } from './case-work.js';

/**
 * Queues the 办结 message to the applicant inside the command's transaction (masked phone in the record, or no-phone);
 * returns its id, to be sent once the command has committed.
 */
export function queueResultNotice(deps: CasesDeps, c: CaseState): number {
  const sealed = deps.cases.sealedApplicant(c.id);
  const phone = sealed ? deps.vault.open<SealedApplicant>(sealed).phone : undefined;
  const how =
    c.takeWay === 'express'
      ? '结果将通过快递寄送，请留意查收'
      : c.takeWay === 'locker'
        ? '结果将放入智能柜，取件码另行通知'
        : '请携带本人身份证到综合出件窗口领取';
  const text = `【${deps.hallName}】您申请的「${c.name}」（办件编号 ${c.caseNo}）已办结：${c.result ? RESULT_TEXT[c.result] : ''}。${how}。`;
  return deps.cases.addNotification({
    caseId: c.id,
    kind: 'result-ready',
    at: nowIso(deps),
    toMasked: phone ? maskPhone(phone) : null,
    text,
    status: phone ? 'pending' : 'no-phone',
  });
}

/** Sends queued messages after the commit; the outcome is recorded (a failure leaves the row 'failed' for a retry). */
export async function sendQueued(deps: CasesDeps, ids: readonly number[]): Promise<void> {
  for (const id of ids) {
    const row = deps.cases.notification(id);
    if (!row || row.status !== 'pending') continue;
    const sealed = deps.cases.sealedApplicant(row.caseId);
    const phone = sealed ? deps.vault.open<SealedApplicant>(sealed).phone : undefined;
    if (!phone) continue;
    let error: string | null = null;
    try {
      await deps.notifier.send({ to: phone, caseNo: row.caseNo, kind: 'result-ready', text: row.text });
    } catch (err) {
      error = err instanceof Error ? err.message : String(err);
      deps.log.warn({ caseNo: row.caseNo, error }, '通知发送失败 / notification failed');
    }
    await deps.pipeline.record({ kind: 'system', reason: 'notification' }, () => {
      deps.cases.markNotification(id, error ? 'failed' : 'sent', nowIso(deps), error);
      return {
        value: null,
        eventType: 'case.notified',
        payload: { caseId: row.caseId, caseNo: row.caseNo, notificationId: id, status: error ? 'failed' : 'sent' },
      };
    });
  }
}
