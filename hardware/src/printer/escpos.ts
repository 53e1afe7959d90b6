/**
 * ESC/POS encoder for Chinese tickets: a pure builder (chained methods, `encode()` returns the bytes), patterned on
 * ReceiptPrinterEncoder. Facts and byte layouts: shared/reference/hardware.md §2.
 *
 * What it gets right that node-thermal-printer 4.6.1 does not (reference §2.5):
 * - sends FS & (Chinese mode) after ESC @ instead of relying on the power-on default;
 * - encodes text with iconv-lite 'gbk' (2-byte codes only) and replaces characters outside GBK with '?' plus a
 *   warning — it never switches code page (node-thermal-printer emits `ESC t 0 9D` for ¥, which a Chinese-mode
 *   printer reads as half a GBK pair);
 * - folds lines by display columns (CJK = 2, ASCII = 1), not by string length;
 * - GS ! puts the width in the high nibble (node-thermal-printer's setTextSize puts height there);
 * - GS ( k store-data pL/pH count the payload BYTES + 3 (node-thermal-printer counts UTF-16 units).
 */
import iconv from 'iconv-lite';

/** Paper widths in columns of the 12×24 font: 58 mm = 32, 80 mm = 48. */
export const PAPER_COLUMNS = { '58mm': 32, '80mm': 48 } as const;

export type Align = 'left' | 'center' | 'right';
export type QrErrorLevel = 'L' | 'M' | 'Q' | 'H';

/**
 * How ¥ (U+00A5, not in GBK) is printed:
 * - '￥' (default): the full-width yuan sign U+FFE5, GB2312 `A3 A4`, present on every Chinese-firmware printer;
 * - '元': the character 元 (`D4 AA`) in its place;
 * - 'Y': a plain ASCII Y.
 */
export type YenStyle = '￥' | '元' | 'Y';

/** Options for {@link EscPosEncoder}. */
export interface EscPosEncoderOptions {
  /** Line width in columns, default 48 (80 mm paper); 32 for 58 mm. */
  columns?: number;
  /** Replacement for ¥, default '￥' (see {@link YenStyle}). */
  yen?: YenStyle;
}

/** Options for {@link EscPosEncoder.qr}. */
export interface QrOptions {
  /** Module size in dots, 1..16, default 6. */
  size?: number;
  /** Error correction, default 'M' (15 %). */
  errorLevel?: QrErrorLevel;
}

const ESC = 0x1b;
const GS = 0x1d;
const FS = 0x1c;
const LF = 0x0a;
/** Largest GS ( k store-data payload: pL+pH×256 ≤ 7092, minus the 3 bytes cn fn m. */
export const QR_MAX_BYTES = 7089;

/** Display columns of one character on a Chinese-mode printer: ASCII 1, anything GBK-encoded as 2 bytes 2. */
export function charColumns(ch: string): number {
  return ch.codePointAt(0)! < 0x80 ? 1 : 2;
}

/** Display columns of a string (after {@link toPrintable}). */
export function textColumns(s: string): number {
  let n = 0;
  for (const ch of s) n += charColumns(ch);
  return n;
}

/**
 * Maps a string to what the printer can print: ¥ per `yen`, NBSP and tab to space, other control characters
 * dropped, and every character iconv-lite cannot encode as 1 ASCII byte or 2 GBK bytes to '?'. Returns the text
 * and one warning per replaced character.
 */
export function toPrintable(text: string, yen: YenStyle = '￥'): { text: string; warnings: string[] } {
  let out = '';
  const warnings: string[] = [];
  for (const raw of text) {
    let ch = raw;
    if (ch === '¥') ch = yen;
    else if (ch === '\u00a0' || ch === '\t') ch = ' ';
    const cp = ch.codePointAt(0)!;
    if (cp < 0x20 || cp === 0x7f) continue;
    if (cp < 0x80) {
      out += ch;
      continue;
    }
    const bytes = iconv.encode(ch, 'gbk');
    if (bytes.length === 2 && bytes[0]! >= 0x81) {
      out += ch;
    } else {
      out += '?';
      warnings.push(
        `「${raw}」(U+${cp.toString(16).toUpperCase().padStart(4, '0')}) 不在 GBK 字库中，已打印为 ? / not in GBK, printed as ?`,
      );
    }
  }
  return { text: out, warnings };
}

/** GBK bytes of printable text (see {@link toPrintable}). */
export function encodeGbk(printable: string): Uint8Array {
  return Uint8Array.from(iconv.encode(printable, 'gbk'));
}

/**
 * Folds text into lines of at most `width` columns. CJK characters may break anywhere; runs of ASCII non-space
 * characters (words, numbers, URLs) move to the next line whole when they fit on one, and are cut when longer.
 * Explicit '\n' starts a new line.
 */
export function foldColumns(text: string, width: number): string[] {
  if (width < 2) throw new RangeError('line width must be at least 2 columns');
  const lines: string[] = [];
  for (const para of text.split('\n')) {
    const tokens = para.match(/[\x21-\x7e]+| +|[^\x20-\x7e]/gu) ?? [];
    let line = '';
    let cols = 0;
    const flush = (): void => {
      lines.push(line.trimEnd());
      line = '';
      cols = 0;
    };
    for (const token of tokens) {
      const w = textColumns(token);
      if (cols + w <= width) {
        line += token;
        cols += w;
        continue;
      }
      if (token.startsWith(' ')) {
        flush(); // spaces at a break are dropped
        continue;
      }
      if (w <= width && /^[\x21-\x7e]/.test(token)) {
        flush();
        line = token;
        cols = w;
        continue;
      }
      for (const ch of token) {
        const cw = charColumns(ch);
        if (cols + cw > width) flush();
        line += ch;
        cols += cw;
      }
    }
    lines.push(line.trimEnd());
  }
  return lines;
}

/** Builds an ESC/POS byte stream. Every method appends and returns `this`; `encode()` returns the bytes. */
export class EscPosEncoder {
  private readonly chunks: number[] = [];
  private readonly columns: number;
  private readonly yen: YenStyle;
  private widthMultiplier = 1;
  /** Characters that had to be replaced by '?' (Chinese + English). */
  readonly warnings: string[] = [];

  constructor(options: EscPosEncoderOptions = {}) {
    this.columns = options.columns ?? PAPER_COLUMNS['80mm'];
    if (!Number.isInteger(this.columns) || this.columns < 8) throw new RangeError('columns must be an integer ≥ 8');
    this.yen = options.yen ?? '￥';
  }

  /** Line width in columns at the current character width. */
  get lineColumns(): number {
    return Math.floor(this.columns / this.widthMultiplier);
  }

  /** ESC @ (reset) then FS & (Chinese character mode). Start every ticket with it. */
  initialize(): this {
    /* ESC @ — initialize printer */
    this.push(ESC, 0x40);
    /* FS & — select Chinese character mode (2-byte GB codes) */
    this.push(FS, 0x26);
    this.widthMultiplier = 1;
    return this;
  }

  /** FS & (on) or FS . (off). */
  chineseMode(on = true): this {
    /* FS & — Chinese mode on / FS . — Chinese mode off */
    this.push(FS, on ? 0x26 : 0x2e);
    return this;
  }

  align(a: Align): this {
    /* ESC a n — justification: 0 left, 1 centre, 2 right */
    this.push(ESC, 0x61, a === 'left' ? 0 : a === 'center' ? 1 : 2);
    return this;
  }

  bold(on = true): this {
    /* ESC E n — emphasized mode */
    this.push(ESC, 0x45, on ? 1 : 0);
    return this;
  }

  underline(on = true): this {
    /* ESC - n — underline: 0 off, 1 one dot */
    this.push(ESC, 0x2d, on ? 1 : 0);
    return this;
  }

  /** Character size multipliers 1..8. GS ! n: bits 4–7 = width − 1, bits 0–3 = height − 1. */
  size(width: number, height = width): this {
    for (const [name, v] of [
      ['width', width],
      ['height', height],
    ] as const) {
      if (!Number.isInteger(v) || v < 1 || v > 8) throw new RangeError(`${name} must be between 1 and 8`);
    }
    /* GS ! n — select character size */
    this.push(GS, 0x21, ((width - 1) << 4) | (height - 1));
    this.widthMultiplier = width;
    return this;
  }

  /** Text without a line feed and without folding. */
  text(s: string): this {
    const p = toPrintable(s, this.yen);
    this.warnings.push(...p.warnings);
    this.pushBytes(encodeGbk(p.text));
    return this;
  }

  /** Text folded to the line width (at the current character width), each line ended with LF. */
  line(s = ''): this {
    const p = toPrintable(s, this.yen);
    this.warnings.push(...p.warnings);
    for (const l of foldColumns(p.text, this.lineColumns)) {
      this.pushBytes(encodeGbk(l));
      /* LF — print and feed one line */
      this.push(LF);
    }
    return this;
  }

  newline(count = 1): this {
    for (let i = 0; i < count; i++) this.push(LF);
    return this;
  }

  /** A full-width rule of `ch` (an ASCII character). */
  rule(ch = '-'): this {
    return this.line(ch.repeat(this.lineColumns));
  }

  /** Left text and right text on one line, padded by columns; folds the left part when both do not fit. */
  leftRight(left: string, right: string): this {
    const l = toPrintable(left, this.yen);
    const r = toPrintable(right, this.yen);
    this.warnings.push(...l.warnings, ...r.warnings);
    const width = this.lineColumns;
    const rw = textColumns(r.text);
    const lines = foldColumns(l.text, Math.max(2, width - rw - 1));
    const last = lines.pop() ?? '';
    for (const x of lines) this.pushBytes(encodeGbk(x)).push(LF);
    const pad = Math.max(1, width - textColumns(last) - rw);
    this.pushBytes(encodeGbk(last + ' '.repeat(pad) + r.text)).push(LF);
    return this;
  }

  /**
   * QR code via GS ( k (model 2). The payload is sent as UTF-8 bytes (what phone scanners expect for non-ASCII),
   * and pL/pH = payload bytes + 3.
   */
  qr(data: string, options: QrOptions = {}): this {
    const payload = Buffer.from(data, 'utf8');
    if (payload.length === 0) throw new RangeError('QR data is empty');
    if (payload.length > QR_MAX_BYTES)
      throw new RangeError(`QR data is ${payload.length} bytes; at most ${QR_MAX_BYTES}`);
    const size = options.size ?? 6;
    if (!Number.isInteger(size) || size < 1 || size > 16) throw new RangeError('QR size must be between 1 and 16');
    const level = { L: 48, M: 49, Q: 50, H: 51 }[options.errorLevel ?? 'M'];
    /* GS ( k fn 165 — select model: 2 */
    this.push(GS, 0x28, 0x6b, 0x04, 0x00, 0x31, 0x41, 0x32, 0x00);
    /* GS ( k fn 167 — module size */
    this.push(GS, 0x28, 0x6b, 0x03, 0x00, 0x31, 0x43, size);
    /* GS ( k fn 169 — error correction level */
    this.push(GS, 0x28, 0x6b, 0x03, 0x00, 0x31, 0x45, level);
    /* GS ( k fn 180 — store data: pL pH = k + 3 (cn fn m), little-endian */
    const k = payload.length + 3;
    this.push(GS, 0x28, 0x6b, k & 0xff, k >> 8, 0x31, 0x50, 0x30);
    this.pushBytes(payload);
    /* GS ( k fn 181 — print the stored symbol */
    this.push(GS, 0x28, 0x6b, 0x03, 0x00, 0x31, 0x51, 0x30);
    return this;
  }

  /** ESC d n — print and feed n lines. */
  feed(lines = 1): this {
    if (!Number.isInteger(lines) || lines < 0 || lines > 255) throw new RangeError('feed lines must be 0..255');
    this.push(ESC, 0x64, lines);
    return this;
  }

  /** GS V 66 n (feed n dots' worth then partial cut) or GS V 65 n (full cut). Default partial, n = 3. */
  cut(options: { partial?: boolean; feed?: number } = {}): this {
    const n = options.feed ?? 3;
    if (!Number.isInteger(n) || n < 0 || n > 255) throw new RangeError('cut feed must be 0..255');
    /* GS V m n — m 66 = feed n and partial cut, 65 = feed n and full cut */
    this.push(GS, 0x56, options.partial === false ? 65 : 66, n);
    return this;
  }

  /** Appends bytes as they are (e.g. a raster logo). */
  raw(bytes: Uint8Array | readonly number[]): this {
    this.pushBytes(bytes);
    return this;
  }

  encode(): Uint8Array {
    return Uint8Array.from(this.chunks);
  }

  private push(...bytes: number[]): this {
    for (const b of bytes) this.chunks.push(b);
    return this;
  }

  private pushBytes(bytes: Uint8Array | readonly number[]): this {
    for (const b of bytes) this.chunks.push(b);
    return this;
  }
}
