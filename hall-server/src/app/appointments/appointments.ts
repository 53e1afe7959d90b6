import {
  appError,
  appointmentInputSchema,
  type AppError,
  maskIdNumber,
  maskName,
  type AppointmentInput,
  type AppointmentView,
  type CheckInResult,
} from '@onedoor/protocol';
import type { z } from 'zod';
import { type Result, failure } from '../../domain/result.js';
import { businessDayOf } from '../../domain/time/hall-time.js';
import type { Actor, AppointmentStore } from '../ports.js';
import type { QueueContext } from '../queue/queue-context.js';
import { appointmentView } from './appointment-view.js';
import { checkIn } from './check-in.js';

export type BookingInput = z.output<typeof appointmentInputSchema>;

/** Bookings (预约): made at the console or synced from the platform, checked in at the kiosk. */
export class Appointments {
  constructor(private readonly ctx: QueueContext) {}

  private get store(): AppointmentStore {
    return this.ctx.appointments;
  }

  /** Today's bookings, masked. */
  today(): AppointmentView[] {
    return this.store.listDay(this.ctx.memory.state.businessDay).map(appointmentView);
  }

  /** Books or changes a booking; the personal data is sealed at once and the code must be free. */
  book(input: BookingInput, actor: Actor): Promise<Result<AppointmentView>> {
    const { memory, vault, pipeline } = this.ctx;
    if (!memory.state.services.has(input.serviceId))
      return Promise.resolve(
        failure(appError('BAD_REQUEST', `业务 ${input.serviceId} 不存在`, `unknown service ${input.serviceId}`)),
      );
    const sealed = vault.seal({ name: input.holder.name, idNumber: input.holder.idNumber, phone: input.phone });
    return pipeline.record<AppointmentView>(actor, () => {
      const saved = this.writeBooking(input, sealed);
      if ('error' in saved) return saved;
      const a = saved.value;
      return {
        value: a,
        eventType: 'appointment.booked',
        payload: { id: a.id, code: a.code, serviceId: a.serviceId, slotStart: a.slotStart },
      };
    });
  }

  /**
   * The write of a booking, inside a command (book, the platform sync): the code must be free; a booking already
   * checked in keeps what it was. `sealed` is the holder's personal data, sealed by the caller.
   */
  writeBooking(input: BookingInput, sealed: string): { error: AppError } | { value: AppointmentView } {
    const { vault, config, clock } = this.ctx;
    const clash = this.store.findByCode(input.code);
    if (clash && clash.id !== input.id)
      return {
        error: appError('CONFLICT', `预约码 ${input.code} 已被使用`, `appointment code ${input.code} is taken`),
      };
    this.store.upsert({
      id: input.id,
      code: input.code,
      serviceId: input.serviceId,
      matter: input.matter,
      holderKey: vault.lookupKey(input.holder.idNumber),
      holderName: maskName(input.holder.name),
      holderId: maskIdNumber(input.holder.idNumber),
      sealed,
      slotStart: input.slotStart,
      slotEnd: input.slotEnd,
      businessDay: businessDayOf(Date.parse(input.slotStart), config.hall.timeZone, config.hall.resetTime),
      channel: input.channel,
      platformRef: input.platformRef ?? null,
      createdAt: new Date(clock.now()).toISOString(),
    });
    return { value: appointmentView(this.store.findById(input.id)!) };
  }

  /**
   * Books the bookings `make` returns for today (demo halls), unless today already has some; returns today's codes.
   * Written directly, without an event: seeding runs at start, before any client is connected.
   */
  seedToday(make: (now: number, dayCode: string) => AppointmentInput[]): string[] {
    const { memory, vault, clock } = this.ctx;
    const day = memory.state.businessDay;
    const booked = this.store.listDay(day);
    if (booked.length > 0) return booked.map((a) => a.code);
    const now = clock.now();
    return make(now, day.slice(5).replace('-', '')).map((input) => {
      const a = appointmentInputSchema.parse(input);
      this.store.upsert({
        id: a.id,
        code: a.code,
        serviceId: a.serviceId,
        matter: a.matter,
        holderKey: vault.lookupKey(a.holder.idNumber),
        holderName: maskName(a.holder.name),
        holderId: maskIdNumber(a.holder.idNumber),
        sealed: vault.seal({ name: a.holder.name, idNumber: a.holder.idNumber }),
        slotStart: a.slotStart,
        slotEnd: a.slotEnd,
        // Filed under the day they are seeded for, even when a slot runs past midnight (a demo started at 22:30 has
        // its "later today" booking after 00:00): a restart lists the day's bookings and must find every printed code.
        businessDay: day,
        channel: a.channel,
        platformRef: null,
        createdAt: new Date(now).toISOString(),
      });
      return a.code;
    });
  }

  checkIn(
    payload: { code?: string | undefined; idNumber?: string | undefined },
    actor: Actor,
    requestId?: string,
  ): Promise<Result<CheckInResult>> {
    return checkIn(this.ctx, payload, actor, requestId);
  }
}
