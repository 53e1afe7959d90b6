import type { AppointmentStatus } from '@onedoor/protocol';
import type { AppointmentRecord, AppointmentStore } from '../../app/ports.js';
import type { Db } from './database.js';

interface Row {
  id: string;
  code: string;
  service_id: string;
  matter: string;
  holder_key: string;
  holder_name_masked: string;
  holder_id_masked: string;
  slot_start: string;
  slot_end: string;
  business_day: string;
  status: AppointmentStatus;
  channel: string;
  platform_ref: string | null;
  ticket_id: string | null;
}

const fromRow = (r: Row): AppointmentRecord => ({
  id: r.id,
  code: r.code,
  serviceId: r.service_id,
  matter: r.matter,
  holderName: r.holder_name_masked,
  holderId: r.holder_id_masked,
  holderKey: r.holder_key,
  slotStart: r.slot_start,
  slotEnd: r.slot_end,
  businessDay: r.business_day,
  status: r.status,
  channel: r.channel,
  platformRef: r.platform_ref,
  ticketId: r.ticket_id,
});

/** Appointments; personal data only sealed, masked or hashed. */
export class AppointmentRepository implements AppointmentStore {
  constructor(private readonly db: Db) {}

  upsert(
    a: Omit<AppointmentRecord, 'status' | 'ticketId'> & {
      sealed: string;
      createdAt: string;
    },
  ): void {
    this.db
      .prepare(
        `INSERT INTO appointments (id, code, service_id, matter, holder_key, holder_name_masked, holder_id_masked, holder_sealed,
           slot_start, slot_end, business_day, status, channel, platform_ref, created_at)
         VALUES (@id, @code, @serviceId, @matter, @holderKey, @holderName, @holderId, @sealed, @slotStart, @slotEnd, @businessDay,
           'booked', @channel, @platformRef, @createdAt)
         ON CONFLICT (id) DO UPDATE SET code = excluded.code, service_id = excluded.service_id, matter = excluded.matter,
           holder_key = excluded.holder_key, holder_name_masked = excluded.holder_name_masked, holder_id_masked = excluded.holder_id_masked,
           holder_sealed = excluded.holder_sealed, slot_start = excluded.slot_start, slot_end = excluded.slot_end,
           business_day = excluded.business_day, channel = excluded.channel, platform_ref = excluded.platform_ref
         WHERE appointments.status = 'booked'`,
      )
      .run(a);
  }

  findByCode(code: string): AppointmentRecord | null {
    const r = this.db.prepare('SELECT * FROM appointments WHERE code = ?').get(code) as Row | undefined;
    return r ? fromRow(r) : null;
  }

  findById(id: string): AppointmentRecord | null {
    const r = this.db.prepare('SELECT * FROM appointments WHERE id = ?').get(id) as Row | undefined;
    return r ? fromRow(r) : null;
  }

  /** The holder's bookings of that day, the ones still to check in first, earliest slot first. */
  findForHolder(holderKey: string, businessDay: string): AppointmentRecord[] {
    return (
      this.db
        .prepare(
          "SELECT * FROM appointments WHERE holder_key = ? AND business_day = ? ORDER BY status = 'booked' DESC, slot_start",
        )
        .all(holderKey, businessDay) as Row[]
    ).map(fromRow);
  }

  listDay(businessDay: string): AppointmentRecord[] {
    return (
      this.db.prepare('SELECT * FROM appointments WHERE business_day = ? ORDER BY slot_start').all(businessDay) as Row[]
    ).map(fromRow);
  }

  sealed(id: string): string | null {
    return (
      (
        this.db.prepare('SELECT holder_sealed FROM appointments WHERE id = ?').get(id) as
          { holder_sealed: string | null } | undefined
      )?.holder_sealed ?? null
    );
  }

  /** Drops sealed personal data of bookings whose slot ended before `beforeIso`. */
  purgePersonalData(beforeIso: string): number {
    return this.db
      .prepare('UPDATE appointments SET holder_sealed = NULL WHERE holder_sealed IS NOT NULL AND slot_end < ?')
      .run(beforeIso).changes;
  }

  /** The booking whose ticket was voided unprinted is open again. */
  reopenForTicket(ticketId: string): void {
    this.db
      .prepare("UPDATE appointments SET status = 'booked', ticket_id = NULL, checked_in_at = NULL WHERE ticket_id = ?")
      .run(ticketId);
  }

  markCheckedIn(id: string, ticketId: string, at: string): void {
    const changed = this.db
      .prepare(
        "UPDATE appointments SET status = 'checked-in', ticket_id = ?, checked_in_at = ? WHERE id = ? AND status = 'booked'",
      )
      .run(ticketId, at, id).changes;
    // Guards the one-check-in rule at the storage level too; rolls the whole command back.
    if (changed !== 1) throw new Error(`appointment ${id} was not open for check-in`);
  }

  cancel(id: string): boolean {
    return (
      this.db.prepare("UPDATE appointments SET status = 'cancelled' WHERE id = ? AND status = 'booked'").run(id)
        .changes === 1
    );
  }

  openPast(slotEndBefore: string, dayBefore: string): AppointmentRecord[] {
    return (
      this.db
        .prepare(
          "SELECT * FROM appointments WHERE status = 'booked' AND (business_day < ? OR slot_end < ?) ORDER BY slot_start",
        )
        .all(dayBefore, slotEndBefore) as Row[]
    ).map(fromRow);
  }

  markNoShow(id: string): boolean {
    return (
      this.db.prepare("UPDATE appointments SET status = 'no-show' WHERE id = ? AND status = 'booked'").run(id)
        .changes === 1
    );
  }
}
