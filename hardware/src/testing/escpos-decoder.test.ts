import { describe, expect, it } from 'vitest';
import { decodeEscPos } from './escpos-decoder.js';

const bytes = (s: string): Uint8Array => Uint8Array.from(Buffer.from(s.replaceAll(' ', ''), 'hex'));

describe('decodeEscPos (hand-written streams)', () => {
  it('decodes init, Chinese mode, GBK text, size, align, QR, cut', () => {
    const r = decodeEscPos(
      bytes(
        '1B40 1C26 1B6101 1D2133 41303031BAC5 0A 1D2100 1B6100 B0ECC0EDD2B5CEF1 0A' +
          '1D286B0400314132 00 1D286B0300314306 1D286B0300314531 1D286B0600315030 E58FB7 1D286B0300315130' +
          '1B6403 1D564203 100404',
      ),
    );
    expect(r.unknown).toEqual([]);
    expect(r.lines).toEqual([
      { text: 'A001号', align: 'center', bold: false, width: 4, height: 4 },
      { text: '办理业务', align: 'left', bold: false, width: 1, height: 1 },
    ]);
    expect(r.qrCodes).toEqual([{ text: '号', declared: 3, byteLength: 3 }]);
    expect(r.cuts).toBe(1);
    expect(r.ops.at(-1)).toEqual({ op: 'status-request', n: 4 });
  });

  it("exposes node-thermal-printer's QR length bug: declared 1 byte, 3 sent — the rest decodes as junk", () => {
    const r = decodeEscPos(bytes('1D286B0400315030 E58FB7'));
    expect(r.qrCodes).toEqual([{ text: '\uFFFD', declared: 1, byteLength: 1 }]);
    expect(r.ops.at(-1)).toMatchObject({ op: 'text' });
  });

  it('flags unknown commands and truncated streams', () => {
    expect(decodeEscPos(bytes('1B99')).unknown).toHaveLength(1);
    expect(decodeEscPos(bytes('1D286B0A00')).truncated).toBe(true);
  });
});
