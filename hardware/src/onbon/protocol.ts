/**
 * Onbon (仰邦) BX-5K/6K "字库卡" LED controller protocol, user version 1.4 (2021-02-28):
 * onbonlab/onbonlab.github.io `onbon-docs/docs/zh/k/potocol.md`; summary in `/work/shared/reference/hardware.md` §4.1.
 *
 * PHY0 frame: `A5`×8 | escaped( header 14 B | data | CRC16 LE ) | `5A`
 *  - CRC-16/ARC (poly 0x8005 reflected = 0xA001, init 0) over header + data, before escaping.
 *  - Escaping: A5 → A6 02, A6 → A6 01, 5A → 5B 02, 5B → 5B 01.
 *  - Multi-byte fields are little-endian.
 *
 * Pure: bytes in, values out (iconv-lite for GB2312 text).
 */
import iconv from 'iconv-lite';

/** Frame start byte; sent 8 times, any number is accepted. */
export const FRAME_START = 0xa5;
/** Frame end byte. */
export const FRAME_END = 0x5a;
/** How many start bytes we send. */
export const PREAMBLE_LENGTH = 8;
/** Header length in bytes (without the optional 16-byte barcode). */
export const HEADER_LENGTH = 14;

/** Well-known addresses. */
export const Address = {
  /** Factory default screen address. */
  DEFAULT_SCREEN: 0x0001,
  /** Broadcast, no reply (`FF FF`). */
  BROADCAST_NO_REPLY: 0xffff,
  /** Broadcast with reply (`FE FF` on the wire); the controller answers from 0xFFFE. */
  BROADCAST_WITH_REPLY: 0xfffe,
  /** First PC client address (`00 80`); also the address to use on TCP/GPRS links, which ignore DstAddr. */
  PC: 0x8000,
} as const;

/** Device types (header byte 12). */
export const DeviceType = {
  /** Wildcard: any controller. */
  ANY: 0xfe,
  BX_5K1: 0x51,
  BX_5K2: 0x58,
  BX_5MK2: 0x53,
  BX_5MK1: 0x54,
  BX_6K1: 0x61,
  BX_6K2: 0x62,
  BX_6K3: 0x63,
} as const;

/** Command groups and commands used here (`group << 8 | cmd`). */
export const Command = {
  /** A0 00: ACK (reply). */
  ACK: 0xa000,
  /** A0 01: NACK (reply). */
  NACK: 0xa001,
  /** A2 00: ping; answered with ACK. */
  PING: 0xa200,
  /** A3 06: send dynamic (real-time) area data, RAM only, unlimited updates. */
  DYNAMIC_AREA: 0xa306,
  /** A3 10: clear screen. */
  CLEAR: 0xa310,
} as const;

/** CmdError values of a reply (§6). */
export const CMD_ERRORS: readonly string[] = [
  'ERR_NO',
  'ERR_OUTOFGROUP',
  'ERR_NOCMD',
  'ERR_BUSY',
  'ERR_MEMORYVOLUME',
  'ERR_CHECKSUM',
  'ERR_FILENOTEXIST',
  'ERR_FLASH',
  'ERR_FILE_DOWNLOAD',
  'ERR_FILE_NAME',
  'ERR_FILE_TYPE',
  'ERR_FILE_CRC16',
  'ERR_FONT_NOT_EXIST',
  'ERR_FIRMWARE_TYPE',
  'ERR_DATE_TIME_FORMAT',
  'ERR_FILE_EXIST',
  'ERR_FILE_BLOCK_NUM',
];

/** Chinese text for each CmdError, for installers. */
export const CMD_ERRORS_ZH: readonly string[] = [
  '无错误',
  '命令组错误',
  '命令不存在',
  '控制器忙',
  '存储空间不足',
  'CRC16 校验错误',
  '文件不存在',
  'Flash 访问错误',
  '文件下载错误',
  '文件名错误',
  '文件类型错误',
  '文件 CRC16 错误',
  '字库不存在',
  '固件类型错误（请检查控制卡型号）',
  '日期时间格式错误',
  '文件已存在',
  '文件块号错误',
];

// ---------------------------------------------------------------------------------------------------------------
// CRC and escaping

const CRC_TABLE = (() => {
  const t = new Uint16Array(256);
  for (let i = 0; i < 256; i++) {
    let c = i;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xa001 : c >>> 1;
    t[i] = c;
  }
  return t;
})();

/** CRC-16/ARC: X^16+X^15+X^2+1 reflected, init 0, no final XOR (Onbon's table starts 0000 C0C1 C181 …). */
export function crc16(bytes: ArrayLike<number>): number {
  let crc = 0;
  for (let i = 0; i < bytes.length; i++) crc = (crc >>> 8) ^ CRC_TABLE[(crc ^ bytes[i]!) & 0xff]!;
  return crc;
}

/** PHY0 escaping, applied to header + data + CRC. */
export function escape(bytes: ArrayLike<number>): Uint8Array {
  const out: number[] = [];
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (b === 0xa5) out.push(0xa6, 0x02);
    else if (b === 0xa6) out.push(0xa6, 0x01);
    else if (b === 0x5a) out.push(0x5b, 0x02);
    else if (b === 0x5b) out.push(0x5b, 0x01);
    else out.push(b);
  }
  return Uint8Array.from(out);
}

/** Inverse of {@link escape}; null if an escape byte is followed by anything but 01/02. */
export function unescape(bytes: ArrayLike<number>): Uint8Array | null {
  const out: number[] = [];
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (b === 0xa6 || b === 0x5b) {
      const n = bytes[++i];
      if (n === 0x01) out.push(b);
      else if (n === 0x02) out.push(b === 0xa6 ? 0xa5 : 0x5a);
      else return null;
    } else {
      out.push(b);
    }
  }
  return Uint8Array.from(out);
}

// ---------------------------------------------------------------------------------------------------------------
// Header and packet

/** The 14-byte header. Every field has the documented default. */
export interface OnbonHeader {
  /** Screen address (DstAddr). Default 0x0001. */
  dst: number;
  /** Sender address (SrcAddr). Default 0x8000 (PC). */
  src: number;
  /** 0 CRC16, 1 sum, 2 none (6K only). Default 0; only CRC16 is implemented. */
  checkMode: number;
  /** 0 normal, 1 dynamic areas over programs. Default 0. */
  displayMode: number;
  /** Controller type, default {@link DeviceType.ANY}. */
  deviceType: number;
  /** Protocol version, default 2. */
  protocolVersion: number;
}

export const DEFAULT_HEADER: Readonly<OnbonHeader> = Object.freeze({
  dst: Address.DEFAULT_SCREEN,
  src: Address.PC,
  checkMode: 0,
  displayMode: 0,
  deviceType: DeviceType.ANY,
  protocolVersion: 2,
});

/** Header + data + CRC, before escaping (the "PHY1" packet). */
export function encodePacket(header: Partial<OnbonHeader>, data: ArrayLike<number>): Uint8Array {
  const h = { ...DEFAULT_HEADER, ...header };
  if (data.length > 0xffff) throw new RangeError(`data too long: ${data.length} bytes`);
  const out = new Uint8Array(HEADER_LENGTH + data.length + 2);
  const v = new DataView(out.buffer);
  v.setUint16(0, h.dst, true); // DstAddr
  v.setUint16(2, h.src, true); // SrcAddr
  // 4..6 reserved (3 bytes, 00); 7 BarCodeOption = 0 (no barcode)
  out[8] = h.checkMode; // CheckMode
  out[9] = h.displayMode; // DisplayMode
  out[10] = h.deviceType; // DeviceType
  out[11] = h.protocolVersion; // ProtocolVersion
  v.setUint16(12, data.length, true); // DataLen
  out.set(Array.from(data), HEADER_LENGTH);
  v.setUint16(HEADER_LENGTH + data.length, crc16(out.subarray(0, HEADER_LENGTH + data.length)), true); // CRC16 LE
  return out;
}

/** A complete wire frame: `A5`×8, escaped packet, `5A`. */
export function encodeFrame(header: Partial<OnbonHeader>, data: ArrayLike<number>): Uint8Array {
  const body = escape(encodePacket(header, data));
  const out = new Uint8Array(PREAMBLE_LENGTH + body.length + 1);
  out.fill(FRAME_START, 0, PREAMBLE_LENGTH);
  out.set(body, PREAMBLE_LENGTH);
  out[out.length - 1] = FRAME_END;
  return out;
}

/** A decoded packet. */
export interface OnbonPacket {
  header: OnbonHeader;
  data: Uint8Array;
}

export type PacketErrorReason = 'bad-escape' | 'too-short' | 'barcode-unsupported' | 'length-mismatch' | 'bad-crc';
export type DecodePacketResult = { ok: true; packet: OnbonPacket } | { ok: false; reason: PacketErrorReason };

/** Decodes an unescaped packet (header + data + CRC). */
export function decodePacket(bytes: Uint8Array): DecodePacketResult {
  if (bytes.length < HEADER_LENGTH + 2) return { ok: false, reason: 'too-short' };
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if ((bytes[7]! & 1) === 1) return { ok: false, reason: 'barcode-unsupported' };
  const len = v.getUint16(12, true);
  if (bytes.length !== HEADER_LENGTH + len + 2) return { ok: false, reason: 'length-mismatch' };
  const crc = v.getUint16(HEADER_LENGTH + len, true);
  if (crc !== crc16(bytes.subarray(0, HEADER_LENGTH + len))) return { ok: false, reason: 'bad-crc' };
  return {
    ok: true,
    packet: {
      header: {
        dst: v.getUint16(0, true),
        src: v.getUint16(2, true),
        checkMode: bytes[8]!,
        displayMode: bytes[9]!,
        deviceType: bytes[10]!,
        protocolVersion: bytes[11]!,
      },
      data: bytes.slice(HEADER_LENGTH, HEADER_LENGTH + len),
    },
  };
}

/** What {@link OnbonFrameParser.push} finds. `raw` is the escaped body between the start bytes and `5A`. */
export type OnbonParseEvent =
  | { type: 'packet'; packet: OnbonPacket; raw: Uint8Array }
  | { type: 'error'; reason: PacketErrorReason; raw: Uint8Array };

/** Options for {@link OnbonFrameParser}. */
export interface OnbonFrameParserOptions {
  /** Longest escaped body accepted before giving up on a frame, default 4096 bytes. */
  maxBodyLength?: number;
}

/**
 * Reassembles frames from chunks. As the protocol says, any `A5` starts a frame and the first non-`A5` byte is its
 * first byte; the frame ends at `5A` (escaping keeps `5A` out of the body). Bytes outside a frame are skipped.
 */
export class OnbonFrameParser {
  private body: number[] = [];
  private state: 'idle' | 'preamble' | 'body' = 'idle';
  private readonly maxBodyLength: number;

  constructor(options: OnbonFrameParserOptions = {}) {
    this.maxBodyLength = options.maxBodyLength ?? 4096;
  }

  push(chunk: Uint8Array): OnbonParseEvent[] {
    const events: OnbonParseEvent[] = [];
    for (const b of chunk) {
      if (b === FRAME_START) {
        // A5 never occurs escaped, so it always (re)starts a frame.
        this.state = 'preamble';
        this.body = [];
        continue;
      }
      if (this.state === 'idle') continue;
      if (b === FRAME_END) {
        if (this.state === 'body') events.push(this.finish());
        this.state = 'idle';
        this.body = [];
        continue;
      }
      this.state = 'body';
      this.body.push(b);
      if (this.body.length > this.maxBodyLength) {
        this.state = 'idle';
        this.body = [];
      }
    }
    return events;
  }

  reset(): void {
    this.state = 'idle';
    this.body = [];
  }

  private finish(): OnbonParseEvent {
    const raw = Uint8Array.from(this.body);
    const unescaped = unescape(raw);
    if (!unescaped) return { type: 'error', reason: 'bad-escape', raw };
    const r = decodePacket(unescaped);
    return r.ok ? { type: 'packet', packet: r.packet, raw } : { type: 'error', reason: r.reason, raw };
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Data field: requests and replies

/** Group and command of a data field. */
export function commandOf(data: Uint8Array): number {
  return ((data[0] ?? 0) << 8) | (data[1] ?? 0);
}

/** A request data field: CmdGroup, Cmd, Response (01 reply / 02 no reply), Reserved 2, payload. */
export function encodeRequest(command: number, payload: ArrayLike<number> = [], wantReply = true): Uint8Array {
  return Uint8Array.from([command >> 8, command & 0xff, wantReply ? 0x01 : 0x02, 0x00, 0x00, ...Array.from(payload)]);
}

/** A reply data field as the controller sends it. */
export interface OnbonReply {
  command: number;
  /** CmdError, 0 = OK. */
  error: number;
  /** Bytes after the 5-byte reply head. */
  payload: Uint8Array;
}

/** Reads a reply data field: CmdGroup, Cmd, CmdError, Reserved 2, data. Null if shorter than 5 bytes. */
export function decodeReply(data: Uint8Array): OnbonReply | null {
  if (data.length < 5) return null;
  return { command: commandOf(data), error: data[2]!, payload: data.slice(5) };
}

/** ACK data field `A0 00 00 00 00`. */
export function ackData(): Uint8Array {
  return Uint8Array.of(0xa0, 0x00, 0x00, 0x00, 0x00);
}

/** NACK data field `A0 01 <error> 00 00`. */
export function nackData(error: number): Uint8Array {
  return Uint8Array.of(0xa0, 0x01, error, 0x00, 0x00);
}

/** `ERR_BUSY (控制器忙)` for a CmdError value. */
export function describeCmdError(error: number): { en: string; zh: string } {
  return { en: CMD_ERRORS[error] ?? `ERR_${error}`, zh: CMD_ERRORS_ZH[error] ?? `错误 ${error}` };
}

// ---------------------------------------------------------------------------------------------------------------
// A3 06: dynamic area

/** Voice on cards that can speak (SoundMode 1: speak the area's text). */
export interface AreaSpeech {
  /** Speaker 0–5, default 0. */
  person?: number;
  /** Extra repeats 0–15, default 0. */
  repeat?: number;
  /** Volume 0–10, default 5. */
  volume?: number;
  /** Speed 0–10, default 5. */
  speed?: number;
}

/** One dynamic area. Defaults are those of the published example (128×32, static, left aligned). */
export interface DynamicArea {
  /** Dynamic area number (DynamicAreaLoc), 0-based. Default 0. */
  id?: number;
  /** X in pixels, default 0. */
  x?: number;
  /** Y in pixels, default 0. */
  y?: number;
  /** Width in pixels, default 128. */
  width?: number;
  /** Height in pixels, default 32. */
  height?: number;
  /** Line spacing in pixels, default 0. */
  lineSpacing?: number;
  /** 0 loop, 1 stay on the last page, 2 loop and delete after `timeoutSeconds` without update. Default 0. */
  runMode?: 0 | 1 | 2;
  /** Timeout in seconds for run mode 2, default 10. */
  timeoutSeconds?: number;
  /** Speak the text (voice cards only). Default: silent. */
  speech?: AreaSpeech;
  /** Bits 1-0: 0 left, 1 right, 2 centre; bits 3-2: 0 top, 1 bottom, 2 middle. Default 0. */
  alignment?: number;
  /** 1 single line, 2 multi-line. Default 2. */
  singleLine?: 1 | 2;
  /** 1 manual line breaks (`\n`), 2 automatic wrap. Default 1. */
  newLine?: 1 | 2;
  /** 1 static, 2 quick type, 3–6 move left/right/up/down. Default 1. */
  displayMode?: number;
  /** Exit mode, default 0. */
  exitMode?: number;
  /** 0 fastest … 0x18 slowest, default 2. */
  speed?: number;
  /** Stay time in 0.5 s units, default 10. */
  stayTime?: number;
  /** What to show: text (GB2312-encoded here) or ready-made bytes. May hold Onbon escapes (`\C1` red …). */
  text: string | Uint8Array;
}

/** A3 06 request. */
export interface DynamicAreaRequest {
  /** Ask for a reply (ACK/NACK). Default true. */
  wantReply?: boolean;
  /** ProcessMode: 1 clears and re-initialises the areas first. Default 0. */
  processMode?: 0 | 1;
  /** Areas to delete first: ids, or 'all' (DeleteAreaNum FF). Default none. */
  deleteAreas?: readonly number[] | 'all';
  areas: readonly DynamicArea[];
}

/** GB2312 bytes of `text`; throws if a character has no GB2312 code (the board would show garbage). */
export function encodeGb2312(text: string): Uint8Array {
  const bytes = iconv.encode(text, 'gb2312');
  const back = iconv.decode(bytes, 'gb2312');
  if (back !== text) {
    const bad = [...text].find((ch) => iconv.decode(iconv.encode(ch, 'gb2312'), 'gb2312') !== ch) ?? '?';
    throw new RangeError(
      `"${bad}" cannot be shown on the LED board (no GB2312 code) / 字符"${bad}"不在 GB2312 字库中，LED 屏无法显示`,
    );
  }
  return Uint8Array.from(bytes);
}

function pixelsFlagged(n: number): number {
  // High bit set: the value is in pixels rather than bytes of 8 pixels.
  return 0x8000 | (n & 0x7fff);
}

/** Area data (§9.1) for one dynamic area. */
export function encodeAreaData(area: DynamicArea): Uint8Array {
  const text = typeof area.text === 'string' ? encodeGb2312(area.text) : area.text;
  const out: number[] = [];
  const u16 = (n: number) => out.push(n & 0xff, (n >> 8) & 0xff);
  const u32 = (n: number) => out.push(n & 0xff, (n >>> 8) & 0xff, (n >>> 16) & 0xff, (n >>> 24) & 0xff);
  out.push(0x00); // AreaType
  u16(pixelsFlagged(area.x ?? 0)); // AreaX, pixels
  u16(area.y ?? 0); // AreaY, pixels
  u16(pixelsFlagged(area.width ?? 128)); // AreaWidth, pixels
  u16(area.height ?? 32); // AreaHeight, pixels
  out.push(area.id ?? 0); // DynamicAreaLoc
  out.push(area.lineSpacing ?? 0); // Lines_sizes
  out.push(area.runMode ?? 0); // RunMode
  u16(area.timeoutSeconds ?? 10); // Timeout
  if (area.speech) {
    const s = area.speech;
    out.push(0x01); // SoundMode 1: speak Data
    out.push(((s.repeat ?? 0) << 4) | (s.person ?? 0)); // SoundPerson (bits 0-3) / RepeatTimes (bits 4-7)
    out.push(s.volume ?? 5); // SoundVolume
    out.push(s.speed ?? 5); // SoundSpeed
  } else {
    out.push(0x00); // SoundMode 0: silent
  }
  out.push(0x00); // ExtendParaLen: none
  out.push(area.alignment ?? 0); // TextAlignment
  out.push(area.singleLine ?? 2); // SingleLine
  out.push(area.newLine ?? 1); // NewLine
  out.push(area.displayMode ?? 1); // DisplayMode
  out.push(area.exitMode ?? 0); // ExitMode
  out.push(area.speed ?? 2); // Speed
  out.push(area.stayTime ?? 10); // StayTime
  u32(text.length); // DataLen
  for (const b of text) out.push(b); // Data
  return Uint8Array.from(out);
}

/** The A3 06 data field. */
export function encodeDynamicArea(request: DynamicAreaRequest): Uint8Array {
  const out: number[] = [0xa3, 0x06]; // CmdGroup A3, Cmd 06
  out.push(request.wantReply === false ? 0x02 : 0x01); // Response
  out.push(request.processMode ?? 0); // ProcessMode
  out.push(0x00); // Reserved
  const del = request.deleteAreas ?? [];
  if (del === 'all') {
    out.push(0xff); // DeleteAreaNum FF: delete all dynamic areas
  } else {
    out.push(del.length, ...del); // DeleteAreaNum + ids
  }
  out.push(request.areas.length); // AreaNum
  for (const area of request.areas) {
    const data = encodeAreaData(area);
    out.push(data.length & 0xff, data.length >> 8); // AreaDataLen (2, LE)
    out.push(...data);
  }
  return Uint8Array.from(out);
}

/** A dynamic area as decoded by a simulator. */
export interface DecodedArea {
  id: number;
  x: number;
  y: number;
  width: number;
  height: number;
  runMode: number;
  timeoutSeconds: number;
  soundMode: number;
  alignment: number;
  displayMode: number;
  /** The text bytes decoded as GB2312. */
  text: string;
  bytes: Uint8Array;
}

/** Decodes an A3 06 data field (simulator side); null if it is malformed. */
export function decodeDynamicArea(
  data: Uint8Array,
): { wantReply: boolean; deleteAreas: number[] | 'all'; areas: DecodedArea[] } | null {
  try {
    let p = 0;
    const u8 = () => {
      if (p >= data.length) throw new RangeError('short');
      return data[p++]!;
    };
    const u16 = () => u8() | (u8() << 8);
    const u32 = () => (u8() | (u8() << 8) | (u8() << 16) | (u8() << 24)) >>> 0;
    if (u8() !== 0xa3 || u8() !== 0x06) return null;
    const wantReply = u8() === 0x01;
    u8(); // ProcessMode
    u8(); // Reserved
    const delNum = u8();
    const deleteAreas: number[] | 'all' = delNum === 0xff ? 'all' : Array.from({ length: delNum }, u8);
    const areaNum = u8();
    const areas: DecodedArea[] = [];
    for (let i = 0; i < areaNum; i++) {
      const len = u16();
      const end = p + len;
      u8(); // AreaType
      const x = u16() & 0x7fff;
      const y = u16();
      const width = u16() & 0x7fff;
      const height = u16();
      const id = u8();
      u8(); // line spacing
      const runMode = u8();
      const timeoutSeconds = u16();
      const soundMode = u8();
      if (soundMode !== 0) p += 3;
      if (soundMode === 2) p += u32();
      const ext = u8();
      p += ext;
      const alignment = u8();
      u8(); // SingleLine
      u8(); // NewLine
      const displayMode = u8();
      u8(); // ExitMode
      u8(); // Speed
      u8(); // StayTime
      const textLen = u32();
      const bytes = data.slice(p, p + textLen);
      p += textLen;
      if (p !== end || bytes.length !== textLen) return null;
      areas.push({
        id,
        x,
        y,
        width,
        height,
        runMode,
        timeoutSeconds,
        soundMode,
        alignment,
        displayMode,
        bytes,
        text: iconv.decode(Buffer.from(bytes), 'gb2312'),
      });
    }
    return { wantReply, deleteAreas, areas };
  } catch {
    return null;
  }
}
