import {
  maskIdNumber,
  maskName,
  type IssuedTicket,
  type IssueTicketPayload,
  type TicketSource,
  type TicketView,
} from '@onedoor/protocol';
import type { QueueCommand } from '../../domain/queue/queue.commands.js';
import { estimateWait, peopleAhead } from '../../domain/queue/queue.js';
import type { Result } from '../../domain/result.js';
import { formatLocal } from '../../domain/time/hall-time.js';
import { internalError } from '../pipeline.js';
import type { Actor } from '../ports.js';
import { applyQueueCommand } from './queue-change.js';
import type { QueueContext } from './queue-context.js';
import { ticketView } from './views.js';

/** Takes a number (kiosk or window); a real-name ticket keeps the holder sealed, masked on everything public. */
export function issueTicket(
  ctx: QueueContext,
  payload: IssueTicketPayload & { priority?: 'normal' | 'green' },
  source: TicketSource,
  actor: Actor,
  requestId?: string,
): Promise<Result<IssuedTicket>> {
  const { vault } = ctx;
  const holder = payload.holder
    ? {
        key: vault.lookupKey(payload.holder.idNumber),
        nameMasked: maskName(payload.holder.name),
        idMasked: maskIdNumber(payload.holder.idNumber),
      }
    : undefined;
  const sealed = payload.holder
    ? vault.seal({ name: payload.holder.name, idNumber: payload.holder.idNumber, phone: payload.phone })
    : null;
  return ctx.pipeline.submit<IssuedTicket>(
    actor,
    (scope) => {
      const command: QueueCommand = {
        type: 'issue',
        serviceId: payload.serviceId,
        priority: payload.priority ?? 'normal',
        source,
        ...(holder ? { holder } : {}),
      };
      const out = applyQueueCommand(ctx, command, scope);
      if ('error' in out) return out;
      const issued = out.events.find((e) => e.type === 'ticket.issued');
      if (!issued || issued.type !== 'ticket.issued') return { error: internalError() };
      if (sealed) ctx.queue.sealHolder(issued.ticket.id, sealed);
      return { value: issuedView(ctx, issued.ticket.id), change: out.change };
    },
    requestId,
  );
}

/**
 * The kiosk could not print the ticket: void it so it is never called and, when it came from an appointment
 * check-in, open the booking again so the visitor can check in once the printer works.
 */
export function voidUnprinted(
  ctx: QueueContext,
  ticketId: string,
  reason: string,
  actor: Actor,
  requestId?: string,
): Promise<Result<TicketView>> {
  return ctx.pipeline.submit<TicketView>(
    actor,
    (scope) => {
      const out = applyQueueCommand(ctx, { type: 'void', ticketId, reason: `print-failed: ${reason}`.trim() }, scope);
      if ('error' in out) return out;
      ctx.appointments.reopenForTicket(ticketId);
      const t = ctx.memory.state.tickets.get(ticketId);
      if (!t) return { error: internalError() };
      return { value: ticketView(t), change: out.change };
    },
    requestId,
  );
}

/** What the visitor is told and the printer prints for a fresh ticket. */
export function issuedView(ctx: QueueContext, ticketId: string): IssuedTicket {
  const { config, clock, memory } = ctx;
  const state = memory.state;
  const ticket = state.tickets.get(ticketId)!;
  const service = state.services.get(ticket.serviceId)!;
  const now = clock.now();
  const estimate = estimateWait(state, ticket.serviceId, now);
  const base = config.hall.publicUrl ?? `http://localhost:${config.server.port}`;
  // In the fair order, not by issue time: a 绿色通道 ticket behind five normal ones is called third.
  const ahead = peopleAhead(state, ticket.id, now) ?? 0;
  return {
    ticket: ticketView(ticket),
    hallName: config.hall.name,
    serviceName: service.name,
    peopleAhead: ahead,
    estimatedWaitMinutes: Math.round((estimate.minutes * ahead) / Math.max(1, estimate.peopleAhead)),
    progressUrl: `${base.replace(/\/$/, '')}/t/${ticket.id}`,
    issuedAtLocal: formatLocal(Date.parse(ticket.issuedAt), config.hall.timeZone),
    notice: '请留意叫号，过号请到窗口咨询',
    timeZone: config.hall.timeZone,
    hallNameEn: config.hall.nameEn || config.hall.name,
    serviceNameEn: service.nameEn || service.name,
    noticeEn: 'Watch for your number; if you miss it, ask at a window',
  };
}
