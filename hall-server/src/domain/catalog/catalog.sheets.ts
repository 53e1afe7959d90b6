import type { z } from 'zod';
import {
  CASE_KINDS,
  HAND_WAYS,
  MATERIAL_NEEDS,
  MATTER_TYPES,
  SERVICE_OBJECTS,
  TAKE_WAYS,
  bundleSchema,
  catalogSchema,
  departmentSchema,
  materialSchema,
  matterSchema,
  type Bundle,
  type Catalog,
  type CatalogIssue,
  type Matter,
  type Situation,
} from './catalog.types.js';
import { cellWords, crossCheck, type Locate } from './catalog.validate.js';

/**
 * The Excel form of the catalog, as plain rows (the exceljs reading and writing is in the app layer). One sheet per
 * kind of record; nested lists (matter materials, situations, bundle members and form fields) have their own sheets
 * and point to their owner by id. Row 1 is the header 「中文名 key」; lists in a cell are separated by 、 , ; or
 * line breaks; yes/no cells take 是/否, Y/N, true/false, 1/0; enumerations take the Chinese label or the code.
 */

export type Cell = string | number | boolean | null;

type Kind =
  | 'string'
  | 'int'
  | 'number'
  | 'bool'
  | 'list'
  | 'date'
  | { enum: Record<string, string> }
  | { enumList: Record<string, string> };

interface Column {
  key: string;
  header: string;
  kind: Kind;
  /** Path in the assembled object, when it differs from key (dot separated). */
  path?: string;
}

interface SheetSpec {
  name: string;
  columns: Column[];
}

const c = (key: string, header: string, kind: Kind = 'string', path?: string): Column =>
  path ? { key, header, kind, path } : { key, header, kind };

export const SHEETS = {
  departments: {
    name: '部门',
    columns: [c('id', '部门编号'), c('name', '部门名称'), c('creditCode', '统一社会信用代码'), c('phone', '咨询电话')],
  },
  materials: {
    name: '材料库',
    columns: [
      c('id', '材料编号'),
      c('name', '材料名称'),
      c('kind', '材料类型'),
      c('source', '来源渠道'),
      c('sample', '材料样本'),
      c('notice', '填报须知'),
    ],
  },
  matters: {
    name: '事项',
    columns: [
      c('id', '事项编号'),
      c('version', '版本号', 'int'),
      c('effectiveFrom', '生效日期', 'date'),
      c('name', '事项名称'),
      c('basicCode', '基本编码'),
      c('implCode', '实施编码'),
      c('handleItemCode', '业务办理项编码'),
      c('type', '事项类型', { enum: MATTER_TYPES }),
      c('caseKind', '办件类型', { enum: CASE_KINDS }),
      c('deptId', '实施部门'),
      c('jointDeptIds', '联办部门', 'list'),
      c('serviceObjects', '服务对象', { enumList: SERVICE_OBJECTS }),
      c('legalBasis', '设定依据'),
      c('acceptConditions', '受理条件'),
      c('legalLimitDays', '法定时限(工作日)', 'number'),
      c('promisedLimitDays', '承诺时限(工作日)', 'number'),
      c('feeChargeable', '是否收费', 'bool', 'fee.chargeable'),
      c('feeStandard', '收费标准', 'string', 'fee.standard'),
      c('feeBasis', '收费依据', 'string', 'fee.basis'),
      c('resultName', '结果名称', 'string', 'result.name'),
      c('resultType', '结果类型', 'string', 'result.type'),
      c('resultSample', '结果样本', 'string', 'result.sample'),
      c('maxVisits', '到窗口次数', 'int'),
      c('handWays', '交件方式', { enumList: HAND_WAYS }),
      c('takeWays', '取件方式', { enumList: TAKE_WAYS }),
      c('appointmentEnabled', '支持预约', 'bool', 'appointment.enabled'),
      c('appointmentSlotMinutes', '预约时段(分钟)', 'int', 'appointment.slotMinutes'),
      c('appointmentDailyCapacity', '每日预约人数', 'int', 'appointment.dailyCapacity'),
      c('enabled', '启用', 'bool'),
      c('demo', '演示数据', 'bool'),
    ],
  },
  matterMaterials: {
    name: '事项材料',
    columns: [
      c('matterId', '事项编号'),
      c('matterVersion', '事项版本', 'int'),
      c('materialId', '材料编号'),
      c('sort', '排序', 'int'),
      c('need', '是否必要', { enum: MATERIAL_NEEDS }),
      c('originalCount', '原件份数', 'int'),
      c('copyCount', '复印件份数', 'int'),
      c('electronicAccepted', '接受电子材料', 'bool'),
      c('certLookup', '可用电子证照', 'string'),
      c('acceptStandard', '受理标准'),
      c('toleranceDays', '容缺补交期限(工作日)', 'int'),
      c('whenSituation', '适用情形', 'string', 'when.situationId'),
      c('whenValues', '适用选项', 'list', 'when.anyOf'),
    ],
  },
  situations: {
    name: '办理情形',
    columns: [
      c('ownerType', '所属类型', { enum: { matter: '事项', bundle: '一件事' } }),
      c('ownerId', '所属编号'),
      c('ownerVersion', '所属版本', 'int'),
      c('situationId', '情形编号'),
      c('question', '问题'),
      c('multiple', '可多选', 'bool'),
      c('optionValue', '选项值'),
      c('optionLabel', '选项文字'),
    ],
  },
  bundles: {
    name: '一件事',
    columns: [
      c('id', '一件事编号'),
      c('version', '版本号', 'int'),
      c('effectiveFrom', '生效日期', 'date'),
      c('code', '一件事编码'),
      c('name', '名称'),
      // For the kiosk in English (its 一件事 tiles); empty: the Chinese name and the members' names.
      c('nameEn', '英文名称'),
      c('coversEn', '英文说明'),
      c('serviceObject', '服务对象', { enum: SERVICE_OBJECTS }),
      c('leadDeptId', '牵头部门'),
      c('coDeptIds', '协办部门', 'list'),
      c('promisedLimitDays', '承诺时限(工作日)', 'number'),
      c('demo', '演示数据', 'bool'),
    ],
  },
  bundleMembers: {
    name: '一件事成员',
    columns: [
      c('bundleId', '一件事编号'),
      c('bundleVersion', '一件事版本', 'int'),
      c('matterId', '事项编号'),
      c('optional', '可选', 'bool'),
      c('whenSituation', '适用情形', 'string', 'when.situationId'),
      c('whenValues', '适用选项', 'list', 'when.anyOf'),
    ],
  },
  bundleForm: {
    name: '一件事表单',
    columns: [
      c('bundleId', '一件事编号'),
      c('bundleVersion', '一件事版本', 'int'),
      c('key', '字段名'),
      c('label', '字段标题'),
      c('type', '字段类型', { enum: { text: '文本', number: '数字', date: '日期', select: '下拉', boolean: '是否' } }),
      c('required', '必填', 'bool'),
      c('options', '选项', 'list'),
      c('usedBy', '用于事项', 'list'),
    ],
  },
} satisfies Record<string, SheetSpec>;

export type SheetKey = keyof typeof SHEETS;

/** A free-text sheet the export adds and the import ignores. */
export const README_SHEET = '说明';
export type SheetRows = Partial<Record<string, Cell[][]>>;

/** Excel column letter of a 0-based index: 0 → A, 26 → AA. */
export function columnLetter(i: number): string {
  let s = '';
  for (let n = i + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

const headerText = (col: Column) => `${col.header} ${col.key}`;
const YES = new Set(['是', 'y', 'yes', 'true', '1', '√', '✓']);
const NO = new Set(['否', 'n', 'no', 'false', '0', '']);

function splitList(v: string): string[] {
  return v
    .split(/[、,，;；\n]/)
    .map((s) => s.trim())
    .filter(Boolean);
}

function fromEnum(map: Record<string, string>, v: string): string | null {
  const t = v.trim();
  if (Object.hasOwn(map, t)) return t;
  const byLabel = Object.entries(map).find(([, label]) => label === t);
  return byLabel ? byLabel[0] : null;
}

/** Parses one cell; returns undefined for an empty cell, or an error text. */
function parseCell(kind: Kind, raw: Cell): { value: unknown } | { error: [string, string] } | undefined {
  if (raw === null || (typeof raw === 'string' && raw.trim() === '')) return undefined;
  const text = String(raw).trim();
  if (kind === 'string') return { value: text };
  if (kind === 'date') {
    if (/^\d{4}-\d{2}-\d{2}$/.test(text)) return { value: text };
    return { error: ['日期格式应为 YYYY-MM-DD', 'a date as YYYY-MM-DD'] };
  }
  if (kind === 'int' || kind === 'number') {
    const n = typeof raw === 'number' ? raw : Number(text);
    if (!Number.isFinite(n) || text === '') return { error: [`「${text}」不是数字`, `"${text}" is not a number`] };
    if (kind === 'int' && !Number.isInteger(n))
      return { error: [`「${text}」应为整数`, `"${text}" is not a whole number`] };
    return { value: n };
  }
  if (kind === 'bool') {
    if (typeof raw === 'boolean') return { value: raw };
    const t = text.toLowerCase();
    if (YES.has(t)) return { value: true };
    if (NO.has(t)) return { value: false };
    return { error: [`「${text}」应为 是 或 否`, `"${text}" should be 是 or 否 (yes/no)`] };
  }
  if (kind === 'list') return { value: splitList(text) };
  if ('enum' in kind) {
    const v = fromEnum(kind.enum, text);
    return v === null
      ? {
          error: [
            `「${text}」不是有效选项（可选：${Object.values(kind.enum).join('、')}）`,
            `"${text}" is not one of ${Object.keys(kind.enum).join(', ')}`,
          ],
        }
      : { value: v };
  }
  const values: string[] = [];
  for (const part of splitList(text)) {
    const v = fromEnum(kind.enumList, part);
    if (v === null)
      return {
        error: [
          `「${part}」不是有效选项（可选：${Object.values(kind.enumList).join('、')}）`,
          `"${part}" is not one of ${Object.keys(kind.enumList).join(', ')}`,
        ],
      };
    values.push(v);
  }
  return { value: values };
}

function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const parts = path.split('.');
  let o = target;
  for (const p of parts.slice(0, -1)) {
    o[p] ??= {};
    o = o[p] as Record<string, unknown>;
  }
  o[parts[parts.length - 1]!] = value;
}

interface ParsedRow {
  row: number;
  values: Record<string, unknown>;
}

/** Reads a sheet's rows into keyed records; header columns are matched by key (or Chinese header). */
function readSheet(
  spec: SheetSpec,
  rows: Cell[][] | undefined,
  issues: CatalogIssue[],
): { rows: ParsedRow[]; columnOf: (key: string) => string } {
  const columnIndex = new Map<string, number>();
  if (!rows || rows.length === 0) return { rows: [], columnOf: (k) => k };
  const header = rows[0] ?? [];
  header.forEach((h, i) => {
    const text = String(h ?? '').trim();
    const col = spec.columns.find(
      (col) => text === headerText(col) || text === col.key || text === col.header || text.endsWith(` ${col.key}`),
    );
    if (col) columnIndex.set(col.key, i);
    else if (text)
      issues.push({
        sheet: spec.name,
        row: 1,
        column: columnLetter(i),
        message: `未知的列「${text}」`,
        messageEn: `unknown column "${text}"`,
      });
  });
  const columnOf = (key: string) => {
    const i = columnIndex.get(key);
    const col = spec.columns.find((x) => x.key === key);
    return i === undefined ? `(${col?.header ?? key})` : `${columnLetter(i)}(${col?.header ?? key})`;
  };
  const out: ParsedRow[] = [];
  rows.slice(1).forEach((cells, r) => {
    const rowNo = r + 2;
    if (cells.every((x) => x === null || String(x).trim() === '')) return;
    const values: Record<string, unknown> = {};
    for (const col of spec.columns) {
      const i = columnIndex.get(col.key);
      if (i === undefined) continue;
      const parsed = parseCell(col.kind, cells[i] ?? null);
      if (parsed === undefined) continue;
      if ('error' in parsed)
        issues.push({
          sheet: spec.name,
          row: rowNo,
          column: columnOf(col.key),
          message: parsed.error[0],
          messageEn: parsed.error[1],
        });
      else setPath(values, col.path ?? col.key, parsed.value);
    }
    out.push({ row: rowNo, values });
  });
  return { rows: out, columnOf };
}

/** Maps a zod issue path (in the row's object) back to a column of the sheet. */
function columnForPath(spec: SheetSpec, path: readonly PropertyKey[], columnOf: (key: string) => string): string {
  const dotted = path.map(String).join('.');
  const col =
    spec.columns.find((x) => (x.path ?? x.key) === dotted) ??
    spec.columns.find((x) => dotted.startsWith(x.path ?? x.key)) ??
    spec.columns.find((x) => (x.path ?? x.key).startsWith(dotted));
  return col ? columnOf(col.key) : dotted || '(row)';
}

function rowIssues(spec: SheetSpec, row: number, error: z.ZodError, columnOf: (key: string) => string): CatalogIssue[] {
  return error.issues.map((i) => ({
    sheet: spec.name,
    row,
    column: columnForPath(spec, i.path, columnOf),
    ...cellWords(i),
  }));
}

const ownerKey = (id: unknown, version: unknown) => `${String(id)}@${String(version ?? 1)}`;

/**
 * Rows of every sheet → a validated catalog, or every problem found (sheet, row, column, 中文 + English).
 * Nothing is returned unless the whole file is valid: the caller imports all or nothing.
 */
export function catalogFromSheets(
  sheets: SheetRows,
  existing: Parameters<typeof crossCheck>[2] = {},
): { ok: true; catalog: Catalog; locate: Locate } | { ok: false; issues: CatalogIssue[] } {
  const issues: CatalogIssue[] = [];
  const known = new Set([...Object.values(SHEETS).map((s) => s.name), README_SHEET]);
  for (const name of Object.keys(sheets)) {
    if (!known.has(name))
      issues.push({
        sheet: name,
        row: 0,
        column: '-',
        message: `未知的工作表「${name}」（应为：${[...known].join('、')}）`,
        messageEn: `unknown sheet "${name}"`,
      });
  }
  const read = Object.fromEntries(
    Object.entries(SHEETS).map(([k, spec]) => [k, readSheet(spec, sheets[spec.name], issues)]),
  ) as Record<SheetKey, ReturnType<typeof readSheet>>;

  // Where every assembled entity came from.
  const origin = {
    departments: [] as number[],
    materials: [] as number[],
    matters: [] as number[],
    bundles: [] as number[],
    matterMaterial: new Map<string, number[]>(),
    matterSituation: new Map<string, number[]>(),
    bundleMember: new Map<string, number[]>(),
    bundleSituation: new Map<string, number[]>(),
    bundleForm: new Map<string, number[]>(),
  };
  const simple = <K extends 'departments' | 'materials'>(
    key: K,
    schema: typeof departmentSchema | typeof materialSchema,
  ) => {
    const list: unknown[] = [];
    for (const r of read[key].rows) {
      const p = schema.safeParse(r.values);
      if (!p.success) issues.push(...rowIssues(SHEETS[key], r.row, p.error, read[key].columnOf));
      else {
        list.push(p.data);
        origin[key].push(r.row);
      }
    }
    return list;
  };
  const departments = simple('departments', departmentSchema);
  const materials = simple('materials', materialSchema);

  // Child rows grouped by owner.
  const group = (key: SheetKey, owner: (v: Record<string, unknown>) => string) => {
    const map = new Map<string, ParsedRow[]>();
    for (const r of read[key].rows) {
      const k = owner(r.values);
      map.set(k, [...(map.get(k) ?? []), r]);
    }
    return map;
  };
  const mmByMatter = group('matterMaterials', (v) => ownerKey(v.matterId, v.matterVersion));
  const sitByOwner = group('situations', (v) => `${String(v.ownerType)}:${ownerKey(v.ownerId, v.ownerVersion)}`);
  const membersByBundle = group('bundleMembers', (v) => ownerKey(v.bundleId, v.bundleVersion));
  const formByBundle = group('bundleForm', (v) => ownerKey(v.bundleId, v.bundleVersion));
  const usedChildren = new Set<ParsedRow>();

  const situationsFor = (ownerType: 'matter' | 'bundle', key: string): { list: Situation[]; rows: number[] } => {
    const rows = sitByOwner.get(`${ownerType}:${key}`) ?? [];
    const byId = new Map<
      string,
      {
        s: { id: string; question: unknown; multiple: unknown; options: { value: unknown; label: unknown }[] };
        row: number;
      }
    >();
    for (const r of rows) {
      usedChildren.add(r);
      const v = r.values;
      const id = String(v.situationId ?? '');
      let entry = byId.get(id);
      if (!entry) {
        entry = { s: { id, question: v.question, multiple: v.multiple ?? false, options: [] }, row: r.row };
        byId.set(id, entry);
      }
      entry.s.options.push({ value: v.optionValue, label: v.optionLabel ?? v.optionValue });
    }
    return {
      list: [...byId.values()].map((e) => e.s as unknown as Situation),
      rows: [...byId.values()].map((e) => e.row),
    };
  };

  const matters: unknown[] = [];
  for (const r of read.matters.rows) {
    const key = ownerKey(r.values.id, r.values.version);
    const mms = mmByMatter.get(key) ?? [];
    mms.forEach((x) => usedChildren.add(x));
    const sits = situationsFor('matter', key);
    const candidate = {
      ...r.values,
      materials: mms.map((x) => {
        const { matterId: _m, matterVersion: _v, ...rest } = x.values;
        return rest;
      }),
      situations: sits.list,
    };
    const p = matterSchema.safeParse(candidate);
    if (!p.success) {
      for (const i of p.error.issues) {
        const [first, index, ...rest] = i.path;
        if ((first === 'materials' || first === 'situations') && typeof index === 'number') {
          const childSpec = first === 'materials' ? SHEETS.matterMaterials : SHEETS.situations;
          const childRow = first === 'materials' ? mms[index]?.row : sits.rows[index];
          const reader = first === 'materials' ? read.matterMaterials : read.situations;
          issues.push(
            ...rowIssues(
              childSpec,
              childRow ?? r.row,
              { issues: [{ ...i, path: first === 'situations' ? mapSituationPath(rest) : rest }] } as z.ZodError,
              reader.columnOf,
            ),
          );
        } else issues.push(...rowIssues(SHEETS.matters, r.row, { issues: [i] } as z.ZodError, read.matters.columnOf));
      }
      continue;
    }
    matters.push(p.data);
    origin.matters.push(r.row);
    origin.matterMaterial.set(
      key,
      mms.map((x) => x.row),
    );
    origin.matterSituation.set(key, sits.rows);
  }

  const bundles: unknown[] = [];
  for (const r of read.bundles.rows) {
    const key = ownerKey(r.values.id, r.values.version);
    const members = membersByBundle.get(key) ?? [];
    const form = formByBundle.get(key) ?? [];
    [...members, ...form].forEach((x) => usedChildren.add(x));
    const sits = situationsFor('bundle', key);
    const strip = (v: Record<string, unknown>) => {
      const { bundleId: _b, bundleVersion: _v, ...rest } = v;
      return rest;
    };
    const candidate = {
      ...r.values,
      members: members.map((x) => strip(x.values)),
      form: form.map((x) => strip(x.values)),
      situations: sits.list,
    };
    const p = bundleSchema.safeParse(candidate);
    if (!p.success) {
      for (const i of p.error.issues) {
        const [first, index, ...rest] = i.path;
        const child =
          first === 'members'
            ? { spec: SHEETS.bundleMembers, rows: members.map((x) => x.row), reader: read.bundleMembers }
            : first === 'form'
              ? { spec: SHEETS.bundleForm, rows: form.map((x) => x.row), reader: read.bundleForm }
              : first === 'situations'
                ? { spec: SHEETS.situations, rows: sits.rows, reader: read.situations }
                : null;
        if (child && typeof index === 'number')
          issues.push(
            ...rowIssues(
              child.spec,
              child.rows[index] ?? r.row,
              { issues: [{ ...i, path: first === 'situations' ? mapSituationPath(rest) : rest }] } as z.ZodError,
              child.reader.columnOf,
            ),
          );
        else issues.push(...rowIssues(SHEETS.bundles, r.row, { issues: [i] } as z.ZodError, read.bundles.columnOf));
      }
      continue;
    }
    bundles.push(p.data);
    origin.bundles.push(r.row);
    origin.bundleMember.set(
      key,
      members.map((x) => x.row),
    );
    origin.bundleForm.set(
      key,
      form.map((x) => x.row),
    );
    origin.bundleSituation.set(key, sits.rows);
  }

  // Child rows whose owner does not exist in the file.
  const orphan = (key: SheetKey, what: string, whatEn: string, idCol: string) => {
    for (const r of read[key].rows) {
      if (!usedChildren.has(r))
        issues.push({
          sheet: SHEETS[key].name,
          row: r.row,
          column: read[key].columnOf(idCol),
          message: `${what}在本文件中不存在（同一版本）`,
          messageEn: `${whatEn} is not in this file (same version)`,
        });
    }
  };
  orphan('matterMaterials', '所属事项', 'the owning matter', 'matterId');
  orphan('situations', '所属事项或一件事', 'the owning matter or bundle', 'ownerId');
  orphan('bundleMembers', '所属一件事', 'the owning bundle', 'bundleId');
  orphan('bundleForm', '所属一件事', 'the owning bundle', 'bundleId');

  if (issues.length > 0) return { ok: false, issues: sortIssues(issues) };
  const catalog = catalogSchema.parse({ departments, materials, matters, bundles });

  const locate: Locate = (entity, index, field, sub) => {
    const sheetFor = {
      departments: 'departments',
      materials: 'materials',
      matters: 'matters',
      bundles: 'bundles',
    } as const;
    if (!sub) {
      const spec = SHEETS[sheetFor[entity]];
      const col = spec.columns.find((x) => x.key === field || x.path === field);
      return {
        sheet: spec.name,
        row: origin[entity][index] ?? 0,
        column: read[sheetFor[entity]].columnOf(col?.key ?? field),
      };
    }
    const owner = entity === 'matters' ? (catalog.matters[index] as Matter) : (catalog.bundles[index] as Bundle);
    const key = ownerKey(owner.id, owner.version);
    const table = {
      material: { spec: 'matterMaterials', rows: origin.matterMaterial.get(key) },
      member: { spec: 'bundleMembers', rows: origin.bundleMember.get(key) },
      form: { spec: 'bundleForm', rows: origin.bundleForm.get(key) },
      situation: {
        spec: 'situations',
        rows: entity === 'matters' ? origin.matterSituation.get(key) : origin.bundleSituation.get(key),
      },
    }[sub.kind] as { spec: SheetKey; rows: number[] | undefined };
    const spec = SHEETS[table.spec];
    const wanted =
      field === 'when'
        ? 'whenSituation'
        : field === 'id'
          ? 'situationId'
          : field === 'options'
            ? sub.kind === 'situation'
              ? 'optionValue'
              : 'options'
            : field;
    return { sheet: spec.name, row: table.rows?.[sub.index] ?? 0, column: read[table.spec].columnOf(wanted) };
  };
  const cross = crossCheck(catalog, locate, existing);
  return cross.length > 0 ? { ok: false, issues: sortIssues(cross) } : { ok: true, catalog, locate };
}

function mapSituationPath(rest: readonly PropertyKey[]): PropertyKey[] {
  const [head, , field] = rest;
  if (head === 'id') return ['situationId'];
  if (head === 'options') return [field === 'label' ? 'optionLabel' : 'optionValue'];
  return [...rest];
}

function sortIssues(list: CatalogIssue[]): CatalogIssue[] {
  const order = Object.values(SHEETS).map((s) => s.name);
  const rank = (sheet: string) => (order.includes(sheet) ? order.indexOf(sheet) : order.length);
  return [...list].sort((a, b) => rank(a.sheet) - rank(b.sheet) || a.row - b.row || a.column.localeCompare(b.column));
}

const formatCell = (kind: Kind, v: unknown): Cell => {
  if (v === undefined || v === null) return null;
  if (kind === 'bool') return v ? '是' : '否';
  if (kind === 'list') return (v as string[]).join('、');
  if (typeof kind === 'object' && 'enumList' in kind)
    return (v as string[]).map((x) => kind.enumList[x] ?? x).join('、');
  if (typeof kind === 'object' && 'enum' in kind) return kind.enum[String(v)] ?? String(v);
  return typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean' ? v : JSON.stringify(v);
};

function getPath(o: unknown, path: string): unknown {
  return path
    .split('.')
    .reduce<unknown>((x, p) => (x && typeof x === 'object' ? (x as Record<string, unknown>)[p] : undefined), o);
}

/** A catalog → rows of every sheet (header first), the exact shape `catalogFromSheets` reads back. */
export function catalogToSheets(catalog: Catalog): Record<string, Cell[][]> {
  const sheet = (key: SheetKey, records: Record<string, unknown>[]): [string, Cell[][]] => {
    const spec: SheetSpec = SHEETS[key];
    return [
      spec.name,
      [
        spec.columns.map(headerText),
        ...records.map((r) => spec.columns.map((col) => formatCell(col.kind, getPath(r, col.path ?? col.key)))),
      ],
    ];
  };
  const situationRows = (
    ownerType: 'matter' | 'bundle',
    ownerId: string,
    ownerVersion: number,
    list: readonly Situation[],
  ) =>
    list.flatMap((s) =>
      s.options.map((o) => ({
        ownerType,
        ownerId,
        ownerVersion,
        situationId: s.id,
        question: s.question,
        multiple: s.multiple,
        optionValue: o.value,
        optionLabel: o.label,
      })),
    );
  return Object.fromEntries([
    sheet('departments', catalog.departments),
    sheet('materials', catalog.materials),
    sheet('matters', catalog.matters),
    sheet(
      'matterMaterials',
      catalog.matters.flatMap((m) => m.materials.map((x) => ({ matterId: m.id, matterVersion: m.version, ...x }))),
    ),
    sheet('situations', [
      ...catalog.matters.flatMap((m) => situationRows('matter', m.id, m.version, m.situations)),
      ...catalog.bundles.flatMap((b) => situationRows('bundle', b.id, b.version, b.situations)),
    ]),
    sheet('bundles', catalog.bundles),
    sheet(
      'bundleMembers',
      catalog.bundles.flatMap((b) => b.members.map((x) => ({ bundleId: b.id, bundleVersion: b.version, ...x }))),
    ),
    sheet(
      'bundleForm',
      catalog.bundles.flatMap((b) => b.form.map((x) => ({ bundleId: b.id, bundleVersion: b.version, ...x }))),
    ),
  ]);
}
