import type { ServiceConfig } from '@onedoor/protocol';
import { callingWindow, nextTicketFor, positionAt, type CallingWindow } from './queue.ordering.js';
import type { QueueState, Ticket } from './queue.types.js';

/** Minutes per visitor assumed for a service nobody has configured (matches the protocol default). */
const FALLBACK_SERVICE_MINUTES = 8;

/** 'A001': the service prefix plus seqNo, zero-padded to `width` (default: the digits of rangeEnd). */
export function formatTicketNumber(
  service: Pick<ServiceConfig, 'prefix' | 'rangeEnd' | 'width'>,
  seqNo: number,
): string {
  const width = service.width ?? String(service.rangeEnd).length;
  return service.prefix + String(seqNo).padStart(width, '0');
}

/** Waiting, called, serving and suspended tickets, in queue order (sortKey, then seqNo). */
export function activeTickets(state: QueueState): Ticket[] {
  return [...state.index.active.values()].sort((a, b) => a.sortKey - b.sortKey || a.seqNo - b.seqNo);
}

/** Open, enabled windows with a signed-in clerk that call this service. */
export function windowsServing(state: QueueState, serviceId: string): string[] {
  const ids: string[] = [];
  for (const { config, runtime } of state.windows.values()) {
    if (!config.enabled || runtime.state !== 'open' || runtime.clerkId === null) continue;
    if (config.services.some((s) => s.serviceId === serviceId)) ids.push(config.id);
  }
  return ids;
}

/**
 * What a visitor taking a number now is told: the people waiting for the service, and minutes =
 * people × average of the recent service times (or the service's default) ÷ staffed open windows serving it.
 * `now` is accepted so the estimate can later weigh in time of day without changing callers.
 */
export function estimateWait(
  state: QueueState,
  serviceId: string,
  _now: number,
): { peopleAhead: number; minutes: number } {
  const peopleAhead = state.index.counts.get(serviceId)?.waiting ?? 0;
  const samples = state.serviceMinutes.get(serviceId) ?? [];
  const perVisitor =
    samples.length > 0
      ? samples.reduce((sum, m) => sum + m, 0) / samples.length
      : (state.services.get(serviceId)?.defaultServiceMinutes ?? FALLBACK_SERVICE_MINUTES);
  const windows = Math.max(1, windowsServing(state, serviceId).length);
  return { peopleAhead, minutes: Math.round((peopleAhead * perVisitor) / windows) };
}

/**
 * How many people will be called before this waiting ticket, in the fair order (priority classes, interleave, aging;
 * see `callOrder`): at the window it was transferred to, else at the staffed window serving its service that reaches it
 * soonest, else — nobody serves it yet — at a window that would serve its service alone. Null unless it is waiting.
 */
export function peopleAhead(state: QueueState, ticketId: string, now: number): number | null {
  const ticket = state.tickets.get(ticketId);
  if (!ticket || ticket.status !== 'waiting') return null;
  const position = (window: CallingWindow): number => positionAt(state, window, ticket, now);
  if (ticket.targetWindowId !== null) {
    const target = callingWindow(state, ticket.targetWindowId);
    return target ? Math.max(0, position(target)) : 0;
  }
  const staffed = windowsServing(state, ticket.serviceId)
    .map((id) => callingWindow(state, id))
    .filter((w): w is CallingWindow => w !== null);
  const alone: CallingWindow = {
    id: '',
    services: [{ serviceId: ticket.serviceId, order: 1 }],
    normalsSincePriority: 0,
  };
  const windows = staffed.length > 0 ? staffed : [alone];
  // Windows that serve the same services in the same order, owe the same interleave and have nobody transferred to them
  // place the ticket alike: a hall of 300 windows on one service asked the same question 300 times per ticket.
  const byLikeness = new Map<string, number>();
  let best = Infinity;
  for (const window of windows) {
    const alike = state.index.targeted.get(window.id)?.size
      ? null
      : `${servicesKey(window.services)}|${window.normalsSincePriority}`;
    let place = alike === null ? undefined : byLikeness.get(alike);
    if (place === undefined) {
      place = position(window);
      if (alike !== null) byLikeness.set(alike, place);
    }
    best = Math.min(best, place);
  }
  return best;
}

const servicesKeys = new WeakMap<readonly { serviceId: string; order: number }[], string>();

/** A window's services and their order as text, remembered per configuration (its array lives until a reconfigure). */
function servicesKey(services: readonly { serviceId: string; order: number }[]): string {
  let key = servicesKeys.get(services);
  if (key === undefined) {
    key = services.map((s) => `${s.serviceId}:${s.order}`).join(',');
    servicesKeys.set(services, key);
  }
  return key;
}

/** Windows that should call by themselves now: autoCall, enabled, open, signed in, idle, and someone to call. */
export function autoCallWindows(state: QueueState, now: number): string[] {
  const ids: string[] = [];
  for (const { config, runtime } of state.windows.values()) {
    if (!config.autoCall || !config.enabled || runtime.state !== 'open' || runtime.clerkId === null) continue;
    if (runtime.currentTicketId !== null) continue;
    if (nextTicketFor(state, config.id, now)) ids.push(config.id);
  }
  return ids;
}
