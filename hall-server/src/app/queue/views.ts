import type { CallView, ServiceView, TicketView, WindowView } from '@onedoor/protocol';
import type { QueueState, Ticket } from '../../domain/queue/queue.types.js';
import { countByStatus, estimateWait } from '../../domain/queue/queue.js';
import { describeOpeningHours, describeOpeningHoursEn, isWithinOpeningHours } from '../../domain/time/hall-time.js';

/** The sentence shown and spoken for a call. */
export function callSentence(number: string, windowNumber: string): string {
  return `请 ${number} 号 到 ${windowNumber} 号窗口办理`;
}

export function ticketView(t: Ticket): TicketView {
  return {
    id: t.id,
    number: t.number,
    serviceId: t.serviceId,
    businessDay: t.businessDay,
    status: t.status,
    priority: t.priority,
    source: t.source,
    issuedAt: t.issuedAt,
    calledAt: t.calledAt,
    windowId: t.windowId,
    targetWindowId: t.targetWindowId,
    callCount: t.callCount,
    holderName: t.holder?.nameMasked ?? null,
    holderId: t.holder?.idMasked ?? null,
    realName: t.holder !== null,
  };
}

export function windowView(state: QueueState, windowId: string): WindowView {
  const entry = state.windows.get(windowId);
  if (!entry) throw new Error(`unknown window ${windowId}`);
  const { config, runtime } = entry;
  const current = runtime.currentTicketId ? state.tickets.get(runtime.currentTicketId) : undefined;
  return {
    id: config.id,
    number: config.number,
    name: config.name,
    kind: config.kind,
    zone: config.zone,
    state: runtime.state,
    pauseReason: runtime.pauseReason,
    clerkId: runtime.clerkId,
    clerkName: runtime.clerkName,
    stateSince: runtime.stateSince,
    currentTicketId: runtime.currentTicketId,
    currentNumber: current?.number ?? null,
    serviceIds: config.services.map((s) => s.serviceId),
  };
}

export function serviceView(state: QueueState, serviceId: string, now: number, timeZone: string): ServiceView {
  const config = state.services.get(serviceId);
  if (!config) throw new Error(`unknown service ${serviceId}`);
  const counts = countByStatus(state, serviceId);
  const issuedToday = Object.values(counts).reduce((a, b) => a + b, 0);
  return {
    id: config.id,
    name: config.name,
    nameEn: config.nameEn,
    group: config.group,
    prefix: config.prefix,
    realName: config.realName,
    enabled: config.enabled,
    openNow: config.enabled && isWithinOpeningHours(config.openingHours, now, timeZone),
    waiting: counts.waiting ?? 0,
    issuedToday,
    estimatedWaitMinutes: estimateWait(state, serviceId, now).minutes,
    sort: config.sort,
    matters: config.matterIds,
    hoursText: describeOpeningHours(config.openingHours),
    hoursTextEn: describeOpeningHoursEn(config.openingHours),
    groupEn: config.groupEn,
    perPersonDailyLimit: config.perPersonDailyLimit,
  };
}

export function callView(
  state: QueueState,
  seq: number,
  ticketId: string,
  recall: boolean,
  at: string,
  /** The window the call sent the visitor to, when it was not the ticket's current one (a replay from the log). */
  calledTo?: string,
): CallView {
  const ticket = state.tickets.get(ticketId);
  const windowId = calledTo ?? ticket?.windowId;
  if (!ticket || !windowId || !state.windows.has(windowId)) throw new Error(`ticket ${ticketId} has no window`);
  const window = state.windows.get(windowId)!.config;
  const service = state.services.get(ticket.serviceId)!;
  return {
    seq,
    ticketId,
    number: ticket.number,
    serviceId: ticket.serviceId,
    serviceName: service.name,
    windowId: window.id,
    windowNumber: window.number,
    windowName: window.name,
    holderName: ticket.holder?.nameMasked ?? null,
    recall,
    callCount: ticket.callCount,
    at,
    text: callSentence(ticket.number, window.number),
  };
}
