import { z } from 'zod';
import { idNumberSchema, idSchema } from './common.js';
import { STAFF_ROLES } from './auth.js';

/**
 * The console's configuration screens (issue 10): what they send beyond the plain PUTs of services, windows, staff
 * and devices, and the audit trail every change leaves (who, when, before, after).
 */

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD / a date is YYYY-MM-DD');
const password = z.string().min(8, '密码至少8位 / at least 8 characters').max(256);

/** POST /api/staff: a new account (the server picks the id). */
export const staffCreateSchema = z.object({
  username: z.string().trim().min(2).max(64),
  name: z.string().trim().min(1).max(64),
  roles: z.array(z.enum(STAFF_ROLES)).min(1, '至少选择一个角色 / choose at least one role'),
  password,
});
export type StaffCreate = z.infer<typeof staffCreateSchema>;

export const passwordResetSchema = z.object({ password });
export const enabledSchema = z.object({ enabled: z.boolean() });
/** PUT /api/staff/:id/card: the staff member's own ID card for 绿色通道 (check digit checked), or null to remove it. */
export const staffCardSchema = z.object({ cardIdNumber: idNumberSchema.nullable() });

/** Personal data (sealed ID numbers, phones, applicants) kept this many days, then purged. */
export const retentionSettingsSchema = z.object({
  personalDataDays: z.number().int().min(1).max(3650),
});
export type RetentionSettings = z.infer<typeof retentionSettingsSchema>;

/** Move the clerk signed in at a window to another (idle, free) window. */
export const moveClerkSchema = z.object({ toWindowId: idSchema });
/** Move every waiting ticket of a service to another service; each keeps its place by issue time. */
export const moveWaitingSchema = z.object({ toServiceId: idSchema });
export const moveWaitingResultSchema = z.object({ moved: z.number().int(), ticketIds: z.array(z.string()) });

/** One row of the audit trail. `before`/`after` are the changed record as it was and as it became (null: none). */
export const auditEntrySchema = z.object({
  id: z.number().int(),
  at: z.string(),
  staffId: z.string().nullable(),
  staffName: z.string().nullable(),
  action: z.string(),
  target: z.string().nullable(),
  detail: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

/** Filters of the audit view: hall days from..to (inclusive), who, which action (prefix, e.g. `config.`). */
export const auditQuerySchema = z.object({
  from: day,
  to: day,
  staffId: z.string().max(64).optional(),
  action: z.string().max(64).optional(),
});
export type AuditQuery = z.infer<typeof auditQuerySchema>;
export const auditExportQuerySchema = auditQuerySchema.extend({ format: z.enum(['xlsx', 'csv']) });
