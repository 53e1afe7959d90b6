import { z } from 'zod';

/** A reporting period: whole business days, both ends included (at most 366 days, checked by the server). */
export const statsRangeQuerySchema = z.object({
  from: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  to: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
});
export type StatsRangeQuery = z.infer<typeof statsRangeQuerySchema>;

const ratioSchema = z.object({
  value: z.number().nullable(),
  numerator: z.number(),
  denominator: z.number(),
  formula: z.string(),
  formulaEn: z.string(),
});

const durationSchema = z.object({ count: z.number(), averageMs: z.number().nullable(), p90Ms: z.number().nullable() });

/** The period's figures and the reform's KPIs, each KPI with the formula it was computed by. */
export const statsReportSchema = z.object({
  from: z.string(),
  to: z.string(),
  queue: z.object({
    issued: z.number(),
    served: z.number(),
    noShows: z.number(),
    abandoned: z.number(),
    transfers: z.number(),
    wait: durationSchema,
    service: durationSchema,
    appointmentsKept: z.number(),
    appointmentsMissed: z.number(),
  }),
  cases: z.object({
    received: z.number(),
    accepted: z.number(),
    refused: z.number(),
    concluded: z.number(),
    overdue: z.number(),
  }),
  kpis: z.object({
    oneWindowRate: ratioSchema,
    atMostOneVisitRate: ratioSchema,
    onTimeRate: ratioSchema,
    overdueRate: ratioSchema,
    speedUpRate: ratioSchema,
    participationRate: ratioSchema,
    goodRate: ratioSchema,
    badRate: ratioSchema,
  }),
});
export type StatsReport = z.infer<typeof statsReportSchema>;

/** One window's business day so far, from the event log: what the clerk's screen shows as 今日本窗口. */
export const windowDaySchema = z.object({
  businessDay: z.string(),
  /** The hall's sequence number the count is current at: a screen that has seen later events keeps its own. */
  seq: z.number().int(),
  /** First calls made at this window (recalls not counted). */
  called: z.number().int(),
  done: z.number().int(),
  noShow: z.number().int(),
  transferred: z.number().int(),
  suspended: z.number().int(),
  /** Sum of the service minutes of `done`, for the average. */
  serviceMinutes: z.number(),
});
export type WindowDay = z.infer<typeof windowDaySchema>;
