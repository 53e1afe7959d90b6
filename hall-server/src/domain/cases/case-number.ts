import { appError } from '@onedoor/protocol';
import { type Result, failure, success } from '../result.js';

/**
 * Case numbers (办件编号) from a configurable format. Tokens: {area} (行政区划代码), {yyyy} {yy} {MM} {dd} {yyyyMMdd}
 * (hall-local date of receipt), {seq:N} (the sequence, zero-padded to N digits). Default:
 * `{area}{yyyyMMdd}{seq:6}` → 330100 20261127 000001 (20 digits, the sequence restarting each day).
 * The sequence restarts daily when the format has a day in it, and never restarts otherwise.
 */
export const DEFAULT_CASE_NO_FORMAT = '{area}{yyyyMMdd}{seq:6}';

const TOKEN_RE = /\{(area|yyyy|yy|MM|dd|yyyyMMdd|seq:(\d))\}/g;

export interface CaseNoFormat {
  format: string;
  /** The counter scope for a date: the date itself (daily sequence), the year, or 'all'. */
  scope(date: string): string;
  render(input: { area: string; date: string; seq: number }): Result<string>;
}

export function parseCaseNoFormat(format: string): Result<CaseNoFormat> {
  const seqTokens = [...format.matchAll(/\{seq:(\d)\}/g)];
  if (seqTokens.length !== 1)
    return failure(
      appError('BAD_REQUEST', '编号格式须包含一个 {seq:N}（N 为位数）', 'the format needs exactly one {seq:N} token'),
    );
  const digits = Number(seqTokens[0]![1]);
  if (digits < 3) return failure(appError('BAD_REQUEST', '流水号至少3位', 'the sequence needs at least 3 digits'));
  const leftover = format.replace(TOKEN_RE, '');
  if (/[{}]/.test(leftover))
    return failure(appError('BAD_REQUEST', `编号格式有未知的占位符：${format}`, `unknown token in ${format}`));
  if (!/^[A-Za-z0-9-]*$/.test(leftover))
    return failure(
      appError(
        'BAD_REQUEST',
        '编号格式中的固定文字只能是字母、数字和 -',
        'literal text may only be letters, digits and -',
      ),
    );
  const daily = /\{(dd|yyyyMMdd)\}/.test(format);
  const yearly = !daily && /\{(yyyy|yy)\}/.test(format);
  return success({
    format,
    scope: (date) => (daily ? date : yearly ? date.slice(0, 4) : 'all'),
    render: ({ area, date, seq }) => {
      if (seq >= 10 ** digits)
        return failure(
          appError(
            'CONFLICT',
            `今日办件流水号已用完（${digits}位），请调整编号格式`,
            `the ${digits}-digit sequence is exhausted`,
          ),
        );
      const [y, m, d] = date.split('-') as [string, string, string];
      return success(
        format.replace(TOKEN_RE, (_all, token: string, n?: string) => {
          switch (token) {
            case 'area':
              return area;
            case 'yyyy':
              return y;
            case 'yy':
              return y.slice(2);
            case 'MM':
              return m;
            case 'dd':
              return d;
            case 'yyyyMMdd':
              return `${y}${m}${d}`;
            default:
              return String(seq).padStart(Number(n), '0');
          }
        }),
      );
    },
  });
}
