import { appError, type CheckInResult } from '@onedoor/protocol';
import { decideCheckIn } from '../../domain/appointments/check-in.js';
import type { Result } from '../../domain/result.js';
import { formatLocal } from '../../domain/time/hall-time.js';
import { internalError } from '../pipeline.js';
import type { Actor } from '../ports.js';
import { applyQueueCommand } from '../queue/queue-change.js';
import type { QueueContext } from '../queue/queue-context.js';
import { issuedView } from '../queue/tickets.js';
import { appointmentView } from './appointment-view.js';

/**
 * Appointment check-in at the kiosk, by code or by ID card: on time → a 预约 priority ticket; otherwise what the
 * hall's rules say. The booking is marked used in the same transaction as the ticket is issued.
 */
export function checkIn(
  ctx: QueueContext,
  payload: { code?: string | undefined; idNumber?: string | undefined },
  actor: Actor,
  requestId?: string,
): Promise<Result<CheckInResult>> {
  const { vault, config, clock, appointments, memory } = ctx;
  const holderKey = payload.idNumber ? vault.lookupKey(payload.idNumber) : null;
  return ctx.pipeline.submit<CheckInResult>(
    actor,
    (scope) => {
      const now = clock.now();
      const tz = config.hall.timeZone;
      const today = memory.state.businessDay;
      const found = payload.code
        ? appointments.findByCode(payload.code)
        : (appointments.findForHolder(holderKey!, today)[0] ?? null);
      if (!found || found.status === 'cancelled') {
        return {
          error: payload.code
            ? appError(
                'APPOINTMENT_NOT_FOUND',
                '没有找到该预约码（或预约已取消），请核对后重新输入，或直接取号',
                'no booking with this code (or it was cancelled)',
              )
            : appError(
                'APPOINTMENT_NOT_FOUND',
                '没有找到您今天的预约，请核对预约日期，或直接取号',
                'no booking for this ID card today',
              ),
        };
      }
      const slotStart = Date.parse(found.slotStart);
      const slotEnd = Date.parse(found.slotEnd);
      const decision = decideCheckIn(
        { status: found.status, slotStart, slotEnd },
        now,
        config.appointments,
        found.businessDay === today,
      );
      const slotText = `${formatLocal(slotStart, tz)}–${formatLocal(slotEnd, tz).slice(11)}`;
      switch (decision.kind) {
        case 'cancelled':
        case 'used':
          return {
            error: appError(
              'APPOINTMENT_USED',
              '该预约已签到过，请留意叫号',
              'this booking has already been checked in',
            ),
          };
        case 'too-early':
          return {
            error: appError(
              'APPOINTMENT_TOO_EARLY',
              `您预约的时段是 ${slotText}，请于 ${formatLocal(decision.opensAt, tz)} 之后签到；也可以现在直接取普通号`,
              `your slot is ${slotText}; check in after ${formatLocal(decision.opensAt, tz)}, or take a normal ticket now`,
            ),
          };
        case 'too-late':
          return {
            error: appError(
              'APPOINTMENT_TOO_LATE',
              `您预约的时段 ${slotText} 已过，预约已失效，请直接取号或重新预约`,
              `your slot ${slotText} has passed; take a normal ticket or book again`,
            ),
          };
        case 'on-time':
        case 'late-walk-in':
          break;
      }
      const out = applyQueueCommand(
        ctx,
        {
          type: 'issue',
          serviceId: found.serviceId,
          priority: decision.kind === 'on-time' ? 'appointment' : 'normal',
          source: 'appointment',
          holder: { key: found.holderKey, nameMasked: found.holderName, idMasked: found.holderId },
        },
        scope,
      );
      if ('error' in out) return out;
      const issued = out.events.find((e) => e.type === 'ticket.issued');
      if (!issued || issued.type !== 'ticket.issued') return { error: internalError() };
      const sealed = appointments.sealed(found.id);
      if (sealed) ctx.queue.sealHolder(issued.ticket.id, sealed);
      appointments.markCheckedIn(found.id, issued.ticket.id, new Date(now).toISOString());
      const value: CheckInResult = {
        outcome: decision.kind,
        appointment: appointmentView(appointments.findById(found.id)!),
        issued: issuedView(ctx, issued.ticket.id),
        message:
          decision.kind === 'on-time' ? '签到成功，您将优先办理' : `您已超过预约时段 ${slotText}，已为您取普通号`,
        messageEn:
          decision.kind === 'on-time'
            ? 'checked in: you will be served with priority'
            : `you are past your slot ${slotText}: here is a normal ticket`,
      };
      return { value, change: out.change };
    },
    requestId,
  );
}
