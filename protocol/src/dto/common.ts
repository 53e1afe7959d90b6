import { z } from 'zod';
import { checkIdNumber, ID_PROBLEM_TEXT } from '../id-number.js';

export const idSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_.:-]+$/, 'id: letters, digits, _ . : - only');

/** An ISO-8601 UTC timestamp, as stored and sent everywhere. */
export const isoTimeSchema = z.string().datetime({ offset: true });

/** "HH:MM" in the hall's time zone. */
export const clockTimeSchema = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'time of day as HH:MM, e.g. 08:30');

/** YYYY-MM-DD business day in the hall's time zone. */
export const businessDaySchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

/** A resident ID number that passes the GB 11643 check-digit test. */
export const idNumberSchema = z
  .string()
  .transform((s) => s.trim().toUpperCase())
  .superRefine((value, ctx) => {
    const problem = checkIdNumber(value);
    if (problem) {
      const text = ID_PROBLEM_TEXT[problem];
      ctx.addIssue({ code: 'custom', message: `${text.zh} / ${text.en}`, params: { idProblem: problem } });
    }
  });

export const personNameSchema = z.string().trim().min(1).max(64);
