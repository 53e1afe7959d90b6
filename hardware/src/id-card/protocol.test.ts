import { describe, expect, it } from 'vitest';
import {
  checkFrame,
  decodeBaseInfo,
  decodeRequest,
  decodeResponse,
  decodeSamId,
  describeSw3,
  encodeBaseInfo,
  encodeRequest,
  encodeResponse,
  encodeSetBaudRate,
  REQUEST_FRAMES,
  SW3,
  SW3_TEXT,
  xorChecksum,
} from './protocol.js';

const hex = (b: Uint8Array): string =>
  Buffer.from(b)
    .toString('hex')
    .toUpperCase()
    .replace(/(..)(?!$)/g, '$1 ');
const bytes = (s: string): Uint8Array => Uint8Array.from(Buffer.from(s.replaceAll(' ', ''), 'hex'));

describe('request frames (reference §1.2 ready-made table)', () => {
  it.each([
    ['reset', 'AA AA AA 96 69 00 03 10 FF EC'],
    ['status', 'AA AA AA 96 69 00 03 11 FF ED'],
    ['samId', 'AA AA AA 96 69 00 03 12 FF EE'],
    ['findCard', 'AA AA AA 96 69 00 03 20 01 22'],
    ['selectCard', 'AA AA AA 96 69 00 03 20 02 21'],
    ['readBase', 'AA AA AA 96 69 00 03 30 01 32'],
    ['readAppendedAddress', 'AA AA AA 96 69 00 03 30 03 30'],
    ['readWithFingerprint', 'AA AA AA 96 69 00 03 30 10 23'],
    ['setMaxRfByte', 'AA AA AA 96 69 00 04 61 FF 50 CA'],
  ] as const)('%s = %s', (name, expected) => {
    expect(hex(REQUEST_FRAMES[name])).toBe(expected);
  });

  it('encodes the set-baud-rate command with Para 00..04 and refuses other rates', () => {
    expect(hex(encodeSetBaudRate(115200))).toBe('AA AA AA 96 69 00 03 60 00 63');
    expect(hex(encodeSetBaudRate(9600))).toBe('AA AA AA 96 69 00 03 60 04 67');
    expect(() => encodeSetBaudRate(4800)).toThrow(/115200/);
  });

  it('checksum is the XOR from offset 5 to the byte before CHK (preamble excluded)', () => {
    const f = encodeRequest(0x20, 0x01);
    expect(xorChecksum(f)).toBe(0x00 ^ 0x03 ^ 0x20 ^ 0x01);
    expect(f[f.length - 1]).toBe(0x22);
  });

  it('decodes a request back', () => {
    expect(decodeRequest(REQUEST_FRAMES.setMaxRfByte)).toEqual({ cmd: 0x61, para: 0xff, data: Uint8Array.of(0x50) });
  });
});

describe('published replies', () => {
  it('find card OK: AA AA AA 96 69 00 08 00 00 9F 00 00 00 00 97', () => {
    const published = bytes('AA AA AA 96 69 00 08 00 00 9F 00 00 00 00 97');
    expect(checkFrame(published)).toBeNull();
    expect(decodeResponse(published)).toEqual({ sw1: 0, sw2: 0, sw3: 0x9f, data: new Uint8Array(4) });
    expect(hex(encodeResponse(SW3.FIND_OK, new Uint8Array(4)))).toBe(hex(published));
  });

  it('select card OK: AA AA AA 96 69 00 0C 00 00 90 00…00 9C', () => {
    const published = bytes('AA AA AA 96 69 00 0C 00 00 90 00 00 00 00 00 00 00 00 9C');
    expect(decodeResponse(published)).toEqual({ sw1: 0, sw2: 0, sw3: 0x90, data: new Uint8Array(8) });
    expect(hex(encodeResponse(SW3.OK, new Uint8Array(8)))).toBe(hex(published));
  });

  it('no card: AA AA AA 96 69 00 04 00 00 80 84 (reference §5.3 pty run)', () => {
    expect(hex(encodeResponse(SW3.FIND_FAILED))).toBe('AA AA AA 96 69 00 04 00 00 80 84');
  });

  it('read text+photo reply is 1295 bytes with header AA AA AA 96 69 05 08 00 00 90 01 00 04 00', () => {
    const text = new Uint8Array(256).fill(0x20);
    const photo = new Uint8Array(1024).fill(0x11);
    const reply = encodeResponse(SW3.OK, encodeBaseInfo({ text, photoWlt: photo, fingerprint: null }));
    expect(reply.length).toBe(1295);
    expect(hex(reply.subarray(0, 14))).toBe('AA AA AA 96 69 05 08 00 00 90 01 00 04 00');
    // Text at frame offset 14..269, photo 270..1293, checksum at 1294 (HslCommunication ExtractIdentityCard).
    expect(reply.subarray(14, 270)).toEqual(text);
    expect(reply.subarray(270, 1294)).toEqual(photo);
    expect(reply[1294]).toBe(xorChecksum(reply));
    const info = decodeBaseInfo(decodeResponse(reply));
    expect(info.text).toEqual(text);
    expect(info.photoWlt).toEqual(photo);
    expect(info.fingerprint).toBeNull();
  });

  it('read text+photo+fingerprint header carries a third length (no fingerprint: 1297 bytes)', () => {
    const reply = encodeResponse(
      SW3.OK,
      encodeBaseInfo({ text: new Uint8Array(256), photoWlt: new Uint8Array(1024), fingerprint: new Uint8Array(0) }),
    );
    expect(reply.length).toBe(1297);
    const withFp = encodeResponse(
      SW3.OK,
      encodeBaseInfo({ text: new Uint8Array(256), photoWlt: new Uint8Array(1024), fingerprint: new Uint8Array(1024) }),
    );
    expect(withFp.length).toBe(2321);
    expect(hex(withFp.subarray(0, 16))).toBe('AA AA AA 96 69 09 0A 00 00 90 01 00 04 00 04 00');
    expect(decodeBaseInfo(decodeResponse(withFp), true).fingerprint?.length).toBe(1024);
  });

  it('rejects a truncated read reply', () => {
    const short = encodeResponse(SW3.OK, Uint8Array.of(0x01, 0x00, 0x04, 0x00, 1, 2, 3));
    expect(() => decodeBaseInfo(decodeResponse(short))).toThrow(/expected 1284/);
  });
});

describe('response checks', () => {
  it('names the problem of a broken frame', () => {
    const good = encodeResponse(SW3.OK);
    const badChk = Uint8Array.from(good);
    badChk[badChk.length - 1]! ^= 1;
    expect(checkFrame(badChk)).toBe('checksum');
    expect(() => decodeResponse(badChk)).toThrow(/checksum/);
    expect(checkFrame(good.subarray(0, good.length - 1))).toBe('length');
    expect(checkFrame(Uint8Array.of(0xaa, 0xaa, 0xab, 0x96, 0x69, 0, 3, 0, 0, 0))).toBe('preamble');
  });

  it('has the SW3 meaning table in Chinese and English', () => {
    expect(Object.keys(SW3_TEXT)).toHaveLength(18);
    expect(describeSw3(0x80)).toEqual({
      zh: '寻找证/卡失败（读卡器上没有证件）（SW3=0x80）',
      en: 'find card failed (no card on the reader) (SW3=0x80)',
    });
    expect(describeSw3(0x91).zh).toContain('此项无内容');
    expect(describeSw3(0x55).en).toBe('reader returned unknown status SW3=0x55');
  });

  it('formats the SAM ID as HslCommunication does', () => {
    const data = Uint8Array.from([5, 0, 2, 0, 0x2a, 0, 0, 0, 0x15, 0xcd, 0x5b, 0x07, 0x01, 0, 0, 0]);
    expect(decodeSamId(decodeResponse(encodeResponse(SW3.OK, data)))).toBe('05.02-42-123456789-000000001');
  });
});
