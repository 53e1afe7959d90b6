import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import { appError } from '@onedoor/protocol';
import type { AuthService } from '../../app/auth.service.js';
import { XLSX_MIME, type CatalogService, type ImportRefusal } from '../../app/catalog.service.js';
import type { Result } from '../../domain/result.js';
import { routeKit, sendError } from './route-kit.js';

export interface CatalogRouteDeps {
  auth: AuthService;
  catalog: CatalogService;
}

const answersBody = z.object({ answers: z.record(z.string(), z.union([z.string(), z.array(z.string())])).default({}) });
const staffDeptBody = z.object({ deptId: z.string().min(1).nullable() });
const READERS = ['clerk', 'manager', 'approver'] as const;

type ImportOutcome<T> = Result<T> | { ok: false; refusal: ImportRefusal };

function sendImport<T>(reply: FastifyReply, r: ImportOutcome<T>) {
  if (r.ok) return { ok: true, data: r.value };
  if ('refusal' in r) return reply.code(400).send({ ok: false, error: r.refusal.error, issues: r.refusal.issues });
  return sendError(reply, r.error);
}

/** 事项目录 REST: browse, resolve 办理情形, import/export (JSON, Excel), approver departments. */
export function registerCatalogRoutes(app: FastifyInstance, deps: CatalogRouteDeps): void {
  const { catalog } = deps;
  const { guard, parse, doc } = routeKit(deps.auth);
  const id = (req: { params: unknown }) => (req.params as { id: string }).id;

  // Excel uploads arrive as the raw file.
  for (const type of [XLSX_MIME, 'application/octet-stream']) {
    if (!app.hasContentTypeParser(type))
      app.addContentTypeParser(type, { parseAs: 'buffer', bodyLimit: 20 * 1024 * 1024 }, (_req, body, done) =>
        done(null, body),
      );
  }

  app.get(
    '/api/catalog/departments',
    doc('Departments (部门)'),
    guard([...READERS], () => ({ ok: true, data: catalog.departments() })),
  );
  app.get(
    '/api/catalog/materials',
    doc('The shared material library (材料库)'),
    guard([...READERS], () => ({ ok: true, data: catalog.materials() })),
  );
  app.get(
    '/api/catalog/matters',
    doc('Matters in force today (latest effective version of each 业务办理项)'),
    guard([...READERS], (req) => {
      const dept = (req.query as { deptId?: string }).deptId;
      return { ok: true, data: catalog.matters().filter((m) => !dept || m.deptId === dept) };
    }),
  );
  app.get(
    '/api/catalog/matters/:id',
    doc('One matter (?version=N for an older version)'),
    guard([...READERS], (req, reply) => {
      const v = (req.query as { version?: string }).version;
      const m = catalog.matter(id(req), v === undefined ? undefined : Number(v));
      return m
        ? { ok: true, data: m }
        : sendError(reply, appError('NOT_FOUND', '事项不存在', `matter ${id(req)} not found`));
    }),
  );
  app.get(
    '/api/catalog/matters/:id/versions',
    doc('Every version of a matter'),
    guard([...READERS], (req) => ({ ok: true, data: catalog.matterVersions(id(req)) })),
  );
  app.put(
    '/api/catalog/matters/:id',
    doc('Save a matter as a new version (versions are immutable)'),
    guard(['manager'], async (req, reply, staff) =>
      sendImport(
        reply,
        await catalog.saveMatter({ ...(req.body as object), id: id(req) }, { kind: 'staff', staffId: staff.id }),
      ),
    ),
  );
  app.post(
    '/api/catalog/matters/:id/resolve',
    doc('Materials of a matter for 办理情形 answers (一次告知)', answersBody),
    guard([...READERS], (req, reply) => {
      const body = parse(answersBody, req.body, reply);
      if (!body) return;
      const r = catalog.resolveMatter(id(req), body.answers);
      return r.ok ? { ok: true, data: r.value } : sendError(reply, r.error);
    }),
  );
  app.get(
    '/api/catalog/bundles',
    doc('一件事 bundles in force'),
    guard([...READERS], () => ({ ok: true, data: catalog.bundles() })),
  );
  app.get(
    '/api/catalog/bundles/:id',
    doc('One 一件事 bundle'),
    guard([...READERS], (req, reply) => {
      const b = catalog.bundle(id(req));
      return b
        ? { ok: true, data: b }
        : sendError(reply, appError('NOT_FOUND', '一件事不存在', `bundle ${id(req)} not found`));
    }),
  );
  app.post(
    '/api/catalog/bundles/:id/resolve',
    doc('Members, merged form and merged material list of a bundle for 办理情形 answers', answersBody),
    guard([...READERS], (req, reply) => {
      const body = parse(answersBody, req.body, reply);
      if (!body) return;
      const r = catalog.resolveBundle(id(req), body.answers);
      if (!r.ok) return sendError(reply, r.error);
      const { bundle, members, skipped, questions, materials, form, deptIds } = r.value;
      return {
        ok: true,
        data: {
          bundle,
          members: members.map((m) => ({
            id: m.id,
            version: m.version,
            name: m.name,
            deptId: m.deptId,
            promisedLimitDays: m.promisedLimitDays,
          })),
          skipped,
          questions,
          materials,
          form,
          deptIds,
        },
      };
    }),
  );

  app.get(
    '/api/catalog/export',
    doc('Export the catalog: ?format=json|xlsx, ?all=1 for every version'),
    guard(['manager'], async (req, reply) => {
      const q = req.query as { format?: string; all?: string };
      const all = q.all === '1' || q.all === 'true';
      if (q.format === 'xlsx') {
        const file = await catalog.exportExcel(all);
        return reply
          .type(XLSX_MIME)
          .header('content-disposition', `attachment; filename="catalog-${catalog.today()}.xlsx"`)
          .send(file);
      }
      return { ok: true, data: catalog.exportCatalog(all) };
    }),
  );
  app.post(
    '/api/catalog/import',
    doc('Import a catalog (JSON body, or an .xlsx file as the raw body); all or nothing, every bad row reported'),
    guard(['manager'], async (req, reply, staff) => {
      const fileName = (req.query as { fileName?: string }).fileName;
      const actor = { kind: 'staff' as const, staffId: staff.id };
      if (Buffer.isBuffer(req.body))
        return sendImport(reply, await catalog.importExcel(req.body, actor, fileName ? { fileName } : {}));
      return sendImport(reply, await catalog.importJson(req.body, actor, fileName ? { fileName } : {}));
    }),
  );

  app.put(
    '/api/staff/:id/department',
    doc('Set the department of an approver (审批人员所属部门)', staffDeptBody),
    guard(['admin'], async (req, reply, staff) => {
      const body = parse(staffDeptBody, req.body, reply);
      if (!body) return;
      const r = await catalog.setStaffDepartment(id(req), body.deptId, { kind: 'staff', staffId: staff.id });
      return r.ok ? { ok: true, data: r.value } : sendError(reply, r.error);
    }),
  );
  app.get(
    '/api/backoffice/me',
    doc('The signed-in staff member and their department'),
    guard([...READERS], (_req, _reply, staff) => {
      const deptId = catalog.staffDepartment(staff.id);
      return {
        ok: true,
        data: {
          staff: { id: staff.id, username: staff.username, name: staff.name, roles: staff.roles },
          department: deptId ? catalog.department(deptId) : null,
        },
      };
    }),
  );
}
