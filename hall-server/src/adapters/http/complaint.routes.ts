import type { FastifyInstance } from 'fastify';
import { COMPLAINT_ROUTES } from '@onedoor/protocol';
import { success } from '../../domain/result.js';
import type { HallApp } from '../../app/hall-app.js';
import { serveRoutes, type RestHandlers } from './rest.js';

/** 服务投诉 REST (COMPLAINT_ROUTES): register, list, one complaint, its next step, the complainant in full (audited). */
export function registerComplaintRoutes(http: FastifyInstance, app: HallApp): void {
  const { complaints, auth } = app;
  const handlers: RestHandlers<typeof COMPLAINT_ROUTES> = {
    'GET /api/complaints': ({ query }) => success(complaints.list(query)),
    'POST /api/complaints': ({ body, staff }) => complaints.register(body, staff),
    'GET /api/complaints/:id': ({ params }) => complaints.find(params.id),
    'POST /api/complaints/:id/steps': ({ params, body, staff }) => complaints.step(params.id, body, staff),
    'GET /api/complaints/:id/complainant': ({ params, staff }) => complaints.complainant(params.id, staff.id),
  };
  serveRoutes(http, auth, COMPLAINT_ROUTES, handlers);
}
