import type { FastifyInstance } from 'fastify';
import { RECTIFICATION_ROUTES } from '@onedoor/protocol';
import { success } from '../../domain/result.js';
import type { HallApp } from '../../app/hall-app.js';
import { AuthService } from '../../app/auth/auth.js';
import type { RectificationViewer } from '../../app/evaluations/rectifications.js';
import type { StaffRecord } from '../../app/ports.js';
import { serveRoutes, type RestHandlers } from './rest.js';

/** 差评整改 REST (RECTIFICATION_ROUTES): the list, one rectification, its next step. */
export function registerRectificationRoutes(http: FastifyInstance, app: HallApp): void {
  const { rectifications, auth, catalog } = app;
  // Managers see every rectification; a department's staff their department's (the policy is in the domain).
  const viewer = (staff: StaffRecord): RectificationViewer => ({
    staffId: staff.id,
    name: staff.name,
    everyDept: AuthService.hasRole(staff, 'manager'),
    deptId: catalog.staffDepartment(staff.id),
  });
  const handlers: RestHandlers<typeof RECTIFICATION_ROUTES> = {
    'GET /api/rectifications': ({ query, staff }) => success(rectifications.list(query, viewer(staff))),
    'GET /api/rectifications/:id': ({ params, staff }) => rectifications.find(params.id, viewer(staff)),
    'POST /api/rectifications/:id/steps': ({ params, body, staff }) =>
      rectifications.step(params.id, body, viewer(staff)),
  };
  serveRoutes(http, auth, RECTIFICATION_ROUTES, handlers);
}
