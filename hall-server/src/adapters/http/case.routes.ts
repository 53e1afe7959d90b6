import type { FastifyInstance } from 'fastify';
import { appError, CASE_ROUTES } from '@onedoor/protocol';
import type { HallApp } from '../../app/hall-app.js';
import type { StaffRecord } from '../../app/ports.js';
import { CASE_STAGES, type CaseAction, type CaseStage } from '../../domain/cases/index.js';
import { success } from '../../domain/result.js';
import { serveRoutes, type RestHandlers } from './rest.js';

const isStage = (s: string): s is CaseStage => Object.hasOwn(CASE_STAGES, s);

/** 办件 REST: receipt and acceptance at the window, the back-office queue and actions, 出件, calendar, settings. */
export function registerCaseRoutes(http: FastifyInstance, app: HallApp): void {
  const { cases, calendar, personalData, auth } = app;
  const who = (staff: StaffRecord) => cases.staff(staff);
  const asStaff = (staff: StaffRecord) => ({ kind: 'staff' as const, staffId: staff.id });
  const act = (id: string, action: CaseAction, staff: StaffRecord) => cases.act(id, action, who(staff));
  const handlers: RestHandlers<typeof CASE_ROUTES> = {
    'POST /api/cases': ({ body, staff }) => cases.receive(body, who(staff)),
    'GET /api/cases': ({ query }) => {
      const { stage } = query;
      if (stage !== undefined && !isStage(stage))
        return { ok: false, error: appError('BAD_REQUEST', `未知的办件状态 ${stage}`, `unknown stage ${stage}`) };
      return success(cases.recent(Math.min(200, Number(query.limit ?? 50) || 50), stage));
    },
    'GET /api/cases/queue': ({ query, staff }) => cases.queueFor(who(staff), query.deptId ?? null),
    'GET /api/cases/warnings': ({ query, staff }) => cases.warningsFor(who(staff), query.deptId ?? null),
    'GET /api/cases/settings': () => success(cases.settings()),
    'PUT /api/cases/settings': ({ body, staff }) => cases.saveSettings(body, asStaff(staff)),
    'POST /api/cases/ready': ({ body }) => success(cases.findReady(body)),
    'POST /api/cases/external-result': ({ body }) => cases.applyExternalResult(body),
    'GET /api/cases/:id': ({ params, staff }) => cases.detailFor(who(staff), params.id),
    'GET /api/cases/:id/applicant': ({ params, staff }) => personalData.caseApplicant(staff, params.id),
    'POST /api/cases/:id/accept': ({ params, body, staff }) => act(params.id, { type: 'accept', ...body }, staff),
    'POST /api/cases/:id/reject': ({ params, body, staff }) => act(params.id, { type: 'reject', ...body }, staff),
    'POST /api/cases/:id/request-correction': ({ params, body, staff }) =>
      act(params.id, { type: 'request-correction', ...body }, staff),
    'POST /api/cases/:id/supply': ({ params, body, staff }) => act(params.id, { type: 'supply', ...body }, staff),
    'POST /api/cases/:id/review': ({ params, body, staff }) => act(params.id, { type: 'review', ...body }, staff),
    'POST /api/cases/:id/approve': ({ params, body, staff }) => act(params.id, { type: 'approve', ...body }, staff),
    'POST /api/cases/:id/refuse': ({ params, body, staff }) => act(params.id, { type: 'refuse', ...body }, staff),
    'POST /api/cases/:id/suspend': ({ params, body, staff }) => act(params.id, { type: 'suspend', ...body }, staff),
    'POST /api/cases/:id/resume': ({ params, body, staff }) => act(params.id, { type: 'resume', ...body }, staff),
    'POST /api/cases/:id/withdraw': ({ params, body, staff }) => act(params.id, { type: 'withdraw', ...body }, staff),
    'POST /api/cases/:id/deliver': ({ params, body, staff }) => cases.deliver(params.id, body, who(staff)),
    'GET /api/calendar': ({ query }) =>
      success({
        days: calendar.days(
          query.from && /^\d{4}-\d{2}-\d{2}$/.test(query.from) ? query.from : undefined,
          Math.min(400, Number(query.days ?? 31) || 31),
        ),
        overrides: calendar.overrides(),
      }),
    'PUT /api/calendar/overrides/:date': ({ params, body, staff }) =>
      app.configuration.saveCalendarOverride({ date: params.date, ...body }, staff),
    'DELETE /api/calendar/overrides/:date': ({ params, staff }) =>
      app.configuration.deleteCalendarOverride(params.date, staff),
  };
  serveRoutes(http, auth, CASE_ROUTES, handlers, app.config.limits.body);
}
