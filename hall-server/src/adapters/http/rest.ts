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
import { MAX_NESTING, nestedTooDeep, tooDeep } from '../edge-errors.js';

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
  RATE_LIMITED: 429,
  PAYLOAD_TOO_LARGE: 413,
  MATTER_NOT_IN_FORCE: 409,
  CATALOG_CHANGED: 409,
};

export const sendError = (reply: FastifyReply, error: AppError, status?: number) =>
  reply.code(status ?? HTTP_STATUS[error.code] ?? 422).send({ ok: false, error });

const kib = (bytes: number) =>
  bytes >= 1_048_576 ? `${Math.round(bytes / 1_048_576)} MB` : `${Math.round(bytes / 1024)} KB`;

export const bodyTooLarge = (limit: number): AppError =>
  appError(
    'PAYLOAD_TOO_LARGE',
    `请求内容过大，上限 ${kib(limit)}`,
    `request body too large; the limit is ${kib(limit)}`,
  );

/**
 * What a client is told when Fastify refuses a request before any handler (body too large, a content type the route
 * does not take, broken JSON): plain words in both languages, never the framework's message.
 */
export function frameworkRefusal(err: { statusCode?: number; code?: string }, limit: number): [AppError, number] {
  if (err.statusCode === 413) return [bodyTooLarge(limit), 413];
  if (err.statusCode === 415)
    return [appError('BAD_REQUEST', '不支持的请求内容格式，请发送 JSON', 'unsupported content type; send JSON'), 415];
  if (err.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || err.code === 'FST_ERR_CTP_EMPTY_JSON_BODY')
    return [appError('BAD_REQUEST', '请求内容不是有效的 JSON', 'the request body is not valid JSON'), 400];
  return [appError('BAD_REQUEST', '请求格式错误', 'malformed request'), err.statusCode ?? 400];
}

const DEFAULT_PUBLIC_BYTES = 16_384;

/** Body limits of the routes a map serves: anonymous, signed-in, and larger ones for named routes (the import). */
export interface BodyLimits<R> {
  publicBytes: number;
  staffBytes: number;
  /** Levels a body may nest; MAX_NESTING unless given. */
  maxNesting?: number;
  routes?: Partial<Record<keyof R & string, number>>;
}

/** A handler that wrote the reply itself (a file download) answers this. */
export const SENT = Symbol('reply sent');

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const CSV_MIME = 'text/csv; charset=utf-8';

/**
 * Sends a file to download. `nameZh` is the name in the manager's download folder (RFC 6266 filename*), `name` the
 * ASCII one for old clients.
 */
export async function sendDownload(
  reply: FastifyReply,
  file: Buffer | string,
  { type, name, nameZh }: { type: string; name: string; nameZh?: string },
): Promise<Answer<never>> {
  const utf8 = nameZh ? `; filename*=UTF-8''${encodeURIComponent(nameZh)}` : '';
  await reply.type(type).header('content-disposition', `attachment; filename="${name}"${utf8}`).send(file);
  return SENT;
}

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
  /** The caller's address (the socket's; no proxy is trusted). */
  ip: string;
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
  // Maps without public routes may leave this out: the server's body limit (limits.body.staffBytes) applies.
  limits: BodyLimits<R> = { publicBytes: DEFAULT_PUBLIC_BYTES, staffBytes: app.initialConfig.bodyLimit ?? 1_048_576 },
): void {
  for (const [key, spec] of Object.entries(routes)) {
    const handler = handlers[key];
    if (!handler) throw new Error(`no handler for ${key}`);
    const limit = limits.routes?.[key] ?? (spec.access === 'public' ? limits.publicBytes : limits.staffBytes);
    serveRoute(app, auth, key, spec, handler, limit, limits.maxNesting ?? MAX_NESTING);
  }
}

/** Who sent a request, found in `onRequest` (before the body is read) and kept for the handler. */
const callers = new WeakMap<FastifyRequest, StaffRecord | null>();

function serveRoute<R extends Record<string, RouteSpec>, K extends keyof R & string>(
  app: FastifyInstance,
  auth: AuthService,
  key: K,
  spec: RouteSpec,
  handler: RestHandler<R, K>,
  bodyLimit: number,
  maxNesting: number,
): void {
  const { method, path } = routeParts(key);
  // A refusal before the body is read closes the connection, so Node does not read (and drop) the rest of it.
  const refuse = (reply: FastifyReply, error: AppError) => sendError(reply.header('connection', 'close'), error);
  app.route({
    method,
    url: path,
    bodyLimit,
    ...docs(spec),
    // Size and role are checked before a byte of the body is read: 40 anonymous 19 MB uploads once took 1 GB.
    onRequest: async (req, reply) => {
      if (Number(req.headers['content-length'] ?? 0) > bodyLimit) return refuse(reply, bodyTooLarge(bodyLimit));
      const bearer = bearerOf(req);
      const staff = bearer ? auth.staffForToken(bearer) : null;
      if (spec.access !== 'public') {
        if (!staff) return refuse(reply, appError('UNAUTHENTICATED', '请先登录', 'sign in first'));
        if (!AuthService.hasRole(staff, ...spec.access))
          return refuse(reply, appError('FORBIDDEN', '没有权限', 'not allowed'));
      }
      callers.set(req, staff);
      return undefined;
    },
    handler: async (req, reply) => {
      const bearer = bearerOf(req);
      const staff = callers.get(req) ?? null;
      const params = (isObject(req.params) ? req.params : {}) as Record<string, string>;
      const query = spec.query ? spec.query.safeParse(req.query ?? {}) : null;
      if (query && !query.success) return sendError(reply, validationError(query.error));
      if (nestedTooDeep(req.body, maxNesting)) return sendError(reply, tooDeep(maxNesting));
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
        ip: req.ip,
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
