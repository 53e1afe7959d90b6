import { z } from 'zod';
import {
  appError,
  idNumberSchema,
  maskIdNumber,
  maskName,
  maskPhone,
  personNameSchema,
  type AppError,
} from '@onedoor/protocol';
// eslint-disable-next-line no-restricted-imports -- TODO issue 8: app/ imports adapters until its ports exist
import type { Db } from '../adapters/db/database.js';
// eslint-disable-next-line no-restricted-imports -- TODO issue 8: app/ imports adapters until its ports exist
import { CaseRepository } from '../adapters/db/case.repository.js';
// eslint-disable-next-line no-restricted-imports -- TODO issue 8: app/ imports adapters until its ports exist
import type { StaffRecord } from '../adapters/db/auth.repository.js';
// eslint-disable-next-line no-restricted-imports -- TODO issue 8: app/ imports adapters until its ports exist
import type { PersonalDataVault } from '../adapters/crypto/secrets.js';
import type { Actor as HallActor, HallService } from './hall.service.js';
import type { CatalogService } from './catalog.service.js';
import type { NotificationSender } from './notification.js';
import type { Clock, IdGenerator, Logger } from './ports.js';
import { localParts } from '../domain/time/hall-time.js';
import { type Result, failure, success } from '../domain/result.js';
import { hallCalendar } from '../domain/calendar/chinese-days.js';
import { CaseClock, DEFAULT_WARNING_POLICY, type WarningPolicy } from '../domain/calendar/case-clock.js';
import { isValidDate, type CalendarOverride, type DayInfo } from '../domain/calendar/working-calendar.js';
import { TAKE_WAYS, type Matter, type RequiredMaterial } from '../domain/catalog/index.js';
import {
  ACTION_TEXT,
  CASE_STAGES,
  DEFAULT_CASE_NO_FORMAT,
  RESULT_TEXT,
  bundleOutcome,
  caseTiming,
  decide,
  intakeMaterials,
  lateMaterials,
  parseCaseNoFormat,
  receiveStep,
  type Actor,
  type CaseAction,
  type CaseContext,
  type CaseMaterial,
  type CaseResult,
  type CaseStage,
  type CaseState,
  type CaseStep,
  type CaseTiming,
  type Decision,
} from '../domain/cases/index.js';

// ---------- edge schemas (used by the routes) ----------

const phoneSchema = z
  .string()
  .trim()
  .regex(
    /^1\d{10}$|^0\d{2,3}-?\d{7,8}$/,
    '手机号为11位，或区号-电话 / an 11-digit mobile or an area-code phone number',
  );
const creditCodeSchema = z
  .string()
  .trim()
  .regex(
    /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/,
    '统一社会信用代码为18位 / an 18-character unified social credit code',
  );

export const applicantSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('person'),
    name: personNameSchema,
    idNumber: idNumberSchema,
    phone: phoneSchema.optional(),
  }),
  z.object({
    kind: z.literal('legal'),
    orgName: z.string().trim().min(1).max(120),
    creditCode: creditCodeSchema,
    contactName: personNameSchema,
    contactIdNumber: idNumberSchema,
    phone: phoneSchema.optional(),
  }),
]);
export type ApplicantInput = z.infer<typeof applicantSchema>;

const answersSchema = z.record(z.string(), z.union([z.string(), z.array(z.string())])).default({});

export const receiveSchema = z
  .object({
    matterId: z.string().min(1).optional(),
    bundleId: z.string().min(1).optional(),
    answers: answersSchema,
    form: z.record(z.string(), z.unknown()).default({}),
    applicant: applicantSchema,
    materials: z
      .array(
        z.object({
          materialId: z.string().min(1),
          status: z.enum(['received', 'tolerated', 'missing', 'cert-lookup', 'not-needed']),
          note: z.string().max(200).optional(),
        }),
      )
      .default([]),
    takeWay: z.enum(Object.keys(TAKE_WAYS) as ['window', 'express', 'locker']).default('window'),
    channel: z.enum(['window', 'online', 'express', 'platform']).default('window'),
    ticketId: z.string().max(64).optional(),
    platformRef: z.string().max(128).optional(),
    /** 收件并受理: accept in the same step when nothing required is missing. */
    accept: z.boolean().default(false),
  })
  .refine((b) => (b.matterId ? 1 : 0) + (b.bundleId ? 1 : 0) === 1, {
    message: '请选择一个事项或一件事 / give exactly one of matterId, bundleId',
    path: ['matterId'],
  });
export type ReceiveInput = z.infer<typeof receiveSchema>;

const opinion = z.string().trim().max(1000);
export const actionSchemas = {
  accept: z.object({ opinion: opinion.optional() }),
  reject: z.object({ reason: opinion.min(1, '请填写不予受理的理由 / give the reason') }),
  'request-correction': z.object({
    opinion: opinion.min(1, '请填写补正内容 / say what to correct'),
    materialIds: z.array(z.string()).min(1, '请选择需要补正的材料 / choose the materials'),
  }),
  supply: z.object({ materialIds: z.array(z.string()).min(1), opinion: opinion.optional() }),
  review: z.object({
    node: z.string().trim().min(1).max(32),
    opinion: opinion.min(1, '请填写审核意见 / give an opinion'),
  }),
  approve: z.object({
    opinion: opinion.min(1, '请填写审批意见 / give an opinion'),
    resultNo: z.string().max(64).optional(),
  }),
  refuse: z.object({ opinion: opinion.min(1, '请填写不予许可的理由 / give the reason') }),
  suspend: z.object({ reason: opinion.min(1, '请填写挂起原因 / give the reason') }),
  resume: z.object({ opinion: opinion.optional() }),
  withdraw: z.object({ reason: opinion.min(1, '请填写撤回原因 / give the reason') }),
} as const;
export type ActionName = keyof typeof actionSchemas;

export const deliverSchema = z.discriminatedUnion('way', [
  z.object({
    way: z.literal('window'),
    /** The person at the window: the applicant (their ID number must match) or a proxy with their own ID. */
    receiver: z.discriminatedUnion('proxy', [
      z.object({ proxy: z.literal(false), idNumber: idNumberSchema }),
      z.object({ proxy: z.literal(true), name: personNameSchema, idNumber: idNumberSchema }),
    ]),
  }),
  z.object({
    way: z.literal('express'),
    company: z.string().trim().min(1).max(32),
    waybillNo: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9]{8,32}$/, '运单号为8–32位字母或数字 / a waybill number has 8–32 letters or digits'),
  }),
  z.object({
    way: z.literal('locker'),
    lockerNo: z.string().trim().min(1).max(32),
    pickupCode: z
      .string()
      .trim()
      .regex(/^\d{4,8}$/, '取件码为4–8位数字 / a pick-up code has 4–8 digits'),
  }),
]);
export type DeliverInput = z.infer<typeof deliverSchema>;

export const externalResultSchema = z
  .object({
    caseNo: z.string().min(1).optional(),
    platformRef: z.string().min(1).optional(),
    result: z.enum(['approved', 'refused']),
    opinion: z.string().trim().min(1).max(1000),
    resultNo: z.string().max(64).optional(),
    deptName: z.string().max(64).optional(),
    /** When the platform concluded it (ISO); defaults to now. */
    concludedAt: z.string().datetime({ offset: true }).optional(),
  })
  .refine((b) => b.caseNo || b.platformRef, {
    message: '需要 caseNo 或 platformRef / give caseNo or platformRef',
    path: ['caseNo'],
  });
export type ExternalResult = z.infer<typeof externalResultSchema>;

export const settingsSchema = z.object({
  caseNoFormat: z.string().min(5).max(64).optional(),
  yellowShare: z.number().min(0).max(1).optional(),
  yellowMinDays: z.number().min(0).max(30).optional(),
  toleranceDays: z.number().int().min(1).max(60).optional(),
});
export interface CaseSettings {
  caseNoFormat: string;
  yellowShare: number;
  yellowMinDays: number;
  toleranceDays: number;
}

// ---------- views ----------

export interface CaseSummary {
  id: string;
  caseNo: string;
  type: CaseState['type'];
  parentId: string | null;
  name: string;
  matterId: string | null;
  matterVersion: number | null;
  bundleId: string | null;
  caseKind: CaseState['caseKind'];
  deptId: string;
  deptName: string;
  stage: CaseStage;
  stageLabel: string;
  linkCode: number;
  node: string | null;
  result: CaseResult | null;
  applicant: string;
  applicantIdMasked: string;
  receivedAt: string;
  acceptedAt: string | null;
  concludedAt: string | null;
  tolerance: boolean;
  /** 容缺 materials past their due date */
  lateMaterials: { materialId: string; name: string; dueDate: string | null }[];
  timing: CaseTiming | null;
  /** normal | yellow | red | paused, or null before acceptance / after hand-over */
  level: CaseTiming['level'] | null;
  takeWay: CaseState['takeWay'];
}

export interface CaseDetail extends CaseSummary {
  materials: CaseMaterial[];
  steps: (CaseStep & { eventSeq: number })[];
  members: CaseSummary[];
  answers: CaseState['answers'];
  form: CaseState['form'];
  delivery: CaseState['delivery'];
  pauses: CaseState['pauses'];
  legalLimitDays: number;
  promisedLimitDays: number;
  platformRef: string | null;
  notifications: { kind: string; at: string; toMasked: string | null; text: string; status: string }[];
}

export interface CaseServiceDeps {
  db: Db;
  hall: HallService;
  catalog: CatalogService;
  vault: PersonalDataVault;
  clock: Clock;
  ids: IdGenerator;
  log: Logger;
  notifications: NotificationSender;
  hallName: string;
  areaCode: string;
  timeZone: string;
}

interface Sealed {
  name: string;
  idNumber: string;
  phone?: string;
  orgName?: string;
}

type WorkOut<T> = { value: T; eventType: string; payload: unknown } | { error: AppError };

/** Staff who act on cases: who they are and which department they act for. */
export interface CaseStaff {
  record: StaffRecord;
  deptId: string | null;
}

const ACTIVE_BACKOFFICE: readonly CaseStage[] = ['accepted', 'reviewing', 'correction', 'suspended'];
const HALL_DEPT = 'hall';

/**
 * 办件: receipt at the comprehensive window (one window for any matter or 一件事), acceptance with 容缺, routing to
 * departments (一次分办), back-office review, conclusion, notification and hand-over (出件). Each write is one hall
 * transaction through `hall.recordChange`: case rows, materials, an append-only step per stage change, and the event.
 */
export class CaseService {
  readonly repo: CaseRepository;
  private clockCache: CaseClock | null = null;

  constructor(private readonly deps: CaseServiceDeps) {
    this.repo = new CaseRepository(deps.db);
  }

  // ---------- settings and calendar ----------

  settings(): CaseSettings {
    const get = (k: string) => this.repo.getSetting(k);
    return {
      caseNoFormat: get('caseNoFormat') ?? DEFAULT_CASE_NO_FORMAT,
      yellowShare: Number(get('yellowShare') ?? DEFAULT_WARNING_POLICY.yellowShare),
      yellowMinDays: Number(get('yellowMinDays') ?? DEFAULT_WARNING_POLICY.yellowMinDays),
      toleranceDays: Number(get('toleranceDays') ?? 5),
    };
  }

  private policy(): WarningPolicy {
    const s = this.settings();
    return { yellowShare: s.yellowShare, yellowMinDays: s.yellowMinDays };
  }

  async saveSettings(input: z.infer<typeof settingsSchema>, actor: HallActor): Promise<Result<CaseSettings>> {
    if (input.caseNoFormat) {
      const f = parseCaseNoFormat(input.caseNoFormat);
      if (!f.ok) return f;
    }
    return this.deps.hall.recordChange<CaseSettings>(actor, () => {
      for (const [k, v] of Object.entries(input)) if (v !== undefined) this.repo.putSetting(k, String(v));
      const value = this.settings();
      return { value, eventType: 'case.settings-changed', payload: value };
    });
  }

  clock(): CaseClock {
    this.clockCache ??= new CaseClock(hallCalendar(this.deps.catalog.repo.calendarOverrides()), this.deps.timeZone);
    return this.clockCache;
  }

  calendarOverrides(): CalendarOverride[] {
    return this.deps.catalog.repo.calendarOverrides();
  }

  calendarDays(from: string, days: number): (DayInfo & { uncovered: boolean })[] {
    const cal = this.clock().calendar;
    const out: (DayInfo & { uncovered: boolean })[] = [];
    let d = from;
    for (let i = 0; i < Math.min(days, 400); i++) {
      out.push({ ...cal.day(d), uncovered: cal.uncoveredYear(d) !== null });
      const [y, m, dd] = d.split('-').map(Number) as [number, number, number];
      d = new Date(Date.UTC(y, m - 1, dd + 1)).toISOString().slice(0, 10);
    }
    return out;
  }

  async saveCalendarOverride(o: CalendarOverride, actor: HallActor): Promise<Result<CalendarOverride>> {
    if (!isValidDate(o.date)) return failure(appError('BAD_REQUEST', `日期 ${o.date} 无效`, `invalid date ${o.date}`));
    const r = await this.deps.hall.recordChange<CalendarOverride>(actor, () => {
      this.deps.catalog.repo.saveCalendarOverride(o, actor.kind === 'staff' ? actor.staffId : null, this.nowIso());
      return { value: o, eventType: 'calendar.override-saved', payload: o };
    });
    this.clockCache = null;
    return r;
  }

  async deleteCalendarOverride(date: string, actor: HallActor): Promise<Result<{ date: string }>> {
    const r = await this.deps.hall.recordChange<{ date: string }>(actor, () => {
      if (!this.deps.catalog.repo.deleteCalendarOverride(date))
        return { error: appError('NOT_FOUND', `${date} 没有本地调整`, `no local override on ${date}`) };
      return { value: { date }, eventType: 'calendar.override-deleted', payload: { date } };
    });
    this.clockCache = null;
    return r;
  }

  // ---------- helpers ----------

  private nowIso(): string {
    return new Date(this.deps.clock.now()).toISOString();
  }

  private today(): string {
    return localParts(this.deps.clock.now(), this.deps.timeZone).date;
  }

  private context(actor: Actor, extra: Partial<CaseContext> = {}): CaseContext {
    return {
      now: this.deps.clock.now(),
      today: this.today(),
      actor,
      clock: this.clock(),
      toleranceDays: this.settings().toleranceDays,
      ...extra,
    };
  }

  actorFor(staff: CaseStaff): Actor {
    return {
      staffId: staff.record.id,
      staffName: staff.record.name,
      deptId: staff.deptId ?? HALL_DEPT,
      source:
        staff.record.roles.includes('approver') && !staff.record.roles.includes('clerk') ? 'backoffice' : 'window',
    };
  }

  private hallActor(actor: Actor): HallActor {
    return actor.source === 'platform' || actor.source === 'system'
      ? { kind: 'system', reason: actor.source === 'platform' ? 'platform-sync' : actor.staffId }
      : { kind: 'staff', staffId: actor.staffId };
  }

  private allocateCaseNo(): Result<string> {
    const f = parseCaseNoFormat(this.settings().caseNoFormat);
    if (!f.ok) return f;
    const date = this.today();
    const seq = this.repo.nextSequence(f.value.scope(date));
    return f.value.render({ area: this.deps.areaCode, date, seq });
  }

  private toleranceDaysFor(c: CaseState): Map<string, number | null> {
    const out = new Map<string, number | null>();
    const matters: Matter[] = [];
    if (c.matterId && c.matterVersion) {
      const m = this.deps.catalog.matter(c.matterId, c.matterVersion);
      if (m) matters.push(m);
    } else {
      for (const mem of this.repo.members(c.id)) {
        const m = mem.matterId && mem.matterVersion ? this.deps.catalog.matter(mem.matterId, mem.matterVersion) : null;
        if (m) matters.push(m);
      }
    }
    for (const m of matters) {
      for (const l of m.materials) {
        if (l.toleranceDays === undefined) continue;
        const seen = out.get(l.materialId);
        out.set(l.materialId, seen === undefined || seen === null ? l.toleranceDays : Math.min(seen, l.toleranceDays));
      }
    }
    return out;
  }

  private resultName(c: CaseState): string | undefined {
    if (c.matterId && c.matterVersion) return this.deps.catalog.matter(c.matterId, c.matterVersion)?.result.name;
    return undefined;
  }

  /** Saves a decision and appends its step; returns the step number. */
  private persist(c: CaseState, d: Decision): { caseId: string; stepNo: number } {
    const at = this.nowIso();
    this.repo.updateCase(d.state, at);
    this.repo.saveMaterials(c.id, d.materials);
    const stepNo = this.repo.appendStep({ ...d.step, caseId: c.id }, this.deps.hall.currentSeq + 1);
    return { caseId: c.id, stepNo };
  }

  private apply(
    c: CaseState,
    action: CaseAction,
    ctx: CaseContext,
    steps: { caseId: string; stepNo: number }[],
  ): Result<CaseState> {
    const d = decide(
      c,
      this.repo.materials(c.id),
      action,
      { ...ctx, resultName: this.resultName(c) },
      this.toleranceDaysFor(c),
    );
    if (!d.ok) return d;
    steps.push(this.persist(c, d.value));
    return success(d.value.state);
  }

  // ---------- receive (收件) ----------

  async receive(input: ReceiveInput, staff: CaseStaff): Promise<Result<CaseDetail>> {
    const actor = this.actorFor(staff);
    const a = input.applicant;
    const person =
      a.kind === 'person'
        ? { name: a.name, idNumber: a.idNumber }
        : { name: a.contactName, idNumber: a.contactIdNumber };
    const sealedValue: Sealed = {
      ...person,
      ...(a.phone ? { phone: a.phone } : {}),
      ...(a.kind === 'legal' ? { orgName: a.orgName } : {}),
    };
    const personal = { key: this.deps.vault.lookupKey(person.idNumber), sealed: this.deps.vault.seal(sealedValue) };
    let createdId = '';
    const r = await this.deps.hall.recordChange<string>(this.hallActor(actor), (): WorkOut<string> => {
      const now = this.deps.clock.now();
      const at = new Date(now).toISOString();
      const steps: { caseId: string; stepNo: number }[] = [];
      const base = (): Omit<
        CaseState,
        | 'id'
        | 'caseNo'
        | 'type'
        | 'parentId'
        | 'matterId'
        | 'matterVersion'
        | 'bundleId'
        | 'bundleVersion'
        | 'name'
        | 'caseKind'
        | 'deptId'
        | 'legalLimitDays'
        | 'promisedLimitDays'
      > => ({
        stage: 'received',
        resumeStage: null,
        node: null,
        result: null,
        tolerance: false,
        receivedAt: at,
        acceptedAt: null,
        concludedAt: null,
        deliveredAt: null,
        pauses: [],
        applicantNameMasked: maskName(person.name),
        applicantIdMasked: maskIdNumber(person.idNumber),
        applicantKind: a.kind,
        orgName: a.kind === 'legal' ? a.orgName : null,
        takeWay: input.takeWay,
        channel: input.channel,
        ticketId: input.ticketId ?? null,
        delivery: null,
        answers: input.answers,
        form: input.form,
        platformRef: null,
      });
      const create = (c: CaseState, required: readonly RequiredMaterial[], notice: boolean): Result<CaseState> => {
        const mats = intakeMaterials(
          required,
          input.materials.filter((m) => required.some((x) => x.materialId === m.materialId)),
          now,
        );
        if (!mats.ok) return mats;
        this.repo.insertCase(c, personal, at);
        this.repo.saveMaterials(c.id, mats.value);
        const step = receiveStep(c, mats.value, { now, actor });
        steps.push({
          caseId: c.id,
          stepNo: this.repo.appendStep(
            { ...step, caseId: c.id, notices: notice ? step.notices : [] },
            this.deps.hall.currentSeq + 1,
          ),
        });
        return success(c);
      };
      const number = () => this.allocateCaseNo();

      let top: CaseState;
      if (input.matterId) {
        const resolved = this.deps.catalog.resolveMatter(input.matterId, input.answers);
        if (!resolved.ok) return { error: resolved.error };
        const unknown = input.materials.find(
          (m) => !resolved.value.materials.some((x) => x.materialId === m.materialId),
        );
        if (unknown)
          return {
            error: appError(
              'BAD_REQUEST',
              `「${resolved.value.matter.name}」在所选情形下不需要材料 ${unknown.materialId}`,
              `material ${unknown.materialId} is not needed for this matter and answers`,
            ),
          };
        const m = resolved.value.matter;
        const no = number();
        if (!no.ok) return { error: no.error };
        const c: CaseState = {
          ...base(),
          id: this.deps.ids.newId(),
          caseNo: no.value,
          type: 'single',
          parentId: null,
          matterId: m.id,
          matterVersion: m.version,
          bundleId: null,
          bundleVersion: null,
          name: m.name,
          caseKind: m.caseKind,
          deptId: m.deptId,
          legalLimitDays: m.legalLimitDays,
          promisedLimitDays: m.promisedLimitDays,
          platformRef: input.platformRef ?? null,
        };
        const made = create(c, resolved.value.materials, true);
        if (!made.ok) return { error: made.error };
        top = made.value;
      } else {
        const resolved = this.deps.catalog.resolveBundle(input.bundleId!, input.answers);
        if (!resolved.ok) return { error: resolved.error };
        const rb = resolved.value;
        const unknown = input.materials.find((m) => !rb.materials.some((x) => x.materialId === m.materialId));
        if (unknown)
          return {
            error: appError(
              'BAD_REQUEST',
              `「${rb.bundle.name}」在所选情形下不需要材料 ${unknown.materialId}`,
              `material ${unknown.materialId} is not needed for this bundle and answers`,
            ),
          };
        const missingField = rb.form.find(
          (f) => f.required && (input.form[f.key] === undefined || input.form[f.key] === ''),
        );
        if (missingField)
          return {
            error: appError(
              'BAD_REQUEST',
              `请填写「${missingField.label}」（一表申请）`,
              `form field ${missingField.key} is required`,
            ),
          };
        const no = number();
        if (!no.ok) return { error: no.error };
        const parent: CaseState = {
          ...base(),
          id: this.deps.ids.newId(),
          caseNo: no.value,
          type: 'bundle',
          parentId: null,
          matterId: null,
          matterVersion: null,
          bundleId: rb.bundle.id,
          bundleVersion: rb.bundle.version,
          name: rb.bundle.name,
          caseKind: 'joint',
          deptId: rb.bundle.leadDeptId,
          legalLimitDays: Math.max(...rb.members.map((m) => m.legalLimitDays)),
          promisedLimitDays: rb.bundle.promisedLimitDays,
          platformRef: input.platformRef ?? null,
        };
        const made = create(parent, rb.materials, true);
        if (!made.ok) return { error: made.error };
        top = made.value;
        for (const m of rb.members) {
          const mno = number();
          if (!mno.ok) return { error: mno.error };
          const member: CaseState = {
            ...base(),
            id: this.deps.ids.newId(),
            caseNo: mno.value,
            type: 'member',
            parentId: parent.id,
            matterId: m.id,
            matterVersion: m.version,
            bundleId: rb.bundle.id,
            bundleVersion: rb.bundle.version,
            name: m.name,
            caseKind: m.caseKind,
            deptId: m.deptId,
            legalLimitDays: m.legalLimitDays,
            promisedLimitDays: Math.min(m.promisedLimitDays, rb.bundle.promisedLimitDays),
          };
          const own = rb.materials.filter((x) => x.usedBy.includes(m.id));
          const mm = create(member, own, false);
          if (!mm.ok) return { error: mm.error };
        }
      }
      if (input.accept) {
        const accepted = this.acceptWithCascade(top, { type: 'accept' }, this.context(actor), steps);
        if (!accepted.ok) return { error: accepted.error };
      }
      createdId = top.id;
      return {
        value: top.id,
        eventType: input.accept ? 'case.accepted' : 'case.received',
        payload: { caseId: top.id, caseNo: top.caseNo, type: top.type, steps },
      };
    });
    if (!r.ok) return r;
    return success(this.detail(createdId)!);
  }

  /** 受理: a bundle accepts and routes every member (一次分办); a promised single case is routed to its department. */
  private acceptWithCascade(
    c: CaseState,
    action: CaseAction,
    ctx: CaseContext,
    steps: { caseId: string; stepNo: number }[],
  ): Result<CaseState> {
    const accepted = this.apply(c, action, ctx, steps);
    if (!accepted.ok) return accepted;
    if (c.type === 'bundle') {
      const parentMats = new Map(this.repo.materials(c.id).map((m) => [m.materialId, m]));
      for (const member of this.repo.members(c.id)) {
        // Members share the bundle's material checklist (and its 容缺 due dates).
        this.repo.saveMaterials(
          member.id,
          this.repo.materials(member.id).map((m) => ({ ...m, ...pickStatus(parentMats.get(m.materialId)) })),
        );
        const a = this.apply(member, { type: 'accept' }, { ...ctx, viaParent: true }, steps);
        if (!a.ok) return a;
        const routed = this.apply(
          a.value,
          { type: 'route', node: '审核', opinion: `一件事「${c.name}」分办至部门` },
          ctx,
          steps,
        );
        if (!routed.ok) return routed;
      }
    } else if (accepted.value.caseKind !== 'immediate') {
      const routed = this.apply(accepted.value, { type: 'route', node: '审核' }, ctx, steps);
      if (!routed.ok) return routed;
      return routed;
    }
    return accepted;
  }

  // ---------- actions ----------

  private authorize(staff: CaseStaff, c: CaseState, action: CaseAction['type']): AppError | null {
    const roles = staff.record.roles;
    if (roles.includes('admin') || roles.includes('manager')) return null;
    const windowActions: CaseAction['type'][] = [
      'accept',
      'reject',
      'supply',
      'withdraw',
      'deliver',
      'request-correction',
    ];
    const backActions: CaseAction['type'][] = [
      'review',
      'approve',
      'refuse',
      'suspend',
      'resume',
      'request-correction',
      'supply',
    ];
    if (roles.includes('clerk')) {
      if (windowActions.includes(action) && (action !== 'request-correction' || c.stage === 'received')) return null;
      if (
        (action === 'approve' || action === 'refuse') &&
        c.caseKind === 'immediate' &&
        c.type === 'single' &&
        c.stage === 'accepted'
      )
        return null;
    }
    if (roles.includes('approver') && backActions.includes(action)) {
      if (staff.deptId === null)
        return appError(
          'FORBIDDEN',
          '您的账号尚未设置所属部门，请联系管理员',
          'your account has no department; ask an administrator',
        );
      if (c.deptId !== staff.deptId)
        return appError('FORBIDDEN', '该办件不属于您所在部门', 'the case belongs to another department');
      if (c.type === 'bundle')
        return appError('FORBIDDEN', '一件事由各成员部门分别审批', 'a bundle is approved through its member cases');
      return null;
    }
    return appError('FORBIDDEN', `您没有「${ACTION_TEXT[action]}」的权限`, `not allowed to ${action}`);
  }

  /** Runs one staff action on a case (受理、不予受理、补齐补正、审核、办结、挂起 …). */
  async act(caseId: string, action: CaseAction, staff: CaseStaff): Promise<Result<CaseDetail>> {
    const actor = this.actorFor(staff);
    const r = await this.run(caseId, action, actor, (c) => this.authorize(staff, c, action.type));
    if (!r.ok) return r;
    return success(this.detail(caseId)!);
  }

  private async run(
    caseId: string,
    action: CaseAction,
    actor: Actor,
    check: (c: CaseState) => AppError | null,
  ): Promise<Result<{ notify: number[] }>> {
    const notify: number[] = [];
    const r = await this.deps.hall.recordChange<{ notify: number[] }>(
      this.hallActor(actor),
      (): WorkOut<{ notify: number[] }> => {
        const c = this.repo.find(caseId);
        if (!c) return { error: appError('NOT_FOUND', '办件不存在', `case ${caseId} not found`) };
        const denied = check(c);
        if (denied) return { error: denied };
        const ctx = this.context(actor);
        const steps: { caseId: string; stepNo: number }[] = [];
        let after: Result<CaseState>;
        if (action.type === 'accept') after = this.acceptWithCascade(c, action, ctx, steps);
        else after = this.apply(c, action, ctx, steps);
        if (!after.ok) return { error: after.error };
        const cascaded = this.cascade(c, after.value, action, ctx, steps, notify);
        if (cascaded) return { error: cascaded };
        return {
          value: { notify },
          eventType: `case.${action.type}`,
          payload: { caseId: c.id, caseNo: c.caseNo, action: action.type, stage: after.value.stage, steps },
        };
      },
    );
    if (r.ok) await this.sendNotifications(notify);
    return r;
  }

  /** What an action on one case means for the others (bundle ↔ members) and for the applicant. */
  private cascade(
    before: CaseState,
    after: CaseState,
    action: CaseAction,
    ctx: CaseContext,
    steps: { caseId: string; stepNo: number }[],
    notify: number[],
  ): AppError | null {
    const viaParent = { ...ctx, viaParent: true };
    if (before.type === 'bundle') {
      const members = this.repo.members(before.id);
      if (action.type === 'reject' || action.type === 'withdraw' || action.type === 'deliver') {
        for (const m of members) {
          if (action.type === 'deliver' && m.stage !== 'concluded') continue;
          if (
            action.type !== 'deliver' &&
            !['received', 'accepted', 'reviewing', 'correction', 'suspended'].includes(m.stage)
          )
            continue;
          const memberAction: CaseAction =
            action.type === 'deliver'
              ? action
              : m.stage === 'received' && action.type === 'reject'
                ? action
                : { type: 'withdraw', reason: action.type === 'reject' ? action.reason : action.reason };
          const r = this.apply(m, memberAction, viaParent, steps);
          if (!r.ok) return r.error;
        }
      }
      if (action.type === 'supply') {
        const parentMats = new Map(this.repo.materials(before.id).map((m) => [m.materialId, m]));
        for (const m of members) {
          const ids = this.repo
            .materials(m.id)
            .filter(
              (x) => action.materialIds.includes(x.materialId) && (x.status === 'missing' || x.status === 'tolerated'),
            )
            .map((x) => x.materialId);
          if (ids.length === 0) continue;
          if (m.stage === 'received') {
            this.repo.saveMaterials(
              m.id,
              this.repo
                .materials(m.id)
                .map((x) => (ids.includes(x.materialId) ? { ...x, ...pickStatus(parentMats.get(x.materialId)) } : x)),
            );
            continue;
          }
          const r = this.apply(
            m,
            { type: 'supply', materialIds: ids, opinion: `一件事补交材料（${before.caseNo}）` },
            ctx,
            steps,
          );
          if (!r.ok) return r.error;
        }
      }
    }
    if (before.type === 'member' && after.stage === 'concluded' && before.stage !== 'concluded' && before.parentId) {
      const parent = this.repo.find(before.parentId);
      const outcome = bundleOutcome(this.repo.members(before.parentId));
      if (parent && outcome && parent.stage !== 'concluded') {
        const r = this.apply(
          parent,
          { type: 'conclude-bundle', result: outcome },
          { ...ctx, actor: { staffId: 'system', staffName: '系统', deptId: parent.deptId, source: 'system' } },
          steps,
        );
        if (!r.ok) return r.error;
        notify.push(this.queueNotification(r.value));
      }
    }
    if (before.type === 'single' && after.stage === 'concluded' && before.stage !== 'concluded')
      notify.push(this.queueNotification(after));
    return null;
  }

  private queueNotification(c: CaseState): number {
    const sealed = this.repo.sealedApplicant(c.id);
    const phone = sealed ? this.deps.vault.open<Sealed>(sealed).phone : undefined;
    const how =
      c.takeWay === 'express'
        ? '结果将通过快递寄送，请留意查收'
        : c.takeWay === 'locker'
          ? '结果将放入智能柜，取件码另行通知'
          : '请携带本人身份证到综合出件窗口领取';
    const text = `【${this.deps.hallName}】您申请的「${c.name}」（办件编号 ${c.caseNo}）已办结：${c.result ? RESULT_TEXT[c.result] : ''}。${how}。`;
    return this.repo.addNotification({
      caseId: c.id,
      kind: 'result-ready',
      at: this.nowIso(),
      toMasked: phone ? maskPhone(phone) : null,
      text,
      status: phone ? 'pending' : 'no-phone',
    });
  }

  /** Sends queued messages after the commit; the outcome is recorded (a failure leaves the row 'failed' for a retry). */
  private async sendNotifications(ids: number[]): Promise<void> {
    for (const id of ids) {
      const row = this.deps.db
        .prepare(
          'SELECT n.id, n.case_id, n.text, n.status, c.case_no FROM case_notifications n JOIN cases c ON c.id = n.case_id WHERE n.id = ?',
        )
        .get(id) as { id: number; case_id: string; text: string; status: string; case_no: string } | undefined;
      if (!row || row.status !== 'pending') continue;
      const sealed = this.repo.sealedApplicant(row.case_id);
      const phone = sealed ? this.deps.vault.open<Sealed>(sealed).phone : undefined;
      if (!phone) continue;
      let error: string | null = null;
      try {
        await this.deps.notifications.send({ to: phone, caseNo: row.case_no, kind: 'result-ready', text: row.text });
      } catch (err) {
        error = err instanceof Error ? err.message : String(err);
        this.deps.log.warn({ caseNo: row.case_no, error }, '通知发送失败 / notification failed');
      }
      await this.deps.hall.recordChange({ kind: 'system', reason: 'notification' }, () => {
        this.repo.markNotification(id, error ? 'failed' : 'sent', this.nowIso(), error);
        return {
          value: null,
          eventType: 'case.notified',
          payload: { caseId: row.case_id, caseNo: row.case_no, notificationId: id, status: error ? 'failed' : 'sent' },
        };
      });
    }
  }

  /**
   * A result that arrives from the provincial platform (sync): concludes the case as the platform decided. Idempotent:
   * the same result again changes nothing. The step is recorded with source 'platform'.
   */
  async applyExternalResult(input: ExternalResult): Promise<Result<CaseDetail & { alreadyApplied: boolean }>> {
    const c = input.platformRef ? this.repo.findByPlatformRef(input.platformRef) : this.repo.findByNo(input.caseNo!);
    if (!c)
      return failure(appError('NOT_FOUND', '没有找到该办件', `case ${input.platformRef ?? input.caseNo} not found`));
    if (c.type === 'bundle')
      return failure(
        appError('BAD_REQUEST', '一件事的结果请按成员办件同步', 'send results for the member cases of a bundle'),
      );
    if (c.stage === 'concluded' || c.stage === 'delivered') {
      if (c.result === input.result) return success({ ...this.detail(c.id)!, alreadyApplied: true });
      return failure(
        appError(
          'CONFLICT',
          `办件已办结，结果为「${c.result ? RESULT_TEXT[c.result] : ''}」，与平台结果不一致，请人工核查`,
          `the case is already concluded with another result (${c.result})`,
        ),
      );
    }
    const actor: Actor = {
      staffId: 'platform',
      staffName: input.deptName ? `一体化政务服务平台（${input.deptName}）` : '一体化政务服务平台',
      deptId: c.deptId,
      source: 'platform',
    };
    if (c.stage === 'accepted' && c.caseKind !== 'immediate') {
      const routed = await this.run(c.id, { type: 'route', node: '平台审批' }, actor, () => null);
      if (!routed.ok) return routed;
    }
    const action: CaseAction =
      input.result === 'approved'
        ? { type: 'approve', opinion: input.opinion, ...(input.resultNo ? { resultNo: input.resultNo } : {}) }
        : { type: 'refuse', opinion: input.opinion };
    const r = await this.run(c.id, action, actor, () => null);
    if (!r.ok) return r;
    return success({ ...this.detail(c.id)!, alreadyApplied: false });
  }

  // ---------- hand-over (出件) ----------

  /** Results ready at the 出件 window for an applicant's ID number (keyed hash) or a case number. */
  findReady(query: { idNumber?: string; caseNo?: string }): CaseSummary[] {
    if (query.idNumber)
      return this.repo.readyByApplicant(this.deps.vault.lookupKey(query.idNumber)).map((c) => this.summary(c));
    if (query.caseNo) {
      let c = this.repo.findByNo(query.caseNo.trim());
      if (c?.type === 'member' && c.parentId) c = this.repo.find(c.parentId);
      return c && c.stage === 'concluded' ? [this.summary(c)] : [];
    }
    return [];
  }

  async deliver(caseId: string, input: DeliverInput, staff: CaseStaff): Promise<Result<CaseDetail>> {
    let delivery: Extract<CaseAction, { type: 'deliver' }>['delivery'];
    if (input.way === 'window') {
      if (!input.receiver.proxy) {
        const key = this.repo.applicantKey(caseId);
        if (key && key !== this.deps.vault.lookupKey(input.receiver.idNumber)) {
          return failure(
            appError(
              'FORBIDDEN',
              '身份证号与申请人不一致；如为代领，请登记代领人信息',
              'the ID number is not the applicant’s; register a proxy instead',
            ),
          );
        }
        const c = this.repo.find(caseId);
        delivery = { way: 'window', proxy: false, receiverNameMasked: c?.applicantNameMasked ?? '' };
      } else {
        delivery = {
          way: 'window',
          proxy: true,
          receiverNameMasked: maskName(input.receiver.name),
          proxyIdMasked: maskIdNumber(input.receiver.idNumber),
        };
      }
    } else if (input.way === 'express')
      delivery = { way: 'express', expressCompany: input.company, waybillNo: input.waybillNo };
    else delivery = { way: 'locker', lockerNo: input.lockerNo, pickupCode: input.pickupCode };
    return this.act(caseId, { type: 'deliver', delivery }, staff);
  }

  /**
   * DESIGN.md rule 8: sealed applicant data of closed cases is purged after the retention period (config
   * `retention.personalDataDays`); the hall's retention job calls this with that number.
   */
  async purgePersonalData(retentionDays: number): Promise<Result<{ purged: number }>> {
    const before = new Date(this.deps.clock.now() - retentionDays * 86_400_000).toISOString();
    return this.deps.hall.recordChange<{ purged: number }>({ kind: 'system', reason: 'retention' }, () => {
      const purged = this.repo.purgePersonalData(before);
      return {
        value: { purged },
        eventType: purged > 0 ? 'case.personal-data-purged' : null,
        payload: { before, purged },
      };
    });
  }

  revealApplicant(caseId: string): Sealed | null {
    const sealed = this.repo.sealedApplicant(caseId);
    return sealed ? this.deps.vault.open<Sealed>(sealed) : null;
  }

  // ---------- queries ----------

  summary(c: CaseState): CaseSummary {
    // A bundle's promise waits while any member is paused (补齐补正/挂起 of one department stops the bundle's clock).
    const clocked =
      c.type === 'bundle' ? { ...c, pauses: [...c.pauses, ...this.repo.members(c.id).flatMap((m) => m.pauses)] } : c;
    const timing = caseTiming(clocked, this.clock(), this.deps.clock.now(), this.policy());
    const late = lateMaterials(this.repo.materials(c.id), this.today());
    return {
      id: c.id,
      caseNo: c.caseNo,
      type: c.type,
      parentId: c.parentId,
      name: c.name,
      matterId: c.matterId,
      matterVersion: c.matterVersion,
      bundleId: c.bundleId,
      caseKind: c.caseKind,
      deptId: c.deptId,
      deptName: this.deps.catalog.department(c.deptId)?.name ?? c.deptId,
      stage: c.stage,
      stageLabel:
        c.stage === 'concluded' && c.result ? `已办结（${RESULT_TEXT[c.result]}）` : CASE_STAGES[c.stage].label,
      linkCode: CASE_STAGES[c.stage].code,
      node: c.node,
      result: c.result,
      applicant: c.orgName ?? c.applicantNameMasked,
      applicantIdMasked: c.applicantIdMasked,
      receivedAt: c.receivedAt,
      acceptedAt: c.acceptedAt,
      concludedAt: c.concludedAt,
      tolerance: c.tolerance,
      lateMaterials: late.map((m) => ({ materialId: m.materialId, name: m.name, dueDate: m.dueDate })),
      timing,
      level: timing && !['delivered', 'withdrawn', 'not_accepted'].includes(c.stage) ? timing.level : null,
      takeWay: c.takeWay,
    };
  }

  detail(caseId: string): CaseDetail | null {
    const c = this.repo.find(caseId);
    if (!c) return null;
    const s = this.summary(c);
    return {
      ...s,
      materials: this.repo.materials(c.id),
      steps: this.repo.steps(c.id),
      members: c.type === 'bundle' ? this.repo.members(c.id).map((m) => this.summary(m)) : [],
      answers: c.answers,
      form: c.form,
      delivery: c.delivery,
      pauses: c.pauses,
      legalLimitDays: c.legalLimitDays,
      promisedLimitDays: c.promisedLimitDays,
      platformRef: c.platformRef,
      notifications: this.repo
        .notifications(c.id)
        .map(({ kind, at, toMasked, text, status }) => ({ kind, at, toMasked, text, status })),
    };
  }

  findByNo(caseNo: string): CaseState | null {
    return this.repo.findByNo(caseNo);
  }

  /**
   * A department's back-office queue, soonest deadline first (paused cases, whose deadline is not known, last), each with
   * its yellow/red mark. `deptId` null = every department (managers).
   */
  queue(deptId: string | null, stages: readonly CaseStage[] = ACTIVE_BACKOFFICE): CaseSummary[] {
    const list = this.repo.byDept(deptId, stages).map((c) => this.summary(c));
    const due = (s: CaseSummary) => (s.timing?.dueAt ? Date.parse(s.timing.dueAt) : Number.POSITIVE_INFINITY);
    return list.sort((a, b) => due(a) - due(b) || a.caseNo.localeCompare(b.caseNo));
  }

  /** Cases for the window: recent top-level cases, optionally one stage. */
  recent(limit = 50, stage?: CaseStage): CaseSummary[] {
    return this.repo.recent(limit, stage).map((c) => this.summary(c));
  }

  /** Everything that needs attention: overdue (red), close to due (yellow), 容缺 materials late. */
  warnings(deptId: string | null): CaseSummary[] {
    return this.queue(deptId).filter((s) => s.level === 'red' || s.level === 'yellow' || s.lateMaterials.length > 0);
  }
}

function pickStatus(m: CaseMaterial | undefined): Partial<CaseMaterial> {
  return m ? { status: m.status, dueDate: m.dueDate, receivedAt: m.receivedAt, note: m.note } : {};
}
