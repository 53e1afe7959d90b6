import { z } from 'zod';
import { businessDaySchema } from './common.js';

/** A local working-day override: the hall closed on a working day, or open on a holiday. */
export const calendarOverrideSchema = z.object({
  date: businessDaySchema,
  working: z.boolean(),
  note: z.string(),
});
export type CalendarOverride = z.infer<typeof calendarOverrideSchema>;

export const calendarOverrideInputSchema = z.object({ working: z.boolean(), note: z.string().trim().min(1).max(100) });
export type CalendarOverrideInput = z.infer<typeof calendarOverrideInputSchema>;

export const calendarDaySchema = z.object({
  date: businessDaySchema,
  working: z.boolean(),
  reason: z.enum(['override', 'adjusted-workday', 'holiday', 'weekend', 'weekday']),
  /** The holiday or adjusted day's name (国庆节 …), if any. */
  name: z.string().nullable(),
  /** The national calendar data does not cover this year yet: Mon–Fri are assumed. */
  uncovered: z.boolean(),
});
export type CalendarDay = z.infer<typeof calendarDaySchema>;

export const calendarViewSchema = z.object({
  days: z.array(calendarDaySchema),
  overrides: z.array(calendarOverrideSchema),
});
export type CalendarView = z.infer<typeof calendarViewSchema>;
