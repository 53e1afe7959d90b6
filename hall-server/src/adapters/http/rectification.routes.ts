import type { FastifyInstance } from 'fastify';
import { RECTIFICATION_ROUTES } from '@onedoor/protocol';
import { success } from '../../domain/result.js';
import type { HallApp } from '../../app/hall-app.js';
import { serveRoutes, type RestHandlers } from './rest.js';

/** 差评整改 REST (RECTIFICATION_ROUTES): the list, one rectification, its next step. */
export function registerRectificationRoutes(http: FastifyInstance, app: HallApp): void {
  const { rectifications, auth } = app;
  const handlers: RestHandlers<typeof RECTIFICATION_ROUTES> = {
    'GET /api/rectifications': ({ query }) => success(rectifications.list(query)),
    'GET /api/rectifications/:id': ({ params }) => rectifications.find(params.id),
    'POST /api/rectifications/:id/steps': ({ params, body, staff }) => rectifications.step(params.id, body, staff),
  };
  serveRoutes(http, auth, RECTIFICATION_ROUTES, handlers);
}
