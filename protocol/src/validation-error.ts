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

/**
 * One field's problem in plain words. A message the schema's author wrote ("手机号应为11位 / a mobile number has
 * 11 digits") is kept as written; zod's own wording ("Invalid input: expected string, received undefined") never
 * reaches a clerk, a kiosk or a log reader: it is rephrased from the issue's code and limits.
 */
export function plainIssue(issue: z.core.$ZodIssue): Plain & { path: string } {
  const path = issue.path.map(String).join('.');
  const field = path || '请求内容';
  const fieldEn = path || 'the payload';
  const authored = CJK.test(issue.message);
  if (authored) {
    const cut = issue.message.lastIndexOf('/');
    const zh = (cut > 0 ? issue.message.slice(0, cut) : issue.message).trim();
    const en = cut > 0 ? issue.message.slice(cut + 1).trim() : zh;
    return { path, zh: `${quoteZh(field)}：${zh}`, en: `${fieldEn}: ${en}` };
  }
  switch (issue.code) {
    case 'invalid_type': {
      if (/received undefined/.test(issue.message))
        return { path, zh: `缺少${quoteZh(field)}`, en: `${fieldEn} is missing` };
      const want = TYPE_WORDS[issue.expected] ?? { zh: '其他类型', en: 'another type' };
      return { path, zh: `${quoteZh(field)}应为${want.zh}`, en: `${fieldEn} should be ${want.en}` };
    }
    case 'too_small':
    case 'too_big': {
      const limit = Number(issue.code === 'too_small' ? issue.minimum : issue.maximum);
      const unit = SIZE_UNIT[issue.origin];
      const small = issue.code === 'too_small';
      if (unit)
        return {
          path,
          zh: `${quoteZh(field)}${small ? '至少' : '最多'} ${limit} ${unit.zh}`,
          en: `${fieldEn} has ${small ? 'at least' : 'at most'} ${limit} ${unit.en}`,
        };
      return {
        path,
        zh: `${quoteZh(field)}${small ? '不能小于' : '不能大于'} ${limit}`,
        en: `${fieldEn} must be ${small ? 'at least' : 'at most'} ${limit}`,
      };
    }
    case 'invalid_value': {
      const values = issue.values.map(String);
      return {
        path,
        zh: `${quoteZh(field)}只能是 ${values.join('、')}${values.length > 1 ? ' 之一' : ''}`,
        en: `${fieldEn} must be ${values.length > 1 ? 'one of ' : ''}${values.join(', ')}`,
      };
    }
    case 'invalid_format':
      return { path, zh: `${quoteZh(field)}格式不对`, en: `${fieldEn} has the wrong format` };
    case 'unrecognized_keys':
      return {
        path,
        zh: `${path ? quoteZh(field) : ''}不认识的字段：${issue.keys.join('、')}`,
        en: `unknown fields${path ? ` in ${path}` : ''}: ${issue.keys.join(', ')}`,
      };
    case 'custom':
      // A refinement's English text (no Chinese given) is still the author's: shown beside the plain Chinese.
      return { path, zh: `${quoteZh(field)}不正确`, en: `${fieldEn}: ${issue.message}` };
    default:
      return { path, zh: `${quoteZh(field)}不正确`, en: `${fieldEn} is not valid` };
  }
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
