/**
 * Ticket templates as data: each template turns its input into a list of blocks, and `renderBlocks` turns blocks
 * into ESC/POS bytes with the encoder. Tests can look at the blocks, the bytes, or the bytes decoded back.
 */
import { EscPosEncoder, PAPER_COLUMNS, type Align, type QrErrorLevel, type YenStyle } from './escpos.js';

/** One piece of a ticket. */
export type TicketBlock =
  | {
      type: 'text';
      text: string;
      align?: Align;
      bold?: boolean;
      /** [width, height] multipliers, 1..8 */ size?: [number, number];
    }
  | { type: 'pair'; left: string; right: string }
  | { type: 'rule'; char?: string }
  | { type: 'qr'; data: string; size?: number; errorLevel?: QrErrorLevel; align?: Align }
  | { type: 'feed'; lines: number }
  | { type: 'cut' };

export type PaperWidth = keyof typeof PAPER_COLUMNS;

/** Options for {@link renderBlocks}. */
export interface RenderOptions {
  /** '58mm' (32 columns) or '80mm' (48 columns), default '80mm'. */
  paper?: PaperWidth;
  /** How ¥ is printed, default '￥' (see YenStyle). */
  yen?: YenStyle;
}

/** Rendered bytes plus the characters that had to be replaced. */
export interface RenderedTicket {
  bytes: Uint8Array;
  warnings: string[];
}

/** Renders blocks: ESC @ + FS & first, alignment/bold/size reset after each block, cut at the end if asked. */
export function renderBlocks(blocks: readonly TicketBlock[], options: RenderOptions = {}): RenderedTicket {
  const enc = new EscPosEncoder({
    columns: PAPER_COLUMNS[options.paper ?? '80mm'],
    ...(options.yen ? { yen: options.yen } : {}),
  });
  enc.initialize();
  for (const b of blocks) {
    switch (b.type) {
      case 'text': {
        enc.align(b.align ?? 'left');
        if (b.bold) enc.bold(true);
        if (b.size) enc.size(b.size[0], b.size[1]);
        enc.line(b.text);
        if (b.size) enc.size(1, 1);
        if (b.bold) enc.bold(false);
        break;
      }
      case 'pair':
        enc.align('left').leftRight(b.left, b.right);
        break;
      case 'rule':
        enc.align('left').rule(b.char ?? '-');
        break;
      case 'qr':
        enc.align(b.align ?? 'center').qr(b.data, {
          ...(b.size ? { size: b.size } : {}),
          ...(b.errorLevel ? { errorLevel: b.errorLevel } : {}),
        });
        enc.newline();
        break;
      case 'feed':
        enc.feed(b.lines);
        break;
      case 'cut':
        enc.align('left').cut();
        break;
    }
  }
  return { bytes: enc.encode(), warnings: [...enc.warnings] };
}

/** `YYYY-MM-DD HH:mm` in the hall's time zone. */
export function formatHallTime(at: Date, timeZone = 'Asia/Shanghai'): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(at);
  const get = (t: Intl.DateTimeFormatPartTypes): string => parts.find((p) => p.type === t)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')}`;
}

/** Input of the queue ticket (取号凭条). */
export interface QueueTicketData {
  hallName: string;
  /** e.g. A001 */
  ticketNumber: string;
  serviceName: string;
  peopleAhead: number;
  /** Estimated wait in minutes; null when unknown. */
  estimatedWaitMinutes: number | null;
  issuedAt: Date;
  /** Hall time zone, default Asia/Shanghai. */
  timeZone?: string;
  /** URL where the visitor follows the ticket's progress (QR). */
  progressUrl: string;
  /** Masked holder name (张*三) when the ticket was taken with an ID card. */
  holderName?: string;
  /** Notice line, default 「请留意叫号，过号请到服务台重新取号」. */
  notice?: string;
}

export const DEFAULT_TICKET_NOTICE = '请留意叫号，过号请到服务台重新取号';

export function queueTicketBlocks(d: QueueTicketData): TicketBlock[] {
  const wait =
    d.estimatedWaitMinutes === null
      ? '预计等待：请留意叫号'
      : `预计等待：约 ${Math.max(0, Math.round(d.estimatedWaitMinutes))} 分钟`;
  const blocks: TicketBlock[] = [
    { type: 'text', text: d.hallName, align: 'center', bold: true, size: [2, 2] },
    { type: 'rule' },
    { type: 'text', text: '您的号码', align: 'center' },
    { type: 'text', text: d.ticketNumber, align: 'center', bold: true, size: [4, 4] },
    { type: 'text', text: `办理业务：${d.serviceName}`, bold: true },
    { type: 'text', text: `前面等待：${d.peopleAhead} 人` },
    { type: 'text', text: wait },
  ];
  if (d.holderName) blocks.push({ type: 'text', text: `取号人：${d.holderName}` });
  blocks.push(
    { type: 'text', text: `取号时间：${formatHallTime(d.issuedAt, d.timeZone)}` },
    { type: 'qr', data: d.progressUrl, size: 6 },
    { type: 'text', text: '微信扫码查看排队进度', align: 'center' },
    { type: 'rule' },
    { type: 'text', text: d.notice ?? DEFAULT_TICKET_NOTICE, align: 'center' },
    { type: 'feed', lines: 3 },
    { type: 'cut' },
  );
  return blocks;
}

/** A received or missing material. */
export interface MaterialLine {
  name: string;
  /** 原件 / 复印件 / 电子 … */
  form?: string;
  copies?: number;
}

/** Input of the 受理回执 (acceptance receipt). */
export interface AcceptanceReceiptData {
  hallName: string;
  caseNumber: string;
  matterName: string;
  /** 网上预审号 of an application pre-reviewed online. */
  pretrialCode?: string;
  /** Masked applicant name. */
  applicantName: string;
  /** Masked ID number (4201**********1234), printed beside the name when given. */
  applicantId?: string;
  /** 办理情形 as answered at the window: the materials follow from them. */
  situations?: { question: string; answer: string }[];
  receivedMaterials: MaterialLine[];
  /** 容缺受理: materials accepted as missing, each due by a date (YYYY-MM-DD). */
  toleratedMaterials?: { name: string; dueDate: string }[];
  /** Materials the clerk fetched as 电子证照 instead of a paper copy. */
  fetchedCertificates?: string[];
  /** Promised completion date YYYY-MM-DD (承诺办结日期). */
  promisedDate: string;
  acceptedAt: Date;
  timeZone?: string;
  windowName?: string;
  /** URL to check the case (QR). */
  queryUrl: string;
  /** Contact phone of the hall. */
  phone?: string;
}

export function acceptanceReceiptBlocks(d: AcceptanceReceiptData): TicketBlock[] {
  const blocks: TicketBlock[] = [
    { type: 'text', text: d.hallName, align: 'center', bold: true },
    { type: 'text', text: '受理回执', align: 'center', bold: true, size: [2, 2] },
    { type: 'rule' },
    { type: 'text', text: `办件编号：${d.caseNumber}` },
    { type: 'text', text: `办理事项：${d.matterName}` },
    ...(d.pretrialCode ? [{ type: 'text' as const, text: `网上预审号：${d.pretrialCode}` }] : []),
    { type: 'text', text: `申请人：${d.applicantName}${d.applicantId ? `  ${d.applicantId}` : ''}` },
    { type: 'text', text: `受理时间：${formatHallTime(d.acceptedAt, d.timeZone)}` },
  ];
  if (d.windowName) blocks.push({ type: 'text', text: `受理窗口：${d.windowName}` });
  for (const s of d.situations ?? []) blocks.push({ type: 'text', text: `${s.question}：${s.answer}` });
  blocks.push({ type: 'rule' }, { type: 'text', text: `已收材料（${d.receivedMaterials.length} 项）：`, bold: true });
  d.receivedMaterials.forEach((m, i) => {
    const detail = [m.form, m.copies !== undefined ? `${m.copies}份` : undefined].filter(Boolean).join(' ');
    blocks.push({ type: 'pair', left: `${i + 1}. ${m.name}`, right: detail });
  });
  if (d.fetchedCertificates?.length) {
    blocks.push({ type: 'text', text: `电子证照已调取（${d.fetchedCertificates.length} 项）：`, bold: true });
    d.fetchedCertificates.forEach((name, i) => blocks.push({ type: 'text', text: `${i + 1}. ${name}` }));
  }
  // 容缺: the visitor leaves with the case accepted, so the paper must say what is still owed and by when.
  if (d.toleratedMaterials?.length) {
    blocks.push({ type: 'text', text: `容缺后补（${d.toleratedMaterials.length} 项）：`, bold: true });
    d.toleratedMaterials.forEach((m, i) =>
      blocks.push({ type: 'text', text: `${i + 1}. ${m.name}` }, { type: 'text', text: `   请于 ${m.dueDate} 前补交` }),
    );
  }
  blocks.push(
    { type: 'rule' },
    { type: 'text', text: `承诺办结日期：${d.promisedDate}`, bold: true },
    { type: 'qr', data: d.queryUrl, size: 5 },
    { type: 'text', text: '扫码查询办件进度', align: 'center' },
  );
  if (d.phone) blocks.push({ type: 'text', text: `咨询电话：${d.phone}`, align: 'center' });
  blocks.push({ type: 'feed', lines: 3 }, { type: 'cut' });
  return blocks;
}

/** A missing material and why it is needed or why what was brought is not enough. */
export interface MissingMaterial {
  name: string;
  reason: string;
}

/** Input of the 一次性告知书 (one-time notice of everything still missing). */
export interface OneTimeNoticeData {
  hallName: string;
  matterName: string;
  applicantName: string;
  missingMaterials: MissingMaterial[];
  issuedAt: Date;
  timeZone?: string;
  windowName?: string;
  phone?: string;
  /** Optional URL with the matter's guide (QR). */
  guideUrl?: string;
}

export function oneTimeNoticeBlocks(d: OneTimeNoticeData): TicketBlock[] {
  const blocks: TicketBlock[] = [
    { type: 'text', text: d.hallName, align: 'center', bold: true },
    { type: 'text', text: '一次性告知书', align: 'center', bold: true, size: [2, 2] },
    { type: 'rule' },
    { type: 'text', text: `${d.applicantName}：` },
    {
      type: 'text',
      text: `您申请办理的「${d.matterName}」，尚需补齐以下材料（共 ${d.missingMaterials.length} 项），补齐后即可受理：`,
    },
  ];
  d.missingMaterials.forEach((m, i) => {
    blocks.push(
      { type: 'text', text: `${i + 1}. ${m.name}`, bold: true },
      { type: 'text', text: `   原因：${m.reason}` },
    );
  });
  blocks.push({ type: 'rule' }, { type: 'text', text: `告知时间：${formatHallTime(d.issuedAt, d.timeZone)}` });
  if (d.windowName) blocks.push({ type: 'text', text: `告知窗口：${d.windowName}` });
  if (d.phone) blocks.push({ type: 'text', text: `咨询电话：${d.phone}` });
  if (d.guideUrl)
    blocks.push({ type: 'qr', data: d.guideUrl, size: 5 }, { type: 'text', text: '扫码查看办事指南', align: 'center' });
  blocks.push({ type: 'feed', lines: 3 }, { type: 'cut' });
  return blocks;
}

export const renderQueueTicket = (d: QueueTicketData, o?: RenderOptions): RenderedTicket =>
  renderBlocks(queueTicketBlocks(d), o);

/**
 * Renders a throw-away queue ticket, for a device to call at start-up: the encoder's first ticket loads iconv-lite's
 * GBK table and ICU's data for the time zone (≈ 65 ms cold, against ≈ 1 ms for the next), which the first visitor
 * would otherwise wait for.
 */
export function preloadTicketEncoder(timeZone?: string): void {
  const sample = {
    hallName: '预热',
    ticketNumber: 'A001',
    serviceName: '预热',
    peopleAhead: 0,
    estimatedWaitMinutes: 0,
    issuedAt: new Date(),
    progressUrl: 'https://onedoor.invalid/',
  };
  try {
    renderQueueTicket({ ...sample, ...(timeZone ? { timeZone } : {}) });
  } catch {
    // A zone ICU does not know fails each real ticket, where it is reported; it must not stop the device starting.
    renderQueueTicket(sample);
  }
}
export const renderAcceptanceReceipt = (d: AcceptanceReceiptData, o?: RenderOptions): RenderedTicket =>
  renderBlocks(acceptanceReceiptBlocks(d), o);
export const renderOneTimeNotice = (d: OneTimeNoticeData, o?: RenderOptions): RenderedTicket =>
  renderBlocks(oneTimeNoticeBlocks(d), o);
