import type { z } from 'zod';
import { appError, type AppError } from '@onedoor/protocol';

/** Turns a zod failure into the one error shape clients get: Chinese first, English beside it, field paths. */
export function validationError(error: z.ZodError): AppError {
  const details = error.issues.map((i) => ({ path: i.path.join('.') || '(payload)', message: i.message }));
  return appError(
    'BAD_REQUEST',
    `请求内容有误：${details.map((d) => `${d.path} ${d.message}`).join('；')}`,
    `invalid request: ${details.map((d) => `${d.path}: ${d.message}`).join('; ')}`,
    details,
  );
}
