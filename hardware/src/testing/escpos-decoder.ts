/**
 * Test-side ESC/POS decoder for the subset OneDoor emits — written from the command tables in
 * shared/reference/hardware.md §2, independently of the encoder (it shares no code with printer/escpos.ts), so a
 * test can decode what the printer path produced and compare it with the template input.
 * Text runs are decoded with iconv-lite 'gbk'.
 */
import iconv from 'iconv-lite';

export type EscPosOp =
  | { op: 'init' }
  | { op: 'chinese-mode'; on: boolean }
  | { op: 'align'; align: 'left' | 'center' | 'right' }
  | { op: 'bold'; on: boolean }
  | { op: 'underline'; n: number }
  | { op: 'size'; width: number; height: number }
  | { op: 'print-mode'; n: number }
  | { op: 'chinese-print-mode'; n: number }
  | { op: 'code-table'; n: number }
  | { op: 'international'; n: number }
  | { op: 'text'; text: string; bytes: Uint8Array }
  | { op: 'lf' }
  | { op: 'feed'; lines: number }
  | { op: 'cut'; m: number; n: number | null }
  | { op: 'qr-model'; model: number }
  | { op: 'qr-size'; size: number }
  | { op: 'qr-error-level'; level: 'L' | 'M' | 'Q' | 'H' }
  | { op: 'qr-store'; declared: number; data: Uint8Array; text: string }
  | { op: 'qr-print' }
  | { op: 'barcode'; m: number; data: Uint8Array }
  | { op: 'raster'; width: number; height: number }
  | { op: 'status-request'; n: number }
  | { op: 'other'; name: string; bytes: Uint8Array }
  | { op: 'unknown'; bytes: Uint8Array; offset: number };

/** A printed line with the attributes in force when its first character was sent. */
export interface DecodedLine {
  text: string;
  align: 'left' | 'center' | 'right';
  bold: boolean;
  width: number;
  height: number;
}

export interface DecodedReceipt {
  ops: EscPosOp[];
  lines: DecodedLine[];
  qrCodes: { text: string; declared: number; byteLength: number }[];
  cuts: number;
  unknown: EscPosOp[];
  /** True when the stream ended in the middle of a command. */
  truncated: boolean;
}

/** ESC / GS / FS commands with a fixed number of parameter bytes. */
const FIXED: Record<number, Record<number, [name: string, params: number]>> = {
  0x1b: {
    0x40: ['ESC @', 0],
    0x61: ['ESC a', 1],
    0x45: ['ESC E', 1],
    0x2d: ['ESC -', 1],
    0x64: ['ESC d', 1],
    0x74: ['ESC t', 1],
    0x52: ['ESC R', 1],
    0x21: ['ESC !', 1],
    0x32: ['ESC 2', 0],
    0x33: ['ESC 3', 1],
    0x4a: ['ESC J', 1],
    0x20: ['ESC SP', 1],
    0x4d: ['ESC M', 1],
    0x7b: ['ESC {', 1],
    0x47: ['ESC G', 1],
    0x70: ['ESC p', 3],
    0x42: ['ESC B', 2],
  },
  0x1d: {
    0x21: ['GS !', 1],
    0x42: ['GS B', 1],
    0x48: ['GS H', 1],
    0x66: ['GS f', 1],
    0x68: ['GS h', 1],
    0x77: ['GS w', 1],
    0x72: ['GS r', 1],
    0x4c: ['GS L', 2],
    0x57: ['GS W', 2],
  },
  0x1c: { 0x26: ['FS &', 0], 0x2e: ['FS .', 0], 0x21: ['FS !', 1], 0x57: ['FS W', 1], 0x43: ['FS C', 1] },
};

export function decodeEscPos(input: Uint8Array): DecodedReceipt {
  const b = input;
  const ops: EscPosOp[] = [];
  let i = 0;
  let truncated = false;
  const need = (n: number): boolean => {
    if (i + n > b.length) {
      truncated = true;
      return false;
    }
    return true;
  };
  while (i < b.length) {
    const c = b[i]!;
    if (c === 0x0a) {
      ops.push({ op: 'lf' });
      i++;
      continue;
    }
    if (c === 0x0d) {
      i++;
      continue;
    }
    if (c === 0x10) {
      if (!need(3)) break;
      if (b[i + 1] === 0x04) ops.push({ op: 'status-request', n: b[i + 2]! });
      else ops.push({ op: 'unknown', bytes: b.slice(i, i + 3), offset: i });
      i += 3;
      continue;
    }
    if (c === 0x1b || c === 0x1d || c === 0x1c) {
      if (!need(2)) break;
      const fn = b[i + 1]!;
      if (c === 0x1d && fn === 0x28) {
        // GS ( x pL pH body — pL/pH count the body bytes
        if (!need(5)) break;
        const sub = b[i + 2]!;
        const len = b[i + 3]! | (b[i + 4]! << 8);
        if (!need(5 + len)) break;
        const body = b.slice(i + 5, i + 5 + len);
        ops.push(
          sub === 0x6b && body[0] === 0x31
            ? qrOp(body, len)
            : { op: 'other', name: `GS ( ${String.fromCharCode(sub)}`, bytes: body },
        );
        i += 5 + len;
        continue;
      }
      if (c === 0x1d && fn === 0x56) {
        // GS V m [n]: m 0/1/48/49 without n, 65/66 with n
        if (!need(3)) break;
        const m = b[i + 2]!;
        const hasN = m === 65 || m === 66;
        if (hasN && !need(4)) break;
        ops.push({ op: 'cut', m, n: hasN ? b[i + 3]! : null });
        i += hasN ? 4 : 3;
        continue;
      }
      if (c === 0x1d && fn === 0x6b) {
        // GS k m: m 0..6 data NUL-terminated; m 65..73 length-prefixed
        if (!need(3)) break;
        const m = b[i + 2]!;
        if (m >= 65) {
          if (!need(4)) break;
          const n = b[i + 3]!;
          if (!need(4 + n)) break;
          ops.push({ op: 'barcode', m, data: b.slice(i + 4, i + 4 + n) });
          i += 4 + n;
        } else {
          const end = b.indexOf(0, i + 3);
          if (end < 0) {
            truncated = true;
            break;
          }
          ops.push({ op: 'barcode', m, data: b.slice(i + 3, end) });
          i = end + 1;
        }
        continue;
      }
      if (c === 0x1d && fn === 0x76 && b[i + 2] === 0x30) {
        // GS v 0 m xL xH yL yH d1…dk, k = (xL + xH×256) × (yL + yH×256)
        if (!need(8)) break;
        const x = b[i + 4]! | (b[i + 5]! << 8);
        const y = b[i + 6]! | (b[i + 7]! << 8);
        if (!need(8 + x * y)) break;
        ops.push({ op: 'raster', width: x * 8, height: y });
        i += 8 + x * y;
        continue;
      }
      const known = FIXED[c]?.[fn];
      if (!known) {
        ops.push({ op: 'unknown', bytes: b.slice(i, i + 2), offset: i });
        i += 2;
        continue;
      }
      const [name, params] = known;
      if (!need(2 + params)) break;
      const p = b.slice(i + 2, i + 2 + params);
      ops.push(fixedOp(name, p));
      i += 2 + params;
      continue;
    }
    if (c < 0x20) {
      ops.push({ op: 'unknown', bytes: b.slice(i, i + 1), offset: i });
      i++;
      continue;
    }
    // A text run: everything up to the next control byte (GBK lead and trail bytes are all ≥ 0x40).
    let j = i;
    while (j < b.length && b[j]! >= 0x20) j++;
    const bytes = b.slice(i, j);
    ops.push({ op: 'text', text: iconv.decode(Buffer.from(bytes), 'gbk'), bytes });
    i = j;
  }
  return summarise(ops, truncated);
}

function qrOp(body: Uint8Array, len: number): EscPosOp {
  const fn = body[1];
  switch (fn) {
    case 0x41:
      return { op: 'qr-model', model: body[2]! - 48 };
    case 0x43:
      return { op: 'qr-size', size: body[2]! };
    case 0x45:
      return { op: 'qr-error-level', level: (['L', 'M', 'Q', 'H'] as const)[body[2]! - 48] ?? 'L' };
    case 0x50: {
      const data = body.slice(3);
      return { op: 'qr-store', declared: len - 3, data, text: Buffer.from(data).toString('utf8') };
    }
    case 0x51:
      return { op: 'qr-print' };
    default:
      return { op: 'other', name: `GS ( k fn ${String(fn)}`, bytes: body };
  }
}

function fixedOp(name: string, p: Uint8Array): EscPosOp {
  const n = p[0] ?? 0;
  switch (name) {
    case 'ESC @':
      return { op: 'init' };
    case 'FS &':
      return { op: 'chinese-mode', on: true };
    case 'FS .':
      return { op: 'chinese-mode', on: false };
    case 'ESC a':
      return { op: 'align', align: n === 1 || n === 49 ? 'center' : n === 2 || n === 50 ? 'right' : 'left' };
    case 'ESC E':
      return { op: 'bold', on: (n & 1) === 1 };
    case 'ESC -':
      return { op: 'underline', n };
    case 'GS !':
      return { op: 'size', width: (n >> 4) + 1, height: (n & 0x0f) + 1 };
    case 'ESC !':
      return { op: 'print-mode', n };
    case 'FS !':
      return { op: 'chinese-print-mode', n };
    case 'ESC d':
      return { op: 'feed', lines: n };
    case 'ESC t':
      return { op: 'code-table', n };
    case 'ESC R':
      return { op: 'international', n };
    default:
      return { op: 'other', name, bytes: p };
  }
}

function summarise(ops: EscPosOp[], truncated: boolean): DecodedReceipt {
  const lines: DecodedLine[] = [];
  const attrs = { align: 'left' as DecodedLine['align'], bold: false, width: 1, height: 1 };
  let current: DecodedLine | null = null;
  const qrCodes: DecodedReceipt['qrCodes'] = [];
  let cuts = 0;
  for (const op of ops) {
    switch (op.op) {
      case 'init':
        Object.assign(attrs, { align: 'left', bold: false, width: 1, height: 1 });
        break;
      case 'align':
        attrs.align = op.align;
        break;
      case 'bold':
        attrs.bold = op.on;
        break;
      case 'size':
        attrs.width = op.width;
        attrs.height = op.height;
        break;
      case 'text':
        current ??= { text: '', ...attrs };
        current.text += op.text;
        break;
      case 'lf':
        lines.push(current ?? { text: '', ...attrs });
        current = null;
        break;
      case 'qr-store':
        qrCodes.push({ text: op.text, declared: op.declared, byteLength: op.data.length });
        break;
      case 'cut':
        cuts++;
        break;
      default:
        break;
    }
  }
  if (current) lines.push(current);
  return { ops, lines, qrCodes, cuts, unknown: ops.filter((o) => o.op === 'unknown'), truncated };
}
