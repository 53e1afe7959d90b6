import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startPrinterSimServer } from '../printer/printer.sim.js';
import { decodeEscPos } from '../testing/escpos-decoder.js';
import { runPrinterStatus, runPrintTest, sampleNotice, sampleReceipt, sampleTicket } from './printer.command.js';
import { runCli } from './main.js';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function io(): { out: string[]; err: string[]; sink: { out(l: string): void; err(l: string): void } } {
  const r = { out: [] as string[], err: [] as string[] };
  return { ...r, sink: { out: (l) => r.out.push(l), err: (l) => r.err.push(l) } };
}

const NOW = new Date('2024-05-06T01:32:00Z');

describe('runPrintTest', () => {
  it('writes the sample ticket to a file; decoded, it matches the sample template input', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'onedoor-cli-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const path = join(dir, 'ticket.bin');
    const o = io();
    const code = await runPrintTest({ to: `file:${path}`, paper: '58mm' }, o.sink, { now: () => NOW });
    expect(code).toBe(0);
    const bytes = readFileSync(path);
    expect(o.out[0]).toBe(`已发送测试票 ${bytes.length} 字节到 file:${path}`);
    const sample = sampleTicket(NOW);
    const r = decodeEscPos(bytes);
    expect(r.unknown).toEqual([]);
    expect(r.truncated).toBe(false);
    expect(r.ops.slice(0, 2)).toEqual([{ op: 'init' }, { op: 'chinese-mode', on: true }]);
    const texts = r.lines.map((l) => l.text);
    expect(texts.join('')).toContain(sample.hallName);
    expect(r.lines.find((l) => l.text === sample.ticketNumber)).toMatchObject({ width: 4, height: 4, bold: true });
    expect(texts.join('')).toContain(`办理业务：${sample.serviceName}`);
    expect(texts).toContain(`前面等待：${sample.peopleAhead} 人`);
    expect(texts).toContain(`预计等待：约 ${sample.estimatedWaitMinutes} 分钟`);
    expect(texts).toContain('取号时间：2024-05-06 09:32');
    expect(r.qrCodes).toEqual([
      {
        text: sample.progressUrl,
        declared: Buffer.byteLength(sample.progressUrl),
        byteLength: Buffer.byteLength(sample.progressUrl),
      },
    ]);
    expect(r.cuts).toBe(1);
  });

  it('`print-test --template receipt|notice --to file:F` prints the 受理回执 and the 一次性告知书 with their real layouts', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'onedoor-cli-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const o = io();
    const receiptPath = join(dir, 'receipt.bin');
    expect(await runCli(['print-test', '--template', 'receipt', '--to', `file:${receiptPath}`], o.sink)).toBe(0);
    expect(o.out[0]).toMatch(/^已发送受理回执 \d+ 字节到 file:/);
    const receipt = decodeEscPos(readFileSync(receiptPath));
    expect(receipt.unknown).toEqual([]);
    const rt = receipt.lines.map((l) => l.text).join('\n');
    const sample = sampleReceipt(NOW);
    expect(rt).toContain('受理回执');
    expect(rt).toContain(`办件编号：${sample.caseNumber}`);
    expect(rt).toMatch(/承诺办结日期：\d{4}-\d{2}-\d{2}/);
    expect(rt).toContain('容缺');
    expect(receipt.qrCodes.map((q) => q.text)).toEqual([sample.queryUrl]);
    expect(receipt.cuts).toBe(1);

    const noticePath = join(dir, 'notice.bin');
    expect(await runCli(['print-test', '--template', 'notice', '--to', `file:${noticePath}`], o.sink)).toBe(0);
    const notice = decodeEscPos(readFileSync(noticePath));
    const nt = notice.lines.map((l) => l.text).join('\n');
    expect(nt).toContain('一次性告知书');
    for (const m of sampleNotice(NOW).missingMaterials) {
      expect(nt).toContain(m.name);
      expect(nt).toContain(`原因：${m.reason}`);
    }

    const e = io();
    expect(await runCli(['print-test', '--template', 'invoice', '--to', `file:${join(dir, 'x.bin')}`], e.sink)).toBe(2);
    expect(e.err.join('\n')).toContain('--template 只能是 ticket、receipt 或 notice');
  });

  it('prints to a TCP printer and reports its status', async () => {
    const server = await startPrinterSimServer();
    cleanups.push(() => server.close());
    const o = io();
    expect(await runPrintTest({ to: server.target }, o.sink)).toBe(0);
    expect(o.out).toContain('打印机状态：正常');
    expect(decodeEscPos(server.sim.received).lines.map((l) => l.text)).toContain('A001');
  });

  it('paper out: rejects with 打印机缺纸 in Chinese and English, exit 1', async () => {
    const server = await startPrinterSimServer();
    cleanups.push(() => server.close());
    server.sim.paperOut();
    const o = io();
    expect(await runPrintTest({ to: server.target }, o.sink)).toBe(1);
    expect(o.err[0]).toContain('无法打印：打印机缺纸，请装入打印纸');
    expect(o.err[1]).toContain('the printer is out of paper');
    expect(server.sim.received.length).toBe(0);
  });

  it('a bad target and a missing serial port are explained', async () => {
    const o = io();
    expect(await runPrintTest({ to: 'lpt1' }, o.sink)).toBe(1);
    expect(o.err[0]).toContain('打印机地址「lpt1」格式不对');
    const p = io();
    expect(await runPrintTest({ to: 'serial:/dev/ttyONEDOOR_NOPE' }, p.sink)).toBe(1);
    expect(p.err[0]).toContain('找不到串口 /dev/ttyONEDOOR_NOPE');
  });
});

describe('runPrinterStatus', () => {
  it('reports 正常 with the raw DLE EOT bytes, and a problem with exit 1', async () => {
    const server = await startPrinterSimServer();
    cleanups.push(() => server.close());
    const o = io();
    expect(await runPrinterStatus({ to: server.target }, o.sink)).toBe(0);
    expect(o.out).toEqual([
      '打印机状态：正常',
      'Printer status: ready',
      'DLE EOT: printer=0x12 offline=0x12 error=0x12 paper=0x12',
    ]);
    server.sim.openCover();
    const p = io();
    expect(await runPrinterStatus({ to: server.target }, p.sink)).toBe(1);
    expect(p.out[0]).toBe('打印机状态：打印机上盖打开，请合上上盖；打印机离线');
  });

  it('a file target cannot report status', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'onedoor-cli-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const o = io();
    expect(await runPrinterStatus({ to: `file:${join(dir, 'x.bin')}` }, o.sink)).toBe(1);
    expect(o.err[0]).toContain('无法读取打印机状态');
  });
});
