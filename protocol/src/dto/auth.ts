import { z } from 'zod';
import { idNumberSchema, idSchema } from './common.js';
import { DEVICE_KINDS } from '../mqtt.js';

/** `region-manager`: a county's or city's manager, who reads the halls below (四级联通), not this hall's queue. */
export const STAFF_ROLES = ['clerk', 'manager', 'admin', 'approver', 'region-manager'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

export const loginSchema = z.object({
  username: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(256),
});
export type LoginPayload = z.infer<typeof loginSchema>;

export const sessionSchema = z.object({
  sessionToken: z.string(),
  staff: z.object({ id: idSchema, username: z.string(), name: z.string(), roles: z.array(z.enum(STAFF_ROLES)) }),
  expiresAt: z.string(),
});
export type Session = z.infer<typeof sessionSchema>;

export const staffInputSchema = z.object({
  id: idSchema,
  username: z.string().trim().min(2).max(64),
  name: z.string().trim().min(1).max(64),
  roles: z.array(z.enum(STAFF_ROLES)).min(1),
  password: z.string().min(8, '密码至少8位 / at least 8 characters').max(256).optional(),
  enabled: z.boolean().default(true),
  /** The staff member's own ID card, to unlock 绿色通道 at a kiosk (kept only as a lookup key); null removes it. */
  cardIdNumber: idNumberSchema.nullable().optional(),
});
export type StaffInput = z.infer<typeof staffInputSchema>;

export const deviceInputSchema = z.object({
  id: idSchema,
  kind: z.enum(DEVICE_KINDS),
  name: z.string().trim().min(1).max(64),
  windowId: idSchema.nullable().default(null),
  /** Display boards: which services and windows to show (empty = all). */
  settings: z.record(z.string(), z.unknown()).default({}),
});
export type DeviceInput = z.infer<typeof deviceInputSchema>;

/** A device presents this code once (POST /api/devices/pair) and receives its long-lived token. */
export const pairRequestSchema = z.object({
  code: z.string().regex(/^\d{6}$/, '配对码为6位数字 / the pairing code has 6 digits'),
});
export const pairResponseSchema = z.object({ deviceId: idSchema, kind: z.enum(DEVICE_KINDS), deviceToken: z.string() });
export type PairResponse = z.infer<typeof pairResponseSchema>;

/** A staff member as the console lists them (the password hash never leaves the server). */
export const staffViewSchema = z.object({
  id: idSchema,
  username: z.string(),
  name: z.string(),
  roles: z.array(z.enum(STAFF_ROLES)),
  enabled: z.boolean(),
  /** A card (their own ID card) is registered for 绿色通道; the number is never shown, the hall keeps only its lookup key. */
  hasCard: z.boolean(),
});
export type StaffView = z.infer<typeof staffViewSchema>;

/** A registered device, with its pairing and its last reported state. */
export const deviceViewSchema = z.object({
  id: idSchema,
  kind: z.enum(DEVICE_KINDS),
  name: z.string(),
  windowId: idSchema.nullable(),
  settings: z.record(z.string(), z.unknown()),
  paired: z.boolean(),
  online: z.boolean(),
  /** Status words: paper-out, cover-open, disconnected … */
  status: z.array(z.string()),
  lastSeenAt: z.string().nullable(),
});
export type DeviceView = z.infer<typeof deviceViewSchema>;

export const pairingCodeSchema = z.object({ code: z.string(), expiresAt: z.string() });
export type PairingCode = z.infer<typeof pairingCodeSchema>;
