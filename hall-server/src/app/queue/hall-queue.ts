import type {
  HallSnapshot,
  IssuedTicket,
  IssueTicketPayload,
  ServiceConfig,
  TicketHolder,
  TicketSource,
  TicketView,
  WindowCallOrder,
  WindowConfig,
  WindowView,
} from '@onedoor/protocol';
import { appError, MISSED_CALLS_MAX, type MissedCalls } from '@onedoor/protocol';
import type { HallConfig } from '../../config/config.schema.js';
import type { QueueCommand } from '../../domain/queue/queue.commands.js';
import type { QueueState } from '../../domain/queue/queue.types.js';
import { failure, success, type Result } from '../../domain/result.js';
import type { Actor } from '../ports.js';
import { autoCall } from './auto-call.js';
import {
  runQueueCommand,
  runTicketCommand,
  runWindowCommand,
  setNotice,
  type TicketCommand,
  type WindowCommand,
} from './commands.js';
import { saveConfiguration } from './configuration.js';
import { moveClerk, moveWaiting } from './floor-actions.js';
import type { QueueContext } from './queue-context.js';
import { DailyRollover } from './rollover.js';
import { callOrderOf, findTicket, findWindow, peopleAheadOf, revealHolder, snapshot } from './snapshot.js';
import { issueTicket, voidUnprinted } from './tickets.js';

/** The queue's use cases, as the edges (socket, REST, MQTT) and the tests call them. */
export class HallQueue {
  private readonly rollover: DailyRollover;

  constructor(private readonly ctx: QueueContext) {
    this.rollover = new DailyRollover(ctx);
    ctx.pipeline.afterBatch(() => autoCall(ctx));
  }

  get config(): HallConfig {
    return this.ctx.config;
  }

  get hallId(): string {
    return this.ctx.config.hall.id;
  }

  get currentSeq(): number {
    return this.ctx.pipeline.currentSeq;
  }

  /** The live queue state (replaced on a reload: read it afresh). */
  get queueState(): QueueState {
    return this.ctx.memory.state;
  }

  /** Starts the daily reset timer and performs a reset that was missed while the server was down. */
  start(): Promise<void> {
    return this.rollover.start();
  }

  stop(): void {
    this.rollover.stop();
  }

  rolloverIfDue(): Promise<boolean> {
    return this.rollover.rolloverIfDue();
  }

  snapshot(): HallSnapshot {
    return snapshot(this.ctx);
  }

  /** The calls after a board's last seq up to its new snapshot's, from the event log (today's tickets only). */
  callsSince(afterSeq: number, upTo: number): MissedCalls {
    const until = Math.min(upTo, this.currentSeq);
    return {
      calls: this.ctx.memory.callsBetween(afterSeq, until, MISSED_CALLS_MAX),
      serverTime: new Date(this.ctx.clock.now()).toISOString(),
    };
  }

  windowView(windowId: string): WindowView | null {
    return findWindow(this.ctx, windowId);
  }

  ticketView(ticketId: string): TicketView | null {
    return findTicket(this.ctx, ticketId);
  }

  /** People who will be called before this waiting ticket (fair order: priority, interleave, aging); null otherwise. */
  peopleAhead(ticketId: string): number | null {
    return peopleAheadOf(this.ctx, ticketId);
  }

  /** The window's waiting tickets in the order call-next would call them now (the fair order, as `peopleAhead`). */
  callOrder(windowId: string): Result<WindowCallOrder> {
    const order = callOrderOf(this.ctx, windowId);
    return order
      ? success(order)
      : failure(appError('NOT_FOUND', `窗口 ${windowId} 不存在`, `window ${windowId} does not exist`));
  }

  revealHolder(ticketId: string): TicketHolder | null {
    return revealHolder(this.ctx, ticketId);
  }

  issueTicket(
    payload: IssueTicketPayload & { priority?: 'normal' | 'green' },
    source: TicketSource,
    actor: Actor,
    requestId?: string,
  ): Promise<Result<IssuedTicket>> {
    return issueTicket(this.ctx, payload, source, actor, requestId);
  }

  voidUnprinted(ticketId: string, reason: string, actor: Actor, requestId?: string): Promise<Result<TicketView>> {
    return voidUnprinted(this.ctx, ticketId, reason, actor, requestId);
  }

  runQueueCommand(
    command: QueueCommand,
    actor: Actor,
    requestId?: string,
  ): Promise<Result<TicketView | WindowView | null>> {
    return runQueueCommand(this.ctx, command, actor, requestId);
  }

  runWindowCommand(command: WindowCommand, actor: Actor, requestId?: string): Promise<Result<WindowView>> {
    return runWindowCommand(this.ctx, command, actor, requestId);
  }

  runTicketCommand(command: TicketCommand, actor: Actor, requestId?: string): Promise<Result<TicketView>> {
    return runTicketCommand(this.ctx, command, actor, requestId);
  }

  setNotice(text: string, actor: Actor, requestId?: string): Promise<Result<{ notice: string }>> {
    return setNotice(this.ctx, text, actor, requestId);
  }

  saveConfiguration(
    change: { services?: ServiceConfig[]; windows?: WindowConfig[] },
    actor: Actor,
  ): Promise<Result<null>> {
    return saveConfiguration(this.ctx, change, actor);
  }

  /** Every waiting ticket of a service to another, each keeping its place (the manager's floor view). */
  moveWaiting(
    fromServiceId: string,
    toServiceId: string,
    actor: Actor,
  ): Promise<Result<{ moved: number; ticketIds: string[] }>> {
    return moveWaiting(this.ctx, fromServiceId, toServiceId, actor);
  }

  /** The clerk of an idle window to another free window (the manager's floor view). */
  moveClerk(fromWindowId: string, toWindowId: string, actor: Actor): Promise<Result<WindowView>> {
    return moveClerk(this.ctx, fromWindowId, toWindowId, actor);
  }
}
