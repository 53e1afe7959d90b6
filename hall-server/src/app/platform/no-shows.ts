import type { HallConfig } from '../../config/config.schema.js';
import type { Result } from '../../domain/result.js';
import type { CommandPipeline } from '../pipeline.js';
import type { AppointmentStore, Clock } from '../ports.js';
import type { PlatformCodes } from './codes.js';
import type { OutboxRecorder } from './outbox-recorder.js';
import { platformServiceCode } from './queue-status.js';

export interface NoShowDeps {
  pipeline: CommandPipeline;
  appointments: AppointmentStore;
  recorder: OutboxRecorder;
  codes: PlatformCodes;
  hallCode: string;
  clock: Clock;
  rules: HallConfig['appointments'];
  businessDay: () => string;
}

/**
 * Bookings nobody came for become no-shows, and those booked on the platform are reported back (frequent no-shows
 * lose booking rights there, domain.md §3.4). When late visitors still get a normal ticket (`whenLate: walk-in`) a
 * booking is open all its day, so only a past day's bookings are no-shows; otherwise a booking is one once its slot
 * and the allowed lateness are over.
 */
export function markNoShows(deps: NoShowDeps): Promise<Result<number>> {
  const { clock, rules, appointments, pipeline, recorder, codes, hallCode } = deps;
  const now = clock.now();
  const slotEndBefore =
    rules.whenLate === 'refuse' ? new Date(now - rules.lateMinutes * 60_000).toISOString() : '0000-00-00';
  return pipeline.record<number>({ kind: 'system', reason: 'no-show' }, (scope) => {
    const open = appointments.openPast(slotEndBefore, deps.businessDay());
    const marked: string[] = [];
    const at = new Date(now).toISOString();
    for (const a of open) {
      if (!appointments.markNoShow(a.id)) continue;
      marked.push(a.id);
      if (a.platformRef)
        recorder.noShow(
          {
            hallCode,
            appointmentId: a.platformRef,
            code: a.code,
            serviceCode: platformServiceCode(codes, a.serviceId),
            slotStart: a.slotStart,
            slotEnd: a.slotEnd,
            status: 'no-show',
            markedAt: at,
          },
          scope.seq(),
        );
    }
    return {
      value: marked.length,
      eventType: marked.length > 0 ? 'appointment.no-show' : null,
      payload: { appointmentIds: marked },
    };
  });
}
