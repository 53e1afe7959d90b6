/**
 * Chinese 2nd-generation ID card reader, SAM serial protocol (GA 467-2012 module interface).
 * Pure: bytes in, bytes out. Layouts and tables: shared/reference/hardware.md §1.
 *
 * Request:  AA AA AA 96 69 | Len1 Len2 (BE) | CMD | Para | Data… | CHK
 * Response: AA AA AA 96 69 | Len1 Len2 (BE) | SW1 | SW2 | SW3 | Data… | CHK
 * Len counts every byte after itself including CHK. CHK = XOR of bytes from offset 5 (Len1) to the byte before CHK.
 */

/** Frame sync `AA AA AA` + frame start `96 69`. */
export const PREAMBLE = Uint8Array.of(0xaa, 0xaa, 0xaa, 0x96, 0x69);
/** Preamble (5) + length field (2). */
export const HEADER_LENGTH = 7;
/** Largest legal Len: text + photo + 1024-byte fingerprint reply, 2321 − 7 = 2314. Anything above is not a frame. */
export const MAX_FRAME_LEN_FIELD = 2314;

/** Command + parameter pairs (reference §1.2 table). */
export const SAM_COMMANDS = {
  /** 10 FF — reset SAM */
  reset: [0x10, 0xff],
  /** 11 FF — SAM status check */
  status: [0x11, 0xff],
  /** 12 FF — read SAM management info (SAM ID) */
  samId: [0x12, 0xff],
  /** 20 01 — find card (寻找证/卡) */
  findCard: [0x20, 0x01],
  /** 20 02 — select card (选取证/卡) */
  selectCard: [0x20, 0x02],
  /** 30 01 — read base info: 256-byte text + 1024-byte photo */
  readBase: [0x30, 0x01],
  /** 30 03 — read latest appended address (读取最新追加信息) */
  readAppendedAddress: [0x30, 0x03],
  /** 30 10 — read text + photo + fingerprint */
  readWithFingerprint: [0x30, 0x10],
  /** 61 FF + data 50 — "set max RF byte", sent by hev-idcard-reader at init */
  setMaxRfByte: [0x61, 0xff],
} as const satisfies Record<string, readonly [number, number]>;

export type SamCommandName = keyof typeof SAM_COMMANDS;

/** UART rate codes for CMD 60 (set baud rate): Para 00..04. */
export const BAUD_RATE_PARA: Readonly<Record<number, number>> = {
  115200: 0x00,
  57600: 0x01,
  38400: 0x02,
  19200: 0x03,
  9600: 0x04,
};

/** XOR of `bytes[start..end)`. */
export function xorChecksum(bytes: Uint8Array, start = HEADER_LENGTH - 2, end = bytes.length - 1): number {
  let x = 0;
  for (let i = start; i < end; i++) x ^= bytes[i]!;
  return x;
}

/** Builds a frame around `body` (CMD Para Data for requests, SW1 SW2 SW3 Data for responses). */
export function encodeFrame(body: Uint8Array): Uint8Array {
  const len = body.length + 1; // + CHK
  if (len > 0xffff) throw new RangeError(`SAM frame body too long: ${body.length} bytes`);
  const frame = new Uint8Array(HEADER_LENGTH + len);
  frame.set(PREAMBLE, 0);
  /* Len1 Len2, big-endian */
  frame[5] = len >> 8;
  frame[6] = len & 0xff;
  frame.set(body, HEADER_LENGTH);
  /* CHK: XOR from Len1 to the last body byte */
  frame[frame.length - 1] = xorChecksum(frame);
  return frame;
}

/** Request frame: CMD, Para, optional data. */
export function encodeRequest(cmd: number, para: number, data: Uint8Array = new Uint8Array(0)): Uint8Array {
  const body = new Uint8Array(2 + data.length);
  body[0] = cmd;
  body[1] = para;
  body.set(data, 2);
  return encodeFrame(body);
}

/** Response frame (device side; used by the simulator). SW1/SW2 default 00 00 as the published replies show. */
export function encodeResponse(sw3: number, data: Uint8Array = new Uint8Array(0), sw1 = 0x00, sw2 = 0x00): Uint8Array {
  const body = new Uint8Array(3 + data.length);
  body[0] = sw1;
  body[1] = sw2;
  body[2] = sw3;
  body.set(data, 3);
  return encodeFrame(body);
}

/** Ready-made request frames (reference §1.2, each checked byte for byte in protocol.test.ts). */
export const REQUEST_FRAMES = {
  /** AA AA AA 96 69 00 03 10 FF EC */
  reset: encodeRequest(0x10, 0xff),
  /** AA AA AA 96 69 00 03 11 FF ED */
  status: encodeRequest(0x11, 0xff),
  /** AA AA AA 96 69 00 03 12 FF EE */
  samId: encodeRequest(0x12, 0xff),
  /** AA AA AA 96 69 00 03 20 01 22 */
  findCard: encodeRequest(0x20, 0x01),
  /** AA AA AA 96 69 00 03 20 02 21 */
  selectCard: encodeRequest(0x20, 0x02),
  /** AA AA AA 96 69 00 03 30 01 32 */
  readBase: encodeRequest(0x30, 0x01),
  /** AA AA AA 96 69 00 03 30 03 30 */
  readAppendedAddress: encodeRequest(0x30, 0x03),
  /** AA AA AA 96 69 00 03 30 10 23 */
  readWithFingerprint: encodeRequest(0x30, 0x10),
  /** AA AA AA 96 69 00 04 61 FF 50 CA */
  setMaxRfByte: encodeRequest(0x61, 0xff, Uint8Array.of(0x50)),
} as const;

/** Set-UART-rate request (CMD 60, Para 00..04). */
export function encodeSetBaudRate(baudRate: number): Uint8Array {
  const para = BAUD_RATE_PARA[baudRate];
  if (para === undefined)
    throw new RangeError(`the SAM module supports 115200, 57600, 38400, 19200 or 9600 bps, not ${baudRate}`);
  return encodeRequest(0x60, para);
}

/** SW3 values: the reader's own status code (reference §1.4). */
export const SW3 = {
  OK: 0x90,
  NO_CONTENT: 0x91,
  FIND_OK: 0x9f,
  CHECKSUM_ERROR: 0x10,
  LENGTH_ERROR: 0x11,
  COMMAND_ERROR: 0x21,
  NOT_ALLOWED: 0x23,
  UNKNOWN_ERROR: 0x24,
  CARD_AUTH_SAM_FAILED: 0x31,
  SAM_AUTH_CARD_FAILED: 0x32,
  VERIFY_ERROR: 0x33,
  BAD_CARD_TYPE: 0x40,
  READ_FAILED: 0x41,
  RANDOM_FAILED: 0x47,
  SAM_SELF_TEST_FAILED: 0x60,
  SAM_NOT_AUTHORISED: 0x66,
  FIND_FAILED: 0x80,
  SELECT_FAILED: 0x81,
} as const;

/** Meaning of each SW3 in Chinese and English. */
export const SW3_TEXT: Readonly<Record<number, { zh: string; en: string }>> = {
  0x90: { zh: '操作成功', en: 'success' },
  0x91: { zh: '证/卡中此项无内容', en: 'the card has no content for this item' },
  0x9f: { zh: '寻找证/卡成功', en: 'card found' },
  0x10: { zh: '读卡器收到的数据校验和错误', en: 'checksum error in the data the reader received' },
  0x11: { zh: '读卡器收到的数据长度错误', en: 'length error in the data the reader received' },
  0x21: { zh: '读卡器收到的命令错误', en: 'command error (bad values or combination)' },
  0x23: { zh: '越权操作', en: 'operation not allowed' },
  0x24: { zh: '无法识别的错误', en: 'unrecognised error' },
  0x31: { zh: '证/卡认证 SAM 失败', en: 'the card failed to authenticate the SAM' },
  0x32: { zh: 'SAM 认证证/卡失败', en: 'the SAM failed to authenticate the card' },
  0x33: { zh: '信息验证错误', en: 'information verification error' },
  0x40: { zh: '无法识别的证/卡类型', en: 'wrong or unrecognised card type' },
  0x41: { zh: '读证/卡操作失败，请重新放卡', en: 'card read failed, place the card again' },
  0x47: { zh: '取随机数失败', en: 'get-random failed' },
  0x60: { zh: 'SAM 自检失败，不能接收命令', en: 'SAM self-test failed; it accepts no commands' },
  0x66: { zh: 'SAM 未经授权', en: 'SAM not authorised' },
  0x80: { zh: '寻找证/卡失败（读卡器上没有证件）', en: 'find card failed (no card on the reader)' },
  0x81: { zh: '选取证/卡失败', en: 'select card failed' },
};

export function describeSw3(sw3: number): { zh: string; en: string } {
  const hex = `0x${sw3.toString(16).padStart(2, '0').toUpperCase()}`;
  const known = SW3_TEXT[sw3];
  return known
    ? { zh: `${known.zh}（SW3=${hex}）`, en: `${known.en} (SW3=${hex})` }
    : { zh: `读卡器返回未知状态 SW3=${hex}`, en: `reader returned unknown status SW3=${hex}` };
}

/** A decoded response frame. */
export interface SamResponse {
  sw1: number;
  sw2: number;
  sw3: number;
  data: Uint8Array;
}

/** A decoded request frame (what the simulator receives). */
export interface SamRequest {
  cmd: number;
  para: number;
  data: Uint8Array;
}

export type FrameProblem = 'preamble' | 'length' | 'checksum' | 'too-short';

/** Checks preamble, length and checksum of one complete frame. Returns null when it is sound. */
export function checkFrame(frame: Uint8Array): FrameProblem | null {
  for (let i = 0; i < PREAMBLE.length; i++) if (frame[i] !== PREAMBLE[i]) return 'preamble';
  if (frame.length < HEADER_LENGTH + 1) return 'too-short';
  const len = (frame[5]! << 8) | frame[6]!;
  if (len !== frame.length - HEADER_LENGTH) return 'length';
  if (xorChecksum(frame) !== frame[frame.length - 1]) return 'checksum';
  return null;
}

/** Decodes a response frame; throws a RangeError naming the problem when the frame is not sound. */
export function decodeResponse(frame: Uint8Array): SamResponse {
  const problem = checkFrame(frame);
  if (problem) throw new RangeError(`bad SAM response frame: ${problem}`);
  if (frame.length < HEADER_LENGTH + 4) throw new RangeError('bad SAM response frame: too-short');
  return { sw1: frame[7]!, sw2: frame[8]!, sw3: frame[9]!, data: frame.slice(10, frame.length - 1) };
}

/** Decodes a request frame; throws a RangeError naming the problem when the frame is not sound. */
export function decodeRequest(frame: Uint8Array): SamRequest {
  const problem = checkFrame(frame);
  if (problem) throw new RangeError(`bad SAM request frame: ${problem}`);
  if (frame.length < HEADER_LENGTH + 3) throw new RangeError('bad SAM request frame: too-short');
  return { cmd: frame[7]!, para: frame[8]!, data: frame.slice(9, frame.length - 1) };
}

/** Base-info payload of a 30 01 / 30 10 reply. */
export interface BaseInfo {
  /** 256-byte UCS-2LE text block */
  text: Uint8Array;
  /** 1024-byte WLT photo */
  photoWlt: Uint8Array;
  /** Fingerprint data (30 10 only; 0, 512 or 1024 bytes) */
  fingerprint: Uint8Array | null;
}

/**
 * Splits the data of a read reply. After SW3 come big-endian lengths — text `01 00`, photo `04 00`, and for 30 10
 * a fingerprint length — then the blocks in that order (1295-byte reply: text at frame offset 14).
 */
export function decodeBaseInfo(response: SamResponse, withFingerprint = false): BaseInfo {
  const d = response.data;
  const lengthFields = withFingerprint ? 3 : 2;
  if (d.length < lengthFields * 2) throw new RangeError('read reply too short for its length fields');
  const textLen = (d[0]! << 8) | d[1]!;
  const photoLen = (d[2]! << 8) | d[3]!;
  const fpLen = withFingerprint ? (d[4]! << 8) | d[5]! : 0;
  let at = lengthFields * 2;
  if (d.length < at + textLen + photoLen + fpLen) {
    throw new RangeError(`read reply holds ${d.length} data bytes, expected ${at + textLen + photoLen + fpLen}`);
  }
  const text = d.slice(at, at + textLen);
  at += textLen;
  const photoWlt = d.slice(at, at + photoLen);
  at += photoLen;
  const fingerprint = withFingerprint ? d.slice(at, at + fpLen) : null;
  return { text, photoWlt, fingerprint };
}

/** Encodes the data of a read reply (simulator side). */
export function encodeBaseInfo(info: BaseInfo): Uint8Array {
  const fp = info.fingerprint;
  const head = fp ? 6 : 4;
  const out = new Uint8Array(head + info.text.length + info.photoWlt.length + (fp?.length ?? 0));
  /* text length, photo length[, fingerprint length], big-endian */
  out[0] = info.text.length >> 8;
  out[1] = info.text.length & 0xff;
  out[2] = info.photoWlt.length >> 8;
  out[3] = info.photoWlt.length & 0xff;
  if (fp) {
    out[4] = fp.length >> 8;
    out[5] = fp.length & 0xff;
  }
  out.set(info.text, head);
  out.set(info.photoWlt, head + info.text.length);
  if (fp) out.set(fp, head + info.text.length + info.photoWlt.length);
  return out;
}

/**
 * SAM ID from a 12 FF reply, as HslCommunication `ExtractSafeModuleNumber` formats it:
 * D2(d[0]) "." D2(d[2]) "-" Int32LE(d,4) "-" D9(Int32LE(d,8)) "-" D9(Int32LE(d,12)), where d is the data after SW3.
 */
export function decodeSamId(response: SamResponse): string {
  const d = response.data;
  if (d.length < 16) throw new RangeError('SAM ID reply too short');
  const view = new DataView(d.buffer, d.byteOffset, d.byteLength);
  const d2 = (n: number): string => String(n).padStart(2, '0');
  const d9 = (n: number): string => String(n).padStart(9, '0');
  return `${d2(d[0]!)}.${d2(d[2]!)}-${view.getUint32(4, true)}-${d9(view.getUint32(8, true))}-${d9(view.getUint32(12, true))}`;
}
