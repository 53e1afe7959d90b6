import type { FastifyInstance } from 'fastify';
import { appError, PLATFORM_ROUTES, type AppError, type PlatformSyncState } from '@onedoor/protocol';
import type { HallApp } from '../../app/hall-app.js';
import type { PlatformSync } from '../../app/platform/platform-sync.js';
import { failure, success } from '../../domain/result.js';
import { HTTP_STATUS, serveRoutes, type RestHandlers } from '../http/rest.js';

export const WEBHOOK_PATH = '/api/platform/webhooks';

const notConnected = (): AppError =>
  appError(
    'UNAVAILABLE',
    '本大厅未接入一体化政务服务平台（未设置 HALL_PLATFORM_URL）',
    'this hall has no online platform (HALL_PLATFORM_URL is not set)',
  );

const disabled = (timeZone: string): PlatformSyncState => ({
  enabled: false,
  timeZone,
  url: null,
  hallCode: null,
  signing: null,
  link: { state: 'unknown', since: null, lastSuccessAt: null, lastError: null, nextAttemptAt: null },
  outbox: { depth: 0, oldestPending: null, blocked: 0, deliveredTotal: 0, lastDeliveredAt: null },
  deadLetters: [],
  recentErrors: [],
  inbound: {
    lastPullAt: null,
    lastPullError: null,
    appointmentsCursor: null,
    resultsCursor: null,
    applied: 0,
    ignored: 0,
  },
  alarms: [],
});

/**
 * 一网通办 REST (PLATFORM_ROUTES) and the platform's webhook. The webhook is not a staff route: it is signed by the
 * platform, checked over the exact bytes it sent (so it reads the raw body), and answered signed.
 */
export function registerPlatformRoutes(http: FastifyInstance, app: HallApp): void {
  const { platform, cases, auth } = app;
  const need = <T>(run: (p: PlatformSync) => T) => (platform ? run(platform) : failure(notConnected()));
  const handlers: RestHandlers<typeof PLATFORM_ROUTES> = {
    'GET /api/platform/sync': () => success(platform ? platform.state() : disabled(app.config.hall.timeZone)),
    'POST /api/platform/outbox/:id/retry': ({ params }) => {
      const id = Number(params.id);
      if (!Number.isInteger(id) || id <= 0)
        return failure(appError('BAD_REQUEST', `记录号 ${params.id} 无效`, `invalid record id ${params.id}`));
      return need((p) => p.retry(id));
    },
    'POST /api/platform/pull': () => need((p) => p.pullNow()),
    'POST /api/platform/pretrials/find': ({ body }) => need((p) => p.findPretrials(body)),
    'POST /api/platform/pretrials/:code/intake': ({ params, body, staff }) =>
      need((p) => p.intakePretrial(params.code, body, cases.staff(staff))),
  };
  serveRoutes(http, auth, PLATFORM_ROUTES, handlers);

  void http.register(async (scope) => {
    // Signatures are over the bytes as sent: this route keeps the body raw.
    scope.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));
    scope.post(
      WEBHOOK_PATH,
      { schema: { summary: 'Webhook of the online platform (signed; see the connector contract)' } },
      async (req, reply) => {
        const send = (status: number, body: unknown) => {
          if (!platform) return reply.code(status).send(body);
          const signed = platform.connector.signAnswer(request, status, body);
          return reply.code(signed.status).headers(signed.headers).send(signed.body);
        };
        const request = {
          method: req.method,
          path: req.url,
          headers: req.headers,
          body: Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0),
        };
        if (!platform) return send(503, { ok: false, error: notConnected() });
        const event = platform.connector.verifyWebhook(request);
        if (!event.ok) return send(HTTP_STATUS[event.error.code] ?? 400, { ok: false, error: event.error });
        const applied = await platform.applyWebhook(event.value);
        if (!applied.ok) return send(HTTP_STATUS[applied.error.code] ?? 422, { ok: false, error: applied.error });
        return send(200, { ok: true, data: applied.value });
      },
    );
  });
}
