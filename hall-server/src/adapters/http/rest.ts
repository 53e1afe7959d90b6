import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import {
  appError,
  routeParts,
  type AppError,
  type CatalogIssue,
  type RouteBody,
  type RouteParams,
  type RouteQuery,
  type RouteResponse,
  type RouteSpec,
} from '@onedoor/protocol';
import { AuthService } from '../../app/auth/auth.js';
import type { StaffRecord } from '../../app/ports.js';
import type { Result } from '../../domain/result.js';
import { validationError } from '@onedoor/protocol';

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

/** A handler that wrote the reply itself (a file download) answers this. */
export const SENT = Symbol('reply sent');

/** What a handler answers: the use case's Result, a refused import with every bad row, or SENT. */
export type Answer<T> = Result<T> | { ok: false; error: AppError; issues: CatalogIssue[] } | typeof SENT;

type StaffOf<S> = S extends { access: 'public' } ? StaffRecord | null : StaffRecord;

/** A request as a handler sees it: validated body and query, path parameters, the signed-in staff member. */
export interface RestRequest<R extends Record<string, RouteSpec>, K extends keyof R & string> {
  params: RouteParams<K>;
  query: RouteQuery<R, K>;
  body: RouteBody<R, K>;
  staff: StaffOf<R[K]>;
  /** The bearer token, if any. */
  bearer: string | null;
  reply: FastifyReply;
}

export type RestHandler<R extends Record<string, RouteSpec>, K extends keyof R & string> = (
  req: RestRequest<R, K>,
) => Answer<RouteResponse<R, K>> | Promise<Answer<RouteResponse<R, K>>>;

/** One handler per route of a map: a missing or mistyped handler fails the compile. */
export type RestHandlers<R extends Record<string, RouteSpec>> = { [K in keyof R & string]: RestHandler<R, K> };

const bearerOf = (req: FastifyRequest): string | null => {
  const header = req.headers.authorization;
  return header?.startsWith('Bearer ') ? header.slice(7) : null;
};

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

/** Route options that document the route in /api/openapi.json. */
function docs(spec: RouteSpec) {
  return {
    schema: {
      summary: spec.summary,
      ...(spec.body ? { body: z.toJSONSchema(spec.body, { io: 'input', unrepresentable: 'any' }) } : {}),
      ...(spec.access !== 'public' ? { security: [{ bearer: [] }] } : {}),
    },
  };
}

/**
 * Registers every route of a map (`protocol/src/rest/routes.ts`) with its handler: the role guard, zod validation of
 * body and query with bilingual field errors (nothing changes on bad input), `{ ok, data }` or `{ ok: false, error }`
 * with the error's HTTP status.
 */
export function serveRoutes<R extends Record<string, RouteSpec>>(
  app: FastifyInstance,
  auth: AuthService,
  routes: R,
  handlers: RestHandlers<R>,
): void {
  for (const [key, spec] of Object.entries(routes)) {
    const handler = handlers[key];
    if (!handler) throw new Error(`no handler for ${key}`);
    serveRoute(app, auth, key, spec, handler);
  }
}

function serveRoute<R extends Record<string, RouteSpec>, K extends keyof R & string>(
  app: FastifyInstance,
  auth: AuthService,
  key: K,
  spec: RouteSpec,
  handler: RestHandler<R, K>,
): void {
  const { method, path } = routeParts(key);
  app.route({
    method,
    url: path,
    ...docs(spec),
    handler: async (req, reply) => {
      const bearer = bearerOf(req);
      const staff = bearer ? auth.staffForToken(bearer) : null;
      if (spec.access !== 'public') {
        if (!staff) return sendError(reply, appError('UNAUTHENTICATED', '请先登录', 'sign in first'));
        if (!AuthService.hasRole(staff, ...spec.access))
          return sendError(reply, appError('FORBIDDEN', '没有权限', 'not allowed'));
      }
      const params = (isObject(req.params) ? req.params : {}) as Record<string, string>;
      const query = spec.query ? spec.query.safeParse(req.query ?? {}) : null;
      if (query && !query.success) return sendError(reply, validationError(query.error));
      const rawBody = spec.idFromPath ? { ...(isObject(req.body) ? req.body : {}), ...params } : (req.body ?? {});
      const body = spec.body ? spec.body.safeParse(rawBody) : null;
      if (body && !body.success) return sendError(reply, validationError(body.error));
      // The route's schemas validated these values: their output types are the route's body and query types.
      const request = {
        params,
        query: query?.data ?? {},
        body: body?.data,
        staff,
        bearer,
        reply,
      } as RestRequest<R, K>;
      const answer = await handler(request);
      if (answer === SENT) return reply;
      if (answer.ok) return reply.code(spec.status ?? 200).send({ ok: true, data: answer.value });
      if ('issues' in answer) return reply.code(400).send({ ok: false, error: answer.error, issues: answer.issues });
      return sendError(reply, answer.error);
    },
  });
}
