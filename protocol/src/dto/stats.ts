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

/** Time buckets and dimensions a period can be cut by (按时段, 按维度). */
export const STATS_BUCKETS = ['hour', 'day', 'week', 'month'] as const;
export type StatsBucket = (typeof STATS_BUCKETS)[number];
export const STATS_DIMENSIONS = ['service', 'window', 'clerk', 'department', 'matter'] as const;
export type StatsDimension = (typeof STATS_DIMENSIONS)[number];

/** A period cut by a bucket, a dimension or both (at least one; hours over at most 31 days, checked by the server). */
export const statsBreakdownQuerySchema = statsRangeQuerySchema.extend({
  bucket: z.enum(STATS_BUCKETS).optional(),
  by: z.enum(STATS_DIMENSIONS).optional(),
});
export type StatsBreakdownQuery = z.infer<typeof statsBreakdownQuerySchema>;

const breakdownRowSchema = statsReportSchema.omit({ from: true, to: true }).extend({
  /** 2026-12-01 09:00 (hour), 2026-12-01 (day), the week's Monday 2026-11-30 (week), 2026-12 (month); null: no bucket. */
  bucket: z.string().nullable(),
  /** The service, window, staff, department or matter id; null: not cut by a dimension. */
  key: z.string().nullable(),
  /** Its name as the hall calls it (the id when it no longer exists). */
  label: z.string().nullable(),
});

/** One row per bucket and dimension value that saw something, ordered by bucket then key. */
export const statsBreakdownSchema = z.object({
  from: z.string(),
  to: z.string(),
  bucket: z.enum(STATS_BUCKETS).nullable(),
  by: z.enum(STATS_DIMENSIONS).nullable(),
  rows: z.array(breakdownRowSchema),
});
export type StatsBreakdown = z.infer<typeof statsBreakdownSchema>;
export type StatsBreakdownRow = StatsBreakdown['rows'][number];

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
