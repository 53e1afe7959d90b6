import { z } from 'zod';

export const ALARM_KINDS = [
  'wait-too-long',
  'queue-too-long',
  'window-paused',
  'device-offline',
  'printer-paper',
  'case-yellow',
  'case-red',
  'bad-review',
  'rectification-overdue',
  'complaint-overdue',
  'device-fault',
] as const;

/** One alarm: raised when its condition held, cleared when it stopped, listed until a manager acknowledged it. */
export const alarmViewSchema = z.object({
  id: z.number().int(),
  key: z.string(),
  kind: z.enum(ALARM_KINDS),
  severity: z.enum(['warning', 'critical']),
  message: z.string(),
  messageEn: z.string(),
  raisedAt: z.string(),
  clearedAt: z.string().nullable(),
  acknowledgedBy: z.string().nullable(),
  acknowledgedAt: z.string().nullable(),
  note: z.string().nullable(),
});
export type AlarmView = z.infer<typeof alarmViewSchema>;

export const alarmListSchema = z.object({
  /** Not yet acknowledged, newest first (cleared ones too: a manager must have seen them). */
  open: z.array(alarmViewSchema),
  /** The latest acknowledged ones. */
  recent: z.array(alarmViewSchema),
});
export type AlarmList = z.infer<typeof alarmListSchema>;

export const alarmAckSchema = z.object({
  note: z.string().max(500, '备注不能超过 500 个字 / the note may be at most 500 characters').default(''),
});

export const alarmThresholdsSchema = z.object({
  waitMinutes: z.number().int(),
  queueLength: z.number().int(),
  pausedMinutes: z.number().int(),
  yellowPercent: z.number().int(),
});
export type AlarmThresholdsView = z.infer<typeof alarmThresholdsSchema>;
