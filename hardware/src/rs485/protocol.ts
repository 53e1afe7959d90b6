/**
 * The wired call-pad / evaluator / window-strip protocol on a shared RS-485 line (9600 8N1).
 *
 * Frame: `FF 68 | LEN | LEN | 68 | ADDR | CMD | DATA… | SUM | 16`
 *  - LEN = bytes from ADDR up to but not including SUM (= 2 + data length), sent twice.
 *  - SUM = (ADDR + CMD + DATA bytes) mod 256.
 *
 * Source: JackQChen/QueueSystem `CallSystem/CallSystem/frmMain.cs` (a queue system in production use) and the
 * "21键点阵液晶呼叫器通讯协议" document; see `/work/shared/reference/hardware.md` §4.3.
 *
 * Pure: bytes in, values out. No ports, no timers.
 */
import { type PadKey } from '@onedoor/protocol';

/** First two bytes of every frame. */
export const FRAME_HEAD = [0xff, 0x68] as const;
/** Third marker byte, after the two length bytes. */
export const FRAME_MARK = 0x68;
/** Last byte of every frame. */
export const FRAME_END = 0x16;
/** Bytes around the ADDR…DATA part: FF 68 LEN LEN 68 … SUM 16. */
export const FRAME_OVERHEAD = 7;

/** Command codes seen on the line. */
export const Cmd = {
  /**
   * Key frame from a pad (CMD is not checked by the reference host, which looks only at the data bytes; 0x01 is
   * what we send and what our simulator sends), and the host's reply to an evaluator rating.
   */
  KEY: 0x01,
  /** Host → device: digits on the pad/strip display, or the star level on an evaluator. */
  DISPLAY: 0x02,
  /** Host → device: beep. */
  BEEP: 0x03,
  /**
   * Host → window strip: GB2312 text. OneDoor extension: the public protocol documents digits only, so a strip
   * that takes text on this line must be set up for it (device option `display: 'text'`).
   */
  TEXT: 0x04,
  /** Evaluator → host: rating result, data[0] = value. */
  RATING: 0x11,
} as const;

/** Key codes: the LAST data byte of a pad frame. */
export const KeyCode = {
  /** 评价 start evaluation */
  START_EVALUATION: 0x0b,
  /** 呼叫 call next */
  CALL_NEXT: 0x0c,
  /** 重呼 recall */
  RECALL: 0x0d,
  /** 取消 cancel (unused by the reference host) */
  CANCEL: 0x0e,
  /** 确认 confirm, combined with the byte before it */
  CONFIRM: 0x0f,
  /** 一米 (unused by the reference host) */
  ONE_METRE: 0x11,
  /** 暂停 pause */
  PAUSE: 0x12,
  /** 转移 transfer */
  TRANSFER: 0x13,
} as const;

/** Digit bytes before CONFIRM (`0F`) that make a combo. */
export const ConfirmCombo = {
  /** `06 0F` 弃号 give up the ticket → no-show */
  GIVE_UP: 0x06,
  /** `00 0F` 挂起 hang → suspend */
  HANG: 0x00,
  /** `03 0F` 回呼 call back a hung ticket → resume */
  CALL_BACK: 0x03,
} as const;

/** Blank digit position on a pad display (`0A`). */
export const BLANK_DIGIT = 0x0a;

/** One decoded frame. */
export interface Rs485Frame {
  /** Device address on the bus, 0–255. */
  address: number;
  /** Command byte. */
  cmd: number;
  /** Data bytes (may be empty for host commands such as beep). */
  data: Uint8Array;
}

/**
 * Which side sent a frame. Frames from devices are held to the reference host's limits
 * (LEN 3..5, i.e. 1–3 data bytes); frames from the host may be longer (display commands use LEN 8).
 */
export type FrameOrigin = 'device' | 'host';

/** LEN limits per origin. */
export const LEN_LIMITS: Record<FrameOrigin, { min: number; max: number }> = {
  // The reference host rejects len <= 2 and len > 5 from pads.
  device: { min: 3, max: 5 },
  // Host commands: beep has LEN 2 (no data); text frames go up to one byte of LEN.
  host: { min: 2, max: 0xff },
};

/** (ADDR + CMD + DATA) mod 256. */
export function checksum(address: number, cmd: number, data: ArrayLike<number>): number {
  let sum = address + cmd;
  for (let i = 0; i < data.length; i++) sum += data[i]!;
  return sum & 0xff;
}

function assertByte(name: string, value: number): void {
  if (!Number.isInteger(value) || value < 0 || value > 0xff) {
    throw new RangeError(`${name} must be an integer 0–255, got ${String(value)}`);
  }
}

/** Builds `FF 68 LEN LEN 68 ADDR CMD DATA SUM 16`. Throws RangeError on out-of-range values. */
export function encodeFrame(frame: { address: number; cmd: number; data?: ArrayLike<number> }): Uint8Array {
  const data = frame.data ?? [];
  assertByte('address', frame.address);
  assertByte('cmd', frame.cmd);
  const len = 2 + data.length;
  if (len > 0xff) throw new RangeError(`frame data too long: ${data.length} bytes (at most 253)`);
  const out = new Uint8Array(len + FRAME_OVERHEAD);
  out[0] = FRAME_HEAD[0];
  out[1] = FRAME_HEAD[1];
  out[2] = len;
  out[3] = len;
  out[4] = FRAME_MARK;
  out[5] = frame.address;
  out[6] = frame.cmd;
  for (let i = 0; i < data.length; i++) {
    assertByte(`data[${i}]`, data[i]!);
    out[7 + i] = data[i]!;
  }
  out[7 + data.length] = checksum(frame.address, frame.cmd, data);
  out[8 + data.length] = FRAME_END;
  return out;
}

/** Why bytes were not accepted as a frame. */
export type FrameErrorReason = 'length-mismatch' | 'length-out-of-range' | 'bad-marker' | 'bad-checksum' | 'bad-end';

export type DecodeResult = { ok: true; frame: Rs485Frame } | { ok: false; reason: FrameErrorReason };

/** Decodes exactly one complete frame (no leading or trailing bytes). */
export function decodeFrame(bytes: Uint8Array, origin: FrameOrigin = 'device'): DecodeResult {
  if (bytes.length < FRAME_OVERHEAD + 2 || bytes[0] !== FRAME_HEAD[0] || bytes[1] !== FRAME_HEAD[1]) {
    return { ok: false, reason: 'bad-marker' };
  }
  const header = checkHeader(bytes, 0, origin);
  if (header !== null) return { ok: false, reason: header };
  const len = bytes[2]!;
  if (bytes.length !== len + FRAME_OVERHEAD) return { ok: false, reason: 'length-mismatch' };
  return checkBody(bytes.subarray(0, len + FRAME_OVERHEAD));
}

/** Checks LEN LEN 68 at `at` (which points at FF). Null when fine. */
function checkHeader(buf: Uint8Array, at: number, origin: FrameOrigin): FrameErrorReason | null {
  const len1 = buf[at + 2]!;
  const len2 = buf[at + 3]!;
  if (len1 !== len2) return 'length-mismatch';
  const { min, max } = LEN_LIMITS[origin];
  if (len1 < min || len1 > max) return 'length-out-of-range';
  if (buf[at + 4] !== FRAME_MARK) return 'bad-marker';
  return null;
}

/** Checks SUM and END of a complete frame whose header was already checked. */
function checkBody(frame: Uint8Array): DecodeResult {
  const len = frame[2]!;
  const address = frame[5]!;
  const cmd = frame[6]!;
  const data = frame.slice(7, 7 + len - 2);
  if (frame[7 + data.length] !== checksum(address, cmd, data)) return { ok: false, reason: 'bad-checksum' };
  if (frame[8 + data.length] !== FRAME_END) return { ok: false, reason: 'bad-end' };
  return { ok: true, frame: { address, cmd, data } };
}

/** What {@link Rs485FrameParser.push} finds in the stream. */
export type ParseEvent =
  { type: 'frame'; frame: Rs485Frame; raw: Uint8Array } | { type: 'error'; reason: FrameErrorReason; raw: Uint8Array };

/** Options for {@link Rs485FrameParser}. */
export interface Rs485FrameParserOptions {
  /** Whose frames this parser reads; sets the LEN limits. Defaults to `'device'` (the host's side of the bus). */
  origin?: FrameOrigin;
}

/**
 * Reassembles frames from arbitrary chunks. Garbage before a frame is skipped silently; a candidate that fails
 * a check is reported once and the parser resyncs on the next `FF 68` after its first byte, so one corrupt byte
 * never costs the frame behind it.
 */
export class Rs485FrameParser {
  private buf: Uint8Array = new Uint8Array(0);
  private readonly origin: FrameOrigin;

  constructor(options: Rs485FrameParserOptions = {}) {
    this.origin = options.origin ?? 'device';
  }

  /** Feeds bytes; returns every frame (and every rejected candidate) completed by them, in order. */
  push(chunk: Uint8Array): ParseEvent[] {
    this.buf = concat(this.buf, chunk);
    const events: ParseEvent[] = [];
    let pos = 0;
    for (;;) {
      const start = findHead(this.buf, pos);
      if (start < 0) {
        // Keep a trailing FF: it may be the first half of the next head.
        pos =
          this.buf.length > 0 && this.buf[this.buf.length - 1] === FRAME_HEAD[0]
            ? this.buf.length - 1
            : this.buf.length;
        break;
      }
      pos = start;
      if (this.buf.length - start < 5) break;
      const headerError = checkHeader(this.buf, start, this.origin);
      if (headerError !== null) {
        events.push({ type: 'error', reason: headerError, raw: this.buf.slice(start, start + 5) });
        pos = start + 1;
        continue;
      }
      const total = this.buf[start + 2]! + FRAME_OVERHEAD;
      if (this.buf.length - start < total) break;
      const raw = this.buf.slice(start, start + total);
      const result = checkBody(raw);
      if (result.ok) {
        events.push({ type: 'frame', frame: result.frame, raw });
        pos = start + total;
      } else {
        events.push({ type: 'error', reason: result.reason, raw });
        pos = start + 1;
      }
    }
    this.buf = this.buf.slice(pos);
    return events;
  }

  /** Drops buffered bytes (after a reconnect). */
  reset(): void {
    this.buf = new Uint8Array(0);
  }
}

function findHead(buf: Uint8Array, from: number): number {
  for (let i = from; i + 1 < buf.length; i++) {
    if (buf[i] === FRAME_HEAD[0] && buf[i + 1] === FRAME_HEAD[1]) return i;
  }
  return -1;
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  if (a.length === 0) return b.slice();
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Device → host meaning

/** A pad frame's data mapped to the hall's key vocabulary; null for unused keys (cancel, 一米) and unknown data. */
export function decodePadKey(data: Uint8Array): PadKey | null {
  if (data.length === 0) return null;
  const last: number = data[data.length - 1]!;
  switch (last) {
    case KeyCode.CALL_NEXT:
      return 'call-next';
    case KeyCode.RECALL:
      return 'recall';
    case KeyCode.START_EVALUATION:
      return 'start-evaluation';
    case KeyCode.PAUSE:
      return 'pause';
    case KeyCode.TRANSFER:
      return 'transfer';
    case KeyCode.CONFIRM: {
      // The reference host only honours a confirm preceded by exactly one digit.
      if (data.length !== 2) return null;
      const digit = data[0];
      if (digit === ConfirmCombo.GIVE_UP) return 'no-show';
      if (digit === ConfirmCombo.HANG) return 'suspend';
      if (digit === ConfirmCombo.CALL_BACK) return 'resume';
      return null;
    }
    default:
      return null;
  }
}

/** The data bytes a pad sends for a key (inverse of {@link decodePadKey}); null for keys the pad has no code for. */
export function padKeyData(key: PadKey): number[] | null {
  switch (key) {
    case 'call-next':
      return [KeyCode.CALL_NEXT];
    case 'recall':
      return [KeyCode.RECALL];
    case 'start-evaluation':
      return [KeyCode.START_EVALUATION];
    case 'pause':
      return [KeyCode.PAUSE];
    case 'transfer':
      return [KeyCode.TRANSFER];
    case 'no-show':
      return [ConfirmCombo.GIVE_UP, KeyCode.CONFIRM];
    case 'suspend':
      return [ConfirmCombo.HANG, KeyCode.CONFIRM];
    case 'resume':
      return [ConfirmCombo.CALL_BACK, KeyCode.CONFIRM];
    case 'finish':
      // The wired pad has no finish key; the clerk finishes with start-evaluation or in the window client.
      return null;
  }
}

/** Rating level 1 (非常不满意) … 5 (非常满意). */
export type RatingLevel = 1 | 2 | 3 | 4 | 5;

/**
 * Evaluator value → level. Default: the 4-key evaluator of the reference code, which stores value 0 as 不满意,
 * 1 as its default/neutral grade, 2 as 满意 and 3 as 非常满意 (`SaveEvaluate`: `0→1, 1→0, 2→3, 3→4` in a table whose
 * comment reads "0默认 1不满意 3满意 4非常满意"). That evaluator has no key for 非常不满意, which the national 好差评
 * scale requires (five levels), so the default adds value 4 as level 1: a five-key evaluator sends it, a four-key
 * one never does. Other evaluators are configured per device.
 */
export const DEFAULT_RATING_MAP: Readonly<Record<number, RatingLevel>> = Object.freeze({
  0: 2,
  1: 3,
  2: 4,
  3: 5,
  4: 1,
});

/** Maps an evaluator value to a level with `map`; null if the value is not in it. */
export function ratingLevel(
  value: number,
  map: Readonly<Record<number, RatingLevel>> = DEFAULT_RATING_MAP,
): RatingLevel | null {
  return map[value] ?? null;
}

/** Inverse of {@link ratingLevel}: the first value that maps to `level`, or null. */
export function ratingValue(
  level: RatingLevel,
  map: Readonly<Record<number, RatingLevel>> = DEFAULT_RATING_MAP,
): number | null {
  for (const [value, l] of Object.entries(map)) if (l === level) return Number(value);
  return null;
}

/**
 * The host's reply to a device frame: the frame echoed back, except for an evaluator rating (CMD 0x11), which
 * gets CMD 0x01 with the same value and SUM − 0x10 (that is, the SUM recomputed for CMD 0x01).
 */
export function hostReplyTo(frame: Rs485Frame): Uint8Array {
  if (frame.cmd === Cmd.RATING) {
    return encodeFrame({ address: frame.address, cmd: Cmd.KEY, data: [frame.data[0] ?? 0] });
  }
  return encodeFrame(frame);
}

// ---------------------------------------------------------------------------------------------------------------
// Host → device commands

/**
 * The three digits a 3-digit display shows for a ticket number: the last three digits of the number
 * (`A012` → 0,1,2; `A5` → blank, blank, 5), as the reference host sends the last three characters.
 */
export function ticketDigits(number: string): number[] {
  const digits = number.replace(/\D/g, '').slice(-3);
  const out = [BLANK_DIGIT, BLANK_DIGIT, BLANK_DIGIT];
  for (let i = 0; i < digits.length; i++) out[3 - digits.length + i] = Number(digits[i]);
  return out;
}

/** Show a ticket: CMD `02`, data `0A 0A 0A d1 d2 d3` (LEN 08). */
export function showNumberFrame(address: number, number: string): Uint8Array {
  return encodeFrame({
    address,
    cmd: Cmd.DISPLAY,
    data: [BLANK_DIGIT, BLANK_DIGIT, BLANK_DIGIT, ...ticketDigits(number)],
  });
}

/** Show the waiting count: CMD `02`, data `d1 d2 d3 0A 0A 0A`; counts above 999 show 999. */
export function showWaitingFrame(address: number, count: number): Uint8Array {
  const text = String(Math.min(999, Math.max(0, Math.floor(count)))).padStart(3, '0');
  return encodeFrame({
    address,
    cmd: Cmd.DISPLAY,
    data: [...[...text].map(Number), BLANK_DIGIT, BLANK_DIGIT, BLANK_DIGIT],
  });
}

/** Beep: CMD `03`, no data (LEN 02, SUM = addr + 3). */
export function beepFrame(address: number): Uint8Array {
  return encodeFrame({ address, cmd: Cmd.BEEP });
}

/** Start evaluation on an evaluator: CMD `01`, data `0B`. */
export function startEvaluationFrame(address: number): Uint8Array {
  return encodeFrame({ address, cmd: Cmd.KEY, data: [KeyCode.START_EVALUATION] });
}

/** Star level shown on an evaluator: CMD `02`, data `level` (the reference sends `05`, all stars). */
export function starLevelFrame(address: number, level: RatingLevel): Uint8Array {
  return encodeFrame({ address, cmd: Cmd.DISPLAY, data: [level] });
}

/** Text on a window strip (OneDoor extension, see {@link Cmd.TEXT}): CMD `04`, data = the text's bytes. */
export function showTextFrame(address: number, textBytes: Uint8Array): Uint8Array {
  return encodeFrame({ address, cmd: Cmd.TEXT, data: textBytes });
}

/** A host command decoded back into meaning (simulator side). */
export type HostCommand =
  | { type: 'number'; digits: string }
  | { type: 'waiting'; count: number }
  | { type: 'star-level'; level: number }
  | { type: 'beep' }
  | { type: 'start-evaluation' }
  | { type: 'text'; bytes: Uint8Array }
  | { type: 'unknown'; cmd: number; data: Uint8Array };

function digitsText(bytes: ArrayLike<number>): string {
  let s = '';
  for (let i = 0; i < bytes.length; i++) s += bytes[i] === BLANK_DIGIT ? ' ' : String(bytes[i]);
  return s;
}

/** Reads a host → device frame as a command. */
export function decodeHostCommand(frame: Rs485Frame): HostCommand {
  const d = frame.data;
  if (frame.cmd === Cmd.DISPLAY && d.length === 6) {
    if (d[0] === BLANK_DIGIT && d[1] === BLANK_DIGIT && d[2] === BLANK_DIGIT) {
      return { type: 'number', digits: digitsText(d.subarray(3)).trimStart() };
    }
    if (d[3] === BLANK_DIGIT && d[4] === BLANK_DIGIT && d[5] === BLANK_DIGIT) {
      return { type: 'waiting', count: Number(digitsText(d.subarray(0, 3)).trim() || '0') };
    }
  }
  if (frame.cmd === Cmd.DISPLAY && d.length === 1) return { type: 'star-level', level: d[0]! };
  if (frame.cmd === Cmd.BEEP && d.length === 0) return { type: 'beep' };
  if (frame.cmd === Cmd.KEY && d.length === 1 && d[0] === KeyCode.START_EVALUATION) return { type: 'start-evaluation' };
  if (frame.cmd === Cmd.TEXT) return { type: 'text', bytes: d };
  return { type: 'unknown', cmd: frame.cmd, data: d };
}
