import { appError, type AppError, type ImportSummary, type KioskBundle, type ServiceConfig } from '@onedoor/protocol';
import { localParts } from '../../domain/time/hall-time.js';
import { type Result, failure, success } from '../../domain/result.js';
import {
  README_SHEET,
  SHEETS,
  catalogFromSheets,
  catalogToSheets,
  formatIssue,
  matterSchema,
  resolveBundle,
  resolveMatterMaterials,
  validateCatalogJson,
  type Answers,
  type Bundle,
  type Catalog,
  type CatalogIssue,
  type Cell,
  type Department,
  type Locate,
  type Material,
  type Matter,
  type RequiredMaterial,
  type ResolvedBundle,
} from '../../domain/catalog/index.js';
import type { CommandPipeline } from '../pipeline.js';
import type { Actor, CatalogStore, Clock, Spreadsheets } from '../ports.js';

export interface CatalogDeps {
  store: CatalogStore;
  pipeline: CommandPipeline;
  spreadsheets: Spreadsheets;
  clock: Clock;
  timeZone: string;
}

/** An import refused as a whole: every problem found, none of the file kept. */
export interface ImportRefusal {
  error: AppError;
  issues: CatalogIssue[];
}

/** Stable JSON for comparing versions (key order independent). */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object') {
    return `{${Object.keys(v)
      .sort()
      .filter((k) => (v as Record<string, unknown>)[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v);
}

export function refusal(issues: CatalogIssue[]): ImportRefusal {
  const shown = issues.slice(0, 50);
  return {
    issues,
    error: appError(
      'BAD_REQUEST',
      `导入失败，未导入任何内容：共 ${issues.length} 处错误。${shown.slice(0, 5).map(formatIssue).join('；')}${issues.length > 5 ? '……' : ''}`,
      `import refused, nothing was imported: ${issues.length} problem(s). ${shown
        .slice(0, 5)
        .map((i) => `${i.sheet} row ${i.row} ${i.column}: ${i.messageEn}`)
        .join('; ')}`,
      shown.map((i) => ({ path: `${i.sheet}!${i.row}!${i.column}`, message: `${i.message} / ${i.messageEn}` })),
    ),
  };
}

/**
 * The matter catalog (事项目录): versioned matters and bundles, the material library, import/export (JSON, Excel),
 * 办理情形 resolution. Every write goes through the hall's one-writer pipeline.
 */
export class CatalogService {
  constructor(private readonly deps: CatalogDeps) {}

  private get repo(): CatalogStore {
    return this.deps.store;
  }

  today(): string {
    return localParts(this.deps.clock.now(), this.deps.timeZone).date;
  }

  // ---------- queries ----------

  departments(): Department[] {
    return this.repo.departments();
  }

  department(id: string): Department | null {
    return this.repo.departments().find((d) => d.id === id) ?? null;
  }

  materials(): Material[] {
    return this.repo.materials();
  }

  materialMap(): Map<string, Material> {
    return new Map(this.repo.materials().map((m) => [m.id, m]));
  }

  /** Matters in force today (latest effective version of each). */
  matters(): Matter[] {
    return this.repo.currentMatters(this.today());
  }

  matter(id: string, version?: number): Matter | null {
    if (version !== undefined) return this.repo.matterVersion(id, version);
    return this.matters().find((m) => m.id === id) ?? null;
  }

  matterVersions(id: string): Matter[] {
    return this.repo.matterVersions(id);
  }

  bundles(): Bundle[] {
    return this.repo.currentBundles(this.today());
  }

  /**
   * The kiosk's 一件事 tiles: each bundle in force that an enabled service takes (`bundleIds`, the first by the kiosk's
   * order), with its compulsory members as what it covers, in the order of the services that take them. A bundle no
   * queue takes is not offered.
   */
  kioskBundles(services: readonly ServiceConfig[]): KioskBundle[] {
    const takers = services.filter((s) => s.enabled).sort((a, b) => a.sort - b.sort);
    const rank = (id: string) => takers.findIndex((s) => s.id === id);
    return this.bundles()
      .flatMap((b) => {
        const service = takers.find((s) => s.bundleIds?.includes(b.id));
        if (!service) return [];
        const covers = b.members
          .filter((m) => !m.optional)
          .map((m) => this.matter(m.matterId)?.name ?? m.matterId)
          .join(' · ');
        return [
          {
            id: b.id,
            name: b.name,
            nameEn: b.nameEn ?? b.name,
            serviceId: service.id,
            covers,
            coversEn: b.coversEn ?? covers,
          },
        ];
      })
      .sort((x, y) => rank(x.serviceId) - rank(y.serviceId));
  }

  bundle(id: string, version?: number): Bundle | null {
    if (version !== undefined) return this.repo.bundleVersion(id, version);
    return this.bundles().find((b) => b.id === id) ?? null;
  }

  resolveMatter(id: string, answers: Answers): Result<{ matter: Matter; materials: RequiredMaterial[] }> {
    const matter = this.matter(id);
    if (!matter)
      return failure(appError('NOT_FOUND', `事项 ${id} 不存在或未生效`, `matter ${id} not found or not in force`));
    if (!matter.enabled)
      return failure(appError('CONFLICT', `事项「${matter.name}」已停用`, `matter ${id} is disabled`));
    const r = resolveMatterMaterials(matter, this.materialMap(), answers);
    return r.ok ? success({ matter, materials: r.value }) : r;
  }

  resolveBundle(id: string, answers: Answers): Result<ResolvedBundle> {
    const bundle = this.bundle(id);
    if (!bundle)
      return failure(appError('NOT_FOUND', `一件事 ${id} 不存在或未生效`, `bundle ${id} not found or not in force`));
    return resolveBundle(bundle, new Map(this.matters().map((m) => [m.id, m])), this.materialMap(), answers);
  }

  /** Everything the hall has: current versions by default, every version with `all`. */
  exportCatalog(all = false): Catalog {
    return {
      format: 'onedoor-catalog',
      formatVersion: 1,
      departments: this.repo.departments(),
      materials: this.repo.materials(),
      matters: all ? this.repo.allMatterVersions() : this.matters(),
      bundles: all ? this.repo.allBundleVersions() : this.bundles(),
    };
  }

  async exportExcel(all = false): Promise<Buffer> {
    const now = this.deps.clock.now();
    const catalog = this.exportCatalog(all);
    const demo = catalog.matters.some((m) => m.demo) || catalog.bundles.some((b) => b.demo);
    return this.deps.spreadsheets.write({
      creator: 'OneDoor 一门',
      createdAt: now,
      readme: {
        name: README_SHEET,
        lines: [
          '一门 OneDoor 事项目录导出 / matter catalog export',
          `导出时间 ${new Date(now).toISOString()}`,
          ...(demo
            ? ['「演示数据」列为“是”的记录是演示数据，不是正式事项目录 / rows marked 演示数据 are DEMO DATA']
            : []),
          '每个工作表第1行为表头（中文名 + 字段名），不要修改表头；列表用顿号（、）分隔；是否列填 是/否。',
          '时限以工作日计，步长0.5（0、0.5、1、…）；承诺时限不得长于法定时限。',
          '导入时逐行校验，任何一处错误都不会导入任何内容。本“说明”工作表在导入时被忽略。',
        ],
      },
      sheets: catalogToSheets(catalog),
    });
  }

  // ---------- import ----------

  private existingRefs() {
    return {
      departmentIds: new Set(this.repo.departments().map((d) => d.id)),
      materialIds: new Set(this.repo.materials().map((m) => m.id)),
      matters: new Map(this.repo.allMatterVersions().map((m) => [m.id, m])),
    };
  }

  async importJson(
    input: unknown,
    actor: Actor,
    meta: { fileName?: string } = {},
  ): Promise<Result<ImportSummary> | { ok: false; refusal: ImportRefusal }> {
    const v = validateCatalogJson(input, this.existingRefs());
    if (!v.ok) return { ok: false, refusal: refusal(v.issues) };
    return this.importCatalog(v.catalog, v.locate, actor, { format: 'json', fileName: meta.fileName ?? null });
  }

  async importExcel(
    file: Buffer,
    actor: Actor,
    meta: { fileName?: string } = {},
  ): Promise<Result<ImportSummary> | { ok: false; refusal: ImportRefusal }> {
    const rows = await this.readWorkbook(file);
    if (!rows.ok)
      return {
        ok: false,
        refusal: refusal([
          { sheet: '(文件)', row: 0, column: '-', message: rows.error.message, messageEn: rows.error.messageEn },
        ]),
      };
    const v = catalogFromSheets(rows.value, this.existingRefs());
    if (!v.ok) return { ok: false, refusal: refusal(v.issues) };
    return this.importCatalog(v.catalog, v.locate, actor, { format: 'xlsx', fileName: meta.fileName ?? null });
  }

  /**
   * Writes a validated catalog in one transaction: departments and materials are upserted, matter and bundle versions
   * added (an existing version must be identical: versions are immutable). Any conflict refuses the whole import.
   */
  async importCatalog(
    catalog: Catalog,
    locate: Locate,
    actor: Actor,
    meta: { format: string; fileName: string | null },
  ): Promise<Result<ImportSummary> | { ok: false; refusal: ImportRefusal }> {
    let refused: ImportRefusal | null = null;
    const r = await this.deps.pipeline.record<ImportSummary>(actor, () => {
      const at = new Date(this.deps.clock.now()).toISOString();
      const issues: CatalogIssue[] = [];
      const count = () => ({ added: 0, updated: 0, unchanged: 0 });
      const summary = {
        departments: count(),
        materials: count(),
        matters: { added: 0, unchanged: 0 },
        bundles: { added: 0, unchanged: 0 },
      };
      catalog.matters.forEach((m, i) => {
        const old = this.repo.matterVersion(m.id, m.version);
        if (old && canonical(old) !== canonical(m)) {
          issues.push({
            ...locate('matters', i, 'version'),
            message: `事项 ${m.id} 的版本 ${m.version} 已存在且内容不同：版本不可修改，请提高版本号`,
            messageEn: `matter ${m.id} version ${m.version} exists with other content; versions are immutable, raise the version`,
          });
        }
      });
      catalog.bundles.forEach((b, i) => {
        const old = this.repo.bundleVersion(b.id, b.version);
        if (old && canonical(old) !== canonical(b)) {
          issues.push({
            ...locate('bundles', i, 'version'),
            message: `一件事 ${b.id} 的版本 ${b.version} 已存在且内容不同，请提高版本号`,
            messageEn: `bundle ${b.id} version ${b.version} exists with other content; raise the version`,
          });
        }
      });
      if (issues.length > 0) {
        refused = refusal(issues);
        return { error: refused.error };
      }
      for (const d of catalog.departments) summary.departments[this.repo.upsertDepartment(d, at)]++;
      for (const m of catalog.materials) summary.materials[this.repo.upsertMaterial(m, at)]++;
      for (const m of catalog.matters) {
        if (this.repo.matterVersion(m.id, m.version)) summary.matters.unchanged++;
        else {
          this.repo.insertMatter(m, at);
          summary.matters.added++;
        }
      }
      for (const b of catalog.bundles) {
        if (this.repo.bundleVersion(b.id, b.version)) summary.bundles.unchanged++;
        else {
          this.repo.insertBundle(b, at);
          summary.bundles.added++;
        }
      }
      const importId = this.repo.recordImport(
        at,
        actor.kind === 'staff' ? actor.staffId : null,
        meta.format,
        meta.fileName,
        summary,
      );
      const value: ImportSummary = { importId, ...summary };
      return {
        value,
        eventType: 'catalog.imported',
        payload: { ...value, format: meta.format, fileName: meta.fileName },
      };
    });
    if (!r.ok && refused) return { ok: false, refusal: refused };
    return r;
  }

  /** Saves a matter as a new version (version = latest + 1 unless given). */
  async saveMatter(input: unknown, actor: Actor): Promise<Result<Matter> | { ok: false; refusal: ImportRefusal }> {
    const raw = input && typeof input === 'object' ? (input as Record<string, unknown>) : {};
    const id = typeof raw.id === 'string' ? raw.id : '';
    const version = typeof raw.version === 'number' ? raw.version : this.repo.latestMatterVersion(id) + 1;
    const parsed = matterSchema.safeParse({ ...raw, version });
    if (!parsed.success) {
      const v = validateCatalogJson({ matters: [{ ...raw, version }] });
      return { ok: false, refusal: refusal(v.ok ? [] : v.issues) };
    }
    const r = await this.importJson({ matters: [parsed.data] }, actor);
    if (!r.ok) return r;
    return success(parsed.data);
  }

  async setStaffDepartment(
    staffId: string,
    deptId: string | null,
    actor: Actor,
  ): Promise<Result<{ staffId: string; deptId: string | null }>> {
    return this.deps.pipeline.record<{ staffId: string; deptId: string | null }>(actor, () => {
      if (deptId !== null && !this.department(deptId))
        return { error: appError('NOT_FOUND', `部门 ${deptId} 不存在`, `department ${deptId} not found`) };
      this.repo.setStaffDepartment(staffId, deptId);
      return { value: { staffId, deptId }, eventType: 'staff.department-set', payload: { staffId, deptId } };
    });
  }

  staffDepartment(staffId: string): string | null {
    return this.repo.staffDepartment(staffId);
  }

  /** Reads every worksheet of an .xlsx file into plain rows. */
  private async readWorkbook(file: Buffer): Promise<Result<Record<string, Cell[][]>>> {
    const out = await this.deps.spreadsheets.read(file);
    if (!out)
      return failure(
        appError(
          'BAD_REQUEST',
          '无法读取文件：不是有效的 Excel（.xlsx）文件',
          'the file is not a valid Excel (.xlsx) workbook',
        ),
      );
    if (Object.keys(out).filter((n) => n !== README_SHEET).length === 0)
      return failure(
        appError(
          'BAD_REQUEST',
          `文件中没有工作表（应为：${Object.values(SHEETS)
            .map((s) => s.name)
            .join('、')}）`,
          'the workbook has no sheets',
        ),
      );
    return success(out);
  }

  countMatters(): number {
    return this.repo.countMatters();
  }
}
