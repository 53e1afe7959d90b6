import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { appError, idNumberSchema } from '@onedoor/protocol';
import type { AuthService } from '../../app/auth.service.js';
import type { AuthRepository, StaffRecord } from '../db/auth.repository.js';
import type { CatalogService } from '../../app/catalog.service.js';
import {
  actionSchemas,
  deliverSchema,
  externalResultSchema,
  receiveSchema,
  settingsSchema,
  type ActionName,
  type CaseService,
  type CaseStaff,
} from '../../app/case.service.js';
import type { CaseAction, CaseStage } from '../../domain/cases/case.types.js';
import { CASE_STAGES } from '../../domain/cases/case.types.js';
import { routeKit, sendError } from './route-kit.js';

export interface CaseRouteDeps {
  auth: AuthService;
  authRepo: AuthRepository;
  cases: CaseService;
  catalog: CatalogService;
}

const readyBody = z
  .object({ idNumber: idNumberSchema.optional(), caseNo: z.string().trim().min(6).max(40).optional() })
  .refine((b) => b.idNumber || b.caseNo, {
    message: '请输入身份证号或办件编号 / give an ID number or a case number',
    path: ['idNumber'],
  });
const overrideBody = z.object({ working: z.boolean(), note: z.string().trim().min(1).max(100) });

/** 办件 REST: receipt and acceptance at the window, the back-office queue and actions, 出件, calendar, settings. */
export function registerCaseRoutes(app: FastifyInstance, deps: CaseRouteDeps): void {
  const { cases, catalog, authRepo } = deps;
  const { guard, parse, doc } = routeKit(deps.auth);
  const id = (req: FastifyRequest) => (req.params as { id: string }).id;
  const who = (staff: StaffRecord): CaseStaff => ({ record: staff, deptId: catalog.staffDepartment(staff.id) });
  const isManager = (s: StaffRecord) => s.roles.includes('manager') || s.roles.includes('admin');
  /** Approvers see their department's cases (and bundles one of their members belongs to). */
  const canSee = (s: StaffRecord, caseId: string): boolean => {
    if (isManager(s) || s.roles.includes('clerk')) return true;
    const dept = catalog.staffDepartment(s.id);
    const d = cases.detail(caseId);
    return !!d && !!dept && (d.deptId === dept || d.members.some((m) => m.deptId === dept));
  };

  app.post(
    '/api/cases',
    doc('收件 (receive) a case for a matter or a 一件事 bundle; with accept=true also 受理', receiveSchema),
    guard(['clerk', 'manager'], async (req, reply, staff) => {
      const body = parse(receiveSchema, req.body, reply);
      if (!body) return;
      const r = await cases.receive(body, who(staff));
      return r.ok ? reply.code(201).send({ ok: true, data: r.value }) : sendError(reply, r.error);
    }),
  );

  app.get(
    '/api/cases',
    doc('Recent cases (window view); ?stage=concluded&limit=50'),
    guard(['clerk', 'manager'], (req, reply) => {
      const q = req.query as { stage?: string; limit?: string };
      if (q.stage && !Object.hasOwn(CASE_STAGES, q.stage))
        return sendError(reply, appError('BAD_REQUEST', `未知的办件状态 ${q.stage}`, `unknown stage ${q.stage}`));
      return {
        ok: true,
        data: cases.recent(Math.min(200, Number(q.limit ?? 50) || 50), q.stage as CaseStage | undefined),
      };
    }),
  );

  app.get(
    '/api/cases/queue',
    doc(
      'The back-office queue of a department, soonest deadline first, with yellow/red marks (approvers: their own department; managers: ?deptId= or all)',
    ),
    guard(['approver', 'manager'], (req, reply, staff) => {
      const q = req.query as { deptId?: string };
      const dept = isManager(staff) ? (q.deptId ?? null) : catalog.staffDepartment(staff.id);
      if (!isManager(staff) && !dept)
        return sendError(
          reply,
          appError('FORBIDDEN', '您的账号尚未设置所属部门，请联系管理员', 'your account has no department'),
        );
      return {
        ok: true,
        data: { deptId: dept, department: dept ? catalog.department(dept) : null, cases: cases.queue(dept) },
      };
    }),
  );

  app.get(
    '/api/cases/warnings',
    doc('Cases needing attention: overdue (red), near the deadline (yellow), 容缺 materials late'),
    guard(['approver', 'manager'], (req, _reply, staff) => {
      const dept = isManager(staff)
        ? ((req.query as { deptId?: string }).deptId ?? null)
        : catalog.staffDepartment(staff.id);
      return { ok: true, data: cases.warnings(dept) };
    }),
  );

  app.get(
    '/api/cases/settings',
    doc('Case settings (number format, warning share, 容缺 period)'),
    guard(['manager'], () => ({ ok: true, data: cases.settings() })),
  );
  app.put(
    '/api/cases/settings',
    doc('Change case settings', settingsSchema),
    guard(['manager'], async (req, reply, staff) => {
      const body = parse(settingsSchema, req.body, reply);
      if (!body) return;
      const r = await cases.saveSettings(body, { kind: 'staff', staffId: staff.id });
      return r.ok ? { ok: true, data: r.value } : sendError(reply, r.error);
    }),
  );

  app.post(
    '/api/cases/ready',
    doc('出件: results ready for hand-over, by the applicant ID number (keyed-hash lookup) or case number', readyBody),
    guard(['clerk', 'manager'], (req, reply) => {
      const body = parse(readyBody, req.body, reply);
      if (!body) return;
      return { ok: true, data: cases.findReady(body) };
    }),
  );

  app.post(
    '/api/cases/external-result',
    doc('A result from the provincial platform (sync adapter, simulator); idempotent', externalResultSchema),
    guard(['admin'], async (req, reply) => {
      const body = parse(externalResultSchema, req.body, reply);
      if (!body) return;
      const r = await cases.applyExternalResult(body);
      return r.ok ? { ok: true, data: r.value } : sendError(reply, r.error);
    }),
  );

  app.get(
    '/api/cases/:id',
    doc('Case detail: materials, steps (with notice documents), members, deadline and warning'),
    guard(['clerk', 'manager', 'approver'], (req, reply, staff) => {
      const d = cases.detail(id(req));
      if (!d) return sendError(reply, appError('NOT_FOUND', '办件不存在', 'case not found'));
      if (!canSee(staff, d.id))
        return sendError(
          reply,
          appError('FORBIDDEN', '该办件不属于您所在部门', 'the case belongs to another department'),
        );
      return { ok: true, data: d };
    }),
  );

  app.get(
    '/api/cases/:id/applicant',
    doc('Full applicant data of a case (audited)'),
    guard(['clerk', 'manager'], (req, reply, staff) => {
      const data = cases.revealApplicant(id(req));
      if (!data) return sendError(reply, appError('NOT_FOUND', '办件不存在', 'case not found'));
      authRepo.audit(new Date().toISOString(), staff.id, 'read-personal-data', `case:${id(req)}`, null);
      return { ok: true, data };
    }),
  );

  for (const name of Object.keys(actionSchemas) as ActionName[]) {
    const schema = actionSchemas[name];
    app.post(
      `/api/cases/:id/${name}`,
      doc(`Case action: ${name}`, schema),
      guard(['clerk', 'manager', 'approver'], async (req, reply, staff) => {
        const body = parse(schema, req.body, reply);
        if (!body) return;
        const action = { type: name, ...body } as CaseAction;
        const r = await cases.act(id(req), action, who(staff));
        return r.ok ? { ok: true, data: r.value } : sendError(reply, r.error);
      }),
    );
  }

  app.post(
    '/api/cases/:id/deliver',
    doc(
      '出件 / 送达: window hand-over (applicant or proxy with ID), express (waybill) or locker (pick-up code)',
      deliverSchema,
    ),
    guard(['clerk', 'manager'], async (req, reply, staff) => {
      const body = parse(deliverSchema, req.body, reply);
      if (!body) return;
      const r = await cases.deliver(id(req), body, who(staff));
      return r.ok ? { ok: true, data: r.value } : sendError(reply, r.error);
    }),
  );

  app.get(
    '/api/calendar',
    doc('Working-day calendar: ?from=YYYY-MM-DD&days=N (national data + local overrides)'),
    guard(['clerk', 'manager', 'approver'], (req) => {
      const q = req.query as { from?: string; days?: string };
      const from = q.from && /^\d{4}-\d{2}-\d{2}$/.test(q.from) ? q.from : new Date().toISOString().slice(0, 10);
      return {
        ok: true,
        data: {
          days: cases.calendarDays(from, Math.min(400, Number(q.days ?? 31) || 31)),
          overrides: cases.calendarOverrides(),
        },
      };
    }),
  );
  app.put(
    '/api/calendar/overrides/:date',
    doc('Set a local working-day override (hall closed, or open on a holiday)', overrideBody),
    guard(['manager'], async (req, reply, staff) => {
      const body = parse(overrideBody, req.body, reply);
      if (!body) return;
      const r = await cases.saveCalendarOverride(
        { date: (req.params as { date: string }).date, ...body },
        { kind: 'staff', staffId: staff.id },
      );
      return r.ok ? { ok: true, data: r.value } : sendError(reply, r.error);
    }),
  );
  app.delete(
    '/api/calendar/overrides/:date',
    doc('Remove a local override'),
    guard(['manager'], async (req, reply, staff) => {
      const r = await cases.deleteCalendarOverride((req.params as { date: string }).date, {
        kind: 'staff',
        staffId: staff.id,
      });
      return r.ok ? { ok: true, data: r.value } : sendError(reply, r.error);
    }),
  );
}
