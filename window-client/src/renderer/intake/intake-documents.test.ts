import { describe, expect, it } from 'vitest';
import { windowDocumentSchema } from '@onedoor/protocol';
import type { Applicant, Matter } from './intake-flow';
import { documentLines, noticeDocument, receiptDocument, type PrintContext } from './intake-documents';

const ctx: PrintContext = {
  hallName: '示范市政务服务中心',
  windowName: '1号窗口',
  timeZone: 'Asia/Shanghai',
  origin: 'http://10.0.0.5:8080',
  ticketId: 't-42',
};
const applicant: Applicant = { source: 'card', name: '王小明', idNumber: '11010519491231002X' };
const item = (materialId: string, name: string, mark: Matter['items'][number]['mark'], more = {}) => ({
  materialId,
  name,
  originals: 1,
  copies: 0,
  standard: '',
  mark,
  ...more,
});
const matter: Matter = {
  matterId: 'spjy-xk',
  name: '食品经营许可',
  situations: [{ question: '经营类型', answer: '餐饮服务' }],
  items: [
    item('m-sqs', '申请书', 'received'),
    item('m-yyzz', '营业执照', 'cert-lookup'),
    item('m-zd', '食品安全管理制度', 'tolerated', { dueDate: '2026-12-20' }),
  ],
};

describe('the intake documents', () => {
  it('a receipt masks the applicant, lists each material by how it was taken, and dates in hall time', () => {
    // Accepted 23:30 UTC on the 30th = 07:30 on 1 December in Beijing; due 5 working days later.
    const doc = receiptDocument(
      { caseNo: 'C-1', acceptedAt: '2026-11-30T23:30:00.000Z', dueAt: '2026-12-08T09:00:00.000Z' },
      applicant,
      matter,
      ctx,
    );
    expect(windowDocumentSchema.parse(doc)).toEqual(doc);
    expect(doc).toMatchObject({
      applicantName: '王*明',
      applicantId: '1101**********002X',
      receivedMaterials: [{ name: '申请书', form: '原件', copies: 1 }],
      fetchedCertificates: ['营业执照'],
      toleratedMaterials: [{ name: '食品安全管理制度', dueDate: '2026-12-20' }],
      promisedDate: '2026-12-08',
      queryUrl: 'http://10.0.0.5:8080/t/t-42',
    });
    expect(JSON.stringify(doc)).not.toContain('王小明');
    expect(documentLines(doc, ctx.timeZone)).toContain('受理时间：2026-12-01');
    expect(documentLines(doc, ctx.timeZone)).toContain('容缺后补：食品安全管理制度（请于 2026-12-20 前补交）');
  });

  it('an 即办件 (no due date) promises the day it was taken in', () => {
    const doc = receiptDocument(
      { caseNo: 'C-2', acceptedAt: '2026-11-30T23:30:00.000Z', dueAt: null },
      applicant,
      matter,
      ctx,
    );
    expect(doc.promisedDate).toBe('2026-12-01');
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
