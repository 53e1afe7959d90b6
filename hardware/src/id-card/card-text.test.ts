import { describe, expect, it } from 'vitest';
import { maskIdNumber } from '@onedoor/protocol';
import {
  ALL_SAMPLE_CARDS,
  FOREIGNER_2017,
  FOREIGNER_2023,
  HMT_PERMIT,
  RESIDENT_CARD,
  RESIDENT_CARD_LONG_TERM,
} from '../../fixtures/id-cards.js';
import {
  cardHolderName,
  cardHolderNumber,
  cardKindOf,
  decodeCardRecord,
  decodeCardText,
  NATION_TABLE,
  type IdCard,
} from './card-text.js';
import { DeviceError } from '../transport/device-error.js';
import { encodeCardText, fakePhotoWlt } from './reader.sim.js';

const hex = (b: Uint8Array): string =>
  Buffer.from(b)
    .toString('hex')
    .toUpperCase()
    .replace(/(..)(?!$)/g, '$1 ');

describe('encodeCardText / decodeCardText round trip', () => {
  it.each(ALL_SAMPLE_CARDS.map((c) => [c.kind, c] as const))('%s', (_kind, card) => {
    const block = encodeCardText(card);
    expect(block.length).toBe(256);
    expect(decodeCardText(block)).toEqual(card);
  });

  it('matches the reference worked example bytes: 王美娜, gender 32 00, nation 30 00 31 00', () => {
    const block = encodeCardText(RESIDENT_CARD);
    expect(hex(block.subarray(0, 8))).toBe('8B 73 8E 7F 1C 5A 20 00');
    expect(hex(block.subarray(30, 32))).toBe('32 00');
    expect(hex(block.subarray(32, 36))).toBe('30 00 31 00');
    // 18-digit number at byte 122, dates as YYYYMMDD.
    expect(Buffer.from(block.subarray(122, 158)).toString('utf16le')).toBe('11010119900307002X');
    expect(Buffer.from(block.subarray(36, 52)).toString('utf16le')).toBe('19900307');
  });

  it('writes 长期 as the valid-to of a long-term card and decodes it to null + longTerm', () => {
    const block = encodeCardText(RESIDENT_CARD_LONG_TERM);
    expect(Buffer.from(block.subarray(204, 208)).toString('utf16le')).toBe('长期');
    const card = decodeCardText(block);
    expect(card.validTo).toBeNull();
    expect(card.longTerm).toBe(true);
  });

  it('puts the type flag at byte 248 for the variants and none on the resident card', () => {
    expect(cardKindOf(encodeCardText(RESIDENT_CARD))).toBe('resident');
    expect(hex(encodeCardText(HMT_PERMIT).subarray(248, 250))).toBe('4A 00');
    expect(hex(encodeCardText(FOREIGNER_2017).subarray(248, 250))).toBe('49 00');
    expect(hex(encodeCardText(FOREIGNER_2023).subarray(248, 250))).toBe('59 00');
  });

  it('places the HK/Macau/Taiwan pass number at 220 and the issue count at 238', () => {
    const block = encodeCardText(HMT_PERMIT);
    expect(Buffer.from(block.subarray(220, 238)).toString('utf16le')).toBe('H12345678');
    expect(Buffer.from(block.subarray(238, 242)).toString('utf16le')).toBe('01');
  });

  it('splits a long 2023 English name across bytes 52..121 and 220..241', () => {
    const block = encodeCardText(FOREIGNER_2023);
    expect(Buffer.from(block.subarray(52, 122)).toString('utf16le')).toBe(FOREIGNER_2023.englishName.slice(0, 35));
    expect(Buffer.from(block.subarray(220, 242)).toString('utf16le')).toBe(
      FOREIGNER_2023.englishName.slice(35).padEnd(11, ' '),
    );
  });

  it('refuses a value longer than its field', () => {
    expect(() => encodeCardText({ ...RESIDENT_CARD, name: '一二三四五六七八九十一二三四五六' })).toThrow(
      /longer than 15/,
    );
  });
});

describe('decodeCardText checks', () => {
  it('reports a bad check digit in Chinese and English', () => {
    const block = encodeCardText({ ...RESIDENT_CARD, idNumber: '110101199003070021' });
    let err: unknown;
    try {
      decodeCardText(block);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(DeviceError);
    const e = err as DeviceError;
    expect(e.code).toBe('BAD_CARD_DATA');
    expect(e.messageZh).toBe('公民身份号码「110101199003070021」有误：身份证号码校验位错误，请核对');
    expect(e.messageEn).toContain('check digit');
  });

  it('checks the 2023 foreigner number and the HMT permit number with the same rule', () => {
    expect(() => decodeCardText(encodeCardText({ ...FOREIGNER_2023, cardNumber: '911560202301010006' }))).toThrow(
      /校验位/,
    );
    expect(() => decodeCardText(encodeCardText({ ...HMT_PERMIT, idNumber: '810000198808081234' }))).toThrow(
      /check digit/,
    );
  });

  it('checks the shape of the 2017 foreigner number', () => {
    expect(() => decodeCardText(encodeCardText({ ...FOREIGNER_2017, cardNumber: 'US1100801010011' }))).toThrow(
      /3个字母/,
    );
  });

  it('rejects an impossible date', () => {
    expect(() => decodeCardText(encodeCardText({ ...RESIDENT_CARD, validFrom: '2015-02-30' }))).toThrow(
      /有效期起始日期/,
    );
  });

  it('rejects a block that is not 256 bytes', () => {
    expect(() => decodeCardText(new Uint8Array(255))).toThrow(/256/);
  });

  it('maps gender codes and keeps unknown ones', () => {
    const c = decodeCardText(encodeCardText({ ...RESIDENT_CARD, genderCode: '9' }));
    expect([c.gender, c.genderText]).toEqual(['not-stated', '未说明的性别']);
    const u = decodeCardText(encodeCardText({ ...RESIDENT_CARD, genderCode: '7' }));
    expect([u.gender, u.genderText]).toEqual(['unknown', '未知']);
  });

  it('has all 56 nations plus 97 其他 and 98 外国血统中国籍人士', () => {
    expect(Object.keys(NATION_TABLE)).toHaveLength(58);
    for (let i = 1; i <= 56; i++) expect(NATION_TABLE[String(i).padStart(2, '0')]).toBeTruthy();
    expect(NATION_TABLE['46']).toBe('德昂');
    expect(NATION_TABLE['97']).toBe('其他');
    expect(NATION_TABLE['98']).toBe('外国血统中国籍人士');
    const c = decodeCardText(encodeCardText({ ...RESIDENT_CARD, nationCode: '29' })) as Extract<
      IdCard,
      { kind: 'resident' }
    >;
    expect(c.nation).toBe('柯尔克孜');
  });
});

describe('decodeCardRecord', () => {
  it('keeps the raw WLT and runs the injected photo decoder', async () => {
    const wlt = fakePhotoWlt(7);
    const rec = await decodeCardRecord(encodeCardText(RESIDENT_CARD), wlt, {
      photoDecoder: (w) => Promise.resolve(Uint8Array.of(0x42, 0x4d, w[0]!)),
    });
    expect(rec.photoWlt).toEqual(wlt);
    expect(rec.photo).toEqual(Uint8Array.of(0x42, 0x4d, 0x57));
    const none = await decodeCardRecord(encodeCardText(RESIDENT_CARD), wlt);
    expect(none.photo).toBeNull();
    const failing = await decodeCardRecord(encodeCardText(RESIDENT_CARD), wlt, {
      photoDecoder: () => Promise.reject(new Error('dll')),
    });
    expect(failing.photo).toBeNull();
    expect(failing.card).toEqual(RESIDENT_CARD);
  });

  it('gives holder name and number for every kind, masked with the shared helpers', () => {
    expect(ALL_SAMPLE_CARDS.map(cardHolderName)).toEqual(['王美娜', '欧阳建国', '陈大文', '史密斯', '玛丽']);
    expect(maskIdNumber(cardHolderNumber(RESIDENT_CARD))).toBe('1101**********002X');
  });
});
