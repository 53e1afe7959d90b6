import type { Clock, Logger } from '../ports.js';
import { backoffMs } from './backoff.js';
import type { CaseStagePush, EvaluationPush, NoShowPush, QueueStatusPush } from './contract.js';
import type {
  ConnectorFailure,
  ConnectorResult,
  OutboxRecord,
  OutboxStore,
  PlatformConnector,
  Pushed,
  SyncLog,
  SyncMeta,
} from './platform-ports.js';

export interface DeliveryOptions {
  baseMs: number;
  maxMs: number;
  maxRefusals: number;
  concurrency: number;
  pollMs: number;
  alarmAfterMs: number;
  queueStatusIntervalMs: number;
}

/** Something a manager should see: a dead letter, the link down too long, the link back. */
export interface SyncAlarm {
  kind: 'dead-letter' | 'link-down' | 'link-restored';
  at: string;
  message: string;
  itemId: number | null;
}

export interface LinkState {
  state: 'up' | 'down' | 'unknown';
  since: string | null;
  lastSuccessAt: string | null;
  lastError: string | null;
  nextAttemptAt: string | null;
}

export interface DeliveryDeps {
  outbox: OutboxStore;
  connector: PlatformConnector;
  meta: SyncMeta;
  syncLog: SyncLog;
  clock: Clock;
  logger: Logger;
  options: DeliveryOptions;
  /** [0, 1): the jitter of the backoff (injected for tests). */
  random: () => number;
  /** The push as it goes out: the stored payload, or what is filled in only when sent (the 收件 applicant, the queue). */
  prepare: (record: OutboxRecord) => unknown;
  alarm: (alarm: SyncAlarm) => void;
}

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * The outbox's delivery worker. Takes the first undelivered record of each stream (a case's records go out in the
 * order they were written, one at a time), sends it with its idempotency key and marks it delivered once the platform
 * said so. The hall never waits for it: commands only write the outbox.
 *
 * Two kinds of failure, two answers:
 * - the link (unreachable, timeout, 5xx): the whole link backs off — one probe at a time, doubling with jitter up to
 *   `maxMs` — and nothing ever becomes a dead letter for it, however long it lasts (a day-long outage must not bury
 *   a day's records); after `alarmAfterMs` down an alarm is raised;
 * - a refusal (the platform answered 4xx, or its answer's signature did not verify): that record alone retries with
 *   backoff, and after `maxRefusals` it becomes a dead letter, with an alarm; its stream waits behind it until a person
 *   retries it (sending later records of the case first would tell the platform a different story).
 *
 * A kill -9 anywhere loses nothing: a record is marked delivered only after the platform's answer, and a record sent
 * again carries the same key, which the platform records once.
 */
export class OutboxDelivery {
  private stopped = true;
  private wake: (() => void) | null = null;
  private running: Promise<void> | null = null;
  private linkFailures = 0;
  private nextProbeAt = 0;
  private downAlarmed = false;
  private link: LinkState;

  constructor(private readonly deps: DeliveryDeps) {
    const m = deps.meta;
    this.link = {
      state: 'unknown',
      since: null,
      lastSuccessAt: m.get('link.lastSuccessAt'),
      lastError: m.get('link.lastError'),
      nextAttemptAt: null,
    };
  }

  linkState(): LinkState {
    return { ...this.link };
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.running = this.loop();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.kick();
    await this.running;
  }

  /** Something was written to the outbox, or a dead letter released: look now rather than at the next poll. */
  kick(): void {
    const wake = this.wake;
    this.wake = null;
    wake?.();
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.wake = null;
        resolve();
      }, ms);
      timer.unref?.();
      this.wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }

  private async loop(): Promise<void> {
    while (!this.stopped) {
      try {
        await this.round();
      } catch (err) {
        // A store that failed for a moment (a busy database) must not stop the deliveries for good.
        this.deps.logger.error({ err }, 'platform delivery round failed; trying again');
        await this.sleep(this.deps.options.pollMs);
      }
    }
  }

  /** One look at the outbox: wait for the link or the next due record, or send what is due. */
  private async round(): Promise<void> {
    const { outbox, clock, options } = this.deps;
    const now = clock.now();
    if (this.link.state === 'down' && now < this.nextProbeAt) {
      await this.sleep(Math.min(this.nextProbeAt - now, options.pollMs));
      return;
    }
    // While the link is down one record probes it; when it answers, everything due goes out again.
    const due = outbox.due(iso(now), this.link.state === 'down' ? 1 : options.concurrency);
    if (due.length === 0) {
      const next = outbox.nextDueAt();
      const wait = next ? Date.parse(next) - now : options.pollMs;
      await this.sleep(wait > 0 ? Math.min(wait, options.pollMs) : options.pollMs);
      return;
    }
    await Promise.all(due.map((r) => this.deliver(r)));
  }

  private send(r: OutboxRecord, payload: unknown): Promise<ConnectorResult<Pushed>> {
    const c = this.deps.connector;
    // The latest-wins record is sent once per revision: a newer state is a new record for the platform.
    const key = r.coalesceKey ? `${r.idempotencyKey}:${r.revision}` : r.idempotencyKey;
    switch (r.kind) {
      case 'case-stage':
        return c.pushCaseStage(payload as CaseStagePush, key);
      case 'evaluation':
        return c.pushEvaluation(payload as EvaluationPush, key);
      case 'queue-status':
        return c.pushQueueStatus(payload as QueueStatusPush, key);
      case 'no-show':
        return c.reportNoShow(payload as NoShowPush, key);
    }
  }

  private async deliver(r: OutboxRecord): Promise<void> {
    const { outbox, clock, options } = this.deps;
    let result: ConnectorResult<Pushed>;
    try {
      result = await this.send(r, this.deps.prepare(r));
    } catch (err) {
      // A bug on our side (a payload the connector cannot handle) is a refusal: it must not loop as an outage.
      result = { ok: false, failure: { kind: 'refused', message: err instanceof Error ? err.message : String(err) } };
    }
    const now = clock.now();
    const at = iso(now);
    if (result.ok) {
      const holdUntil = r.coalesceKey ? iso(now + options.queueStatusIntervalMs) : null;
      outbox.markDelivered(r.id, r.revision, at, holdUntil);
      this.linkUp(at);
      return;
    }
    this.fail(r, result.failure, now);
  }

  private fail(r: OutboxRecord, failure: ConnectorFailure, now: number): void {
    const { outbox, options, random, syncLog } = this.deps;
    const at = iso(now);
    syncLog.add({ at, kind: 'error', itemId: r.id, message: `${r.summary}：${failure.message}` });
    if (failure.kind === 'transient') {
      this.linkFailures += 1;
      this.nextProbeAt = now + backoffMs(this.linkFailures, options.baseMs, options.maxMs, random);
      outbox.markFailed(r.id, {
        at,
        error: failure.message,
        refusal: false,
        nextAttemptAt: iso(this.nextProbeAt),
        dead: false,
        revision: r.revision,
      });
      this.linkDown(at, failure.message, now);
      return;
    }
    // The platform answered: the link itself is fine.
    this.linkUp(null);
    const refusals = r.refusals + 1;
    const dead = refusals >= options.maxRefusals;
    outbox.markFailed(r.id, {
      at,
      error: failure.message,
      refusal: true,
      nextAttemptAt: iso(now + backoffMs(refusals, options.baseMs, options.maxMs, random)),
      dead,
      revision: r.revision,
    });
    if (dead)
      this.raise({
        kind: 'dead-letter',
        at,
        itemId: r.id,
        message: `${r.summary} 被平台拒收 ${refusals} 次，已转入死信，请核查后重发：${failure.message}`,
      });
  }

  private linkUp(at: string | null): void {
    const wasDown = this.link.state === 'down';
    this.linkFailures = 0;
    this.nextProbeAt = 0;
    if (this.link.state !== 'up') this.link = { ...this.link, state: 'up', since: at ?? this.link.since };
    this.link.nextAttemptAt = null;
    if (at) {
      this.link.lastSuccessAt = at;
      this.deps.meta.put('link.lastSuccessAt', at);
    }
    if (wasDown) {
      const alarmed = this.downAlarmed;
      this.downAlarmed = false;
      if (alarmed)
        this.raise({
          kind: 'link-restored',
          at: at ?? iso(this.deps.clock.now()),
          itemId: null,
          message: '与平台的连接已恢复，积压记录正在补传',
        });
    }
  }

  private linkDown(at: string, message: string, now: number): void {
    if (this.link.state !== 'down') this.link = { ...this.link, state: 'down', since: at };
    this.link.lastError = message;
    this.link.nextAttemptAt = iso(this.nextProbeAt);
    this.deps.meta.put('link.lastError', message);
    const since = this.link.since ? Date.parse(this.link.since) : now;
    if (!this.downAlarmed && now - since >= this.deps.options.alarmAfterMs) {
      this.downAlarmed = true;
      this.raise({
        kind: 'link-down',
        at,
        itemId: null,
        message: `与平台的连接已中断 ${Math.round((now - since) / 60_000)} 分钟，记录保存在本地，恢复后自动补传：${message}`,
      });
    }
  }

  private raise(alarm: SyncAlarm): void {
    this.deps.syncLog.add({ at: alarm.at, kind: 'alarm', itemId: alarm.itemId, message: alarm.message });
    this.deps.logger.warn({ kind: alarm.kind, itemId: alarm.itemId }, alarm.message);
    try {
      this.deps.alarm(alarm);
    } catch (err) {
      this.deps.logger.error({ err }, 'a platform alarm listener failed');
    }
  }
}
