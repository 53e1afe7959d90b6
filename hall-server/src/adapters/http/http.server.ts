import Fastify, { type FastifyInstance } from 'fastify';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Registry } from 'prom-client';
import { appError, CORE_ROUTES } from '@onedoor/protocol';
import type { HallApp } from '../../app/hall-app.js';
import type { Logger } from '../../app/ports.js';
import { success } from '../../domain/result.js';
import { frameworkRefusal, sendError, serveRoutes, type RestHandlers } from './rest.js';
import { registerTicketPage } from './ticket-page/ticket-page.routes.js';

export interface HttpDeps {
  app: HallApp;
  metrics: Registry;
  /** Writes an online backup of the hall database; answers where. */
  backup: () => Promise<{ file: string; pages: number }>;
  webDir: string;
  log: Logger;
  health: () => { mqtt: boolean };
  /** PEM key and certificate: serve https (socket.io rides on the same server). */
  tls?: { key: Buffer; cert: Buffer } | undefined;
}

const WEB_APPS = [
  { url: 'kiosk', dir: 'kiosk', title: '自助取号 Kiosk' },
  { url: 'window', dir: 'window', title: '窗口 Window client' },
  { url: 'display', dir: 'display', title: '叫号屏 Display board' },
  { url: 'console', dir: 'console', title: '管理控制台 Console' },
] as const;

/** REST for configuration, auth and pairing; health, metrics, OpenAPI; the built web apps. */
export async function createHttpServer(deps: HttpDeps): Promise<FastifyInstance> {
  const { hall, auth } = deps.app;
  const limits = deps.app.config.limits.body;
  // With TLS fastify types the instance by https.Server; the routes never touch the raw server, and socket.io attaches
  // to either, so the one FastifyInstance type serves both.
  const app = Fastify({
    logger: false,
    bodyLimit: limits.staffBytes,
    ...(deps.tls ? { https: { key: deps.tls.key, cert: deps.tls.cert } } : {}),
  }) as unknown as FastifyInstance;
  // Bodies are validated with zod in each route (to give Chinese + English errors); JSON schemas are for the docs.
  app.setValidatorCompiler(() => () => true);
  app.setErrorHandler((err: Error & { statusCode?: number; code?: string }, req, reply) => {
    if (err.statusCode && err.statusCode < 500) {
      const [error, status] = frameworkRefusal(err, req.routeOptions.bodyLimit ?? limits.staffBytes);
      return sendError(reply, error, status);
    }
    deps.log.error({ err }, 'http handler failed');
    return sendError(reply, appError('INTERNAL', '服务器内部错误', 'internal server error'));
  });
  // An address no route serves (a mistyped path, the demo's routes on a hall without virtual devices) is answered
  // like every other refusal, not with the framework's English-only body.
  app.setNotFoundHandler((req, reply) =>
    sendError(
      reply,
      appError(
        'NOT_FOUND',
        `没有这个地址：${req.method} ${req.url.split('?')[0]}`,
        `no such address: ${req.method} ${req.url.split('?')[0]}`,
      ),
    ),
  );

  await app.register(fastifySwagger, {
    openapi: {
      info: {
        title: 'OneDoor hall server API (一门 大厅服务)',
        version: '0.1.0',
        description: 'REST configuration, auth, device pairing. Live queue traffic is socket.io: see docs/protocol.md.',
      },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
    },
  });

  const hidden = { schema: { hide: true } } as const;

  app.get('/healthz', { schema: { summary: 'Health check' } }, async () => ({
    status: 'ok',
    hallId: hall.hallId,
    seq: hall.currentSeq,
    businessDay: hall.queueState.businessDay,
    mqtt: deps.health().mqtt ? 'connected' : 'disconnected',
  }));

  app.get('/metrics', { schema: { summary: 'Prometheus metrics' } }, async (_req, reply) => {
    reply.header('content-type', deps.metrics.contentType);
    return deps.metrics.metrics();
  });

  serveRoutes(app, auth, CORE_ROUTES, coreHandlers(deps), limits);

  // The page a ticket's QR code opens: where am I in the queue?
  registerTicketPage(app, deps.app);

  app.get('/api/openapi.json', hidden, () => app.swagger());

  const webDir = resolve(deps.webDir);
  let decorated = false;
  for (const web of WEB_APPS) {
    const root = join(webDir, web.dir);
    if (existsSync(join(root, 'index.html'))) {
      await app.register(fastifyStatic, {
        root,
        prefix: `/${web.url}/`,
        decorateReply: !decorated,
        wildcard: false,
        index: 'index.html',
      });
      decorated = true;
    } else {
      app.get(`/${web.url}/`, hidden, (_req, reply) =>
        reply
          .type('text/html; charset=utf-8')
          .send(
            `<!doctype html><meta charset="utf-8"><title>${web.title}</title><p>${web.title}: 前端尚未构建，请运行 <code>npm run build:web</code> / the web app is not built yet: run <code>npm run build:web</code></p>`,
          ),
      );
    }
  }
  app.get('/', hidden, (_req, reply) =>
    reply
      .type('text/html; charset=utf-8')
      .send(
        `<!doctype html><meta charset="utf-8"><title>OneDoor 一门</title><h1>一门 OneDoor · ${hall.snapshot().hallName}</h1><ul>${WEB_APPS.map((w) => `<li><a href="/${w.url}/">/${w.url}/</a> ${w.title}</li>`).join('')}<li><a href="/healthz">/healthz</a></li><li><a href="/api/openapi.json">/api/openapi.json</a></li></ul>`,
      ),
  );
  return app;
}

/** Configuration, auth, devices, appointments, personal-data reads and backups (CORE_ROUTES). */
function coreHandlers(deps: HttpDeps): RestHandlers<typeof CORE_ROUTES> {
  const { hall, auth, appointments, personalData, configuration, staffConfiguration } = deps.app;
  const asStaff = (id: string) => ({ kind: 'staff' as const, staffId: id });
  return {
    'POST /api/auth/login': ({ body, ip }) => auth.login(body.username, body.password, ip),
    'POST /api/auth/logout': ({ bearer }) => {
      if (bearer) auth.logout(bearer);
      return success(null);
    },
    'POST /api/devices/pair': ({ body, ip }) => auth.pair(body.code, ip),
    'GET /api/snapshot': () => success(hall.snapshot()),
    'GET /api/services': () => success([...hall.queueState.services.values()]),
    'PUT /api/services/:id': ({ body, staff }) => configuration.saveService(body, staff),
    'GET /api/windows': () => success([...hall.queueState.windows.values()].map((w) => w.config)),
    'PUT /api/windows/:id': ({ body, staff }) => configuration.saveWindow(body, staff),
    'GET /api/staff': () => success(auth.listStaff()),
    'PUT /api/staff/:id': ({ body, staff }) => staffConfiguration.saveStaff(body, staff),
    'GET /api/devices': () => success(auth.listDevices()),
    'PUT /api/devices/:id': ({ body, staff }) => success(staffConfiguration.saveDevice(body, staff)),
    'POST /api/devices/:id/pairing-code': ({ params, staff }) => staffConfiguration.createPairingCode(params.id, staff),
    'GET /api/appointments': () => success(appointments.today()),
    'PUT /api/appointments/:id': ({ body, staff }) => appointments.book(body, asStaff(staff.id)),
    'GET /api/tickets/:id/holder': ({ params, staff }) => personalData.ticketHolder(staff, params.id),
    'POST /api/admin/backup': async ({ staff }) => {
      const r = await deps.backup();
      auth.audit(staff.id, 'backup', r.file);
      return success(r);
    },
  };
}
