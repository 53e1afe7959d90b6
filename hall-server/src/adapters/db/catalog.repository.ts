import type { CatalogStore } from '../../app/ports.js';
import type { Db } from './database.js';
import type { CalendarOverride } from '@onedoor/protocol';
import type { Bundle, Department, Material, Matter } from '../../domain/catalog/catalog.types.js';

/** The matter catalog: departments, the material library, matter and bundle versions, approver departments. */
export class CatalogRepository implements CatalogStore {
  constructor(private readonly db: Db) {}

  countMatters(): number {
    return (this.db.prepare('SELECT count(*) AS n FROM catalog_matters').get() as { n: number }).n;
  }

  departments(): Department[] {
    return (
      this.db.prepare('SELECT id, name, credit_code, phone FROM catalog_departments ORDER BY id').all() as {
        id: string;
        name: string;
        credit_code: string | null;
        phone: string | null;
      }[]
    ).map((r) => ({
      id: r.id,
      name: r.name,
      ...(r.credit_code ? { creditCode: r.credit_code } : {}),
      ...(r.phone ? { phone: r.phone } : {}),
    }));
  }

  upsertDepartment(d: Department, at: string): 'added' | 'updated' | 'unchanged' {
    const old = this.db.prepare('SELECT name, credit_code, phone FROM catalog_departments WHERE id = ?').get(d.id) as
      { name: string; credit_code: string | null; phone: string | null } | undefined;
    if (old && old.name === d.name && old.credit_code === (d.creditCode ?? null) && old.phone === (d.phone ?? null))
      return 'unchanged';
    this.db
      .prepare(
        `INSERT INTO catalog_departments (id, name, credit_code, phone, updated_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET name = excluded.name, credit_code = excluded.credit_code, phone = excluded.phone, updated_at = excluded.updated_at`,
      )
      .run(d.id, d.name, d.creditCode ?? null, d.phone ?? null, at);
    return old ? 'updated' : 'added';
  }

  materials(): Material[] {
    return (this.db.prepare('SELECT body FROM catalog_materials ORDER BY id').all() as { body: string }[]).map(
      (r) => JSON.parse(r.body) as Material,
    );
  }

  upsertMaterial(m: Material, at: string): 'added' | 'updated' | 'unchanged' {
    const old = this.db.prepare('SELECT body FROM catalog_materials WHERE id = ?').get(m.id) as
      { body: string } | undefined;
    const body = JSON.stringify(m);
    if (old?.body === body) return 'unchanged';
    this.db
      .prepare(
        'INSERT INTO catalog_materials (id, name, body, updated_at) VALUES (?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET name = excluded.name, body = excluded.body, updated_at = excluded.updated_at',
      )
      .run(m.id, m.name, body, at);
    return old ? 'updated' : 'added';
  }

  matterVersion(id: string, version: number): Matter | null {
    const r = this.db.prepare('SELECT body FROM catalog_matters WHERE id = ? AND version = ?').get(id, version) as
      { body: string } | undefined;
    return r ? (JSON.parse(r.body) as Matter) : null;
  }

  matterVersions(id: string): Matter[] {
    return (
      this.db.prepare('SELECT body FROM catalog_matters WHERE id = ? ORDER BY version').all(id) as { body: string }[]
    ).map((r) => JSON.parse(r.body) as Matter);
  }

  /** The version in force on a date: the highest version effective on or before it. */
  currentMatters(date: string): Matter[] {
    return (
      this.db
        .prepare(
          `SELECT m.body FROM catalog_matters m
           WHERE m.version = (SELECT max(version) FROM catalog_matters x WHERE x.id = m.id AND x.effective_from <= ?)
           ORDER BY m.dept_id, m.id`,
        )
        .all(date) as { body: string }[]
    ).map((r) => JSON.parse(r.body) as Matter);
  }

  allMatterVersions(): Matter[] {
    return (this.db.prepare('SELECT body FROM catalog_matters ORDER BY id, version').all() as { body: string }[]).map(
      (r) => JSON.parse(r.body) as Matter,
    );
  }

  insertMatter(m: Matter, at: string): void {
    this.db
      .prepare(
        `INSERT INTO catalog_matters (id, version, effective_from, name, basic_code, impl_code, dept_id, case_kind, enabled, body, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        m.id,
        m.version,
        m.effectiveFrom,
        m.name,
        m.basicCode,
        m.implCode,
        m.deptId,
        m.caseKind,
        m.enabled ? 1 : 0,
        JSON.stringify(m),
        at,
      );
  }

  latestMatterVersion(id: string): number {
    return (
      this.db.prepare('SELECT coalesce(max(version), 0) AS v FROM catalog_matters WHERE id = ?').get(id) as {
        v: number;
      }
    ).v;
  }

  bundleVersion(id: string, version: number): Bundle | null {
    const r = this.db.prepare('SELECT body FROM catalog_bundles WHERE id = ? AND version = ?').get(id, version) as
      { body: string } | undefined;
    return r ? (JSON.parse(r.body) as Bundle) : null;
  }

  currentBundles(date: string): Bundle[] {
    return (
      this.db
        .prepare(
          `SELECT b.body FROM catalog_bundles b
           WHERE b.version = (SELECT max(version) FROM catalog_bundles x WHERE x.id = b.id AND x.effective_from <= ?)
           ORDER BY b.id`,
        )
        .all(date) as { body: string }[]
    ).map((r) => JSON.parse(r.body) as Bundle);
  }

  allBundleVersions(): Bundle[] {
    return (this.db.prepare('SELECT body FROM catalog_bundles ORDER BY id, version').all() as { body: string }[]).map(
      (r) => JSON.parse(r.body) as Bundle,
    );
  }

  insertBundle(b: Bundle, at: string): void {
    this.db
      .prepare(
        'INSERT INTO catalog_bundles (id, version, effective_from, code, name, lead_dept_id, body, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      )
      .run(b.id, b.version, b.effectiveFrom, b.code, b.name, b.leadDeptId, JSON.stringify(b), at);
  }

  recordImport(at: string, staffId: string | null, format: string, fileName: string | null, summary: unknown): number {
    return Number(
      this.db
        .prepare('INSERT INTO catalog_imports (at, staff_id, format, file_name, summary) VALUES (?, ?, ?, ?, ?)')
        .run(at, staffId, format, fileName, JSON.stringify(summary)).lastInsertRowid,
    );
  }

  staffDepartment(staffId: string): string | null {
    return (
      (
        this.db.prepare('SELECT dept_id FROM staff_departments WHERE staff_id = ?').get(staffId) as
          { dept_id: string } | undefined
      )?.dept_id ?? null
    );
  }

  setStaffDepartment(staffId: string, deptId: string | null): void {
    if (deptId === null) this.db.prepare('DELETE FROM staff_departments WHERE staff_id = ?').run(staffId);
    else
      this.db
        .prepare(
          'INSERT INTO staff_departments (staff_id, dept_id) VALUES (?, ?) ON CONFLICT (staff_id) DO UPDATE SET dept_id = excluded.dept_id',
        )
        .run(staffId, deptId);
  }

  calendarOverrides(): CalendarOverride[] {
    return (
      this.db.prepare('SELECT date, working, note FROM calendar_overrides ORDER BY date').all() as {
        date: string;
        working: number;
        note: string;
      }[]
    ).map((r) => ({ date: r.date, working: r.working === 1, note: r.note }));
  }

  saveCalendarOverride(o: CalendarOverride, staffId: string | null, at: string): void {
    this.db
      .prepare(
        'INSERT INTO calendar_overrides (date, working, note, staff_id, updated_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (date) DO UPDATE SET working = excluded.working, note = excluded.note, staff_id = excluded.staff_id, updated_at = excluded.updated_at',
      )
      .run(o.date, o.working ? 1 : 0, o.note, staffId, at);
  }

  deleteCalendarOverride(date: string): boolean {
    return this.db.prepare('DELETE FROM calendar_overrides WHERE date = ?').run(date).changes === 1;
  }
}
