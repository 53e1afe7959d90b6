import { describe, expect, it } from 'vitest';
import { windowDocumentSchema } from '@onedoor/protocol';
import type { Applicant } from './intake-flow';
import { caseReceiptDocument, documentLines, noticeDocument, type PrintContext } from './intake-documents';

const ctx: PrintContext = {
  hallName: '示范市政务服务中心',
  windowName: '1号窗口',
  timeZone: 'Asia/Shanghai',
  origin: 'http://10.0.0.5:8080',
  ticketId: 't-42',
};
const applicant: Applicant = { source: 'card', name: '王小明', idNumber: '11010519491231002X' };

describe('the intake documents', () => {
  const material = (
    name: string,
    status: 'received' | 'cert-lookup' | 'tolerated' | 'missing',
    dueDate: string | null = null,
  ) => ({
    materialId: name,
    name,
    need: 'required' as const,
    originalCount: status === 'received' ? 1 : 0,
    copyCount: 0,
    electronicAccepted: false,
    certLookup: null,
    usedBy: [],
    status,
    dueDate,
    receivedAt: null,
    note: null,
  });
  const recorded = {
    caseNo: 'C-1',
    name: '食品经营许可',
    applicant: '王*明',
    applicantIdMasked: '1101**********002X',
    // Accepted 23:30 UTC on the 30th = 07:30 on 1 December in Beijing; due 5 working days later.
    acceptedAt: '2026-11-30T23:30:00.000Z',
    receivedAt: '2026-11-30T23:29:00.000Z',
    timing: { dueAt: '2026-12-08T09:00:00.000Z' } as never,
    materials: [
      material('申请书', 'received'),
      material('营业执照', 'cert-lookup'),
      material('食品安全管理制度', 'tolerated', '2026-12-20'),
      material('平面图', 'missing'),
    ],
  };

  it("a receipt is the hall's record: masked applicant, materials by how they were taken, dates in hall time", () => {
    const doc = caseReceiptDocument(
      recorded,
      { situations: [{ question: '经营类型', answer: '餐饮服务' }], pretrialCode: 'YS-1' },
      ctx,
    );
    expect(windowDocumentSchema.parse(doc)).toEqual(doc);
    expect(doc).toMatchObject({
      applicantName: '王*明',
      applicantId: '1101**********002X',
      pretrialCode: 'YS-1',
      receivedMaterials: [{ name: '申请书', form: '原件', copies: 1 }],
      fetchedCertificates: ['营业执照'],
      toleratedMaterials: [{ name: '食品安全管理制度', dueDate: '2026-12-20' }],
      promisedDate: '2026-12-08',
      queryUrl: 'http://10.0.0.5:8080/t/t-42',
    });
    // A material still missing is not on the receipt (it is on the 一次性告知书 of a refusal).
    expect(JSON.stringify(doc)).not.toContain('平面图');
    const lines = documentLines(doc, ctx.timeZone);
    expect(lines).toContain('受理时间：2026-12-01');
    expect(lines).toContain('经营类型：餐饮服务');
    expect(lines).toContain('容缺后补：食品安全管理制度（请于 2026-12-20 前补交）');
  });

  it('an 即办件 (no case clock) promises the day it was taken in', () => {
    const doc = caseReceiptDocument({ ...recorded, timing: null }, { situations: [] }, ctx);
    expect(doc.promisedDate).toBe('2026-12-01');
    expect(doc.situations).toBeUndefined();
  });

  it('a notice lists each missing material with its reason, applicant masked', () => {
    const doc = noticeDocument(
      applicant,
      '食品经营许可',
      [{ name: '平面图', reason: '未携带' }],
      ctx,
      '2026-12-01T02:00:00Z',
    );
    expect(windowDocumentSchema.parse(doc)).toEqual(doc);
    expect(documentLines(doc, ctx.timeZone)).toEqual([
      '一次性告知书',
      '申请人：王*明',
      '事项：食品经营许可',
      '您申请的事项材料不齐全，请补齐以下材料后再来办理：',
      '1. 平面图（未携带）',
    ]);
  });
});
