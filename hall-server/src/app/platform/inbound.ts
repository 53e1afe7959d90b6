import { appError, maskIdNumber, maskName } from '@onedoor/protocol';
import { type Result, failure, success } from '../../domain/result.js';
import type { Appointments } from '../appointments/appointments.js';
import type { Cases } from '../cases/cases.js';
import type { CommandPipeline } from '../pipeline.js';
import type { Actor, AppointmentStore, Clock, PersonalDataVault } from '../ports.js';
import type { PlatformCodes } from './codes.js';
import type { PlatformAppointment, PlatformCaseResult, PlatformPretrial, WebhookEvent } from './contract.js';
import type { InboundStore, PretrialStore } from './platform-ports.js';

export interface InboundDeps {
  pipeline: CommandPipeline;
  appointments: Appointments;
  appointmentStore: AppointmentStore;
  hasService: (serviceId: string) => boolean;
  cases: Cases;
  vault: PersonalDataVault;
  inbound: InboundStore;
  pretrials: PretrialStore;
  codes: PlatformCodes;
  clock: Clock;
  hallCode: string;
}

/** What a record from the platform did: applied (a new version), or changed nothing (a duplicate, an older version). */
export interface InboundOutcome {
  applied: boolean;
  outcome: string;
}

const PLATFORM: Actor = { kind: 'system', reason: 'platform-sync' };

/** The hall's id of a booking made on the platform. */
export const platformAppointmentId = (platformId: string): string => `platform-${platformId}`;

/**
 * What arrives from the platform, by webhook or by a pull — the same record may come both ways, twice, or after a
 * newer one. Each is applied by its platform id and version in one hall transaction with the record of that version,
 * so a duplicate or an older version changes nothing, and a replay after a crash changes nothing twice.
 */
export class Inbound {
  constructor(private readonly deps: InboundDeps) {}

  apply(event: WebhookEvent): Promise<Result<InboundOutcome>> {
    if (event.hallCode !== this.deps.hallCode)
      return Promise.resolve(
        failure(
          appError(
            'BAD_REQUEST',
            `该记录属于大厅 ${event.hallCode}，不是本大厅（${this.deps.hallCode}）`,
            `the record is for hall ${event.hallCode}, this is ${this.deps.hallCode}`,
          ),
        ),
      );
    switch (event.type) {
      case 'appointment.booked':
      case 'appointment.changed':
      case 'appointment.cancelled':
        return this.appointment(event.appointment);
      case 'pretrial.ready':
        return this.pretrial(event.pretrial);
      case 'case.result':
        return this.caseResult(event.result);
    }
  }

  /** Booked, changed (a higher version) or cancelled on the platform. */
  appointment(a: PlatformAppointment): Promise<Result<InboundOutcome>> {
    const { codes, hasService, vault, pipeline, appointments, appointmentStore, inbound } = this.deps;
    const serviceId = codes.services[a.serviceCode] ?? a.serviceCode;
    if (!hasService(serviceId))
      return Promise.resolve(
        failure(
          appError(
            'BAD_REQUEST',
            `本大厅没有业务 ${a.serviceCode}，预约 ${a.code} 无法接收`,
            `this hall has no service ${a.serviceCode}; booking ${a.code} refused`,
          ),
        ),
      );
    const id = platformAppointmentId(a.id);
    const sealed = vault.seal({ name: a.holder.name, idNumber: a.holder.idNumber, phone: a.phone });
    return pipeline.record<InboundOutcome>(PLATFORM, () => {
      const seen = this.seen('appointment', a.id, a.version);
      if (seen) return { value: seen, eventType: null, payload: null };
      const existing = appointmentStore.findById(id);
      let outcome: string;
      if (a.status === 'cancelled') {
        outcome = appointmentStore.cancel(id)
          ? 'cancelled'
          : existing
            ? `kept-${existing.status}`
            : 'cancelled-unknown';
      } else if (existing && existing.status !== 'booked') {
        // Checked in (or cancelled) here already: the visitor's ticket stands; the change is noted, not applied.
        outcome = `kept-${existing.status}`;
      } else {
        const written = appointments.writeBooking(
          {
            id,
            code: a.code,
            serviceId,
            matter: a.matterName,
            holder: a.holder,
            ...(a.phone ? { phone: a.phone } : {}),
            slotStart: a.slotStart,
            slotEnd: a.slotEnd,
            channel: a.channel,
            platformRef: a.id,
          },
          sealed,
        );
        if ('error' in written) return written;
        outcome = existing ? 'changed' : 'booked';
      }
      inbound.recordApplied('appointment', a.id, a.version, outcome, this.now());
      return {
        value: { applied: true, outcome },
        eventType: 'platform.appointment',
        payload: { platformId: a.id, version: a.version, appointmentId: id, outcome },
      };
    });
  }

  /** A pre-reviewed application: stored for the window (a newer version replaces it until it is taken in). */
  pretrial(p: PlatformPretrial): Promise<Result<InboundOutcome>> {
    const { vault, pipeline, pretrials, inbound } = this.deps;
    const a = p.applicant;
    const person =
      a.kind === 'person'
        ? { name: a.name, idNumber: a.idNumber }
        : { name: a.contactName, idNumber: a.contactIdNumber };
    const sealed = vault.seal(a);
    const key = vault.lookupKey(person.idNumber);
    return pipeline.record<InboundOutcome>(PLATFORM, () => {
      const seen = this.seen('pretrial', p.id, p.version);
      if (seen) return { value: seen, eventType: null, payload: null };
      const clash = pretrials.byCode(p.code);
      if (clash && clash.platformId !== p.id)
        return {
          error: appError('CONFLICT', `预审号 ${p.code} 已被另一申请使用`, `pre-review code ${p.code} is taken`),
        };
      const existing = pretrials.byPlatformId(p.id);
      const status = existing?.status === 'received' ? 'received' : p.status === 'withdrawn' ? 'withdrawn' : 'ready';
      pretrials.upsert({
        platformId: p.id,
        code: p.code,
        version: p.version,
        matterCode: p.matterCode,
        matterName: p.matterName,
        applicantKind: a.kind,
        applicantKey: key,
        applicantNameMasked: maskName(person.name),
        applicantIdMasked: maskIdNumber(person.idNumber),
        orgName: a.kind === 'legal' ? a.orgName : null,
        materials: p.materials.map((m) => ({ ...m, note: m.note ?? null })),
        answers: p.answers,
        form: p.form,
        submittedAt: p.submittedAt,
        reviewedAt: p.reviewedAt,
        status,
        caseId: existing?.caseId ?? null,
        sealed,
        storedAt: this.now(),
      });
      const outcome = existing ? (status === 'received' ? 'kept-received' : 'changed') : 'stored';
      inbound.recordApplied('pretrial', p.id, p.version, outcome, this.now());
      return {
        value: { applied: true, outcome },
        eventType: 'platform.pretrial',
        payload: { platformId: p.id, code: p.code, version: p.version, outcome },
      };
    });
  }

  /** A result decided in a department's system: concludes the case and tells the applicant (applyExternalResult). */
  async caseResult(r: PlatformCaseResult): Promise<Result<InboundOutcome>> {
    const { cases, inbound, pipeline } = this.deps;
    const before = inbound.appliedVersion('case-result', r.id);
    if (before !== null && r.version <= before)
      return success({ applied: false, outcome: r.version === before ? 'duplicate' : 'older-version' });
    const applied = await cases.applyExternalResult({
      ...(r.caseNo ? { caseNo: r.caseNo } : {}),
      ...(r.platformRef ? { platformRef: r.platformRef } : {}),
      result: r.result,
      opinion: r.opinion,
      ...(r.resultNo ? { resultNo: r.resultNo } : {}),
      ...(r.deptName ? { deptName: r.deptName } : {}),
      ...(r.concludedAt ? { concludedAt: r.concludedAt } : {}),
    });
    if (!applied.ok) return applied;
    // The result is idempotent by itself (the same result again is alreadyApplied); the version is bookkeeping.
    const outcome = applied.value.alreadyApplied ? 'already-concluded' : 'concluded';
    await pipeline.record(PLATFORM, () => {
      inbound.recordApplied('case-result', r.id, r.version, outcome, this.now());
      return { value: null, eventType: null, payload: null };
    });
    return success({ applied: !applied.value.alreadyApplied, outcome });
  }

  private seen(kind: 'appointment' | 'pretrial', platformId: string, version: number): InboundOutcome | null {
    const before = this.deps.inbound.appliedVersion(kind, platformId);
    if (before === null || version > before) return null;
    return { applied: false, outcome: version === before ? 'duplicate' : 'older-version' };
  }

  private now(): string {
    return new Date(this.deps.clock.now()).toISOString();
  }
}
