import { z } from 'zod';

/**
 * Every error that crosses a boundary (socket ack, REST body, MQTT reply) is data:
 * a stable code, a Chinese message for the person in front of the screen and an English one for logs and docs.
 */
export const ERROR_CODES = [
  'BAD_REQUEST',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'INVALID_ID_NUMBER',
  'SERVICE_CLOSED',
  'SERVICE_DISABLED',
  'DAILY_CAP_REACHED',
  'NUMBER_RANGE_EXHAUSTED',
  'PERSON_LIMIT_REACHED',
  'REAL_NAME_REQUIRED',
  'WINDOW_NOT_OPEN',
  'WINDOW_BUSY',
  'WINDOW_IDLE',
  'NO_TICKET_WAITING',
  'TICKET_NOT_CALLABLE',
  'INVALID_TRANSITION',
  'RECALL_LIMIT_REACHED',
  'REACTIVATION_EXPIRED',
  'NOT_SERVED_HERE',
  'PAIRING_CODE_INVALID',
  'STALE_SEQUENCE',
  'APPOINTMENT_NOT_FOUND',
  'APPOINTMENT_TOO_EARLY',
  'APPOINTMENT_TOO_LATE',
  'APPOINTMENT_USED',
  'RATE_LIMITED',
  'PAYLOAD_TOO_LARGE',
  'UNAVAILABLE',
  'INTERNAL',
  /** 一窗受理: the matter was withdrawn or is no longer in force since the clerk chose it; nothing was received. */
  'MATTER_NOT_IN_FORCE',
  /** 一窗受理: the matter's material list changed (a new catalog version) while the clerk ticked it. */
  'CATALOG_CHANGED',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface AppError {
  code: ErrorCode;
  /** 中文说明，给窗口人员和群众看 */
  message: string;
  /** English text for logs, API users and the English UI */
  messageEn: string;
  /** Field-level details for validation errors (path → message). */
  details?: { path: string; message: string }[];
}

export const appErrorSchema = z.object({
  code: z.enum(ERROR_CODES),
  message: z.string(),
  messageEn: z.string(),
  details: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
});

export function appError(code: ErrorCode, message: string, messageEn: string, details?: AppError['details']): AppError {
  return details ? { code, message, messageEn, details } : { code, message, messageEn };
}

export function isAppError(value: unknown): value is AppError {
  return appErrorSchema.safeParse(value).success;
}

/** The ack every socket.io command answers with. */
export type Ack<T> = { ok: true; data: T } | { ok: false; error: AppError };
export type AckCallback<T> = (response: Ack<T>) => void;

export const ok = <T>(data: T): Ack<T> => ({ ok: true, data });
export const fail = (error: AppError): Ack<never> => ({ ok: false, error });
