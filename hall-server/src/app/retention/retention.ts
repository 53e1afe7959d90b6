import type { Cases } from '../cases/cases.js';
import type { AppointmentStore, Clock, ComplaintStore, Logger, QueueStore } from '../ports.js';

export interface RetentionDeps {
  queue: QueueStore;
  appointments: AppointmentStore;
  cases: Cases;
  /** Complainants of archived complaints (GB/T 36113 §7.6 keeps the file, not the person). */
  complaints?: Pick<ComplaintStore, 'purgePersonalData'>;
  clock: Clock;
  log: Logger;
  /** config `retention.personalDataDays`, or the console's setting over it (read at each purge) */
  personalDataDays: () => number;
}

/**
 * DESIGN.md rule 8: personal data is kept only as long as the retention allows; masked values and keyed hashes stay
 * for statistics and history.
 */
export class Retention {
  constructor(private readonly deps: RetentionDeps) {}

  async purge(): Promise<{ tickets: number; appointments: number; cases: number; complaints: number }> {
    const { queue, appointments, cases, complaints, clock, log } = this.deps;
    const personalDataDays = this.deps.personalDataDays();
    const before = new Date(clock.now() - personalDataDays * 86_400_000).toISOString();
    const tickets = queue.purgePersonalData(before);
    const bookings = appointments.purgePersonalData(before);
    const purgedCases = await cases.purgePersonalData(personalDataDays);
    const caseCount = purgedCases.ok ? purgedCases.value.purged : 0;
    const complainants = complaints?.purgePersonalData(before) ?? 0;
    if (tickets + bookings + caseCount + complainants > 0)
      log.info(
        { tickets, appointments: bookings, cases: caseCount, complaints: complainants },
        'personal data past retention purged',
      );
    return { tickets, appointments: bookings, cases: caseCount, complaints: complainants };
  }
}
