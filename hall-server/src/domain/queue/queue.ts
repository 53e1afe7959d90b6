import type { ServiceConfig, WindowConfig } from '@onedoor/protocol';
import { failure, success, type Result } from '../result.js';
import { isWithinOpeningHours } from '../time/hall-time.js';
import type { QueueCommand } from './queue.commands.js';
import { queueErrors as errors } from './queue.errors.js';
import type { QueueEvent } from './queue.events.js';
import { callClassOf, isPriorityCall, isServedBy, nextTicketFor } from './queue.ordering.js';
import { emptyTicketIndex, rebuildTicketIndex, ticketsOfHolder } from './queue.index.js';
import { formatTicketNumber } from './queue.queries.js';
import type { DomainContext, QueueRules, QueueState, Ticket, WindowRuntime } from './queue.types.js';

export { nextTicketFor, callOrder, callClassOf, isPriorityCall, isServedBy, type CallClass } from './queue.ordering.js';
export { ACTIVE_STATUSES, countByStatus } from './queue.index.js';
export {
  activeTickets,
  autoCallWindows,
  estimateWait,
  formatTicketNumber,
  peopleAhead,
  windowsServing,
} from './queue.queries.js';
export { project, commitChanges, type QueueChanges } from './queue.project.js';

/** The rules a hall gets unless its config says otherwise. */
export const DEFAULT_QUEUE_RULES: QueueRules = Object.freeze({
  normalPerPriority: 2,
  agingMinutes: 30,
  maxRecalls: 3,
  reactivateWithinMinutes: 30,
  reactivatePlaceBehind: 2,
  serviceTimeSamples: 20,
});

/** The void reason the kiosk flow uses when a ticket could not be printed. */
export const PRINT_FAILED_REASON = 'print-failed';
/** The abandon reason of tickets still open when the business day ends. */
export const DAY_RESET_REASON = 'day-reset';

/** A window nobody has signed in to yet. */
export function closedWindowRuntime(windowId: string): WindowRuntime {
  return {
    windowId,
    state: 'closed',
    pauseReason: null,
    clerkId: null,
    clerkName: null,
    currentTicketId: null,
    normalsSincePriority: 0,
    stateSince: null,
  };
}

/** Builds a QueueState from plain lists (as loaded from storage or written in tests). */
export function createQueueState(args: {
  businessDay: string;
  rules?: Partial<QueueRules>;
  services?: Iterable<ServiceConfig>;
  windows?: Iterable<WindowConfig>;
  runtimes?: Iterable<WindowRuntime>;
  tickets?: Iterable<Ticket>;
  lastNumber?: Iterable<readonly [string, number]>;
  serviceMinutes?: Iterable<readonly [string, number[]]>;
}): QueueState {
  const services = new Map([...(args.services ?? [])].map((s) => [s.id, s]));
  const runtimes = new Map([...(args.runtimes ?? [])].map((r) => [r.windowId, r]));
  const windows = new Map(
    [...(args.windows ?? [])].map((config) => [
      config.id,
      { config, runtime: runtimes.get(config.id) ?? closedWindowRuntime(config.id) },
    ]),
  );
  const tickets = new Map(
    [...(args.tickets ?? [])].filter((t) => t.businessDay === args.businessDay).map((t) => [t.id, t]),
  );
  const lastNumber = new Map(args.lastNumber ?? []);
  // Safety net against a lost counter: never hand out a number a loaded ticket already carries.
  for (const ticket of tickets.values()) {
    const service = services.get(ticket.serviceId);
    if (service && ticket.number === formatTicketNumber(service, ticket.seqNo)) {
      lastNumber.set(service.id, Math.max(lastNumber.get(service.id) ?? 0, ticket.seqNo));
    }
  }
  const state: QueueState = {
    businessDay: args.businessDay,
    // An explicit undefined (e.g. an unset config field) keeps the default.
    rules: {
      ...DEFAULT_QUEUE_RULES,
      ...Object.fromEntries(Object.entries(args.rules ?? {}).filter(([, value]) => value !== undefined)),
    },
    services,
    windows,
    tickets,
    lastNumber,
    serviceMinutes: new Map([...(args.serviceMinutes ?? [])].map(([id, samples]) => [id, [...samples]])),
    index: emptyTicketIndex(),
  };
  rebuildTicketIndex(state);
  return state;
}

// ---------- decide ----------

type Command<T extends QueueCommand['type']> = Extract<QueueCommand, { type: T }>;
type WindowEntry = { config: WindowConfig; runtime: WindowRuntime };
type Decision = Result<QueueEvent[]>;

/** Shared per-command inputs: the state to read, the injected context, and the ISO time stamped on every event. */
interface Scope {
  state: QueueState;
  ctx: DomainContext;
  at: string;
}

/**
 * Validates a command against the state and returns the events it causes (several for one command, e.g.
 * done + called + window.changed). Never mutates the state: apply the events with project + commitChanges.
 */
export function decide(state: QueueState, command: QueueCommand, ctx: DomainContext): Decision {
  const scope: Scope = { state, ctx, at: new Date(ctx.now).toISOString() };
  switch (command.type) {
    case 'issue':
      return decideIssue(scope, command);
    case 'call-next':
      return decideCallNext(scope, command);
    case 'call':
      return decideCall(scope, command);
    case 'recall':
      return decideRecall(scope, command);
    case 'start':
      return decideStart(scope, command);
    case 'finish':
      return decideFinish(scope, command);
    case 'no-show':
      return decideNoShow(scope, command);
    case 'reactivate':
      return decideReactivate(scope, command);
    case 'transfer':
      return decideTransfer(scope, command);
    case 'suspend':
      return decideSuspend(scope, command);
    case 'resume':
      return decideResume(scope, command);
    case 'sign-in':
      return decideSignIn(scope, command);
    case 'sign-out':
      return decideSignOut(scope, command);
    case 'open':
      return decideOpen(scope, command);
    case 'pause':
      return decidePause(scope, command);
    case 'close':
      return decideClose(scope, command);
    case 'move-waiting':
      return decideMoveWaiting(scope, command);
    case 'move-clerk':
      return decideMoveClerk(scope, command);
    case 'void':
      return decideVoid(scope, command);
    case 'reset-day':
      return decideResetDay(scope, command);
  }
}

// ---------- helpers ----------

function windowChanged(scope: Scope, entry: WindowEntry, patch: Partial<WindowRuntime>): QueueEvent[] {
  // A pause is timed from the moment it began, not from the last change at the window (a call, a clerk moving in).
  const since = patch.state !== undefined && patch.state !== entry.runtime.state ? { stateSince: scope.at } : {};
  const runtime: WindowRuntime = { ...entry.runtime, ...patch, ...since, windowId: entry.config.id };
  const unchanged = (Object.keys(runtime) as (keyof WindowRuntime)[]).every((k) => runtime[k] === entry.runtime[k]);
  return unchanged ? [] : [{ type: 'window.changed', at: scope.at, windowId: entry.config.id, runtime }];
}

function findWindow(state: QueueState, windowId: string): Result<WindowEntry> {
  const entry = state.windows.get(windowId);
  return entry ? success(entry) : failure(errors.windowNotFound(windowId));
}

function findTicket(state: QueueState, ticketId: string): Result<Ticket> {
  const ticket = state.tickets.get(ticketId);
  return ticket ? success(ticket) : failure(errors.ticketNotFound(ticketId));
}

/** A window may call only when it is enabled, open and has a clerk. */
function callingWindow(state: QueueState, windowId: string): Result<WindowEntry> {
  const found = findWindow(state, windowId);
  if (!found.ok) return found;
  const { config, runtime } = found.value;
  if (!config.enabled) return failure(errors.windowDisabled(config));
  if (runtime.clerkId === null) return failure(errors.windowNotSignedIn(config));
  if (runtime.state !== 'open') return failure(errors.windowNotOpen(config, runtime));
  return found;
}

/** The window's current ticket if it is called or serving (the only statuses a current ticket can have). */
function currentTicket(state: QueueState, entry: WindowEntry): Ticket | null {
  const id = entry.runtime.currentTicketId;
  const ticket = id === null ? undefined : state.tickets.get(id);
  return ticket && (ticket.status === 'called' || ticket.status === 'serving') ? ticket : null;
}

/** Window plus its current ticket, which must be in one of `allowed`; `verb` words the refusal. */
function windowWithCurrent(
  state: QueueState,
  windowId: string,
  allowed: readonly Ticket['status'][],
  refuse: (ticket: Ticket) => [string, string],
): Result<{ entry: WindowEntry; ticket: Ticket }> {
  const found = findWindow(state, windowId);
  if (!found.ok) return found;
  const ticket = currentTicket(state, found.value);
  if (!ticket) return failure(errors.windowIdle(found.value.config));
  if (!allowed.includes(ticket.status)) return failure(errors.invalidTransition(...refuse(ticket)));
  return success({ entry: found.value, ticket });
}

function minutesBetween(fromIso: string, toMs: number): number {
  return Math.round((Math.max(0, toMs - Date.parse(fromIso)) / 60_000) * 100) / 100;
}

function doneEvent(scope: Scope, ticket: Ticket, windowId: string): QueueEvent {
  const since = ticket.servingAt ?? ticket.calledAt ?? ticket.issuedAt;
  return {
    type: 'ticket.done',
    at: scope.at,
    ticketId: ticket.id,
    windowId,
    serviceMinutes: minutesBetween(since, scope.ctx.now),
  };
}

/** Calls `ticket` at the window: the call plus the window's new runtime (current ticket, interleave counter). */
function callEvents(scope: Scope, entry: WindowEntry, ticket: Ticket): QueueEvent[] {
  const priority = isPriorityCall(callClassOf(ticket, scope.state.rules, scope.ctx.now));
  return [
    {
      type: 'ticket.called',
      at: scope.at,
      ticketId: ticket.id,
      windowId: entry.config.id,
      clerkId: entry.runtime.clerkId,
      recall: false,
    },
    ...windowChanged(scope, entry, {
      currentTicketId: ticket.id,
      normalsSincePriority: priority ? 0 : entry.runtime.normalsSincePriority + 1,
    }),
  ];
}

// ---------- issuing ----------

function decideIssue({ state, ctx, at }: Scope, command: Command<'issue'>): Decision {
  const service = state.services.get(command.serviceId);
  if (!service) return failure(errors.serviceNotFound(command.serviceId));
  if (!service.enabled) return failure(errors.serviceDisabled(service));
  if (!isWithinOpeningHours(service.openingHours, ctx.now, ctx.timeZone)) return failure(errors.serviceClosed(service));
  if (service.realName && !command.holder) return failure(errors.realNameRequired(service));

  const lastNumber = state.lastNumber.get(service.id) ?? 0;
  // Numbers are never reused, so the counter is also the count of tickets issued today.
  const issuedToday = Math.max(0, lastNumber - service.rangeStart + 1);
  if (service.dailyCap > 0 && issuedToday >= service.dailyCap) return failure(errors.dailyCapReached(service));
  const seqNo = Math.max(lastNumber, service.rangeStart - 1) + 1;
  if (seqNo > service.rangeEnd) return failure(errors.numberRangeExhausted(service));

  const holder = command.holder;
  if (holder && service.perPersonDailyLimit > 0) {
    let held = 0;
    for (const t of ticketsOfHolder(state, holder.key)) {
      // Voided tickets (e.g. the print failed) never reached the person, so they do not count.
      if (t.serviceId === service.id && t.status !== 'abandoned') held++;
    }
    if (held >= service.perPersonDailyLimit) return failure(errors.personLimitReached(service));
  }

  const ticket: Ticket = {
    id: ctx.newId(),
    serviceId: service.id,
    businessDay: state.businessDay,
    seqNo,
    number: formatTicketNumber(service, seqNo),
    status: 'waiting',
    priority: command.priority,
    source: command.source,
    issuedAt: at,
    sortKey: ctx.now,
    enqueuedAt: ctx.now,
    calledAt: null,
    servingAt: null,
    finishedAt: null,
    noShowAt: null,
    windowId: null,
    targetWindowId: null,
    clerkId: null,
    callCount: 0,
    holder: holder ? { key: holder.key, nameMasked: holder.nameMasked, idMasked: holder.idMasked } : null,
    abandonReason: null,
  };
  return success([{ type: 'ticket.issued', at, ticket }]);
}

function decideVoid(scope: Scope, command: Command<'void'>): Decision {
  const { state, at } = scope;
  const found = findTicket(state, command.ticketId);
  if (!found.ok) return found;
  const ticket = found.value;
  const reason = command.reason.trim();
  if (!reason) return failure(errors.badRequest('请填写作废原因', 'give a reason to void a ticket'));
  // A called ticket may be voided too: an auto-calling window can call a ticket before its print failure arrives.
  if (ticket.status !== 'waiting' && ticket.status !== 'called') {
    return failure(
      errors.invalidTransition(
        `${ticket.number} 已在办理或已结束，不能作废`,
        `only a waiting or called ticket can be voided, ${ticket.number} is ${ticket.status}`,
      ),
    );
  }
  const events: QueueEvent[] = [{ type: 'ticket.abandoned', at, ticketId: ticket.id, reason }];
  for (const entry of state.windows.values()) {
    if (entry.runtime.currentTicketId === ticket.id)
      events.push(...windowChanged(scope, entry, { currentTicketId: null }));
  }
  return success(events);
}

// ---------- calling ----------

function decideCallNext(scope: Scope, command: Command<'call-next'>): Decision {
  const { state, ctx } = scope;
  const found = callingWindow(state, command.windowId);
  if (!found.ok) return found;
  const entry = found.value;
  const current = currentTicket(state, entry);
  const events: QueueEvent[] = current ? [doneEvent(scope, current, entry.config.id)] : [];
  const next = nextTicketFor(state, entry.config.id, ctx.now);
  if (next) return success([...events, ...callEvents(scope, entry, next)]);
  if (!current) return failure(errors.noTicketWaiting(entry.config));
  // "Next" with nobody waiting still means the visitor at the window is done: a call pad has no other key.
  return success([...events, ...windowChanged(scope, entry, { currentTicketId: null })]);
}

function decideCall(scope: Scope, command: Command<'call'>): Decision {
  const { state } = scope;
  const found = callingWindow(state, command.windowId);
  if (!found.ok) return found;
  const entry = found.value;
  const target = findTicket(state, command.ticketId);
  if (!target.ok) return target;
  const ticket = target.value;
  if (ticket.status !== 'waiting') return failure(errors.ticketNotCallable(ticket));
  if (!isServedBy(state, ticket, entry.config.id)) return failure(errors.notServedHere(entry.config, ticket));
  const current = currentTicket(state, entry);
  const events: QueueEvent[] = current ? [doneEvent(scope, current, entry.config.id)] : [];
  return success([...events, ...callEvents(scope, entry, ticket)]);
}

function decideRecall(scope: Scope, command: Command<'recall'>): Decision {
  const { state, at } = scope;
  const found = windowWithCurrent(state, command.windowId, ['called'], (t) => [
    `${t.number} 已在办理中，无需重呼`,
    `ticket ${t.number} is already being served`,
  ]);
  if (!found.ok) return found;
  const { entry, ticket } = found.value;
  if (ticket.callCount - 1 >= state.rules.maxRecalls) {
    return failure(errors.recallLimitReached(ticket, state.rules.maxRecalls));
  }
  return success([
    {
      type: 'ticket.called',
      at,
      ticketId: ticket.id,
      windowId: entry.config.id,
      clerkId: entry.runtime.clerkId,
      recall: true,
    },
  ]);
}

function decideStart(scope: Scope, command: Command<'start'>): Decision {
  const found = windowWithCurrent(scope.state, command.windowId, ['called'], (t) => [
    `${t.number} 已在办理中`,
    `ticket ${t.number} is already being served`,
  ]);
  if (!found.ok) return found;
  const { entry, ticket } = found.value;
  return success([{ type: 'ticket.serving', at: scope.at, ticketId: ticket.id, windowId: entry.config.id }]);
}

function decideFinish(scope: Scope, command: Command<'finish'>): Decision {
  const found = windowWithCurrent(scope.state, command.windowId, ['called', 'serving'], (t) => [
    `${t.number} 不能办结`,
    `ticket ${t.number} cannot be finished`,
  ]);
  if (!found.ok) return found;
  const { entry, ticket } = found.value;
  return success([
    doneEvent(scope, ticket, entry.config.id),
    ...windowChanged(scope, entry, { currentTicketId: null }),
  ]);
}

function decideNoShow(scope: Scope, command: Command<'no-show'>): Decision {
  const found = windowWithCurrent(scope.state, command.windowId, ['called'], (t) => [
    `${t.number} 已开始办理，不能记为过号`,
    `ticket ${t.number} is being served, it cannot be a no-show`,
  ]);
  if (!found.ok) return found;
  const { entry, ticket } = found.value;
  return success([
    { type: 'ticket.no-show', at: scope.at, ticketId: ticket.id, windowId: entry.config.id },
    ...windowChanged(scope, entry, { currentTicketId: null }),
  ]);
}

// ---------- back into the queue ----------

function decideReactivate(scope: Scope, command: Command<'reactivate'>): Decision {
  const { state, ctx, at } = scope;
  const found = findTicket(state, command.ticketId);
  if (!found.ok) return found;
  const ticket = found.value;
  if (ticket.status !== 'no-show' || ticket.noShowAt === null) {
    return failure(
      errors.invalidTransition(
        `${ticket.number} 不是过号状态，无需恢复`,
        `only a no-show ticket can be reactivated, ${ticket.number} is ${ticket.status}`,
      ),
    );
  }
  if (command.windowId !== undefined) {
    const window = findWindow(state, command.windowId);
    if (!window.ok) return window;
    if (!isServedBy(state, ticket, command.windowId)) return failure(errors.notServedHere(window.value.config, ticket));
  }
  const within = state.rules.reactivateWithinMinutes;
  if (ctx.now - Date.parse(ticket.noShowAt) > within * 60_000)
    return failure(errors.reactivationExpired(ticket, within));

  // Right behind the N-th person waiting for the same service, or last when fewer wait.
  const ahead = [...state.index.active.values()]
    .filter((t) => t.status === 'waiting' && t.serviceId === ticket.serviceId)
    .sort((a, b) => a.sortKey - b.sortKey || a.seqNo - b.seqNo);
  const placeBehind = Math.max(0, state.rules.reactivatePlaceBehind);
  const before = placeBehind === 0 ? undefined : ahead[placeBehind - 1];
  const after = ahead[placeBehind];
  let sortKey: number;
  if (after === undefined) sortKey = Math.max(ctx.now, (ahead.at(-1)?.sortKey ?? ctx.now) + 1);
  else if (before === undefined) sortKey = after.sortKey - 1;
  else sortKey = (before.sortKey + after.sortKey) / 2;

  return success([
    {
      type: 'ticket.reactivated',
      at,
      ticketId: ticket.id,
      sortKey,
      enqueuedAt: ctx.now,
      windowId: command.windowId ?? null,
    },
  ]);
}

function decideTransfer(scope: Scope, command: Command<'transfer'>): Decision {
  const { state, ctx, at } = scope;
  const found = windowWithCurrent(state, command.windowId, ['called', 'serving'], (t) => [
    `${t.number} 不能转移`,
    `ticket ${t.number} cannot be transferred`,
  ]);
  if (!found.ok) return found;
  const { entry, ticket } = found.value;
  const { toServiceId, toWindowId } = command;
  if ((toServiceId === undefined) === (toWindowId === undefined)) {
    return failure(
      errors.badRequest('请选择转移到一个业务或一个窗口', 'transfer to exactly one service or one window'),
    );
  }
  let serviceId = ticket.serviceId;
  let targetWindowId: string | null = null;
  if (toServiceId !== undefined) {
    const service = state.services.get(toServiceId);
    if (!service) return failure(errors.serviceNotFound(toServiceId));
    if (!service.enabled) return failure(errors.serviceDisabled(service));
    if (toServiceId === ticket.serviceId) {
      return failure(
        errors.invalidTransition(
          `${ticket.number} 已在该业务队列中`,
          `ticket ${ticket.number} already is in this service`,
        ),
      );
    }
    serviceId = toServiceId;
  } else if (toWindowId !== undefined) {
    const target = findWindow(state, toWindowId);
    if (!target.ok) return target;
    if (!target.value.config.enabled) return failure(errors.windowDisabled(target.value.config));
    if (toWindowId === entry.config.id) {
      return failure(errors.invalidTransition('不能转移到本窗口', 'cannot transfer a ticket to its own window'));
    }
    targetWindowId = toWindowId;
  }
  // Keeping the issue time restores the visitor's place and aging clock as if never called.
  const sortKey = command.keepIssueTime ? ticket.sortKey : ctx.now;
  const enqueuedAt = command.keepIssueTime ? ticket.enqueuedAt : ctx.now;
  return success([
    {
      type: 'ticket.transferred',
      at,
      ticketId: ticket.id,
      fromWindowId: entry.config.id,
      toServiceId: serviceId,
      toWindowId: targetWindowId,
      sortKey,
      enqueuedAt,
    },
    ...windowChanged(scope, entry, { currentTicketId: null }),
  ]);
}

function decideSuspend(scope: Scope, command: Command<'suspend'>): Decision {
  const found = windowWithCurrent(scope.state, command.windowId, ['called', 'serving'], (t) => [
    `${t.number} 不能挂起`,
    `ticket ${t.number} cannot be suspended`,
  ]);
  if (!found.ok) return found;
  const { entry, ticket } = found.value;
  return success([
    { type: 'ticket.suspended', at: scope.at, ticketId: ticket.id, windowId: entry.config.id },
    ...windowChanged(scope, entry, { currentTicketId: null }),
  ]);
}

function decideResume(scope: Scope, command: Command<'resume'>): Decision {
  const { state, at } = scope;
  const found = findWindow(state, command.windowId);
  if (!found.ok) return found;
  const entry = found.value;
  const { config, runtime } = entry;
  if (!config.enabled) return failure(errors.windowDisabled(config));
  if (runtime.clerkId === null) return failure(errors.windowNotSignedIn(config));
  // A paused window may take back its own suspended visitor; only a closed one may not.
  if (runtime.state === 'closed') return failure(errors.windowNotOpen(config, runtime));
  if (runtime.currentTicketId !== null) {
    return failure(errors.windowBusy(config, state.tickets.get(runtime.currentTicketId)));
  }
  const target = findTicket(state, command.ticketId);
  if (!target.ok) return target;
  const ticket = target.value;
  if (ticket.status !== 'suspended') {
    return failure(
      errors.invalidTransition(`${ticket.number} 没有挂起，无需恢复`, `ticket ${ticket.number} is not suspended`),
    );
  }
  if (ticket.windowId !== config.id) return failure(errors.suspendedElsewhere(config, ticket));
  return success([
    { type: 'ticket.resumed', at, ticketId: ticket.id, windowId: config.id, clerkId: runtime.clerkId },
    ...windowChanged(scope, entry, { currentTicketId: ticket.id }),
  ]);
}

// ---------- window sessions ----------

function decideSignIn(scope: Scope, command: Command<'sign-in'>): Decision {
  const { state } = scope;
  const found = findWindow(state, command.windowId);
  if (!found.ok) return found;
  const entry = found.value;
  const { config, runtime } = entry;
  if (!config.enabled) return failure(errors.windowDisabled(config));
  if (runtime.currentTicketId !== null && runtime.clerkId !== command.clerkId) {
    return failure(errors.windowBusy(config, state.tickets.get(runtime.currentTicketId)));
  }
  // A window someone else is signed in to is theirs until they sign out (or a manager closes it): no takeover.
  if (runtime.clerkId !== null && runtime.clerkId !== command.clerkId) {
    return failure(errors.windowTaken(config, runtime.clerkName));
  }
  // One clerk sits at one window: signing in here ends an idle session elsewhere.
  const events: QueueEvent[] = [];
  for (const other of state.windows.values()) {
    if (other.config.id === config.id || other.runtime.clerkId !== command.clerkId) continue;
    if (other.runtime.currentTicketId !== null) return failure(errors.clerkBusyElsewhere(other.config));
    events.push(...windowChanged(scope, other, { state: 'closed', pauseReason: null, clerkId: null, clerkName: null }));
  }
  events.push(
    ...windowChanged(scope, entry, {
      state: 'open',
      pauseReason: null,
      clerkId: command.clerkId,
      clerkName: command.clerkName,
    }),
  );
  return success(events);
}

function decideSignOut(scope: Scope, command: Command<'sign-out'>): Decision {
  const found = findWindow(scope.state, command.windowId);
  if (!found.ok) return found;
  const entry = found.value;
  if (entry.runtime.currentTicketId !== null) {
    return failure(errors.windowBusy(entry.config, scope.state.tickets.get(entry.runtime.currentTicketId)));
  }
  return success(windowChanged(scope, entry, { state: 'closed', pauseReason: null, clerkId: null, clerkName: null }));
}

function decideOpen(scope: Scope, command: Command<'open'>): Decision {
  const found = findWindow(scope.state, command.windowId);
  if (!found.ok) return found;
  const entry = found.value;
  if (!entry.config.enabled) return failure(errors.windowDisabled(entry.config));
  if (entry.runtime.clerkId === null) return failure(errors.windowNotSignedIn(entry.config));
  return success(windowChanged(scope, entry, { state: 'open', pauseReason: null }));
}

function decidePause(scope: Scope, command: Command<'pause'>): Decision {
  const found = findWindow(scope.state, command.windowId);
  if (!found.ok) return found;
  const entry = found.value;
  const reason = command.reason.trim();
  if (!reason) return failure(errors.badRequest('请填写暂停原因', 'give a reason for the pause'));
  if (entry.runtime.state === 'closed') return failure(errors.windowNotOpen(entry.config, entry.runtime));
  // The current visitor is still served; pausing only stops new calls.
  return success(windowChanged(scope, entry, { state: 'paused', pauseReason: reason }));
}

function decideClose(scope: Scope, command: Command<'close'>): Decision {
  const found = findWindow(scope.state, command.windowId);
  if (!found.ok) return found;
  const entry = found.value;
  if (entry.runtime.currentTicketId !== null) {
    return failure(errors.windowBusy(entry.config, scope.state.tickets.get(entry.runtime.currentTicketId)));
  }
  return success(windowChanged(scope, entry, { state: 'closed', pauseReason: null }));
}

// ---------- the manager's floor actions ----------

/**
 * Every waiting ticket of one service goes to another, in one command. The sortKey and enqueuedAt stay, so each
 * ticket stands among the target's own tickets where its issue time puts it and its aging clock runs on: moving does
 * not push anyone back nor jump anyone ahead. A ticket transferred to one particular window stays where it is (a clerk
 * sent it there on purpose).
 */
function decideMoveWaiting(scope: Scope, command: Command<'move-waiting'>): Decision {
  const { state, at } = scope;
  const from = state.services.get(command.fromServiceId);
  if (!from) return failure(errors.serviceNotFound(command.fromServiceId));
  const to = state.services.get(command.toServiceId);
  if (!to) return failure(errors.serviceNotFound(command.toServiceId));
  if (from.id === to.id)
    return failure(errors.badRequest('请选择另一个业务', 'choose another service to move the tickets to'));
  if (!to.enabled) return failure(errors.serviceDisabled(to));
  const served = [...state.windows.values()].some(
    (w) => w.config.enabled && w.config.services.some((s) => s.serviceId === to.id),
  );
  if (!served)
    return failure(
      errors.badRequest(
        `没有窗口办理「${to.name}」，移过去的群众将无人叫号`,
        `no window serves service ${to.id}: the moved tickets would never be called`,
      ),
    );
  // Its bucket holds exactly them: waiting, of this service, transferred to no window.
  const moving = [...(state.index.waiting.get(from.id)?.tickets.values() ?? [])].sort((a, b) => a.sortKey - b.sortKey);
  if (moving.length === 0)
    return failure(
      errors.invalidTransition(`「${from.name}」没有等候中的号`, `nobody is waiting for service ${from.id}`),
    );
  return success(
    moving.map((t) => ({ type: 'ticket.moved', at, ticketId: t.id, fromServiceId: from.id, toServiceId: to.id })),
  );
}

/** The clerk of one window sits down at another: idle here (nobody at the counter), and the other window free. */
function decideMoveClerk(scope: Scope, command: Command<'move-clerk'>): Decision {
  const { state } = scope;
  const found = findWindow(state, command.fromWindowId);
  if (!found.ok) return found;
  const from = found.value;
  if (from.runtime.clerkId === null) return failure(errors.windowNotSignedIn(from.config));
  if (from.runtime.currentTicketId !== null)
    return failure(errors.windowBusy(from.config, state.tickets.get(from.runtime.currentTicketId)));
  const target = findWindow(state, command.toWindowId);
  if (!target.ok) return target;
  const to = target.value;
  if (to.config.id === from.config.id)
    return failure(errors.badRequest('请选择另一个窗口', 'choose another window to move the clerk to'));
  if (!to.config.enabled) return failure(errors.windowDisabled(to.config));
  if (to.runtime.clerkId !== null) return failure(errors.windowTaken(to.config, to.runtime.clerkName));
  const { clerkId, clerkName } = from.runtime;
  return success([
    ...windowChanged(scope, from, { state: 'closed', pauseReason: null, clerkId: null, clerkName: null }),
    ...windowChanged(scope, to, { state: 'open', pauseReason: null, clerkId, clerkName }),
  ]);
}

// ---------- the day ----------

function decideResetDay(scope: Scope, command: Command<'reset-day'>): Decision {
  const { state, at } = scope;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(command.businessDay)) {
    return failure(errors.badRequest('营业日格式应为 YYYY-MM-DD', 'business day must be YYYY-MM-DD'));
  }
  // Going back to a day would restart its counters and hand out its numbers a second time.
  if (command.businessDay <= state.businessDay) {
    return failure(
      errors.invalidTransition(
        `营业日只能向后切换（当前 ${state.businessDay}）`,
        `business day ${command.businessDay} is not after ${state.businessDay}`,
      ),
    );
  }
  const events: QueueEvent[] = [];
  for (const ticket of state.index.active.values()) {
    events.push({ type: 'ticket.abandoned', at, ticketId: ticket.id, reason: DAY_RESET_REASON });
  }
  for (const entry of state.windows.values()) {
    events.push(...windowChanged(scope, entry, { currentTicketId: null, normalsSincePriority: 0 }));
  }
  events.push({ type: 'day.reset', at, businessDay: command.businessDay });
  return success(events);
}
