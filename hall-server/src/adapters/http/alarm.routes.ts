import type { FastifyInstance } from 'fastify';
import { appError, ALARM_ROUTES } from '@onedoor/protocol';
import { failure, success } from '../../domain/result.js';
import type { HallApp } from '../../app/hall-app.js';
import { serveRoutes, type RestHandlers } from './rest.js';

/** Alarms REST (ALARM_ROUTES): the managers' list, acknowledging one, the thresholds. */
export function registerAlarmRoutes(http: FastifyInstance, app: HallApp): void {
  const { alarms, auth } = app;
  const handlers: RestHandlers<typeof ALARM_ROUTES> = {
    'GET /api/alarms': () => success(alarms.list()),
    'POST /api/alarms/:id/acknowledge': ({ params, body, staff }) => {
      const id = Number(params.id);
      if (!Number.isInteger(id) || id < 1)
        return failure(appError('NOT_FOUND', `没有编号为 ${params.id} 的报警`, `no alarm ${params.id}`));
      return alarms.acknowledge(id, staff.name, body.note);
    },
    'GET /api/alarms/thresholds': () => success(alarms.thresholds()),
    'PUT /api/alarms/thresholds': ({ body, staff }) => app.configuration.setThresholds(body, staff),
  };
  serveRoutes(http, auth, ALARM_ROUTES, handlers);
}
