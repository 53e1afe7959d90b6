import { describe, expect, it } from 'vitest';
import { windowDocumentSchema, type AcceptanceReceiptDocument } from '@onedoor/protocol';
import { decodeEscPos } from '../testing/index.js';
import { renderWindowDocument } from './documents.js';

const receipt: AcceptanceReceiptDocument = {
  kind: 'acceptance-receipt',
  hallName: '示范市政务服务中心',
  caseNumber: '3301022612010001',
  matterName: '食品经营许可',
  applicantName: '王*明',
  applicantId: '3301**********1234',
  receivedMaterials: [{ name: '食品经营许可申请书', form: '原件', copies: 1 }],
  toleratedMaterials: [{ name: '食品安全管理制度', dueDate: '2026-12-20' }],
  promisedDate: '2026-12-15',
  // 23:30 UTC is 07:30 the next morning in Beijing: the paper shows hall time.
  acceptedAt: '2026-11-30T23:30:00.000Z',
  windowName: '1号窗口',
  queryUrl: 'http://hall.example/c/3301022612010001',
};

describe('renderWindowDocument', () => {
  it('prints a window 受理回执 in hall time, with its 容缺 line and its QR code', () => {
    const r = decodeEscPos(renderWindowDocument(receipt, { timeZone: 'Asia/Shanghai', paper: '80mm' }).bytes);
    const texts = r.lines.map((l) => l.text);
    expect(texts).toContain('受理时间：2026-12-01 07:30');
    expect(texts).toContain('办件编号：3301022612010001');
    expect(texts).toContain('   请于 2026-12-20 前补交');
    expect(r.qrCodes.map((q) => q.text)).toEqual([receipt.queryUrl]);
    expect(r.cuts).toBe(1);
  });

  it('prints a 一次性告知书 with each missing material and why', () => {
    const notice = windowDocumentSchema.parse({
      kind: 'one-time-notice',
      hallName: '示范市政务服务中心',
      matterName: '食品经营许可',
      applicantName: '李*花',
      missingMaterials: [{ name: '经营场所平面布局图', reason: '未携带' }],
      issuedAt: '2026-12-01T02:00:00Z',
    });
    const texts = decodeEscPos(renderWindowDocument(notice, { timeZone: 'Asia/Shanghai' }).bytes).lines.map(
      (l) => l.text,
    );
    expect(texts).toContain('1. 经营场所平面布局图');
    expect(texts).toContain('   原因：未携带');
    expect(texts).toContain('告知时间：2026-12-01 10:00');
  });

  it('the schema refuses a notice listing nothing and a receipt without a case number', () => {
    expect(windowDocumentSchema.safeParse({ ...receipt, caseNumber: '' }).success).toBe(false);
    expect(
      windowDocumentSchema.safeParse({
        kind: 'one-time-notice',
        hallName: 'h',
        matterName: 'm',
        applicantName: 'a',
        missingMaterials: [],
        issuedAt: '2026-12-01T02:00:00Z',
      }).success,
    ).toBe(false);
  });
});
