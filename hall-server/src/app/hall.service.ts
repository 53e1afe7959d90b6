import { EventEmitter } from 'node:events';
import {
  appError,
  maskIdNumber,
  maskName,
  type AppError,
  type CallView,
  type HallEvent,
  type HallEventType,
  type HallSnapshot,
  type CheckInResult,
  type IssuedTicket,
  type IssueTicketPayload,
  type ServiceConfig,
  type TicketSource,
  type TicketView,
  type WindowConfig,
  type WindowView,
  RECENT_CALLS_KEPT,
} from '@onedoor/protocol';
import type { HallConfig } from '../config/config.schema.js';
// eslint-disable-next-line no-restricted-imports -- TODO issue 8: app/ imports adapters until its ports exist
import type { Db } from '../adapters/db/database.js';
// eslint-disable-next-line no-restricted-imports -- TODO issue 8: app/ imports adapters until its ports exist
import type { QueueRepository } from '../adapters/db/queue.repository.js';
// eslint-disable-next-line no-restricted-imports -- TODO issue 8: app/ imports adapters until its ports exist
import type { PersonalDataVault } from '../adapters/crypto/secrets.js';
// eslint-disable-next-line no-restricted-imports -- TODO issue 8: app/ imports adapters until its ports exist
import { AppointmentRepository, appointmentView } from '../adapters/db/appointment.repository.js';
import { decideCheckIn } from '../domain/appointments/check-in.js';
import type { QueueCommand } from '../domain/queue/queue.commands.js';
import type { QueueEvent } from '../domain/queue/queue.events.js';
import type { QueueState } from '../domain/queue/queue.types.js';
import { activeTickets, autoCallWindows, commitChanges, decide, estimateWait, project } from '../domain/queue/queue.js';
import { businessDayOf, formatLocal, nextResetAt } from '../domain/time/hall-time.js';
import { type Result, failure, success } from '../domain/result.js';
import type { Clock, IdGenerator, Logger } from './ports.js';
import { callView, serviceView, ticketView, windowView } from './views.js';

export interface HallServiceDeps {
  config: HallConfig;
  db: Db;
  queue: QueueRepository;
  /** Defaults to the repository over `db`. */
  appointments?: AppointmentRepository;
  vault: PersonalDataVault;
  clock: Clock;
  ids: IdGenerator;
  log: Logger;
}

/** Who asked for a change: recorded with every event. */
export type Actor =
  { kind: 'staff'; staffId: string } | { kind: 'device'; deviceId: string } | { kind: 'system'; reason: string };

export interface HallServiceEvents {
  /** A committed change, in sequence order, with the domain events behind it. */
  'hall-event': [event: HallEvent, domainEvents: QueueEvent[]];
}

interface PendingCommand {
  work: () => { value: unknown; hallEvent: HallEvent | null; domainEvents: QueueEvent[] } | { error: AppError };
  resolve: (r: Result<unknown>) => void;
}

const internalError = (): AppError =>
  appError('INTERNAL', '服务器内部错误，请稍后再试', 'internal server error, please try again');

const actorText = (a: Actor): string =>
  a.kind === 'staff' ? `staff:${a.staffId}` : a.kind === 'device' ? `device:${a.deviceId}` : `system:${a.reason}`;

/**
 * The hall's one writer. Every command: validate (done at the edge) → domain decide → one SQLite transaction
 * (events + state rows) → in-memory commit → ack → broadcast. Commands arriving together share one transaction
 * (group commit) so a synchronous=FULL database still takes thousands of tickets a second.
 */
export class HallService extends EventEmitter<HallServiceEvents> {
  private state: QueueState;
  private seq: number;
  private notice: string;
  private pending: PendingCommand[] = [];
  private flushScheduled = false;
  private rolloverTimer: NodeJS.Timeout | null = null;
  private closed = false;
  private recentCallsCache: CallView[] = [];
  private readonly appointments: AppointmentRepository;

  constructor(private readonly deps: HallServiceDeps) {
    super();
    const { queue, config, clock } = deps;
    this.appointments = deps.appointments ?? new AppointmentRepository(deps.db);
    const today = businessDayOf(clock.now(), config.hall.timeZone, config.hall.resetTime);
    const storedDay = queue.getMeta('business_day');
    this.state = queue.loadState(config.queue, storedDay ?? today);
    if (!storedDay) queue.putMeta('business_day', today);
    this.seq = queue.lastSeq();
    this.notice = queue.getMeta('notice') ?? '';
    this.recentCallsCache = this.loadRecentCalls();
  }

  private loadRecentCalls(): CallView[] {
    return this.deps.queue
      .recentCalls(this.state.businessDay, RECENT_CALLS_KEPT)
      .filter((c) => this.state.tickets.get(c.ticketId)?.windowId)
      .map((c) => callView(this.state, c.seq, c.ticketId, c.recall, c.at));
  }

  get config(): HallConfig {
    return this.deps.config;
  }

  get hallId(): string {
    return this.deps.config.hall.id;
  }

  get currentSeq(): number {
    return this.seq;
  }

  get queueState(): QueueState {
    return this.state;
  }

  /** Starts the daily reset timer and performs a reset that was missed while the server was down. */
  async start(): Promise<void> {
    await this.rolloverIfDue();
    this.scheduleRollover();
  }

  stop(): void {
    this.closed = true;
    if (this.rolloverTimer) clearTimeout(this.rolloverTimer);
  }

  private scheduleRollover(): void {
    if (this.closed) return;
    const { clock, config } = this.deps;
    const now = clock.now();
    // Timers drift and sleep; wake at most hourly and re-check the business day.
    const wait = Math.min(
      Math.max(nextResetAt(now, config.hall.timeZone, config.hall.resetTime) - now + 50, 50),
      3_600_000,
    );
    this.rolloverTimer = setTimeout(() => {
      void this.rolloverIfDue().finally(() => this.scheduleRollover());
    }, wait);
    this.rolloverTimer.unref();
  }

  /** If the hall's business day has changed, abandons yesterday's open tickets and restarts numbering. */
  async rolloverIfDue(): Promise<boolean> {
    const { clock, config } = this.deps;
    const today = businessDayOf(clock.now(), config.hall.timeZone, config.hall.resetTime);
    if (today === this.state.businessDay) return false;
    const r = await this.runQueueCommand(
      { type: 'reset-day', businessDay: today },
      { kind: 'system', reason: 'daily-reset' },
    );
    if (!r.ok) this.deps.log.error({ error: r.error }, 'daily reset failed');
    return r.ok;
  }

  // ---------- queries ----------

  snapshot(): HallSnapshot {
    const { config, clock } = this.deps;
    const now = clock.now();
    return {
      seq: this.seq,
      hallId: config.hall.id,
      hallName: config.hall.name,
      businessDay: this.state.businessDay,
      serverTime: new Date(now).toISOString(),
      timeZone: config.hall.timeZone,
      notice: this.notice,
      services: [...this.state.services.keys()].map((id) => serviceView(this.state, id, now, config.hall.timeZone)),
      windows: [...this.state.windows.keys()].map((id) => windowView(this.state, id)),
      tickets: activeTickets(this.state).map(ticketView),
      recentCalls: this.recentCalls(),
    };
  }

  private recentCalls(): CallView[] {
    return this.recentCallsCache;
  }

  windowView(windowId: string): WindowView | null {
    return this.state.windows.has(windowId) ? windowView(this.state, windowId) : null;
  }

  ticketView(ticketId: string): TicketView | null {
    const t = this.state.tickets.get(ticketId);
    return t ? ticketView(t) : null;
  }

  /** The holder's full name and ID number, for staff only; every read is audited by the caller. */
  revealHolder(ticketId: string): { name: string; idNumber: string; phone?: string } | null {
    const sealed = this.deps.queue.readSealedHolder(ticketId);
    return sealed ? this.deps.vault.open(sealed) : null;
  }

  // ---------- commands ----------

  async issueTicket(
    payload: IssueTicketPayload & { priority?: 'normal' | 'green' },
    source: TicketSource,
    actor: Actor,
    requestId?: string,
  ): Promise<Result<IssuedTicket>> {
    const { vault } = this.deps;
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
    return this.submit<IssuedTicket>(requestId, () => {
      const command: QueueCommand = {
        type: 'issue',
        serviceId: payload.serviceId,
        priority: payload.priority ?? 'normal',
        source,
        ...(holder ? { holder } : {}),
      };
      const out = this.apply(command, actor);
      if ('error' in out) return out;
      const issued = out.domainEvents.find((e) => e.type === 'ticket.issued');
      if (!issued || issued.type !== 'ticket.issued') return { error: internalError() };
      const ticket = this.state.tickets.get(issued.ticket.id)!;
      if (sealed) this.deps.queue.sealHolder(ticket.id, sealed);
      const value = this.issuedView(ticket.id);
      return { ...out, value };
    });
  }

  /**
   * The kiosk could not print the ticket: void it so it is never called and, when it came from an appointment
   * check-in, open the booking again so the visitor can check in once the printer works.
   */
  async voidUnprinted(
    ticketId: string,
    reason: string,
    actor: Actor,
    requestId?: string,
  ): Promise<Result<TicketView | WindowView | null>> {
    return this.submit(requestId, () => {
      const out = this.apply({ type: 'void', ticketId, reason: `print-failed: ${reason}`.trim() }, actor);
      if ('error' in out) return out;
      this.appointments.reopenForTicket(ticketId);
      const t = this.state.tickets.get(ticketId);
      return { ...out, value: t ? ticketView(t) : null };
    });
  }

  /** What the visitor is told and the printer prints for a fresh ticket. */
  private issuedView(ticketId: string): IssuedTicket {
    const { config, clock } = this.deps;
    const ticket = this.state.tickets.get(ticketId)!;
    const service = this.state.services.get(ticket.serviceId)!;
    const estimate = estimateWait(this.state, ticket.serviceId, clock.now());
    const base = config.hall.publicUrl ?? `http://localhost:${config.server.port}`;
    // The new ticket is itself waiting: the people ahead are the others.
    const ahead = Math.max(0, estimate.peopleAhead - 1);
    return {
      ticket: ticketView(ticket),
      hallName: config.hall.name,
      serviceName: service.name,
      peopleAhead: ahead,
      estimatedWaitMinutes: Math.round((estimate.minutes * ahead) / Math.max(1, estimate.peopleAhead)),
      progressUrl: `${base.replace(/\/$/, '')}/t/${ticket.id}`,
      issuedAtLocal: formatLocal(Date.parse(ticket.issuedAt), config.hall.timeZone),
      notice: '请留意叫号，过号请到窗口咨询',
    };
  }

  /**
   * Appointment check-in at the kiosk, by code or by ID card: on time → a 预约 priority ticket; otherwise what the
   * hall's rules say. The booking is marked used in the same transaction as the ticket is issued.
   */
  async checkInAppointment(
    payload: { code?: string | undefined; idNumber?: string | undefined },
    actor: Actor,
    requestId?: string,
  ): Promise<Result<CheckInResult>> {
    const { vault, config, clock } = this.deps;
    const appointments = this.appointments;
    const holderKey = payload.idNumber ? vault.lookupKey(payload.idNumber) : null;
    return this.submit<CheckInResult>(requestId, () => {
      const now = clock.now();
      const tz = config.hall.timeZone;
      const today = this.state.businessDay;
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
      const priority = decision.kind === 'on-time' ? 'appointment' : 'normal';
      const out = this.apply(
        {
          type: 'issue',
          serviceId: found.serviceId,
          priority,
          source: 'appointment',
          holder: { key: found.holderKey, nameMasked: found.holderName, idMasked: found.holderId },
        },
        actor,
      );
      if ('error' in out) return out;
      const issued = out.domainEvents.find((e) => e.type === 'ticket.issued');
      if (!issued || issued.type !== 'ticket.issued') return { error: internalError() };
      const sealed = appointments.sealed(found.id);
      if (sealed) this.deps.queue.sealHolder(issued.ticket.id, sealed);
      appointments.markCheckedIn(found.id, issued.ticket.id, new Date(now).toISOString());
      const value: CheckInResult = {
        outcome: decision.kind,
        appointment: appointmentView(appointments.findById(found.id)!),
        issued: this.issuedView(issued.ticket.id),
        message:
          decision.kind === 'on-time' ? '签到成功，您将优先办理' : `您已超过预约时段 ${slotText}，已为您取普通号`,
        messageEn:
          decision.kind === 'on-time'
            ? 'checked in: you will be served with priority'
            : `you are past your slot ${slotText}: here is a normal ticket`,
      };
      return { ...out, value };
    });
  }

  async runQueueCommand(
    command: QueueCommand,
    actor: Actor,
    requestId?: string,
  ): Promise<Result<TicketView | WindowView | null>> {
    return this.submit(requestId, () => {
      const out = this.apply(command, actor);
      if ('error' in out) return out;
      return { ...out, value: this.resultView(command, out.domainEvents) };
    });
  }

  async setNotice(text: string, actor: Actor, requestId?: string): Promise<Result<{ notice: string }>> {
    return this.submit(requestId, () => {
      const seq = this.seq + 1;
      const at = new Date(this.deps.clock.now()).toISOString();
      this.deps.queue.appendEvent(seq, 'notice.changed', at, this.state.businessDay, actorText(actor), { text });
      this.deps.queue.putMeta('notice', text);
      this.seq = seq;
      this.notice = text;
      const hallEvent: HallEvent = {
        seq,
        type: 'notice.changed',
        at,
        tickets: [],
        windows: [],
        services: [],
        call: null,
        notice: text,
      };
      return { value: { notice: text }, hallEvent, domainEvents: [] };
    });
  }

  /** Adds or replaces services and windows (REST configuration); clients get a service.changed event. */
  async saveConfiguration(
    change: { services?: ServiceConfig[]; windows?: WindowConfig[] },
    actor: Actor,
  ): Promise<Result<null>> {
    return this.submit(undefined, () => {
      const at = new Date(this.deps.clock.now()).toISOString();
      for (const s of change.services ?? []) {
        this.deps.queue.saveService(s, at);
      }
      for (const w of change.windows ?? []) {
        for (const ref of w.services) {
          if (!this.state.services.has(ref.serviceId) && !change.services?.some((s) => s.id === ref.serviceId)) {
            throw new ConfigurationError(
              appError(
                'BAD_REQUEST',
                `窗口 ${w.name} 引用了不存在的业务 ${ref.serviceId}`,
                `window ${w.id} refers to unknown service ${ref.serviceId}`,
              ),
            );
          }
        }
        this.deps.queue.saveWindow(w, at);
      }
      const seq = this.seq + 1;
      this.deps.queue.appendEvent(seq, 'service.changed', at, this.state.businessDay, actorText(actor), change);
      for (const s of change.services ?? []) this.state.services.set(s.id, s);
      for (const w of change.windows ?? []) {
        const existing = this.state.windows.get(w.id);
        this.state.windows.set(w.id, {
          config: w,
          runtime: existing?.runtime ?? {
            windowId: w.id,
            state: 'closed',
            pauseReason: null,
            clerkId: null,
            clerkName: null,
            currentTicketId: null,
            normalsSincePriority: 0,
          },
        });
        if (!existing)
          this.deps.queue.saveChanges(
            seq,
            [],
            {
              tickets: [],
              windows: [this.state.windows.get(w.id)!.runtime],
              counters: [],
              serviceMinutes: [],
              businessDay: null,
            },
            this.state.businessDay,
            actorText(actor),
          );
      }
      this.seq = seq;
      const now = this.deps.clock.now();
      const hallEvent: HallEvent = {
        seq,
        type: 'service.changed',
        at,
        tickets: [],
        windows: (change.windows ?? []).map((w) => windowView(this.state, w.id)),
        services: (change.services ?? []).map((s) =>
          serviceView(this.state, s.id, now, this.deps.config.hall.timeZone),
        ),
        call: null,
      };
      return { value: null, hallEvent, domainEvents: [] };
    });
  }

  /**
   * Runs a write of another module (cases, catalog, evaluations) in the hall's one transaction pipeline: `work` does its
   * SQL, the change is appended to the event log under the next sequence number and broadcast as `case.changed`.
   * Throw ConfigurationError (or return `{ error }`) from `work` to refuse the change; nothing of it is kept.
   * Return `eventType: null` when the work found nothing to change.
   */
  async recordChange<T>(
    actor: Actor,
    work: () => { value: T; eventType: string | null; payload: unknown } | { error: AppError },
    requestId?: string,
  ): Promise<Result<T>> {
    return this.submit<T>(requestId, () => {
      const out = work();
      if ('error' in out) return out;
      // Nothing changed (eventType null): no sequence number, nobody told.
      if (out.eventType === null) return { value: out.value, hallEvent: null, domainEvents: [] };
      const seq = this.seq + 1;
      const at = new Date(this.deps.clock.now()).toISOString();
      this.deps.queue.appendEvent(seq, out.eventType, at, this.state.businessDay, actorText(actor), out.payload);
      this.seq = seq;
      const hallEvent: HallEvent = {
        seq,
        type: 'case.changed',
        at,
        tickets: [],
        windows: [],
        services: [],
        call: null,
      };
      return { value: out.value, hallEvent, domainEvents: [] };
    });
  }

  /**
   * A rating from a window's evaluator (好差评, 5 非常满意 … 1 非常不满意) for the visitor being served there, or the
   * one served last. One rating per ticket: a second press is refused, so a visitor cannot be rated twice.
   */
  async recordRating(
    windowId: string,
    level: number,
    actor: Actor & { kind: 'device' },
  ): Promise<Result<{ ticketId: string; level: number }>> {
    return this.recordChange<{ ticketId: string; level: number }>(actor, () => {
      const window = this.state.windows.get(windowId);
      if (!window)
        return { error: appError('NOT_FOUND', `窗口 ${windowId} 不存在`, `window ${windowId} does not exist`) };
      const current = window.runtime.currentTicketId
        ? this.state.tickets.get(window.runtime.currentTicketId)
        : undefined;
      const lastServed = [...this.state.tickets.values()]
        .filter((t) => t.windowId === windowId && t.status === 'done' && t.finishedAt)
        .sort((a, b) => (a.finishedAt! < b.finishedAt! ? 1 : -1))[0];
      const ticket = current ?? lastServed;
      if (!ticket)
        return {
          error: appError(
            'NOT_FOUND',
            '该窗口今天还没有办理过业务，无法评价',
            'nobody has been served at this window today',
          ),
        };
      const at = new Date(this.deps.clock.now()).toISOString();
      const inserted = this.deps.db
        .prepare(
          'INSERT OR IGNORE INTO evaluations (id, ticket_id, window_id, clerk_id, device_id, channel, level, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
        )
        .run(
          this.deps.ids.newId(),
          ticket.id,
          windowId,
          ticket.clerkId,
          actor.deviceId,
          'evaluator',
          level,
          at,
        ).changes;
      if (inserted === 0)
        return { error: appError('CONFLICT', `${ticket.number} 已评价过`, `${ticket.number} has already been rated`) };
      return {
        value: { ticketId: ticket.id, level },
        eventType: 'evaluation.recorded',
        payload: { ticketId: ticket.id, windowId, level, channel: 'evaluator' },
      };
    });
  }

  /** Runs after each committed batch: idle auto-call windows call their next visitor. */
  private runAutoCall(): void {
    const ids = autoCallWindows(this.state, this.deps.clock.now());
    for (const windowId of ids) {
      void this.runQueueCommand({ type: 'call-next', windowId }, { kind: 'system', reason: 'auto-call' });
    }
  }

  // ---------- pipeline ----------

  /** decide → project → persist (inside the open transaction) → commit to memory. Returns the hall event. */
  private apply(
    command: QueueCommand,
    actor: Actor,
  ): { hallEvent: HallEvent | null; domainEvents: QueueEvent[] } | { error: AppError } {
    const { clock, ids, config, queue } = this.deps;
    const now = clock.now();
    const decided = decide(this.state, command, { now, newId: () => ids.newId(), timeZone: config.hall.timeZone });
    if (!decided.ok) return { error: decided.error };
    const events = decided.value;
    // A command that changes nothing (a clerk signing in again) takes no sequence number and tells nobody.
    if (events.length === 0) return { hallEvent: null, domainEvents: [] };
    const changes = project(this.state, events);
    const seq = this.seq + 1;
    queue.saveChanges(seq, events, changes, this.state.businessDay, actorText(actor));
    // Nothing below throws: the database rows are written, memory follows.
    commitChanges(this.state, changes);
    this.seq = seq;
    return {
      hallEvent: this.toHallEvent(
        seq,
        events,
        changes.tickets.map((t) => t.id),
        changes.windows.map((w) => w.windowId),
        now,
      ),
      domainEvents: events,
    };
  }

  private toHallEvent(
    seq: number,
    events: QueueEvent[],
    ticketIds: string[],
    windowIds: string[],
    now: number,
  ): HallEvent {
    const tz = this.deps.config.hall.timeZone;
    const called = events.find((e) => e.type === 'ticket.called');
    const reset = events.find((e) => e.type === 'day.reset');
    let type: HallEventType;
    if (called && called.type === 'ticket.called') type = called.recall ? 'ticket.recalled' : 'ticket.called';
    else if (reset) type = 'day.reset';
    else type = events.find((e) => e.type !== 'window.changed')?.type ?? events[0]?.type ?? 'window.changed';
    const serviceIds = new Set<string>();
    const tickets = ticketIds.map((id) => this.state.tickets.get(id)).filter((t) => t !== undefined);
    for (const t of tickets) serviceIds.add(t.serviceId);
    for (const w of windowIds)
      for (const s of this.state.windows.get(w)?.config.services ?? []) serviceIds.add(s.serviceId);
    if (reset) for (const id of this.state.services.keys()) serviceIds.add(id);
    const at = events[0]?.at ?? new Date(now).toISOString();
    const call =
      called && called.type === 'ticket.called' ? callView(this.state, seq, called.ticketId, called.recall, at) : null;
    if (call) this.recentCallsCache = [call, ...this.recentCallsCache].slice(0, RECENT_CALLS_KEPT);
    if (reset) this.recentCallsCache = [];
    return {
      seq,
      type,
      at,
      tickets: tickets.map(ticketView),
      windows: windowIds.map((id) => windowView(this.state, id)),
      services: [...serviceIds]
        .filter((id) => this.state.services.has(id))
        .map((id) => serviceView(this.state, id, now, tz)),
      call,
      ...(reset && reset.type === 'day.reset' ? { businessDay: reset.businessDay } : {}),
    };
  }

  private resultView(command: QueueCommand, events: QueueEvent[]): TicketView | WindowView | null {
    switch (command.type) {
      case 'sign-in':
      case 'sign-out':
      case 'open':
      case 'pause':
      case 'close':
        return windowView(this.state, command.windowId);
      case 'reset-day':
        return null;
      default: {
        const ticketEvent = [...events].reverse().find((e) => 'ticketId' in e);
        const id = ticketEvent && 'ticketId' in ticketEvent ? ticketEvent.ticketId : null;
        const t = id ? this.state.tickets.get(id) : undefined;
        return t ? ticketView(t) : null;
      }
    }
  }

  private submit<T>(requestId: string | undefined, work: PendingCommand['work']): Promise<Result<T>> {
    if (this.closed)
      return Promise.resolve(failure(appError('UNAVAILABLE', '服务正在停止', 'the hall server is stopping')));
    return new Promise<Result<T>>((resolve) => {
      const wrapped: PendingCommand['work'] = () => {
        if (requestId) {
          const previous = this.deps.queue.findCommandResult(requestId);
          if (previous !== null) return { value: JSON.parse(previous) as unknown, hallEvent: null, domainEvents: [] };
        }
        const out = work();
        if (!('error' in out) && requestId)
          this.deps.queue.recordCommandResult(
            requestId,
            out.value ?? null,
            new Date(this.deps.clock.now()).toISOString(),
          );
        return out;
      };
      this.pending.push({ work: wrapped, resolve: resolve as (r: Result<unknown>) => void });
      if (!this.flushScheduled) {
        this.flushScheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  private flush(): void {
    this.flushScheduled = false;
    const batch = this.pending.splice(0);
    if (batch.length === 0) return;
    const { db, log } = this.deps;
    const results: Result<unknown>[] = [];
    const published: [HallEvent, QueueEvent[]][] = [];
    try {
      db.exec('BEGIN IMMEDIATE');
      for (const item of batch) {
        db.exec('SAVEPOINT command');
        try {
          const out = item.work();
          if ('error' in out) {
            db.exec('ROLLBACK TO command');
            results.push(failure(out.error));
          } else {
            results.push(success(out.value));
            if (out.hallEvent) published.push([out.hallEvent, out.domainEvents]);
          }
          db.exec('RELEASE command');
        } catch (err) {
          db.exec('ROLLBACK TO command');
          db.exec('RELEASE command');
          if (err instanceof ConfigurationError) {
            results.push(failure(err.error));
          } else {
            log.error({ err }, 'command failed inside the transaction');
            results.push(failure(internalError()));
          }
        }
      }
      db.exec('COMMIT');
    } catch (err) {
      // The transaction did not commit: nothing of this batch was acknowledged. Memory may hold part of it, so
      // rebuild it from the database, which is the truth.
      log.error({ err }, 'commit failed; reloading state from the database');
      if (db.inTransaction) db.exec('ROLLBACK');
      this.reload();
      for (const item of batch)
        item.resolve(
          failure(appError('UNAVAILABLE', '保存失败，请重试', 'the change could not be saved, please retry')),
        );
      return;
    }
    batch.forEach((item, i) => item.resolve(results[i]!));
    for (const [event, domainEvents] of published) this.emit('hall-event', event, domainEvents);
    if (published.length > 0) this.runAutoCall();
  }

  private reload(): void {
    const { queue, config } = this.deps;
    this.state = queue.loadState(config.queue, queue.getMeta('business_day') ?? this.state.businessDay);
    this.seq = queue.lastSeq();
    this.notice = queue.getMeta('notice') ?? '';
    this.recentCallsCache = this.loadRecentCalls();
  }
}

/** A configuration change that must be refused as a whole. */
export class ConfigurationError extends Error {
  constructor(readonly error: AppError) {
    super(error.messageEn);
  }
}
