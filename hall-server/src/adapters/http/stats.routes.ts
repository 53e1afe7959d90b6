import type { FastifyInstance } from 'fastify';
import { STATS_ROUTES } from '@onedoor/protocol';
import type { HallApp } from '../../app/hall-app.js';
import { XLSX_MIME } from './catalog.routes.js';
import { SENT, serveRoutes, type RestHandlers } from './rest.js';

/** Statistics REST (STATS_ROUTES): the period report as JSON, or as an Excel workbook / CSV file. */
export function registerStatsRoutes(http: FastifyInstance, app: HallApp): void {
  const { stats, auth } = app;
  const handlers: RestHandlers<typeof STATS_ROUTES> = {
    'GET /api/stats/report': ({ query }) => stats.report(query),
    'GET /api/stats/export': async ({ query, reply }) => {
      const report = stats.report(query);
      if (!report.ok) return report;
      const name = `stats-${query.from}-${query.to}.${query.format}`;
      // The Chinese name for the manager's download folder (RFC 6266 filename*), the ASCII one for old clients.
      const nameZh = encodeURIComponent(`统计报表-${query.from}至${query.to}.${query.format}`);
      const file = query.format === 'xlsx' ? await stats.xlsx(report.value) : stats.csv(report.value);
      await reply
        .type(query.format === 'xlsx' ? XLSX_MIME : 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${name}"; filename*=UTF-8''${nameZh}`)
        .send(file);
      return SENT;
    },
  };
  serveRoutes(http, auth, STATS_ROUTES, handlers);
}
