import type { AppError } from '@onedoor/protocol';

/** The outcome of a domain decision: a value, or an AppError that can cross a boundary as data. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: AppError };

/** Wraps a value as a successful Result. */
export const success = <T>(value: T): Result<T> => ({ ok: true, value });

/** Wraps an AppError as a failed Result. */
export const failure = (error: AppError): Result<never> => ({ ok: false, error });
