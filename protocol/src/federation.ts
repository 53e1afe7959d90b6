import { z } from 'zod';
import { businessDaySchema, idSchema, isoTimeSchema } from './dto/common.js';

/**
 * 四级联通: what a hall publishes to the level above (county, city) and what the level above asks of it, over an MQTT
 * broker cluster (Mosquitto bridges or EMQX). Every topic lives under `onedoor/{hallId}/fed/`:
 * - `up/…` flows from the hall towards the region (a bridge forwards it `out`),
 * - `down/…` flows from the region to the hall (a bridge forwards it `in`).
 * Two directions under two prefixes, so a bridge's patterns never send a message back where it came from.
 */

/** A hall id as in config `hall.id` (it is a topic level). */
export const federationHallIdSchema = z.string().regex(/^[a-z0-9-]{2,40}$/);

export const FEDERATION_ROLES = ['hall', 'county', 'city'] as const;
export type FederationRole = (typeof FEDERATION_ROLES)[number];

/** One row of the hall's event log inside a record. */
export const federationEventSchema = z.object({ type: z.string().min(1), at: isoTimeSchema, payload: z.unknown() });

/**
 * One record: one committed command of the hall, under its gap-free sequence number (the event log's seq), with the
 * event rows it wrote. The region applies each (hall id, seq) exactly once.
 */
export const federationRecordSchema = z.object({
  hallId: federationHallIdSchema,
  seq: z.number().int().min(1),
  businessDay: businessDaySchema,
  /** Empty for a command that wrote no row (its number is still taken, so the region must not wait for it). */
  events: z.array(federationEventSchema),
});
export type FederationRecord = z.infer<typeof federationRecordSchema>;

/** The KPIs of one business day (domain.md §6), as a hall computes them from its own log. */
export const dailyRollupSchema = z.object({
  businessDay: businessDaySchema,
  ticketsIssued: z.number().int().min(0),
  ticketsServed: z.number().int().min(0),
  noShows: z.number().int().min(0),
  avgWaitMinutes: z.number().nullable(),
  p90WaitMinutes: z.number().nullable(),
  waitsMeasured: z.number().int().min(0),
  evaluationsGood: z.number().int().min(0),
  evaluationsBad: z.number().int().min(0),
  casesAccepted: z.number().int().min(0),
  casesFinished: z.number().int().min(0),
});
export type DailyRollupView = z.infer<typeof dailyRollupSchema>;

/** The hall's own daily rollup, computed through `throughSeq`. */
export const federationRollupSchema = z.object({
  hallId: federationHallIdSchema,
  throughSeq: z.number().int().min(0),
  rollup: dailyRollupSchema,
});
export type FederationRollup = z.infer<typeof federationRollupSchema>;

/** The hall now: waiting, windows, open alarms, and the last seq it wrote (the region's gap check). */
export const federationStateSchema = z.object({
  hallId: federationHallIdSchema,
  name: z.string(),
  role: z.enum(FEDERATION_ROLES),
  at: isoTimeSchema,
  businessDay: businessDaySchema,
  lastSeq: z.number().int().min(0),
  waiting: z.number().int().min(0),
  services: z.array(z.object({ id: idSchema, name: z.string(), waiting: z.number().int().min(0) })),
  windows: z.array(
    z.object({ id: idSchema, name: z.string(), state: z.string(), currentNumber: z.string().nullable() }),
  ),
  alarms: z.array(
    z.object({
      kind: z.string(),
      severity: z.string(),
      message: z.string(),
      messageEn: z.string(),
      raisedAt: isoTimeSchema,
    }),
  ),
});
export type FederationState = z.infer<typeof federationStateSchema>;

/** Retained; the hall's last will says `online: false` when its link drops without a goodbye. */
export const federationLinkSchema = z.object({
  hallId: federationHallIdSchema,
  online: z.boolean(),
  at: isoTimeSchema,
});
export type FederationLink = z.infer<typeof federationLinkSchema>;

/** At most this many records are asked for (and answered) in one request. */
export const MAX_REPLAY_RECORDS = 500;

/** The region asks a hall for records it is missing (inclusive range). */
export const replayRequestSchema = z
  .object({ requestId: z.string().min(1).max(64), from: z.number().int().min(1), to: z.number().int().min(1) })
  .refine((r) => r.to >= r.from && r.to - r.from < MAX_REPLAY_RECORDS, { message: 'from ≤ to, at most 500 records' });
export type ReplayRequest = z.infer<typeof replayRequestSchema>;

/** The hall's answer: the records of the range it has (all of them: its log is append-only). */
export const replayAnswerSchema = z.object({
  hallId: federationHallIdSchema,
  requestId: z.string().min(1).max(64),
  records: z.array(federationRecordSchema).max(MAX_REPLAY_RECORDS),
});
export type ReplayAnswer = z.infer<typeof replayAnswerSchema>;

/** topic pattern → payload, for the federation's brokers (not the hall's device broker). */
export interface FederationMqttApi {
  /** up, QoS 1: every record once (again on replay or after a lost PUBACK; the region dedups). */
  'onedoor/+/fed/up/record': FederationRecord;
  /** up, QoS 1: records a region asked for. */
  'onedoor/+/fed/up/replay': ReplayAnswer;
  /** up, QoS 1, retained: the hall now. */
  'onedoor/+/fed/up/state': FederationState;
  /** up, QoS 1, retained (also the last will). */
  'onedoor/+/fed/up/link': FederationLink;
  /** up, QoS 1: the hall's KPIs of a day. */
  'onedoor/+/fed/up/rollup': FederationRollup;
  /** up, QoS 1: a county's KPIs of its halls. */
  'onedoor/+/fed/up/area-rollup': FederationAreaRollup;
  /** down, QoS 1: a region asks for missing records. */
  'onedoor/+/fed/down/replay': ReplayRequest;
}
export type FederationUpKind = 'record' | 'replay' | 'state' | 'link' | 'rollup' | 'area-rollup';

export const federationTopics = {
  up: (hallId: string, kind: FederationUpKind) => `onedoor/${hallId}/fed/up/${kind}`,
  replayRequest: (hallId: string) => `onedoor/${hallId}/fed/down/replay`,
  /** Everything a hall sends up / receives: the ACL and bridge patterns of one hall. */
  upAll: (hallId: string) => `onedoor/${hallId}/fed/up/#`,
  downAll: (hallId: string) => `onedoor/${hallId}/fed/down/#`,
} as const;

/** Splits `onedoor/{hall}/fed/up/{kind}`; null for any other topic. */
export function parseFederationUpTopic(topic: string): { hallId: string; kind: FederationUpKind } | null {
  const m = /^onedoor\/([a-z0-9-]{2,40})\/fed\/up\/(record|replay|state|link|rollup|area-rollup)$/.exec(topic);
  return m ? { hallId: m[1]!, kind: m[2] as FederationUpKind } : null;
}

// ---------- the region view (REST, console) ----------

/** One hall below the region: its link and live state. */
export const regionHallViewSchema = z.object({
  hallId: federationHallIdSchema,
  name: z.string(),
  /** The hall itself when directly below, else the county its KPIs climbed through. */
  via: z.string(),
  online: z.boolean(),
  lastHeard: isoTimeSchema.nullable(),
  /** Seconds since last heard; null when never. */
  silentSeconds: z.number().int().min(0).nullable(),
  /** Records announced and not yet applied. */
  lagRecords: z.number().int().min(0),
  waiting: z.number().int().min(0).nullable(),
  openWindows: z.number().int().min(0).nullable(),
  windows: z.number().int().min(0).nullable(),
  alarms: federationStateSchema.shape.alarms,
});
export type RegionHallViewDto = z.infer<typeof regionHallViewSchema>;

export const regionOverviewSchema = z.object({
  regionId: federationHallIdSchema,
  role: z.enum(FEDERATION_ROLES),
  at: isoTimeSchema,
  halls: z.array(regionHallViewSchema),
});
export type RegionOverview = z.infer<typeof regionOverviewSchema>;

/** The KPIs of a period (a day, a month, a range). */
export const periodRollupSchema = dailyRollupSchema.omit({ businessDay: true }).extend({
  fromDay: businessDaySchema,
  toDay: businessDaySchema,
});

export const regionKpiRowSchema = z.object({
  hallId: federationHallIdSchema,
  name: z.string(),
  via: z.string(),
  kpis: periodRollupSchema,
});
export type RegionKpiRow = z.infer<typeof regionKpiRowSchema>;

export const regionKpiQuerySchema = z
  .object({ from: businessDaySchema, to: businessDaySchema })
  .refine((q) => q.from <= q.to, { message: '开始日期不能晚于结束日期 / from must not be after to' });

/** A county's rollups of the halls below it, climbing to the city (the city never sees those halls' records). */
export const federationAreaRollupSchema = z.object({
  hallId: federationHallIdSchema,
  rollups: z.array(z.object({ hallId: federationHallIdSchema, name: z.string(), rollup: dailyRollupSchema })).max(500),
  /** The county's view of the halls below it (their link and live state), so the city sees every hall. */
  halls: z.array(regionHallViewSchema).max(500).default([]),
});
export type FederationAreaRollup = z.infer<typeof federationAreaRollupSchema>;

/** Payload schema per up kind, for what a region receives. */
export const federationUpSchemas = {
  record: federationRecordSchema,
  replay: replayAnswerSchema,
  state: federationStateSchema,
  link: federationLinkSchema,
  rollup: federationRollupSchema,
  'area-rollup': federationAreaRollupSchema,
} as const;
