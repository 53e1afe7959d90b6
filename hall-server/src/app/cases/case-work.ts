import { type CaseSettings } from '@onedoor/protocol';
import { DEFAULT_WARNING_POLICY, type WarningPolicy } from '../../domain/calendar/case-clock.js';
import type { Matter } from '../../domain/catalog/index.js';
import {
  DEFAULT_CASE_NO_FORMAT,
  caseActorOf,
  decide,
  parseCaseNoFormat,
  type Actor,
  type CaseAction,
  type CaseContext,
  type CaseMaterial,
  type CaseState,
  type CaseUser,
} from '../../domain/cases/index.js';
import { type Result, success } from '../../domain/result.js';
import { localParts } from '../../domain/time/hall-time.js';
import type { HallCalendar } from '../calendar/hall-calendar.js';
import type { CatalogService } from '../catalog/catalog.js';
import type { CommandPipeline, CommandScope } from '../pipeline.js';
import type {
  Actor as HallActor,
  CaseStore,
  Clock,
  IdGenerator,
  Logger,
  Notifier,
  PersonalDataVault,
  StaffRecord,
} from '../ports.js';

/** What the case use cases share. */
export interface CasesDeps {
  cases: CaseStore;
  catalog: CatalogService;
  calendar: HallCalendar;
  pipeline: CommandPipeline;
  vault: PersonalDataVault;
  clock: Clock;
  ids: IdGenerator;
  log: Logger;
  notifier: Notifier;
  hallName: string;
  areaCode: string;
  timeZone: string;
  /** The ticket a case was taken in under, and the window that served it (the case shows where it came from). */
  ticketOrigin?: (
    ticketId: string,
  ) => { ticketNumber: string; windowId: string | null; windowName: string | null } | null;
}

/** Staff who act on cases: who they are and which department they act for. */
export interface CaseStaff {
  record: StaffRecord;
  deptId: string | null;
}

/** The applicant's personal data as sealed with the case. */
export interface SealedApplicant {
  name: string;
  idNumber: string;
  phone?: string;
  orgName?: string;
}

/** A step a command appended: the case and its step number (carried in the event payload). */
export interface StepRef {
  caseId: string;
  stepNo: number;
}

export const userOf = (staff: CaseStaff): CaseUser & { name: string } => ({
  id: staff.record.id,
  name: staff.record.name,
  roles: staff.record.roles,
  deptId: staff.deptId,
});

export const actorFor = (staff: CaseStaff): Actor => caseActorOf(userOf(staff));

/** Who the hall's event log records for a case actor. */
export const hallActor = (actor: Actor): HallActor =>
  actor.source === 'platform' || actor.source === 'system'
    ? { kind: 'system', reason: actor.source === 'platform' ? 'platform-sync' : actor.staffId }
    : { kind: 'staff', staffId: actor.staffId };

export const nowIso = (deps: CasesDeps): string => new Date(deps.clock.now()).toISOString();

export const today = (deps: CasesDeps): string => localParts(deps.clock.now(), deps.timeZone).date;

export function settings(deps: CasesDeps): CaseSettings {
  const get = (k: string) => deps.cases.getSetting(k);
  return {
    caseNoFormat: get('caseNoFormat') ?? DEFAULT_CASE_NO_FORMAT,
    yellowShare: Number(get('yellowShare') ?? DEFAULT_WARNING_POLICY.yellowShare),
    yellowMinDays: Number(get('yellowMinDays') ?? DEFAULT_WARNING_POLICY.yellowMinDays),
    toleranceDays: Number(get('toleranceDays') ?? 5),
  };
}

export function warningPolicy(deps: CasesDeps): WarningPolicy {
  const s = settings(deps);
  return { yellowShare: s.yellowShare, yellowMinDays: s.yellowMinDays };
}

export function caseContext(deps: CasesDeps, actor: Actor, extra: Partial<CaseContext> = {}): CaseContext {
  return {
    now: deps.clock.now(),
    today: today(deps),
    actor,
    clock: deps.calendar.clock(),
    toleranceDays: settings(deps).toleranceDays,
    ...extra,
  };
}

/** The next case number: drawn inside the write transaction, so a refused receipt gives its number back. */
export function allocateCaseNo(deps: CasesDeps): Result<string> {
  const f = parseCaseNoFormat(settings(deps).caseNoFormat);
  if (!f.ok) return f;
  const date = today(deps);
  const seq = deps.cases.nextSequence(f.value.scope(date));
  return f.value.render({ area: deps.areaCode, date, seq });
}

/** 容缺 periods per material: the catalog's, the shortest among a bundle's members. */
function toleranceDaysFor(deps: CasesDeps, c: CaseState): Map<string, number | null> {
  const out = new Map<string, number | null>();
  const matters: Matter[] = [];
  if (c.matterId && c.matterVersion) {
    const m = deps.catalog.matter(c.matterId, c.matterVersion);
    if (m) matters.push(m);
  } else {
    for (const mem of deps.cases.members(c.id)) {
      const m = mem.matterId && mem.matterVersion ? deps.catalog.matter(mem.matterId, mem.matterVersion) : null;
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

function resultName(deps: CasesDeps, c: CaseState): string | undefined {
  if (c.matterId && c.matterVersion) return deps.catalog.matter(c.matterId, c.matterVersion)?.result.name;
  return undefined;
}

/**
 * Decides one action on a case and, when allowed, saves the new state and materials and appends the step under the
 * command's sequence number (the hall event that records it).
 */
export function applyAction(
  deps: CasesDeps,
  scope: CommandScope,
  c: CaseState,
  action: CaseAction,
  ctx: CaseContext,
  steps: StepRef[],
): Result<CaseState> {
  const d = decide(
    c,
    deps.cases.materials(c.id),
    action,
    { ...ctx, resultName: resultName(deps, c) },
    toleranceDaysFor(deps, c),
  );
  if (!d.ok) return d;
  deps.cases.updateCase(d.value.state, nowIso(deps));
  deps.cases.saveMaterials(c.id, d.value.materials);
  steps.push({ caseId: c.id, stepNo: deps.cases.appendStep({ ...d.value.step, caseId: c.id }, scope.seq()) });
  return success(d.value.state);
}

/** A member takes the bundle's material status (and its 容缺 due dates). */
export function pickStatus(m: CaseMaterial | undefined): Partial<CaseMaterial> {
  return m ? { status: m.status, dueDate: m.dueDate, receivedAt: m.receivedAt, note: m.note } : {};
}
