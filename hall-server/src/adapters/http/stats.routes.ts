import type { FastifyInstance } from 'fastify';
import { STATS_ROUTES } from '@onedoor/protocol';
import type { HallApp } from '../../app/hall-app.js';
import { CSV_MIME, sendDownload, serveRoutes, XLSX_MIME, type RestHandlers } from './rest.js';

/** Statistics REST (STATS_ROUTES): the period report as JSON, or as an Excel workbook / CSV file. */
export function registerStatsRoutes(http: FastifyInstance, app: HallApp): void {
  const { stats, auth } = app;
  const handlers: RestHandlers<typeof STATS_ROUTES> = {
    'GET /api/stats/report': ({ query }) => stats.report(query),
    'GET /api/stats/breakdown': ({ query }) => stats.breakdown(query),
    'GET /api/stats/export': async ({ query, reply }) => {
      const { format, ...period } = query;
      const cut = period.bucket || period.by;
      let rows: (string | number)[][];
      if (cut) {
        const breakdown = stats.breakdown(period);
        if (!breakdown.ok) return breakdown;
        rows = stats.breakdownRows(breakdown.value);
      } else {
        const report = stats.report(period);
        if (!report.ok) return report;
        rows = stats.rows(report.value);
      }
      const tail = [period.bucket, period.by].filter(Boolean).join('-');
      const file = format === 'xlsx' ? await stats.xlsx(period, rows) : stats.csv(rows);
      return sendDownload(reply, file, {
        type: format === 'xlsx' ? XLSX_MIME : CSV_MIME,
        name: `stats-${period.from}-${period.to}${tail ? `-${tail}` : ''}.${format}`,
        nameZh: `统计报表-${period.from}至${period.to}${cut ? '-分组' : ''}.${format}`,
      });
    },
  };
  serveRoutes(http, auth, STATS_ROUTES, handlers);
}
