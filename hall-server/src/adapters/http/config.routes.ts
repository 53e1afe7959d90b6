import type { FastifyInstance } from 'fastify';
import { CONFIG_ROUTES } from '@onedoor/protocol';
import { success } from '../../domain/result.js';
import type { HallApp } from '../../app/hall-app.js';
import { CSV_MIME, sendDownload, serveRoutes, XLSX_MIME, type RestHandlers } from './rest.js';

/** Configuration REST (CONFIG_ROUTES): what the console's 配置 screens and floor actions add, and the audit trail. */
export function registerConfigRoutes(http: FastifyInstance, app: HallApp): void {
  const { configuration, staffConfiguration: staff, audit, auth } = app;
  const handlers: RestHandlers<typeof CONFIG_ROUTES> = {
    'POST /api/services': ({ body, staff: by }) => configuration.createService(body, by),
    'POST /api/services/:id/enabled': ({ params, body, staff: by }) =>
      configuration.setServiceEnabled(params.id, body.enabled, by),
    'POST /api/services/:id/move-waiting': ({ params, body, staff: by }) =>
      configuration.moveWaiting(params.id, body.toServiceId, by),
    'POST /api/windows/:id/move-clerk': ({ params, body, staff: by }) =>
      configuration.moveClerk(params.id, body.toWindowId, by),
    'POST /api/staff': ({ body, staff: by }) => staff.createStaff(body, by),
    'POST /api/staff/:id/enabled': ({ params, body, staff: by }) => staff.setStaffEnabled(params.id, body.enabled, by),
    'POST /api/staff/:id/password': ({ params, body, staff: by }) => staff.resetPassword(params.id, body.password, by),
    'PUT /api/staff/:id/card': ({ params, body, staff: by }) => staff.setStaffCard(params.id, body.cardIdNumber, by),
    'POST /api/devices/:id/revoke': ({ params, staff: by }) => staff.revokeDevice(params.id, by),
    'GET /api/settings/retention': () => success({ personalDataDays: configuration.retentionDays() }),
    'PUT /api/settings/retention': ({ body, staff: by }) => configuration.setRetention(body, by),
    'PUT /api/settings/notice': ({ body, staff: by }) => configuration.setNotice(body.text, by),
    'GET /api/audit': ({ query }) => audit.list(query),
    'GET /api/audit/export': async ({ query, reply }) => {
      const entries = audit.list(query);
      if (!entries.ok) return entries;
      const file = query.format === 'xlsx' ? await audit.xlsx(query, entries.value) : audit.csv(entries.value);
      return sendDownload(reply, file, {
        type: query.format === 'xlsx' ? XLSX_MIME : CSV_MIME,
        name: `audit-${query.from}-${query.to}.${query.format}`,
        nameZh: `审计日志-${query.from}至${query.to}.${query.format}`,
      });
    },
  };
  serveRoutes(http, auth, CONFIG_ROUTES, handlers);
}
