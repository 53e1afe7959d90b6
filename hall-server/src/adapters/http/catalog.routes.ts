import type { FastifyInstance } from 'fastify';
import { appError, CATALOG_ROUTES, type ImportSummary } from '@onedoor/protocol';
import type { ImportRefusal } from '../../app/catalog/catalog.js';
import type { HallApp } from '../../app/hall-app.js';
import { type Result, success } from '../../domain/result.js';
import { sendDownload, serveRoutes, XLSX_MIME, type Answer, type RestHandlers } from './rest.js';

const IMPORT = 'POST /api/catalog/import';

/** A refused import answers 400 with every bad row (sheet, row, column). */
function importAnswer<T>(r: Result<T> | { ok: false; refusal: ImportRefusal }): Answer<T> {
  if ('refusal' in r) return { ok: false, error: r.refusal.error, issues: r.refusal.issues };
  return r;
}

/** 事项目录 REST: browse, resolve 办理情形, import/export (JSON, Excel), approver departments. */
export function registerCatalogRoutes(http: FastifyInstance, app: HallApp): void {
  const { catalog, auth } = app;
  const limits = app.config.limits.body;
  const asStaff = (id: string) => ({ kind: 'staff' as const, staffId: id });
  const { [IMPORT]: importRoute, ...routes } = CATALOG_ROUTES;
  const handlers: RestHandlers<typeof routes> = {
    'GET /api/catalog/departments': () => success(catalog.departments()),
    'GET /api/catalog/materials': () => success(catalog.materials()),
    'GET /api/catalog/matters': ({ query }) =>
      success(catalog.matters().filter((m) => !query.deptId || m.deptId === query.deptId)),
    'GET /api/catalog/matters/:id': ({ params, query }) => {
      const m = catalog.matter(params.id, query.version === undefined ? undefined : Number(query.version));
      return m
        ? success(m)
        : { ok: false, error: appError('NOT_FOUND', '事项不存在', `matter ${params.id} not found`) };
    },
    'GET /api/catalog/matters/:id/versions': ({ params }) => success(catalog.matterVersions(params.id)),
    'PUT /api/catalog/matters/:id': async ({ body, staff }) =>
      importAnswer(await catalog.saveMatter(body, asStaff(staff.id))),
    'POST /api/catalog/matters/:id/resolve': ({ params, body }) => catalog.resolveMatter(params.id, body.answers),
    'GET /api/catalog/bundles': () => success(catalog.bundles()),
    'GET /api/catalog/bundles/:id': ({ params }) => {
      const b = catalog.bundle(params.id);
      return b
        ? success(b)
        : { ok: false, error: appError('NOT_FOUND', '一件事不存在', `bundle ${params.id} not found`) };
    },
    'POST /api/catalog/bundles/:id/resolve': ({ params, body }) => {
      const r = catalog.resolveBundle(params.id, body.answers);
      if (!r.ok) return r;
      const { bundle, members, skipped, questions, materials, form, deptIds } = r.value;
      return success({
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
      });
    },
    'GET /api/catalog/export': async ({ query, reply }) => {
      const all = query.all === '1' || query.all === 'true';
      if (query.format !== 'xlsx') return success(catalog.exportCatalog(all));
      const file = await catalog.exportExcel(all);
      return sendDownload(reply, file, {
        type: XLSX_MIME,
        name: `catalog-${catalog.today()}.xlsx`,
        nameZh: `事项目录-${catalog.today()}.xlsx`,
      });
    },
    'PUT /api/staff/:id/department': ({ params, body, staff }) =>
      catalog.setStaffDepartment(params.id, body.deptId, asStaff(staff.id)),
    'GET /api/backoffice/me': ({ staff }) => {
      const deptId = catalog.staffDepartment(staff.id);
      return success({
        staff: { id: staff.id, username: staff.username, name: staff.name, roles: staff.roles },
        department: deptId ? catalog.department(deptId) : null,
        timeZone: app.config.hall.timeZone,
      });
    },
  };
  serveRoutes(http, auth, routes, handlers, limits);

  // The import alone takes raw files and large bodies, in its own context: the octet-stream parser was once
  // registered app-wide, and every route read 20 MB from anyone.
  void http.register(async (importContext) => {
    for (const type of [XLSX_MIME, 'application/octet-stream'])
      importContext.addContentTypeParser(type, { parseAs: 'buffer' }, (_req, body, done) => done(null, body));
    const importHandlers: RestHandlers<{ [IMPORT]: typeof importRoute }> = {
      [IMPORT]: async ({ query, body, staff }): Promise<Answer<ImportSummary>> => {
        const meta = query.fileName ? { fileName: query.fileName } : {};
        const actor = asStaff(staff.id);
        const excel = Buffer.isBuffer(body);
        const r = excel ? await catalog.importExcel(body, actor, meta) : await catalog.importJson(body, actor, meta);
        // The catalog keeps its own import log (catalog_imports); the audit trail names it beside the other changes.
        if (r.ok)
          app.audit.change(
            staff.id,
            'config.catalog.import',
            query.fileName ?? (excel ? 'xlsx' : 'json'),
            null,
            r.value,
          );
        return importAnswer(r);
      },
    };
    serveRoutes(importContext, auth, { [IMPORT]: importRoute }, importHandlers, {
      ...limits,
      routes: { [IMPORT]: limits.importBytes },
    });
  });
}
