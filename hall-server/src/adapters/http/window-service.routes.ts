import type { FastifyInstance } from 'fastify';
import { WINDOW_SERVICE_ROUTES } from '@onedoor/protocol';
import type { HallApp } from '../../app/hall-app.js';
import { success } from '../../domain/result.js';
import { sendDownload, serveRoutes, XLSX_MIME, type RestHandlers } from './rest.js';

/** 一窗受理 at the window: the on-screen evaluator, a 差评's reason, the ratings, a ticket's cases, card-read audit. */
export function registerWindowServiceRoutes(http: FastifyInstance, app: HallApp): void {
  const { ratings, ratingsWorkbook, cases, stats, personalData } = app;
  const queue = app.hall;
  const handlers: RestHandlers<typeof WINDOW_SERVICE_ROUTES> = {
    'POST /api/windows/:id/evaluations': ({ params, body, staff }) =>
      ratings.record(
        params.id,
        body.level,
        { kind: 'staff', staffId: staff.id },
        {
          reason: body.reason,
          channel: 'window-screen',
        },
      ),
    'POST /api/evaluations/:id/reason': ({ params, body, staff }) =>
      ratings.giveReason(params.id, body.reason, { kind: 'staff', staffId: staff.id }),
    'GET /api/evaluations': ({ query }) => success(ratings.list(query)),
    'GET /api/evaluations/export': async ({ query, reply }) => {
      const { file, day } = await ratingsWorkbook.xlsx(query);
      const bad = query.only === 'bad';
      return sendDownload(reply, file, {
        type: XLSX_MIME,
        name: `evaluations-${day}${bad ? '-bad' : ''}.xlsx`,
        nameZh: `好差评-${day}${bad ? '-差评' : ''}.xlsx`,
      });
    },
    'GET /api/windows/:id/today': ({ params }) => success(stats.windowToday(params.id)),
    'GET /api/windows/:id/call-order': ({ params }) => queue.callOrder(params.id),
    'GET /api/tickets/:id/cases': ({ params }) => success(cases.ofTicket(params.id)),
    'POST /api/tickets/:id/card-reads': ({ params, body, staff }) =>
      personalData.cardRead(staff, params.id, body.idNumber),
  };
  serveRoutes(http, app.auth, WINDOW_SERVICE_ROUTES, handlers);
}
