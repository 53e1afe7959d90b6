/**
 * The 256-byte text block of a 2nd-generation ID card read (UCS-2 little-endian, fields padded with spaces)
 * and its three variants, told apart by the type flag at bytes 248–249 (reference §1.5, §1.7). Pure.
 */
import { checkIdNumber, ID_PROBLEM_TEXT } from '@onedoor/protocol';
import { DeviceError } from '../transport/device-error.js';

export const TEXT_BLOCK_LENGTH = 256;
export const PHOTO_WLT_LENGTH = 1024;
/** Byte offset of the 2-byte 证件类型标识. */
export const TYPE_FLAG_OFFSET = 248;
/** The valid-to value of a card that never expires. */
export const LONG_TERM = '长期';

export type CardKind = 'resident' | 'hmt-residence-permit' | 'foreigner-2017' | 'foreigner-2023';

/** Type flag (UCS-2 char at byte 248) of each variant; the resident card has none (reserved area). */
export const CARD_TYPE_FLAGS: Readonly<Record<Exclude<CardKind, 'resident'>, string>> = {
  'hmt-residence-permit': 'J',
  'foreigner-2017': 'I',
  'foreigner-2023': 'Y',
};

/** GB/T 2261.1 性别代码. */
export const GENDER_TABLE: Readonly<Record<string, { zh: string; en: Gender }>> = {
  '0': { zh: '未知的性别', en: 'not-known' },
  '1': { zh: '男', en: 'male' },
  '2': { zh: '女', en: 'female' },
  '9': { zh: '未说明的性别', en: 'not-stated' },
};
export type Gender = 'male' | 'female' | 'not-known' | 'not-stated' | 'unknown';

/** GB/T 3304 民族代码 (HslCommunication `GetNationText`, code 46 德昂 under its current name). */
export const NATION_TABLE: Readonly<Record<string, string>> = {
  '01': '汉',
  '02': '蒙古',
  '03': '回',
  '04': '藏',
  '05': '维吾尔',
  '06': '苗',
  '07': '彝',
  '08': '壮',
  '09': '布依',
  '10': '朝鲜',
  '11': '满',
  '12': '侗',
  '13': '瑶',
  '14': '白',
  '15': '土家',
  '16': '哈尼',
  '17': '哈萨克',
  '18': '傣',
  '19': '黎',
  '20': '傈僳',
  '21': '佤',
  '22': '畲',
  '23': '高山',
  '24': '拉祜',
  '25': '水',
  '26': '东乡',
  '27': '纳西',
  '28': '景颇',
  '29': '柯尔克孜',
  '30': '土',
  '31': '达斡尔',
  '32': '仫佬',
  '33': '羌',
  '34': '布朗',
  '35': '撒拉',
  '36': '毛南',
  '37': '仡佬',
  '38': '锡伯',
  '39': '阿昌',
  '40': '普米',
  '41': '塔吉克',
  '42': '怒',
  '43': '乌孜别克',
  '44': '俄罗斯',
  '45': '鄂温克',
  '46': '德昂',
  '47': '保安',
  '48': '裕固',
  '49': '京',
  '50': '塔塔尔',
  '51': '独龙',
  '52': '鄂伦春',
  '53': '赫哲',
  '54': '门巴',
  '55': '珞巴',
  '56': '基诺',
  '97': '其他',
  '98': '外国血统中国籍人士',
};

/** Fields every card kind has. Dates are `YYYY-MM-DD`. */
interface CardCommon {
  genderCode: string;
  gender: Gender;
  /** 男 / 女 / 未知的性别 / 未说明的性别 / 未知 */
  genderText: string;
  birthDate: string;
  validFrom: string;
  /** null when the card is valid long-term (长期). */
  validTo: string | null;
  longTerm: boolean;
}

/** 居民身份证 (resident ID card). */
export interface ResidentIdCard extends CardCommon {
  kind: 'resident';
  name: string;
  nationCode: string;
  /** 汉, 蒙古, …; null for an unknown or empty code */
  nation: string | null;
  address: string;
  idNumber: string;
  issuingAuthority: string;
}

/** 港澳台居民居住证 (flag 'J'): resident layout plus pass number and issue count. */
export interface HmtResidencePermit extends Omit<ResidentIdCard, 'kind'> {
  kind: 'hmt-residence-permit';
  /** 通行证号码 (9 chars) */
  passNumber: string;
  /** 签发次数 */
  issueCount: number;
}

/** 外国人永久居留身份证, 2017 version (flag 'I'). */
export interface ForeignerCard2017 extends CardCommon {
  kind: 'foreigner-2017';
  englishName: string;
  chineseName: string;
  /** 15 chars: 3 letters + 12 digits */
  cardNumber: string;
  /** GB/T 2659 3-letter code */
  nationalityCode: string;
  cardVersion: string;
  issuingAuthorityCode: string;
}

/** 外国人永久居留身份证, 2023 version (flag 'Y'). */
export interface ForeignerCard2023 extends CardCommon {
  kind: 'foreigner-2023';
  chineseName: string;
  /** Up to 46 chars (35 at byte 52 + 11 at byte 220). */
  englishName: string;
  /** 换证次数 */
  renewalCount: number;
  /** 18 digits starting with 9, MOD 11-2 check digit */
  cardNumber: string;
  nationalityCode: string;
  /** Link to the previous 15-char number (3 chars at byte 250). */
  previousNumberLink: string;
}

export type IdCard = ResidentIdCard | HmtResidencePermit | ForeignerCard2017 | ForeignerCard2023;

/** A complete read: the decoded text, the raw photo and (when a decoder was injected) the decoded photo. */
export interface IdCardRecord {
  card: IdCard;
  /** Raw 1024-byte WLT photo as read from the card. */
  photoWlt: Uint8Array;
  /** The photoDecoder's output (e.g. BMP/JPEG bytes), or null when none was given or it could not decode. */
  photo: Uint8Array | null;
}

/** Turns a WLT photo into an image (vendor library on the kiosk); resolve null when it cannot. */
export type PhotoDecoder = (wlt: Uint8Array) => Promise<Uint8Array | null>;

/** Options for {@link decodeCardRecord}. */
export interface DecodeCardOptions {
  /** Optional WLT decoder; default none, so `photo` is null and only `photoWlt` is kept. */
  photoDecoder?: PhotoDecoder;
}

/** One fixed-width UCS-2 field: byte offset and length in bytes. */
interface Field {
  at: number;
  bytes: number;
}
const f = (at: number, bytes: number): Field => ({ at, bytes });

/** Byte layout of each kind (reference §1.5 and §1.7 tables). */
export const LAYOUTS = {
  resident: {
    name: f(0, 30),
    gender: f(30, 2),
    nation: f(32, 4),
    birth: f(36, 16),
    address: f(52, 70),
    idNumber: f(122, 36),
    authority: f(158, 30),
    validFrom: f(188, 16),
    validTo: f(204, 16),
  },
  hmt: { passNumber: f(220, 18), issueCount: f(238, 4) },
  foreigner2017: {
    englishName: f(0, 120),
    gender: f(120, 2),
    cardNumber: f(122, 30),
    nationality: f(152, 6),
    chineseName: f(158, 30),
    validFrom: f(188, 16),
    validTo: f(204, 16),
    birth: f(220, 16),
    cardVersion: f(236, 4),
    authorityCode: f(240, 8),
  },
  foreigner2023: {
    chineseName: f(0, 30),
    gender: f(30, 2),
    renewalCount: f(32, 4),
    birth: f(36, 16),
    englishName1: f(52, 70),
    cardNumber: f(122, 36),
    validFrom: f(188, 16),
    validTo: f(204, 16),
    englishName2: f(220, 22),
    nationality: f(242, 6),
    previousLink: f(250, 6),
  },
  typeFlag: f(TYPE_FLAG_OFFSET, 2),
} as const;

function badData(zh: string, en: string): DeviceError {
  return new DeviceError('BAD_CARD_DATA', zh, en);
}

/** Reads a field and strips the space padding (and NULs) at its end. */
export function readField(text: Uint8Array, field: Field): string {
  const buf = Buffer.from(text.buffer, text.byteOffset + field.at, field.bytes);
  return trimPadding(buf.toString('utf16le'));
}

/** Strips trailing padding: spaces (the standard) and NULs (seen on some readers). */
function trimPadding(s: string): string {
  let end = s.length;
  while (end > 0 && (s[end - 1] === ' ' || s[end - 1] === '\u0000' || s[end - 1] === '\u3000')) end--;
  return s.slice(0, end);
}

/** Which variant a text block is, from the type flag at byte 248. */
export function cardKindOf(text: Uint8Array): CardKind {
  const flag = readField(text, LAYOUTS.typeFlag);
  if (flag === 'J') return 'hmt-residence-permit';
  if (flag === 'I') return 'foreigner-2017';
  if (flag === 'Y') return 'foreigner-2023';
  return 'resident';
}

/** `YYYYMMDD` → `YYYY-MM-DD`; throws BAD_CARD_DATA when it is not a real date. */
export function formatCardDate(raw: string, what: { zh: string; en: string }): string {
  const m = /^(\d{4})(\d{2})(\d{2})$/.exec(raw);
  if (m) {
    const [, y, mo, d] = m as unknown as [string, string, string, string];
    const date = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d)));
    if (
      date.getUTCFullYear() === Number(y) &&
      date.getUTCMonth() === Number(mo) - 1 &&
      date.getUTCDate() === Number(d)
    ) {
      return `${y}-${mo}-${d}`;
    }
  }
  throw badData(
    `证件${what.zh}「${raw}」不是有效日期，请重新读卡`,
    `the card's ${what.en} "${raw}" is not a valid date`,
  );
}

function validity(text: Uint8Array, from: Field, to: Field): Pick<CardCommon, 'validFrom' | 'validTo' | 'longTerm'> {
  const validFrom = formatCardDate(readField(text, from), { zh: '有效期起始日期', en: 'valid-from date' });
  const rawTo = readField(text, to);
  if (rawTo === LONG_TERM) return { validFrom, validTo: null, longTerm: true };
  return { validFrom, validTo: formatCardDate(rawTo, { zh: '有效期截止日期', en: 'valid-to date' }), longTerm: false };
}

function gender(code: string): Pick<CardCommon, 'genderCode' | 'gender' | 'genderText'> {
  const g = GENDER_TABLE[code];
  return { genderCode: code, gender: g?.en ?? 'unknown', genderText: g?.zh ?? '未知' };
}

function checkedNumber(raw: string, label: { zh: string; en: string }): string {
  const problem = checkIdNumber(raw);
  if (problem) {
    const t = ID_PROBLEM_TEXT[problem];
    throw badData(`${label.zh}「${raw}」有误：${t.zh}`, `${label.en} "${raw}" is invalid: ${t.en}`);
  }
  return raw.toUpperCase();
}

function residentFields(text: Uint8Array): Omit<ResidentIdCard, 'kind'> {
  const L = LAYOUTS.resident;
  const nationCode = readField(text, L.nation);
  return {
    name: readField(text, L.name),
    ...gender(readField(text, L.gender)),
    nationCode,
    nation: NATION_TABLE[nationCode] ?? null,
    birthDate: formatCardDate(readField(text, L.birth), { zh: '出生日期', en: 'birth date' }),
    address: readField(text, L.address),
    idNumber: checkedNumber(readField(text, L.idNumber), { zh: '公民身份号码', en: 'ID number' }),
    issuingAuthority: readField(text, L.authority),
    ...validity(text, L.validFrom, L.validTo),
  };
}

/**
 * Decodes the 256-byte text block. Throws a DeviceError `BAD_CARD_DATA` (Chinese + English) when a date is not a
 * date, or the ID number fails GB 11643 (length, characters, birth date, check digit).
 */
export function decodeCardText(text: Uint8Array): IdCard {
  if (text.length !== TEXT_BLOCK_LENGTH) {
    throw badData(
      `证件文字信息长度应为 256 字节，实际 ${text.length} 字节`,
      `the text block must be 256 bytes, got ${text.length}`,
    );
  }
  const kind = cardKindOf(text);
  switch (kind) {
    case 'resident':
      return { kind, ...residentFields(text) };
    case 'hmt-residence-permit': {
      const count = readField(text, LAYOUTS.hmt.issueCount);
      return {
        kind,
        ...residentFields(text),
        passNumber: readField(text, LAYOUTS.hmt.passNumber),
        issueCount: /^\d+$/.test(count) ? Number(count) : 0,
      };
    }
    case 'foreigner-2017': {
      const L = LAYOUTS.foreigner2017;
      const cardNumber = readField(text, L.cardNumber).toUpperCase();
      // The 15-character number's check rule is not public (reference §1.7); its shape is checked instead.
      if (!/^[A-Z]{3}\d{12}$/.test(cardNumber)) {
        throw badData(
          `外国人永久居留身份证号码「${cardNumber}」格式有误（应为3个字母加12位数字）`,
          `foreigner card number "${cardNumber}" should be 3 letters and 12 digits`,
        );
      }
      return {
        kind,
        englishName: readField(text, L.englishName),
        chineseName: readField(text, L.chineseName),
        ...gender(readField(text, L.gender)),
        cardNumber,
        nationalityCode: readField(text, L.nationality),
        birthDate: formatCardDate(readField(text, L.birth), { zh: '出生日期', en: 'birth date' }),
        ...validity(text, L.validFrom, L.validTo),
        cardVersion: readField(text, L.cardVersion),
        issuingAuthorityCode: readField(text, L.authorityCode),
      };
    }
    case 'foreigner-2023': {
      const L = LAYOUTS.foreigner2023;
      const renewal = readField(text, L.renewalCount);
      const first = Buffer.from(text.buffer, text.byteOffset + L.englishName1.at, L.englishName1.bytes).toString(
        'utf16le',
      );
      const englishName = trimPadding(first + readField(text, L.englishName2));
      return {
        kind,
        chineseName: readField(text, L.chineseName),
        englishName,
        ...gender(readField(text, L.gender)),
        renewalCount: /^\d+$/.test(renewal) ? Number(renewal) : 0,
        birthDate: formatCardDate(readField(text, L.birth), { zh: '出生日期', en: 'birth date' }),
        cardNumber: checkedNumber(readField(text, L.cardNumber), {
          zh: '外国人永久居留身份证号码',
          en: 'foreigner card number',
        }),
        ...validity(text, L.validFrom, L.validTo),
        nationalityCode: readField(text, L.nationality),
        previousNumberLink: readField(text, L.previousLink),
      };
    }
  }
}

/** Decodes text + photo; runs the injected photo decoder (its failure leaves `photo` null, never loses the card). */
export async function decodeCardRecord(
  text: Uint8Array,
  photoWlt: Uint8Array,
  options: DecodeCardOptions = {},
): Promise<IdCardRecord> {
  const card = decodeCardText(text);
  let photo: Uint8Array | null = null;
  if (options.photoDecoder) {
    try {
      photo = await options.photoDecoder(photoWlt);
    } catch {
      photo = null;
    }
  }
  return { card, photoWlt: Uint8Array.from(photoWlt), photo };
}

/** The holder's name as printed on a ticket (Chinese name where there is one). */
export function cardHolderName(card: IdCard): string {
  switch (card.kind) {
    case 'resident':
    case 'hmt-residence-permit':
      return card.name;
    case 'foreigner-2017':
    case 'foreigner-2023':
      return card.chineseName || card.englishName;
  }
}

/** The card's identity number (ID number or foreigner card number). */
export function cardHolderNumber(card: IdCard): string {
  switch (card.kind) {
    case 'resident':
    case 'hmt-residence-permit':
      return card.idNumber;
    case 'foreigner-2017':
    case 'foreigner-2023':
      return card.cardNumber;
  }
}

/** Chinese name of the card kind. */
export const CARD_KIND_TEXT: Readonly<Record<CardKind, { zh: string; en: string }>> = {
  resident: { zh: '居民身份证', en: 'resident identity card' },
  'hmt-residence-permit': { zh: '港澳台居民居住证', en: 'residence permit for Hong Kong, Macao and Taiwan residents' },
  'foreigner-2017': { zh: '外国人永久居留身份证（2017版）', en: 'foreigner permanent residence ID card (2017)' },
  'foreigner-2023': { zh: '外国人永久居留身份证（2023版）', en: 'foreigner permanent residence ID card (2023)' },
};
