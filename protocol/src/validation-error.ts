import type { z } from 'zod';
import { appError, type AppError } from './errors.js';

interface Plain {
  zh: string;
  en: string;
}

const CJK = /[\u4e00-\u9fff]/;

const TYPE_WORDS: Record<string, Plain> = {
  string: { zh: '文字', en: 'text' },
  number: { zh: '数字', en: 'a number' },
  int: { zh: '整数', en: 'a whole number' },
  boolean: { zh: '是或否', en: 'yes or no' },
  object: { zh: '一组字段', en: 'a set of fields' },
  record: { zh: '一组字段', en: 'a set of fields' },
  array: { zh: '列表', en: 'a list' },
  date: { zh: '日期', en: 'a date' },
};

const SIZE_UNIT: Record<string, Plain> = {
  string: { zh: '个字', en: 'characters' },
  array: { zh: '项', en: 'items' },
  set: { zh: '项', en: 'items' },
};

const quoteZh = (field: string) => `「${field}」`;

/** How an issue is worded: the schema author's own text, a missing field, or a rule of the field. */
type Wording = { kind: 'authored' | 'missing' | 'rule' } & Plain;

/**
 * One issue in plain words, without naming its field (a catalog row names its column itself). A message the
 * schema's author wrote ("手机号应为11位 / a mobile number has 11 digits") is kept as written; zod's own wording
 * ("Invalid input: expected string, received undefined") is rephrased from the issue's code and limits.
 */
export function describeIssue(issue: z.core.$ZodIssue): Wording {
  if (CJK.test(issue.message)) {
    const cut = issue.message.lastIndexOf('/');
    const zh = (cut > 0 ? issue.message.slice(0, cut) : issue.message).trim();
    return { kind: 'authored', zh, en: cut > 0 ? issue.message.slice(cut + 1).trim() : zh };
  }
  switch (issue.code) {
    case 'invalid_type': {
      if (/received undefined/.test(issue.message))
        return { kind: 'missing', zh: '必填，不能为空', en: 'required, may not be empty' };
      const want = TYPE_WORDS[issue.expected] ?? { zh: '其他类型', en: 'another type' };
      return { kind: 'rule', zh: `应为${want.zh}`, en: `should be ${want.en}` };
    }
    case 'too_small':
    case 'too_big': {
      const limit = Number(issue.code === 'too_small' ? issue.minimum : issue.maximum);
      const unit = SIZE_UNIT[issue.origin];
      const small = issue.code === 'too_small';
      if (unit)
        return {
          kind: 'rule',
          zh: `${small ? '至少' : '最多'} ${limit} ${unit.zh}`,
          en: `has ${small ? 'at least' : 'at most'} ${limit} ${unit.en}`,
        };
      return {
        kind: 'rule',
        zh: `${small ? '不能小于' : '不能大于'} ${limit}`,
        en: `must be ${small ? 'at least' : 'at most'} ${limit}`,
      };
    }
    case 'invalid_value': {
      const values = issue.values.map(String);
      return {
        kind: 'rule',
        zh: `只能是 ${values.join('、')}${values.length > 1 ? ' 之一' : ''}`,
        en: `must be ${values.length > 1 ? 'one of ' : ''}${values.join(', ')}`,
      };
    }
    case 'invalid_format':
      return { kind: 'rule', zh: '格式不对', en: 'has the wrong format' };
    case 'unrecognized_keys':
      return {
        kind: 'rule',
        zh: `含有不认识的字段：${issue.keys.join('、')}`,
        en: `has unknown fields: ${issue.keys.join(', ')}`,
      };
    case 'custom':
      // A refinement's English text (no Chinese given) is still the author's: shown beside the plain Chinese.
      return { kind: 'rule', zh: '不正确', en: `is not valid: ${issue.message}` };
    default:
      return { kind: 'rule', zh: '不正确', en: 'is not valid' };
  }
}

/** One field's problem in plain words, naming the field. */
export function plainIssue(issue: z.core.$ZodIssue): Plain & { path: string } {
  const path = issue.path.map(String).join('.');
  const field = path || '请求内容';
  const fieldEn = path || 'the payload';
  const w = describeIssue(issue);
  if (w.kind === 'authored') return { path, zh: `${quoteZh(field)}：${w.zh}`, en: `${fieldEn}: ${w.en}` };
  if (w.kind === 'missing') return { path, zh: `缺少${quoteZh(field)}`, en: `${fieldEn} is missing` };
  return { path, zh: `${quoteZh(field)}${w.zh}`, en: `${fieldEn} ${w.en}` };
}

/** Turns a zod failure into the one error shape clients get: Chinese first, English beside it, field paths. */
export function validationError(error: z.ZodError): AppError {
  const plain = error.issues.map(plainIssue);
  return appError(
    'BAD_REQUEST',
    `请求内容有误：${plain.map((p) => p.zh).join('；')}`,
    `invalid request: ${plain.map((p) => p.en).join('; ')}`,
    plain.map((p) => ({ path: p.path || '(payload)', message: `${p.zh} / ${p.en}` })),
  );
}
