import { z } from 'zod';
import type { CallView, HallEvent } from './dto/queue.js';
import { ratingLevelSchema } from './dto/evaluation.js';

/**
 * MQTT topic map. Every topic lives under `onedoor/{hallId}/`. Payloads are JSON.
 * Direction: S = hall server publishes, D = device/gateway publishes.
 */
export const DEVICE_KINDS = [
  'id-reader',
  'printer',
  'led',
  'pad',
  'evaluator',
  'led-board',
  'kiosk',
  'display',
  'gateway',
] as const;
export type DeviceKind = (typeof DEVICE_KINDS)[number];

export const PAD_KEYS = [
  'call-next',
  'recall',
  'start-evaluation',
  'no-show',
  'suspend',
  'resume',
  'pause',
  'transfer',
  'finish',
] as const;
export type PadKey = (typeof PAD_KEYS)[number];

export const deviceStatePayloadSchema = z.object({
  deviceId: z.string(),
  kind: z.enum(DEVICE_KINDS),
  online: z.boolean(),
  /** Free-form status words: paper-out, cover-open, unplugged … */
  status: z.array(z.string()).default([]),
  at: z.string(),
});
export type DeviceStatePayload = z.infer<typeof deviceStatePayloadSchema>;

export const padKeyPayloadSchema = z.object({ key: z.enum(PAD_KEYS), at: z.string() });
export type PadKeyPayload = z.infer<typeof padKeyPayloadSchema>;

export const ratingPayloadSchema = z.object({
  level: ratingLevelSchema,
  at: z.string(),
  /** The reason of a 不满意 / 非常不满意, when the evaluator has keys or a screen for it. */
  reason: z.string().trim().min(1).max(200).optional(),
});
export type RatingPayload = z.infer<typeof ratingPayloadSchema>;

/**
 * A call pad's key map (its device `settings`): what the keys without a fixed meaning do at this window. Without
 * `transferToServiceId` (or `transferToWindowId`) the transfer key is refused with a beep, so the clerk transfers on
 * the screen.
 */
export const padSettingsSchema = z.object({
  pauseReason: z.string().trim().min(1).max(40).default('呼叫器暂停'),
  transferToServiceId: z.string().min(1).optional(),
  transferToWindowId: z.string().min(1).optional(),
  keepIssueTime: z.boolean().default(true),
});
export type PadSettings = z.infer<typeof padSettingsSchema>;

export const deviceCommandPayloadSchema = z.discriminatedUnion('type', [
  /** Show text on an LED strip / the pad's display. `number` is the bare ticket number for 3-digit pads. */
  z.object({ type: z.literal('display'), text: z.string(), number: z.string().optional() }),
  z.object({ type: z.literal('beep') }),
  z.object({ type: z.literal('start-evaluation'), ticketId: z.string(), clerkName: z.string().optional() }),
  z.object({ type: z.literal('show-waiting'), count: z.number().int().min(0) }),
]);
export type DeviceCommandPayload = z.infer<typeof deviceCommandPayloadSchema>;

export const windowDisplayPayloadSchema = z.object({
  windowId: z.string(),
  windowNumber: z.string(),
  number: z.string().nullable(),
  text: z.string(),
  at: z.string(),
});
export type WindowDisplayPayload = z.infer<typeof windowDisplayPayloadSchema>;

export const queueStatePayloadSchema = z.object({
  seq: z.number().int(),
  services: z.array(
    z.object({ id: z.string(), name: z.string(), waiting: z.number().int(), estimatedWaitMinutes: z.number() }),
  ),
  at: z.string(),
});
export type QueueStatePayload = z.infer<typeof queueStatePayloadSchema>;

/** topic pattern → payload. `+` stands for one level, filled by the builders below. */
export interface HallMqttApi {
  /** S, retained: what each window's LED strip should show now. */
  'onedoor/+/window/+/display': WindowDisplayPayload;
  /** S: every call, once (for speakers, LED boards and federation). */
  'onedoor/+/call': CallView;
  /** S, retained: waiting per service. */
  'onedoor/+/queue/state': QueueStatePayload;
  /** S: every hall event, for the county/city level above. */
  'onedoor/+/event': HallEvent;
  /** D, retained; also the MQTT last will (online: false). */
  'onedoor/+/device/+/state': DeviceStatePayload;
  /** D: a key pressed on a call pad. */
  'onedoor/+/device/+/key': PadKeyPayload;
  /** D: an evaluator rating (好差评), 5 非常满意 … 1 非常不满意. */
  'onedoor/+/device/+/rating': RatingPayload;
  /** S: a command for one device. */
  'onedoor/+/device/+/command': DeviceCommandPayload;
}
export type HallTopicPattern = keyof HallMqttApi;

/** A concrete topic of a pattern: `onedoor/+/call` → `onedoor/${string}/call`. */
export type HallTopic<P extends string> = P extends `${infer Head}+${infer Tail}`
  ? `${Head}${string}${HallTopic<Tail>}`
  : P;

/** The payload a concrete topic carries, looked up in the topic map (never for a topic outside it). */
export type TopicPayload<T extends string> = {
  [P in HallTopicPattern]: T extends HallTopic<P> ? HallMqttApi[P] : never;
}[HallTopicPattern];

export const topics = {
  windowDisplay: (hallId: string, windowId: string): HallTopic<'onedoor/+/window/+/display'> =>
    `onedoor/${hallId}/window/${windowId}/display`,
  call: (hallId: string): HallTopic<'onedoor/+/call'> => `onedoor/${hallId}/call`,
  queueState: (hallId: string): HallTopic<'onedoor/+/queue/state'> => `onedoor/${hallId}/queue/state`,
  event: (hallId: string): HallTopic<'onedoor/+/event'> => `onedoor/${hallId}/event`,
  deviceState: (hallId: string, deviceId: string): HallTopic<'onedoor/+/device/+/state'> =>
    `onedoor/${hallId}/device/${deviceId}/state`,
  deviceKey: (hallId: string, deviceId: string): HallTopic<'onedoor/+/device/+/key'> =>
    `onedoor/${hallId}/device/${deviceId}/key`,
  deviceRating: (hallId: string, deviceId: string): HallTopic<'onedoor/+/device/+/rating'> =>
    `onedoor/${hallId}/device/${deviceId}/rating`,
  deviceCommand: (hallId: string, deviceId: string): HallTopic<'onedoor/+/device/+/command'> =>
    `onedoor/${hallId}/device/${deviceId}/command`,
} as const;

export type DeviceTopicKind = 'state' | 'key' | 'rating' | 'command';

/** Splits `onedoor/{hall}/device/{id}/{kind}`; null for any other topic. */
export function parseDeviceTopic(topic: string): { hallId: string; deviceId: string; kind: DeviceTopicKind } | null {
  const m = /^onedoor\/([^/]+)\/device\/([^/]+)\/(state|key|rating|command)$/.exec(topic);
  return m ? { hallId: m[1]!, deviceId: m[2]!, kind: m[3] as DeviceTopicKind } : null;
}

/** Payload schema per device topic kind, for validating what arrives from the broker. */
export const devicePayloadSchemas = {
  state: deviceStatePayloadSchema,
  key: padKeyPayloadSchema,
  rating: ratingPayloadSchema,
  command: deviceCommandPayloadSchema,
} as const;
