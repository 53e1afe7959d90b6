import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { caseActionSchemas } from './dto/case.js';
import { issueTicketSchema } from './socket/commands.js';
import { validationError } from './validation-error.js';

const refusal = (schema: z.ZodType, input: unknown) => {
  const parsed = schema.safeParse(input);
  if (parsed.success) throw new Error('expected a refusal');
  return validationError(parsed.error);
};

// Guards the finding that a refused 不予受理 answered "reason: Invalid input: expected string, received undefined":
// zod's own words reached the clerk's screen.
describe('validationError speaks plainly', () => {
  it('a missing field is named as missing, in Chinese and English', () => {
    const e = refusal(caseActionSchemas.reject, {});
    expect(e.message).toBe('请求内容有误：缺少「reason」');
    expect(e.messageEn).toBe('invalid request: reason is missing');
  });

  it('a wrong type and a value outside the list say what is allowed', () => {
    const e = refusal(issueTicketSchema, { serviceId: 42, priority: 'vip' });
    expect(e.message).toBe('请求内容有误：「serviceId」应为文字；「priority」只能是 green、normal 之一');
    expect(e.messageEn).toBe('invalid request: serviceId should be text; priority must be one of green, normal');
    expect(e.details).toEqual([
      { path: 'serviceId', message: '「serviceId」应为文字 / serviceId should be text' },
      { path: 'priority', message: '「priority」只能是 green、normal 之一 / priority must be one of green, normal' },
    ]);
  });

  it("keeps the schema author's own bilingual message", () => {
    const e = refusal(issueTicketSchema, { serviceId: 'general', phone: '123' });
    expect(e.message).toBe('请求内容有误：「phone」：手机号应为11位');
    expect(e.messageEn).toBe('invalid request: phone: a mobile number has 11 digits');
  });

  it('sizes, unknown fields and a payload that is not an object', () => {
    expect(refusal(z.object({ note: z.string().max(3) }), { note: 'abcd' }).message).toBe(
      '请求内容有误：「note」最多 3 个字',
    );
    expect(refusal(z.object({ n: z.number().min(1) }), { n: 0 }).messageEn).toBe(
      'invalid request: n must be at least 1',
    );
    expect(refusal(z.strictObject({ a: z.string() }), { a: 'x', b: 1 }).message).toBe(
      '请求内容有误：「请求内容」含有不认识的字段：b',
    );
    const notObject = refusal(z.object({ a: z.string() }), 'text');
    expect(notObject.message).toBe('请求内容有误：「请求内容」应为一组字段');
    expect(notObject.messageEn).toBe('invalid request: the payload should be a set of fields');
  });

  it('no zod wording survives in any message', () => {
    const inputs: [z.ZodType, unknown][] = [
      [issueTicketSchema, { serviceId: 42, priority: 'vip', holder: { idNumber: 5 } }],
      [caseActionSchemas.reject, { reason: 7 }],
      [z.object({ d: z.string().regex(/^\d+$/) }), { d: 'x' }],
      [z.array(z.string()).min(2), ['a']],
    ];
    for (const [schema, input] of inputs) {
      const e = refusal(schema, input);
      for (const text of [e.message, e.messageEn, ...(e.details ?? []).map((d) => d.message)])
        expect(text).not.toMatch(/Invalid|Too small|Too big|expected|received/);
    }
  });
});
