import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { appError, type AppError, type StaffRole } from '@onedoor/protocol';
import { AuthService } from '../../app/auth.service.js';
import type { StaffRecord } from '../db/auth.repository.js';
import { validationError } from '../socket/socket.server.js';

export const HTTP_STATUS: Partial<Record<AppError['code'], number>> = {
  BAD_REQUEST: 400,
  INVALID_ID_NUMBER: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  PAIRING_CODE_INVALID: 400,
  UNAVAILABLE: 503,
  INTERNAL: 500,
};

export const sendError = (reply: FastifyReply, error: AppError) =>
  reply.code(HTTP_STATUS[error.code] ?? 422).send({ ok: false, error });

/** The helpers every REST route uses: role guard, zod body parsing with bilingual errors, OpenAPI docs. */
export function routeKit(auth: AuthService) {
  const staffFrom = (req: FastifyRequest): StaffRecord | null => {
    const header = req.headers.authorization;
    return header?.startsWith('Bearer ') ? auth.staffForToken(header.slice(7)) : null;
  };
  /** Runs the handler only for signed-in staff with one of the roles (admin may do everything). */
  const guard =
    (roles: StaffRole[], handler: (req: FastifyRequest, reply: FastifyReply, staff: StaffRecord) => unknown) =>
    async (req: FastifyRequest, reply: FastifyReply) => {
      const staff = staffFrom(req);
      if (!staff) return sendError(reply, appError('UNAUTHENTICATED', '请先登录', 'sign in first'));
      if (!AuthService.hasRole(staff, ...roles))
        return sendError(reply, appError('FORBIDDEN', '没有权限', 'not allowed'));
      return handler(req, reply, staff);
    };
  /** Validates a body; on failure replies 400 with the field errors and returns null. */
  const parse = <S extends z.ZodType>(schema: S, body: unknown, reply: FastifyReply): z.output<S> | null => {
    const r = schema.safeParse(body ?? {});
    if (!r.success) {
      void sendError(reply, validationError(r.error));
      return null;
    }
    return r.data;
  };
  /** Route options that document the route in /api/openapi.json. */
  const doc = (summary: string, body?: z.ZodType, secured = true) => ({
    schema: {
      summary,
      ...(body ? { body: z.toJSONSchema(body, { io: 'input', unrepresentable: 'any' }) } : {}),
      ...(secured ? { security: [{ bearer: [] }] } : {}),
    },
  });
  return { staffFrom, guard, parse, doc };
}
