/**
 * GB 11643-1999 公民身份号码: 17 digits + MOD 11-2 check character (0-9 or X).
 * Also used for the 2023 foreigner permanent residence card (18 digits starting with 9) and
 * HK/Macau/Taiwan residence permits (810000/820000/830000), which share the check rule.
 * The 2004/2017 foreigner permanent residence card carries a 15-character number: 3 letters (nationality, GB/T 2659)
 * and 12 digits. Its check rule is not published (reference hardware.md §1.7), so only its shape is checked; it is
 * still accepted everywhere an ID number is, since holders of the old card keep using it after 2023-12-01.
 */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';

export function idNumberCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]!;
  return CHECK_CHARS[sum % 11]!;
}

const FOREIGNER_2017 = /^[A-Z]{3}\d{12}$/;

/** Which document a valid number belongs to, from its shape alone. */
export type IdNumberKind = 'resident' | 'hmt-residence-permit' | 'foreigner-2023' | 'foreigner-2017';

export function idNumberKind(valid: string): IdNumberKind {
  const id = valid.trim().toUpperCase();
  if (id.length === 15) return 'foreigner-2017';
  if (id.startsWith('9')) return 'foreigner-2023';
  if (/^8[123]0000/.test(id)) return 'hmt-residence-permit';
  return 'resident';
}

export type IdNumberProblem = 'length' | 'characters' | 'birth-date' | 'check-digit';

/** Returns null when the number is valid, or what is wrong with it. */
export function checkIdNumber(raw: string): IdNumberProblem | null {
  const id = raw.trim().toUpperCase();
  if (id.length === 15) return FOREIGNER_2017.test(id) ? null : 'characters';
  if (id.length !== 18) return 'length';
  if (!/^\d{17}[\dX]$/.test(id)) return 'characters';
  if (!id.startsWith('9')) {
    const y = Number(id.slice(6, 10));
    const m = Number(id.slice(10, 12));
    const d = Number(id.slice(12, 14));
    const date = new Date(Date.UTC(y, m - 1, d));
    if (y < 1880 || date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) {
      return 'birth-date';
    }
  }
  if (idNumberCheckChar(id) !== id[17]) return 'check-digit';
  return null;
}

export const ID_PROBLEM_TEXT: Record<IdNumberProblem, { zh: string; en: string }> = {
  length: {
    zh: '证件号码应为18位（旧版外国人永久居留证为15位）',
    en: 'an ID number has 18 characters (15 on the old foreigner permanent residence card)',
  },
  characters: {
    zh: '证件号码应为17位数字加一位数字或X；旧版外国人永久居留证为3个字母加12位数字',
    en: 'an ID number is 17 digits and a digit or X; the old foreigner card number is 3 letters and 12 digits',
  },
  'birth-date': { zh: '身份证号码中的出生日期无效', en: 'the birth date inside the ID number is not a real date' },
  'check-digit': { zh: '身份证号码校验位错误，请核对', en: 'the check digit of the ID number is wrong (GB 11643)' },
};

export function normalizeIdNumber(raw: string): string {
  return raw.trim().toUpperCase();
}

/** 4201**********1234 — first 4 and last 4 visible, as the hall's public places require. */
export function maskIdNumber(id: string): string {
  if (id.length <= 8) return '*'.repeat(id.length);
  return id.slice(0, 4) + '*'.repeat(id.length - 8) + id.slice(-4);
}

/**
 * * / 张* / 张*三 / 欧**锋: keep the first and (for 3+ chars) the last character; a one-character name shows nothing
 * (its one character is the whole name).
 */
export function maskName(name: string): string {
  const chars = Array.from(name.trim());
  if (chars.length === 0) return '';
  if (chars.length === 1) return '*';
  if (chars.length === 2) return chars[0] + '*';
  return chars[0] + '*'.repeat(chars.length - 2) + chars[chars.length - 1];
}

/** 138****5678 */
export function maskPhone(phone: string): string {
  const p = phone.trim();
  if (p.length < 7) return '*'.repeat(p.length);
  return p.slice(0, 3) + '*'.repeat(p.length - 7) + p.slice(-4);
}

// An ID number (18, or the old foreigner card's 15) or a mainland mobile number standing alone in free text.
const NUMBERS_IN_TEXT = /(?<![0-9A-Za-z])(\d{17}[\dXx]|[A-Za-z]{3}\d{12}|1[3-9]\d{9})(?![0-9A-Za-z])/g;

/**
 * Masks the ID and mobile numbers a visitor typed into free text (a 差评's reason: "请回电 13812345678"), so a list or
 * an export of such text never carries one in full. Whether the number is valid does not matter: it is masked anyway.
 */
export function maskNumbersInText(text: string): string {
  return text.replace(NUMBERS_IN_TEXT, (n) => (n.length === 11 ? maskPhone(n) : maskIdNumber(n)));
}
