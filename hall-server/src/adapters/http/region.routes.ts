import type { FastifyInstance } from 'fastify';
import { appError, REGION_ROUTES } from '@onedoor/protocol';
import type { Federation } from '../../app/federation/federation.js';
import type { HallApp } from '../../app/hall-app.js';
import { failure, success } from '../../domain/result.js';
import { sendDownload, serveRoutes, XLSX_MIME, type RestHandlers } from './rest.js';

const notARegion = () =>
  failure(
    appError(
      'NOT_FOUND',
      '本服务器不是县级或市级区域（federation.role）',
      'this server is not a county or city region (federation.role)',
    ),
  );

/** The region view's REST (REGION_ROUTES): the halls below, their KPIs side by side, and those as Excel. */
export function registerRegionRoutes(http: FastifyInstance, app: HallApp, federation: Federation): void {
  const { view } = federation;
  const handlers: RestHandlers<typeof REGION_ROUTES> = {
    'GET /api/region/halls': () => (view ? success(view.overview()) : notARegion()),
    'GET /api/region/kpis': ({ query }) => (view ? success(view.kpis(query.from, query.to)) : notARegion()),
    'GET /api/region/kpis/export': async ({ query, reply }) => {
      if (!view) return notARegion();
      const file = await view.xlsx(query.from, query.to);
      return sendDownload(reply, file, {
        type: XLSX_MIME,
        name: `region-kpis-${query.from}-${query.to}.xlsx`,
        nameZh: `各大厅指标-${query.from}至${query.to}.xlsx`,
      });
    },
  };
  serveRoutes(http, app.auth, REGION_ROUTES, handlers);
}
