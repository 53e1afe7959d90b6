/**
 * `npm run hw -- print-test --to serial:/dev/ttyUSB0|tcp:HOST:PORT|file:PATH [--baud 9600] [--template ticket|receipt|notice]`
 * prints a Chinese sample of the hall's real layouts (queue ticket, 受理回执, 一次性告知书) with its QR code; `npm run hw -- printer-status --to …` reads DLE EOT status.
 * Exit codes: 0 OK; 1 the printer reports a problem (paper out, cover open, …) or cannot be reached.
 */
import type { BindingInterface } from '@serialport/bindings-interface';
import { TicketPrinter } from '../printer/printer.js';
import type { PrinterStatus } from '../printer/status.js';
import {
  renderAcceptanceReceipt,
  renderOneTimeNotice,
  renderQueueTicket,
  type AcceptanceReceiptData,
  type OneTimeNoticeData,
  type PaperWidth,
  type QueueTicketData,
  type RenderedTicket,
  type RenderOptions,
} from '../printer/templates.js';
import { DeviceError, isDeviceError } from '../transport/device-error.js';
import { EXIT_DEVICE, EXIT_OK, sinks, type CommandOutput } from './cli-output.js';

export interface PrinterCommandArgs {
  /** `serial:PATH`, `tcp:HOST:PORT` or `file:PATH`. */
  to: string;
  /** Serial baud rate, default 9600. */
  baudRate?: number;
  /** Paper width, default '80mm'. */
  paper?: PaperWidth;
  /** Which document to print, default the queue ticket. */
  template?: PrintTemplate;
}

export const PRINT_TEMPLATES = ['ticket', 'receipt', 'notice'] as const;
export type PrintTemplate = (typeof PRINT_TEMPLATES)[number];

const TEMPLATE_NAME: Record<PrintTemplate, string> = { ticket: '测试票', receipt: '受理回执', notice: '一次性告知书' };

/** Test seams. */
export interface PrinterCommandDeps {
  binding?: BindingInterface;
  /** Clock for the sample ticket, default `new Date()`. */
  now?: () => Date;
  /** DLE EOT reply timeout, default 1000 ms. */
  statusTimeoutMs?: number;
}

/** The sample ticket `print-test` prints. */
export function sampleTicket(now: Date): QueueTicketData {
  return {
    hallName: '一门政务服务大厅（打印测试）',
    ticketNumber: 'A001',
    serviceName: '综合窗口 · 社保医保业务',
    peopleAhead: 3,
    estimatedWaitMinutes: 12,
    issuedAt: now,
    progressUrl: 'https://onedoor.example/q/A001',
    holderName: '张*三',
    notice: '打印测试：中文、二维码、切纸均正常即为合格',
  };
}

/** The sample 受理回执 `print-test --template receipt` prints: one 容缺 material, one taken from an 电子证照. */
export function sampleReceipt(now: Date): AcceptanceReceiptData {
  const promised = new Date(now.getTime() + 14 * 86_400_000).toISOString().slice(0, 10);
  return {
    hallName: '一门政务服务大厅（打印测试）',
    caseNumber: '33010020240506000001',
    matterName: '社会保障卡补办',
    applicantName: '张*三',
    receivedMaterials: [
      { name: '居民身份证', form: '电子证照' },
      { name: '社会保障卡申领登记表', form: '原件', copies: 1 },
      { name: '近期免冠照片（容缺，5个工作日内补交）', form: '容缺' },
    ],
    promisedDate: promised,
    acceptedAt: now,
    windowName: '1号综合窗口',
    queryUrl: 'https://onedoor.example/c/33010020240506000001',
    phone: '0571-12345',
  };
}

/** The sample 一次性告知书 `print-test --template notice` prints. */
export function sampleNotice(now: Date): OneTimeNoticeData {
  return {
    hallName: '一门政务服务大厅（打印测试）',
    matterName: '社会保障卡补办',
    applicantName: '张*三',
    missingMaterials: [
      { name: '社会保障卡申领登记表', reason: '未带，需本人签字的原件1份' },
      { name: '近期免冠照片', reason: '所带照片为彩色生活照，须为白底证件照' },
    ],
    issuedAt: now,
    windowName: '1号综合窗口',
    phone: '0571-12345',
    guideUrl: 'https://onedoor.example/g/sbk-bh',
  };
}

function renderSample(template: PrintTemplate, now: Date, options: RenderOptions): RenderedTicket {
  switch (template) {
    case 'ticket':
      return renderQueueTicket(sampleTicket(now), options);
    case 'receipt':
      return renderAcceptanceReceipt(sampleReceipt(now), options);
    case 'notice':
      return renderOneTimeNotice(sampleNotice(now), options);
  }
}

export async function runPrintTest(
  args: PrinterCommandArgs,
  output: CommandOutput,
  deps: PrinterCommandDeps = {},
): Promise<number> {
  const { out, err } = sinks(output);
  let printer: TicketPrinter;
  try {
    printer = makePrinter(args, deps);
  } catch (e) {
    return fail(err, e);
  }
  const template = args.template ?? 'ticket';
  const { bytes, warnings } = renderSample(template, deps.now?.() ?? new Date(), { paper: args.paper ?? '80mm' });
  for (const w of warnings) out(`警告 / Warning: ${w}`);
  try {
    const result = await printer.print(bytes);
    out(`已发送${TEMPLATE_NAME[template]} ${result.bytesWritten} 字节到 ${args.to}`);
    out(`Sent a ${result.bytesWritten}-byte test ${template} to ${args.to}`);
    if (result.status) printStatus(out, result.status);
    else out('（文件/设备文件目标无法读取打印机状态 / a file target cannot report printer status）');
    return EXIT_OK;
  } catch (e) {
    return fail(err, e);
  } finally {
    await printer.close();
  }
}

export async function runPrinterStatus(
  args: PrinterCommandArgs,
  output: CommandOutput,
  deps: PrinterCommandDeps = {},
): Promise<number> {
  const { out, err } = sinks(output);
  let printer: TicketPrinter;
  try {
    printer = makePrinter(args, deps);
  } catch (e) {
    return fail(err, e);
  }
  try {
    const status = await printer.queryStatus();
    printStatus(out, status);
    return status.ok ? EXIT_OK : EXIT_DEVICE;
  } catch (e) {
    return fail(err, e);
  } finally {
    await printer.close();
  }
}

function makePrinter(args: PrinterCommandArgs, deps: PrinterCommandDeps): TicketPrinter {
  return TicketPrinter.forTarget(args.to, {
    ...(args.baudRate ? { baudRate: args.baudRate } : {}),
    ...(deps.binding ? { binding: deps.binding } : {}),
    statusTimeoutMs: deps.statusTimeoutMs ?? 1000,
  });
}

function printStatus(out: (line: string) => void, s: PrinterStatus): void {
  out(`打印机状态：${s.text}`);
  out(`Printer status: ${s.textEn}`);
  const raw = Object.entries(s.raw)
    .map(([k, v]) => `${k}=0x${v.toString(16).padStart(2, '0').toUpperCase()}`)
    .join(' ');
  if (raw) out(`DLE EOT: ${raw}`);
}

function fail(out: (line: string) => void, e: unknown): number {
  const err = isDeviceError(e) ? e : new DeviceError('PRINTER_ERROR', String(e), String(e));
  out(`错误：${err.messageZh}`);
  out(`Error: ${err.messageEn}`);
  return EXIT_DEVICE;
}
