import { describe, expect, it } from 'vitest';
import { SAMPLE_ACCEPTANCE_RECEIPT, SAMPLE_ONE_TIME_NOTICE, SAMPLE_QUEUE_TICKET } from '../../fixtures/tickets.js';
import { decodeEscPos } from '../testing/escpos-decoder.js';
import { textColumns } from './escpos.js';
import {
  formatHallTime,
  preloadTicketEncoder,
  queueTicketBlocks,
  renderAcceptanceReceipt,
  renderOneTimeNotice,
  renderQueueTicket,
} from './templates.js';

describe('queue ticket', () => {
  it.each(['58mm', '80mm'] as const)('decodes back to the template input on %s paper', (paper) => {
    const { bytes, warnings } = renderQueueTicket(SAMPLE_QUEUE_TICKET, { paper });
    expect(warnings).toEqual([]);
    const r = decodeEscPos(bytes);
    expect(r.unknown).toEqual([]);
    expect(r.truncated).toBe(false);
    expect(r.ops.slice(0, 2)).toEqual([{ op: 'init' }, { op: 'chinese-mode', on: true }]);
    const texts = r.lines.map((l) => l.text);
    const all = texts.join('');
    expect(all).toContain(SAMPLE_QUEUE_TICKET.hallName);
    const num = r.lines.find((l) => l.text === 'A023');
    expect(num).toMatchObject({ align: 'center', bold: true, width: 4, height: 4 });
    expect(texts).toContain('办理业务：社会保障卡申领');
    expect(texts).toContain('前面等待：7 人');
    expect(texts).toContain('预计等待：约 21 分钟');
    expect(texts).toContain('取号时间：2024-05-06 09:32');
    expect(texts).toContain('取号人：王*娜');
    expect(r.qrCodes).toEqual([
      {
        text: SAMPLE_QUEUE_TICKET.progressUrl,
        declared: SAMPLE_QUEUE_TICKET.progressUrl.length,
        byteLength: SAMPLE_QUEUE_TICKET.progressUrl.length,
      },
    ]);
    expect(r.cuts).toBe(1);
    // Every line fits the paper at its character width.
    const cols = paper === '58mm' ? 32 : 48;
    for (const l of r.lines) expect(textColumns(l.text) * l.width).toBeLessThanOrEqual(cols);
  });

  it('is described as data (blocks) before it becomes bytes', () => {
    const blocks = queueTicketBlocks({
      ...SAMPLE_QUEUE_TICKET,
      estimatedWaitMinutes: null,
      holderName: undefined,
      notice: '请保管好您的号票',
    });
    expect(blocks.find((b) => b.type === 'qr')).toEqual({ type: 'qr', data: SAMPLE_QUEUE_TICKET.progressUrl, size: 6 });
    expect(blocks.some((b) => b.type === 'text' && b.text === '预计等待：请留意叫号')).toBe(true);
    expect(blocks.some((b) => b.type === 'text' && b.text.startsWith('取号人'))).toBe(false);
    expect(blocks.at(-1)).toEqual({ type: 'cut' });
  });

  it('formats the time in the hall time zone', () => {
    expect(formatHallTime(new Date('2024-05-06T16:05:00Z'))).toBe('2024-05-07 00:05');
    expect(formatHallTime(new Date('2024-05-06T16:05:00Z'), 'UTC')).toBe('2024-05-06 16:05');
  });

  it('preloads the encoder at start-up even for a time zone ICU does not know', () => {
    expect(() => preloadTicketEncoder('Asia/Shanghai')).not.toThrow();
    expect(() => preloadTicketEncoder('Not/A_Zone')).not.toThrow();
    // The zone still fails the real ticket, where the print is reported as failed.
    expect(() => renderQueueTicket({ ...SAMPLE_QUEUE_TICKET, timeZone: 'Not/A_Zone' })).toThrow(RangeError);
  });
});

describe('受理回执 and 一次性告知书', () => {
  it('acceptance receipt carries case number, matter, every received material, promised date and QR', () => {
    const r = decodeEscPos(renderAcceptanceReceipt(SAMPLE_ACCEPTANCE_RECEIPT, { paper: '58mm' }).bytes);
    const all = r.lines.map((l) => l.text).join('\n');
    expect(r.unknown).toEqual([]);
    expect(all).toContain('受理回执');
    expect(all).toContain('办件编号：420103240506000123');
    expect(all).toContain('办理事项：个体工商户设立登记');
    for (const m of SAMPLE_ACCEPTANCE_RECEIPT.receivedMaterials) expect(all.replace(/\n/g, '')).toContain(m.name);
    expect(all).toContain('承诺办结日期：2024-05-09');
    expect(r.qrCodes.map((q) => q.text)).toEqual([SAMPLE_ACCEPTANCE_RECEIPT.queryUrl]);
  });

  it('an intake receipt carries the answers, the fetched 电子证照 and each 容缺 material with its due date', () => {
    const r = decodeEscPos(
      renderAcceptanceReceipt(
        {
          ...SAMPLE_ACCEPTANCE_RECEIPT,
          applicantId: '4201**********1234',
          situations: [{ question: '市场主体类型', answer: '个体工商户' }],
          toleratedMaterials: [{ name: '食品安全管理制度', dueDate: '2026-12-20' }],
          fetchedCertificates: ['营业执照'],
        },
        { paper: '80mm' },
      ).bytes,
    );
    expect(r.unknown).toEqual([]);
    const texts = r.lines.map((l) => l.text);
    expect(texts).toContain(`申请人：${SAMPLE_ACCEPTANCE_RECEIPT.applicantName}  4201**********1234`);
    expect(texts).toContain('市场主体类型：个体工商户');
    const all = texts.join('\n');
    expect(all).toContain('电子证照已调取（1 项）：\n1. 营业执照');
    expect(all).toContain('容缺后补（1 项）：\n1. 食品安全管理制度\n   请于 2026-12-20 前补交');
    // A receipt without them prints none of those headings (the receipt of a complete case stays as it was).
    const plain = decodeEscPos(renderAcceptanceReceipt(SAMPLE_ACCEPTANCE_RECEIPT).bytes).lines.map((l) => l.text);
    expect(plain.join('\n')).not.toMatch(/容缺|电子证照/);
  });

  it('one-time notice lists each missing material with its reason', () => {
    const r = decodeEscPos(renderOneTimeNotice(SAMPLE_ONE_TIME_NOTICE, { paper: '80mm' }).bytes);
    const all = r.lines.map((l) => l.text.trim()).join('\n');
    expect(all).toContain('一次性告知书');
    expect(all).toContain('1. 食品安全管理制度\n原因：未提供');
    expect(all).toContain('2. 经营场所平面布局图\n原因：需标明操作流程和设备位置');
    expect(r.qrCodes.map((q) => q.text)).toEqual([SAMPLE_ONE_TIME_NOTICE.guideUrl]);
  });

  it('reports characters that cannot be printed', () => {
    const { warnings, bytes } = renderQueueTicket({ ...SAMPLE_QUEUE_TICKET, holderName: '吉*𠮷' });
    expect(warnings).toHaveLength(1);
    expect(decodeEscPos(bytes).lines.map((l) => l.text)).toContain('取号人：吉*?');
  });
});
