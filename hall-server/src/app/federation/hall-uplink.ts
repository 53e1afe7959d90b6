import {
  federationTopics,
  MAX_REPLAY_RECORDS,
  replayRequestSchema,
  type FederationRole,
  type FederationState,
  type HallSnapshot,
  type ReplayAnswer,
} from '@onedoor/protocol';
import { rollupDay } from '../../domain/federation/kpi-rollup.js';
import { upwardRecord } from '../../domain/federation/upward.js';
import type { Clock, Logger } from '../ports.js';
import type { FederationSource, FederationTransport } from './federation-ports.js';

export interface HallUplinkDeps {
  hallId: string;
  hallName: string;
  role: FederationRole;
  source: FederationSource;
  transport: FederationTransport;
  /** The last committed seq (the pipeline's). */
  currentSeq: () => number;
  snapshot: () => HallSnapshot;
  openAlarms: () => FederationState['alarms'];
  clock: Clock;
  log: Logger;
  stateIntervalMs: number;
  heartbeatMs: number;
  rollupIntervalMs: number;
}

/** Records published per round: enough to fill the link, few enough that a round ends soon after a disconnect. */
const BATCH = 200;

/**
 * The hall's side of 四级联通: publishes upward, under its hall id, every record of its event log (from the watermark
 * the uplink broker acknowledged, outbox-style), its live state and its daily KPI rollup, and answers a region's
 * request for missing records. Nothing the hall does waits for it: commits only schedule a round.
 */
export class HallUplink {
  private pumping = false;
  private again = false;
  private stateTimer: NodeJS.Timeout | null = null;
  private rollupTimer: NodeJS.Timeout | null = null;
  private heartbeat: NodeJS.Timeout | null = null;
  private stopped = false;

  constructor(private readonly deps: HallUplinkDeps) {}

  start(): void {
    const { transport, hallId } = this.deps;
    transport.onConnect(() => {
      void this.send(federationTopics.up(hallId, 'link'), { hallId, online: true, at: this.now() }, true);
      this.publishState();
      this.publishRollup();
      this.pump();
    });
    transport.onMessage((topic, payload) => this.onMessage(topic, payload));
    transport.start([federationTopics.replayRequest(hallId)]);
    // The heartbeat repeats the state and the rollup: a bridge that dropped them while its far side was away has
    // nobody to ask for them again (records are asked for; these are simply sent again).
    this.heartbeat = setInterval(() => {
      this.publishState();
      this.publishRollup();
    }, this.deps.heartbeatMs);
    this.heartbeat.unref();
  }

  /** Called after every commit: schedules a round, the state and the rollup (throttled); never waits for the link. */
  changed(): void {
    if (this.stopped) return;
    this.pump();
    this.stateTimer ??= setTimeout(() => {
      this.stateTimer = null;
      this.publishState();
    }, this.deps.stateIntervalMs);
    this.rollupTimer ??= setTimeout(() => {
      this.rollupTimer = null;
      this.publishRollup();
    }, this.deps.rollupIntervalMs);
  }

  /** The link is told the hall is going (retained), then closed. */
  async stop(): Promise<void> {
    this.stopped = true;
    for (const t of [this.stateTimer, this.rollupTimer]) if (t) clearTimeout(t);
    if (this.heartbeat) clearInterval(this.heartbeat);
    const { transport, hallId } = this.deps;
    if (transport.connected)
      await Promise.race([
        this.send(federationTopics.up(hallId, 'link'), { hallId, online: false, at: this.now() }, true),
        new Promise((r) => setTimeout(r, 1000)),
      ]);
    await transport.stop();
  }

  /** One round at a time: publish from the watermark up to the last seq, advancing it as the broker acknowledges. */
  private pump(): void {
    if (this.pumping) {
      this.again = true;
      return;
    }
    const { transport, source, hallId, log } = this.deps;
    if (!transport.connected || this.stopped) return;
    this.pumping = true;
    void (async () => {
      try {
        for (;;) {
          this.again = false;
          const from = source.ackedSeq();
          const upTo = Math.min(this.deps.currentSeq(), from + BATCH);
          if (upTo <= from || !transport.connected) break;
          const records = source.records(hallId, from, upTo).map(upwardRecord);
          await Promise.all(records.map((r) => transport.publish(federationTopics.up(hallId, 'record'), r)));
          source.setAckedSeq(upTo);
        }
      } catch (err) {
        log.warn(
          { err: (err as Error).message },
          '联通上报中断，稍后继续 / federation upload interrupted; resuming later',
        );
      } finally {
        this.pumping = false;
      }
      if (this.again) this.pump();
    })();
  }

  private publishState(): void {
    const { transport, hallId, hallName, role } = this.deps;
    if (!transport.connected || this.stopped) return;
    const snap = this.deps.snapshot();
    const services = snap.services.map((s) => ({ id: s.id, name: s.name, waiting: s.waiting }));
    const state: FederationState = {
      hallId,
      name: hallName,
      role,
      at: this.now(),
      businessDay: snap.businessDay,
      lastSeq: this.deps.currentSeq(),
      waiting: services.reduce((n, s) => n + s.waiting, 0),
      services,
      // No clerk names: the level above sees windows, not people.
      windows: snap.windows.map((w) => ({ id: w.id, name: w.name, state: w.state, currentNumber: w.currentNumber })),
      alarms: this.deps.openAlarms(),
    };
    void this.send(federationTopics.up(hallId, 'state'), state, true);
  }

  private publishRollup(): void {
    const { transport, hallId, source } = this.deps;
    if (!transport.connected || this.stopped) return;
    const day = this.deps.snapshot().businessDay;
    const throughSeq = this.deps.currentSeq();
    void this.send(federationTopics.up(hallId, 'rollup'), {
      hallId,
      throughSeq,
      rollup: rollupDay(day, source.dayFacts(day)),
    });
  }

  /** A region's request for a range: answered from the log, in batches the request's cap allows. */
  private onMessage(topic: string, payload: Buffer): void {
    const { hallId, source, log } = this.deps;
    if (topic !== federationTopics.replayRequest(hallId)) return;
    let json: unknown;
    try {
      json = JSON.parse(payload.toString());
    } catch {
      json = null;
    }
    const req = replayRequestSchema.safeParse(json);
    if (!req.success) {
      log.warn({ topic }, '联通补发请求格式错误，已忽略 / malformed replay request ignored');
      return;
    }
    const upTo = Math.min(req.data.to, this.deps.currentSeq(), req.data.from + MAX_REPLAY_RECORDS - 1);
    const answer: ReplayAnswer = {
      hallId,
      requestId: req.data.requestId,
      records: upTo >= req.data.from ? source.records(hallId, req.data.from - 1, upTo).map(upwardRecord) : [],
    };
    void this.send(federationTopics.up(hallId, 'replay'), answer);
  }

  private async send(topic: string, payload: unknown, retain = false): Promise<void> {
    try {
      await this.deps.transport.publish(topic, payload, { retain });
    } catch (err) {
      this.deps.log.warn({ err: (err as Error).message, topic }, 'federation publish failed');
    }
  }

  private now(): string {
    return new Date(this.deps.clock.now()).toISOString();
  }
}
