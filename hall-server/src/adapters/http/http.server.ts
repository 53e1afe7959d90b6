import Fastify, { type FastifyInstance } from 'fastify';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import {
  appError,
  appointmentInputSchema,
  deviceInputSchema,
  maskIdNumber,
  maskName,
  loginSchema,
  pairRequestSchema,
  serviceConfigSchema,
  staffInputSchema,
  windowConfigSchema,
} from '@onedoor/protocol';
import type { HallService } from '../../app/hall.service.js';
import type { AuthService } from '../../app/auth.service.js';
import type { AuthRepository } from '../db/auth.repository.js';
import type { Registry } from 'prom-client';
import { routeKit, sendError } from './route-kit.js';
import type { Logger } from '../../app/ports.js';
import { backupDatabase } from '../db/backup.js';
import { AppointmentRepository, appointmentView } from '../db/appointment.repository.js';
import type { PersonalDataVault } from '../crypto/secrets.js';
import { businessDayOf } from '../../domain/time/hall-time.js';
import type { Db } from '../db/database.js';
import { TICKET_STATUS_TEXT } from '@onedoor/protocol';

export interface HttpDeps {
  hall: HallService;
  auth: AuthService;
  authRepo: AuthRepository;
  metrics: Registry;
  db: Db;
  vault: PersonalDataVault;
  webDir: string;
  dataDir: string;
  log: Logger;
  health: () => { mqtt: boolean };
}

const WEB_APPS = [
  { url: 'kiosk', dir: 'kiosk', title: '自助取号 Kiosk' },
  { url: 'window', dir: 'window', title: '窗口 Window client' },
  { url: 'display', dir: 'display', title: '叫号屏 Display board' },
  { url: 'console', dir: 'console', title: '管理控制台 Console' },
] as const;

/** REST for configuration, auth and pairing; health, metrics, OpenAPI; the built web apps. */
export async function createHttpServer(deps: HttpDeps): Promise<FastifyInstance> {
  const { hall, auth, authRepo } = deps;
  const app = Fastify({ logger: false, bodyLimit: 1_048_576 });
  // Bodies are validated with zod in each route (to give Chinese + English errors); JSON schemas are for the docs.
  app.setValidatorCompiler(() => () => true);
  app.setErrorHandler((err: Error & { statusCode?: number }, _req, reply) => {
    if (err.statusCode && err.statusCode < 500) {
      return sendError(
        reply,
        appError('BAD_REQUEST', `请求格式错误：${err.message}`, `malformed request: ${err.message}`),
      );
    }
    deps.log.error({ err }, 'http handler failed');
    return sendError(reply, appError('INTERNAL', '服务器内部错误', 'internal server error'));
  });

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

  const { guard, parse, doc } = routeKit(auth);

  app.get('/healthz', doc('Health check', undefined, false), async () => ({
    status: 'ok',
    hallId: hall.hallId,
    seq: hall.currentSeq,
    businessDay: hall.queueState.businessDay,
    mqtt: deps.health().mqtt ? 'connected' : 'disconnected',
  }));

  app.get('/metrics', doc('Prometheus metrics', undefined, false), async (_req, reply) => {
    reply.header('content-type', deps.metrics.contentType);
    return deps.metrics.metrics();
  });

  app.post(
    '/api/auth/login',
    doc('Staff sign-in (returns a session token)', loginSchema, false),
    async (req, reply) => {
      const body = parse(loginSchema, req.body, reply);
      if (!body) return;
      const r = await auth.login(body.username, body.password);
      return r.ok ? { ok: true, data: r.value } : sendError(reply, r.error);
    },
  );

  app.post('/api/auth/logout', doc('Sign out'), async (req) => {
    const header = req.headers.authorization;
    if (header?.startsWith('Bearer ')) auth.logout(header.slice(7));
    return { ok: true, data: null };
  });

  app.post(
    '/api/devices/pair',
    doc('Exchange a 6-digit pairing code for a device token', pairRequestSchema, false),
    async (req, reply) => {
      const body = parse(pairRequestSchema, req.body, reply);
      if (!body) return;
      const r = auth.pair(body.code);
      return r.ok ? { ok: true, data: r.value } : sendError(reply, r.error);
    },
  );

  app.get(
    '/api/snapshot',
    doc('Current hall snapshot'),
    guard(['clerk', 'manager'], () => ({ ok: true, data: hall.snapshot() })),
  );

  app.get(
    '/api/services',
    doc('List services (业务)'),
    guard(['clerk', 'manager'], () => ({ ok: true, data: [...hall.queueState.services.values()] })),
  );
  app.put(
    '/api/services/:id',
    doc('Create or replace a service', serviceConfigSchema),
    guard(['manager'], async (req, reply, staff) => {
      const body = parse(
        serviceConfigSchema,
        { ...(req.body as object), id: (req.params as { id: string }).id },
        reply,
      );
      if (!body) return;
      const r = await hall.saveConfiguration({ services: [body] }, { kind: 'staff', staffId: staff.id });
      return r.ok ? { ok: true, data: body } : sendError(reply, r.error);
    }),
  );

  app.get(
    '/api/windows',
    doc('List windows (窗口)'),
    guard(['clerk', 'manager'], () => ({ ok: true, data: [...hall.queueState.windows.values()].map((w) => w.config) })),
  );
  app.put(
    '/api/windows/:id',
    doc('Create or replace a window', windowConfigSchema),
    guard(['manager'], async (req, reply, staff) => {
      const body = parse(windowConfigSchema, { ...(req.body as object), id: (req.params as { id: string }).id }, reply);
      if (!body) return;
      const r = await hall.saveConfiguration({ windows: [body] }, { kind: 'staff', staffId: staff.id });
      return r.ok ? { ok: true, data: body } : sendError(reply, r.error);
    }),
  );

  app.get(
    '/api/staff',
    doc('List staff'),
    guard(['manager'], () => ({ ok: true, data: authRepo.listStaff().map(({ passwordHash: _p, ...s }) => s) })),
  );
  app.put(
    '/api/staff/:id',
    doc('Create or update a staff member (password hashed with scrypt)', staffInputSchema),
    guard(['admin'], async (req, reply) => {
      const body = parse(staffInputSchema, { ...(req.body as object), id: (req.params as { id: string }).id }, reply);
      if (!body) return;
      const r = await auth.saveStaff(body);
      return r.ok ? { ok: true, data: r.value } : sendError(reply, r.error);
    }),
  );

  app.get(
    '/api/devices',
    doc('List devices with their online state'),
    guard(['manager'], () => ({ ok: true, data: authRepo.listDevices() })),
  );
  app.put(
    '/api/devices/:id',
    doc('Register or update a device', deviceInputSchema),
    guard(['manager'], (req, reply) => {
      const body = parse(deviceInputSchema, { ...(req.body as object), id: (req.params as { id: string }).id }, reply);
      if (!body) return;
      return { ok: true, data: auth.saveDevice(body) };
    }),
  );
  app.post(
    '/api/devices/:id/pairing-code',
    doc('Create a one-time pairing code for a device'),
    guard(['manager'], (req, reply) => {
      const r = auth.createPairingCode((req.params as { id: string }).id);
      return r.ok ? { ok: true, data: r.value } : sendError(reply, r.error);
    }),
  );

  const appointments = new AppointmentRepository(deps.db);
  app.get(
    '/api/appointments',
    doc("Today's appointments (masked)"),
    guard(['clerk', 'manager'], () => ({
      ok: true,
      data: appointments.listDay(hall.queueState.businessDay).map(appointmentView),
    })),
  );
  app.put(
    '/api/appointments/:id',
    doc('Book or change an appointment (the platform sync uses the same path)', appointmentInputSchema),
    guard(['manager'], async (req, reply, staff) => {
      const body = parse(
        appointmentInputSchema,
        { ...(req.body as object), id: (req.params as { id: string }).id },
        reply,
      );
      if (!body) return;
      if (!hall.queueState.services.has(body.serviceId)) {
        return sendError(
          reply,
          appError('BAD_REQUEST', `业务 ${body.serviceId} 不存在`, `unknown service ${body.serviceId}`),
        );
      }
      const { config } = hall;
      const r = await hall.recordChange({ kind: 'staff', staffId: staff.id }, () => {
        const clash = appointments.findByCode(body.code);
        if (clash && clash.id !== body.id)
          return {
            error: appError('CONFLICT', `预约码 ${body.code} 已被使用`, `appointment code ${body.code} is taken`),
          };
        appointments.upsert({
          id: body.id,
          code: body.code,
          serviceId: body.serviceId,
          matter: body.matter,
          holderKey: deps.vault.lookupKey(body.holder.idNumber),
          holderName: maskName(body.holder.name),
          holderId: maskIdNumber(body.holder.idNumber),
          sealed: deps.vault.seal({ name: body.holder.name, idNumber: body.holder.idNumber, phone: body.phone }),
          slotStart: body.slotStart,
          slotEnd: body.slotEnd,
          businessDay: businessDayOf(Date.parse(body.slotStart), config.hall.timeZone, config.hall.resetTime),
          channel: body.channel,
          platformRef: body.platformRef ?? null,
          createdAt: new Date().toISOString(),
        });
        const saved = appointments.findById(body.id)!;
        return {
          value: appointmentView(saved),
          eventType: 'appointment.booked',
          payload: { id: saved.id, code: saved.code, serviceId: saved.serviceId, slotStart: saved.slotStart },
        };
      });
      return r.ok ? { ok: true, data: r.value } : sendError(reply, r.error);
    }),
  );

  app.get(
    '/api/tickets/:id/holder',
    doc('Full personal data of a real-name ticket (audited)'),
    guard(['clerk', 'manager'], (req, reply, staff) => {
      const id = (req.params as { id: string }).id;
      const holder = hall.revealHolder(id);
      if (!holder)
        return sendError(reply, appError('NOT_FOUND', '该号票没有实名信息', 'the ticket carries no personal data'));
      authRepo.audit(new Date().toISOString(), staff.id, 'read-personal-data', `ticket:${id}`, null);
      return { ok: true, data: holder };
    }),
  );

  app.post(
    '/api/admin/backup',
    doc('Online backup of the hall database (SQLite backup API)'),
    guard(['admin'], async (_req, _reply, staff) => {
      const file = join(deps.dataDir, 'backups', `onedoor-${new Date().toISOString().replace(/[:.]/g, '-')}.sqlite`);
      mkdirSync(join(deps.dataDir, 'backups'), { recursive: true });
      const r = await backupDatabase(deps.db, file);
      authRepo.audit(new Date().toISOString(), staff.id, 'backup', file, null);
      return { ok: true, data: { file, pages: r.pages } };
    }),
  );

  // The page a ticket's QR code opens: where am I in the queue?
  app.get('/t/:id', doc('Public ticket progress page', undefined, false), (req, reply) => {
    const t = hall.ticketView((req.params as { id: string }).id);
    const snapshot = hall.snapshot();
    reply.type('text/html; charset=utf-8');
    if (!t)
      return '<!doctype html><meta charset="utf-8"><title>号票</title><p>号票不存在或已过期 / ticket not found or expired</p>';
    const service = snapshot.services.find((s) => s.id === t.serviceId);
    const ahead = snapshot.tickets.filter(
      (x) => x.serviceId === t.serviceId && x.status === 'waiting' && x.issuedAt < t.issuedAt,
    ).length;
    const window = t.windowId ? snapshot.windows.find((w) => w.id === t.windowId) : null;
    const esc = (s: string) => s.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
    return `<!doctype html><html lang="zh-CN"><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta http-equiv="refresh" content="15"><title>${esc(t.number)} · ${esc(snapshot.hallName)}</title><body style="font-family:sans-serif;max-width:28rem;margin:2rem auto;padding:0 1rem"><h1 style="font-size:3rem;margin:0">${esc(t.number)}</h1><p>${esc(service?.name ?? '')} · ${esc(TICKET_STATUS_TEXT[t.status])}</p>${t.status === 'waiting' ? `<p>前面还有 <b>${ahead}</b> 人</p>` : ''}${window ? `<p>请到 <b>${esc(window.name)}</b></p>` : ''}<p style="color:#666">${esc(snapshot.hallName)} · 页面每15秒刷新</p></body></html>`;
  });

  app.get('/api/openapi.json', { schema: { hide: true } }, () => app.swagger());

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
      app.get(`/${web.url}/`, { schema: { hide: true } }, (_req, reply) =>
        reply
          .type('text/html; charset=utf-8')
          .send(
            `<!doctype html><meta charset="utf-8"><title>${web.title}</title><p>${web.title}: 前端尚未构建，请运行 <code>npm run build:web</code> / the web app is not built yet: run <code>npm run build:web</code></p>`,
          ),
      );
    }
  }
  app.get('/', { schema: { hide: true } }, (_req, reply) =>
    reply
      .type('text/html; charset=utf-8')
      .send(
        `<!doctype html><meta charset="utf-8"><title>OneDoor 一门</title><h1>一门 OneDoor · ${hall.snapshot().hallName}</h1><ul>${WEB_APPS.map((w) => `<li><a href="/${w.url}/">/${w.url}/</a> ${w.title}</li>`).join('')}<li><a href="/healthz">/healthz</a></li><li><a href="/api/openapi.json">/api/openapi.json</a></li></ul>`,
      ),
  );
  return app;
}
