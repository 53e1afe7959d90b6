import { describe, expect, it } from 'vitest';
import {
  checkIdNumber,
  idNumberCheckChar,
  idNumberKind,
  maskIdNumber,
  maskName,
  maskNumbersInText,
  maskPhone,
} from './id-number.js';
import { idNumberSchema } from './dto/common.js';

describe('GB 11643 ID numbers', () => {
  it('computes the MOD 11-2 check character of the standard example', () => {
    // GB 11643-1999 appendix example: 11010519491231002X
    expect(idNumberCheckChar('11010519491231002')).toBe('X');
    expect(checkIdNumber('11010519491231002X')).toBeNull();
    expect(checkIdNumber('11010519491231002x')).toBeNull();
  });

  it('names what is wrong with a bad number', () => {
    expect(checkIdNumber('110105194912310021')).toBe('check-digit');
    expect(checkIdNumber('11010519491331002X')).toBe('birth-date');
    expect(checkIdNumber('1101051949123100')).toBe('length');
    expect(checkIdNumber('11010519491231002Y')).toBe('characters');
  });

  it('rejects a bad check digit through the schema with a Chinese and English message', () => {
    const r = idNumberSchema.safeParse('110105194912310021');
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.message).toContain('校验位错误');
    expect(r.error?.issues[0]?.message).toContain('check digit');
  });

  it('accepts the 15-character foreigner permanent residence number (3 letters + 12 digits) and refuses other shapes', () => {
    expect(checkIdNumber('USA310085020018')).toBeNull();
    expect(checkIdNumber('usa310085020018')).toBeNull();
    expect(idNumberSchema.parse(' usa310085020018 ')).toBe('USA310085020018');
    expect(checkIdNumber('US1310085020018')).toBe('characters');
    expect(checkIdNumber('USA31008502001X')).toBe('characters');
    const r = idNumberSchema.safeParse('USA31008502001');
    expect(r.error?.issues[0]?.message).toContain('15位');
    expect(r.error?.issues[0]?.message).toContain('18 characters');
  });

  it('tells the four card kinds apart by the number', () => {
    expect(idNumberKind('11010519491231002X')).toBe('resident');
    expect(idNumberKind('810000199408230021')).toBe('hmt-residence-permit');
    expect(idNumberKind('USA310085020018')).toBe('foreigner-2017');
    expect(
      idNumberKind('9' + '11010519491231002'.slice(1) + idNumberCheckChar('9' + '11010519491231002'.slice(1))),
    ).toBe('foreigner-2023');
  });

  it('masks for public places', () => {
    expect(maskIdNumber('42010519800101123X')).toBe('4201**********123X');
    expect(maskName('张三')).toBe('张*');
    expect(maskName('张小三')).toBe('张*三');
    expect(maskName('欧阳小锋')).toBe('欧**锋');
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskIdNumber('USA310085020018')).toBe('USA3*******0018');
  });

  it('masks the ID and mobile numbers typed into free text, and leaves other numbers alone', () => {
    expect(maskNumbersInText('等了40分钟，请回电13812345678，身份证42010519800101123x')).toBe(
      '等了40分钟，请回电138****5678，身份证4201**********123x',
    );
    expect(maskNumbersInText('card USA310085020018.')).toBe('card USA3*******0018.');
    // A 12-digit case number or a longer run is not a phone or an ID number.
    expect(maskNumbersInText('办件 202612030001 与 138123456789')).toBe('办件 202612030001 与 138123456789');
  });
});
