import { describe, expect, it } from 'vitest';
import { EscPosEncoder, foldColumns, textColumns, toPrintable } from './escpos.js';

const hex = (b: Uint8Array): string =>
  Buffer.from(b)
    .toString('hex')
    .toUpperCase()
    .replace(/(..)(?!$)/g, '$1 ');

describe('EscPosEncoder exact bytes', () => {
  it('initialize = ESC @ then FS & (Chinese mode), which node-thermal-printer never sends', () => {
    expect(hex(new EscPosEncoder().initialize().encode())).toBe('1B 40 1C 26');
    expect(hex(new EscPosEncoder().chineseMode(false).encode())).toBe('1C 2E');
  });

  it('encodes 号 as GBK BA C5 and A001号 without any code-page command', () => {
    expect(hex(new EscPosEncoder().text('号').encode())).toBe('BA C5');
    // node-thermal-printer: 1B 52 0F 41 30 30 31 BA C5 0A (ESC R 15 first); we send text and LF only.
    expect(hex(new EscPosEncoder().line('A001号').encode())).toBe('41 30 30 31 BA C5 0A');
  });

  it('prints GBK-extension characters (堃 88 D2, 䶮 FE 9F) as their 2 bytes', () => {
    expect(hex(new EscPosEncoder().text('堃䶮').encode())).toBe('88 D2 FE 9F');
  });

  it('replaces characters outside GBK with ? and lists them, never switching code page', () => {
    const enc = new EscPosEncoder();
    const bytes = enc.text('吉𠮷™€').encode();
    expect(hex(bytes)).toBe('BC AA 3F 3F 3F');
    expect(bytes.includes(0x1b)).toBe(false);
    expect(enc.warnings).toHaveLength(3);
    expect(enc.warnings[0]).toContain('U+20BB7');
    expect(enc.warnings[0]).toContain('不在 GBK 字库中');
  });

  it('prints ¥ as ￥ (A3 A4) by default, or 元 / Y when chosen — no ESC t 0 9D', () => {
    expect(hex(new EscPosEncoder().text('¥5').encode())).toBe('A3 A4 35');
    expect(hex(new EscPosEncoder({ yen: '元' }).text('¥5').encode())).toBe('D4 AA 35');
    expect(hex(new EscPosEncoder({ yen: 'Y' }).text('¥5').encode())).toBe('59 35');
    expect(new EscPosEncoder().text('¥').warnings).toEqual([]);
  });

  it('GS ! puts width−1 in bits 4–7 and height−1 in bits 0–3', () => {
    expect(hex(new EscPosEncoder().size(2, 1).encode())).toBe('1D 21 10'); // double width
    expect(hex(new EscPosEncoder().size(1, 2).encode())).toBe('1D 21 01'); // double height
    expect(hex(new EscPosEncoder().size(3, 4).encode())).toBe('1D 21 23');
    expect(hex(new EscPosEncoder().size(8, 8).encode())).toBe('1D 21 77');
    expect(() => new EscPosEncoder().size(9, 1)).toThrow('width must be between 1 and 8');
  });

  it('QR: model 2, size, level M, store with pL/pH = UTF-8 BYTES + 3, print', () => {
    const ascii = 'https://hall.example/t/A001';
    expect(hex(new EscPosEncoder().qr(ascii, { size: 6 }).encode())).toBe(
      [
        '1D 28 6B 04 00 31 41 32 00',
        '1D 28 6B 03 00 31 43 06',
        '1D 28 6B 03 00 31 45 31',
        `1D 28 6B ${(ascii.length + 3).toString(16).toUpperCase()} 00 31 50 30 ${hex(Buffer.from(ascii))}`,
        '1D 28 6B 03 00 31 51 30',
      ].join(' '),
    );
    // 号 is 1 UTF-16 unit but 3 UTF-8 bytes: pL must be 6 (node-thermal-printer sends 4).
    const cn = new EscPosEncoder().qr('号').encode();
    expect(hex(cn)).toContain('1D 28 6B 06 00 31 50 30 E5 8F B7 1D 28 6B 03 00 31 51 30');
  });

  it('QR length field crosses 255 into pH', () => {
    const data = 'x'.repeat(300);
    const b = new EscPosEncoder().qr(data).encode();
    const at = Buffer.from(b).indexOf(Buffer.from([0x31, 0x50, 0x30]));
    expect([b[at - 2], b[at - 1]]).toEqual([303 & 0xff, 303 >> 8]);
    expect(() => new EscPosEncoder().qr('x'.repeat(7090))).toThrow(/at most 7089/);
  });

  it('cut = GS V 66 n (partial) / GS V 65 n (full); feed = ESC d n; align = ESC a n; bold = ESC E n', () => {
    expect(hex(new EscPosEncoder().cut().encode())).toBe('1D 56 42 03');
    expect(hex(new EscPosEncoder().cut({ partial: false, feed: 0 }).encode())).toBe('1D 56 41 00');
    expect(hex(new EscPosEncoder().feed(4).encode())).toBe('1B 64 04');
    expect(hex(new EscPosEncoder().align('center').align('right').align('left').encode())).toBe(
      '1B 61 01 1B 61 02 1B 61 00',
    );
    expect(hex(new EscPosEncoder().bold().bold(false).encode())).toBe('1B 45 01 1B 45 00');
  });
});

describe('folding by display columns', () => {
  it('counts CJK as 2 columns and ASCII as 1', () => {
    expect(textColumns('A001号')).toBe(6);
    expect(textColumns('办理业务：社保')).toBe(14);
  });

  it('folds a 34-character Chinese line at 32 columns into 16 + 16 + 2 characters', () => {
    const line = '一'.repeat(10) + '二'.repeat(10) + '三'.repeat(10) + '四五六七';
    expect(Array.from(line)).toHaveLength(34);
    const folded = foldColumns(line, 32);
    expect(folded.map((l) => Array.from(l).length)).toEqual([16, 16, 2]);
    expect(folded.every((l) => textColumns(l) <= 32)).toBe(true);
    // On paper: three lines, each LF-terminated, each at most 32 columns.
    const bytes = new EscPosEncoder({ columns: 32 }).line(line).encode();
    const lines = Buffer.from(bytes).toString('latin1').split('\n');
    expect(lines.slice(0, 3).map((l) => l.length)).toEqual([32, 32, 4]);
  });

  it('keeps ASCII words whole where they fit and cuts longer ones', () => {
    expect(foldColumns('请访问 hall.example 查询', 12)).toEqual(['请访问', 'hall.example', '查询']);
    // A word longer than the line is cut where the line ends.
    expect(foldColumns('请访问 hall.example/abc 查询', 12)).toEqual(['请访问 hall.', 'example/abc', '查询']);
    expect(foldColumns('abcdefghij', 4)).toEqual(['abcd', 'efgh', 'ij']);
    expect(foldColumns('第一行\n第二行', 32)).toEqual(['第一行', '第二行']);
  });

  it('folds to the narrower line when characters are double width', () => {
    const bytes = new EscPosEncoder({ columns: 32 }).size(2, 2).line('一二三四五六七八九十').encode();
    const text = Buffer.from(bytes.subarray(3)).toString('latin1').split('\n');
    expect(text.slice(0, 2).map((l) => l.length)).toEqual([16, 4]); // 8 chars × 2 bytes, then 2 chars
  });

  it('leftRight pads by columns', () => {
    const b = new EscPosEncoder({ columns: 32 }).leftRight('身份证复印件', '1份').encode();
    const s = Buffer.from(b).toString('latin1');
    expect(s.length).toBe(12 + (32 - 12 - 3) + 3 + 1);
  });

  it('toPrintable maps NBSP and tabs to spaces and drops control characters', () => {
    expect(toPrintable('a\u00a0b\tc\u0007d').text).toBe('a b cd');
  });
});
