import {
  appError,
  type CaseDetail,
  type OutboxItemView,
  type PlatformSyncState,
  type PretrialIntakeInput,
  type PretrialQuery,
  type PretrialView,
} from '@onedoor/protocol';
import type { HallConfig } from '../../config/config.schema.js';
import { type Result, failure, success } from '../../domain/result.js';
import type { Appointments } from '../appointments/appointments.js';
import type { CaseStaff, Cases } from '../cases/cases.js';
import type { CatalogService } from '../catalog/catalog.js';
import type { CommandPipeline } from '../pipeline.js';
import type { AppointmentStore, Clock, Logger, PersonalDataVault } from '../ports.js';
import type { HallQueue } from '../queue/hall-queue.js';
import type { PlatformCodes } from './codes.js';
import type { CaseStagePush, WebhookEvent } from './contract.js';
import { OutboxDelivery, type SyncAlarm } from './delivery.js';
import { Inbound, type InboundOutcome } from './inbound.js';
import { markNoShows } from './no-shows.js';
import type { OutboxRecorder } from './outbox-recorder.js';
import type { OutboxRecord, PlatformConnector, PlatformStores } from './platform-ports.js';
import { Pretrials } from './pretrials.js';
import { queueStatus } from './queue-status.js';

export interface PlatformSyncDeps {
  config: HallConfig;
  hallCode: string;
  codes: PlatformCodes;
  stores: PlatformStores;
  connector: PlatformConnector;
  recorder: OutboxRecorder;
  pipeline: CommandPipeline;
  hall: HallQueue;
  appointments: Appointments;
  appointmentStore: AppointmentStore;
  cases: Cases;
  catalog: CatalogService;
  vault: PersonalDataVault;
  clock: Clock;
  log: Logger;
  random: () => number;
  /** Days pre-reviews keep their personal data: the console's setting over config `retention.personalDataDays`. */
  retentionDays?: () => number;
}

const DELIVERED_KEPT_DAYS = 30;

const outboxView = (r: OutboxRecord): OutboxItemView => ({
  id: r.id,
  kind: r.kind,
  stream: r.stream,
  caseNo: r.caseNo,
  summary: r.summary,
  status: r.status,
  attempts: r.attempts,
  refusals: r.refusals,
  createdAt: r.createdAt,
  lastAttemptAt: r.lastAttemptAt,
  nextAttemptAt: r.status === 'pending' ? r.nextAttemptAt : null,
  lastError: r.lastError,
  deliveredAt: r.deliveredAt,
});

/**
 * The hall's side of 一网通办: the outbox's delivery, the pulled feeds and the webhook, no-shows, pre-reviewed
 * applications, and the sync state the console shows. Every record out is written by the use cases' own
 * transactions (see recording-stores.ts); this only moves them and takes in what comes back.
 */
export class PlatformSync {
  readonly delivery: OutboxDelivery;
  readonly inbound: Inbound;
  readonly pretrials: Pretrials;
  private readonly alarmListeners = new Set<(alarm: SyncAlarm) => void>();
  private pullTimer: NodeJS.Timeout | null = null;
  private pulling: Promise<Result<{ applied: number; ignored: number }>> | null = null;
  private webhookUrl: string | null = null;
  private webhookRegistered = false;

  constructor(private readonly deps: PlatformSyncDeps) {
    const { config, stores, connector, clock, log } = deps;
    const p = config.platform;
    this.delivery = new OutboxDelivery({
      outbox: stores.outbox,
      connector,
      meta: stores.meta,
      syncLog: stores.log,
      clock,
      logger: log,
      random: deps.random,
      options: {
        baseMs: p.retry.baseMs,
        maxMs: p.retry.maxMs,
        maxRefusals: p.retry.maxRefusals,
        concurrency: p.concurrency,
        pollMs: p.pollMs,
        alarmAfterMs: p.alarmAfterMinutes * 60_000,
        queueStatusIntervalMs: p.queueStatusIntervalMs,
      },
      prepare: (r) => this.prepare(r),
      alarm: (a) => {
        for (const listener of this.alarmListeners) listener(a);
      },
    });
    this.inbound = new Inbound({
      pipeline: deps.pipeline,
      appointments: deps.appointments,
      appointmentStore: deps.appointmentStore,
      hasService: (id) => deps.hall.queueState.services.has(id),
      cases: deps.cases,
      vault: deps.vault,
      inbound: stores.inbound,
      pretrials: stores.pretrials,
      codes: deps.codes,
      clock,
      hallCode: deps.hallCode,
    });
    this.pretrials = new Pretrials({
      store: stores.pretrials,
      catalog: deps.catalog,
      cases: deps.cases,
      vault: deps.vault,
      connector,
      inbound: this.inbound,
      log,
    });
    // A committed change may have written the outbox: the worker looks now instead of at its next poll.
    deps.pipeline.onCommitted(() => this.delivery.kick());
  }

  get connector(): PlatformConnector {
    return this.deps.connector;
  }

  /**
   * A hook for whoever raises alarms (the console's sync page reads them from the state; a general alarm model can
   * listen here). Returns the unsubscribe.
   */
  onAlarm(listener: (alarm: SyncAlarm) => void): () => void {
    this.alarmListeners.add(listener);
    return () => this.alarmListeners.delete(listener);
  }

  /** Starts delivering and pulling; `webhookUrl` is where this hall takes the platform's webhooks. */
  start(webhookUrl: string | null): void {
    this.webhookUrl = webhookUrl;
    this.delivery.start();
    const every = Math.round(this.deps.config.platform.pullIntervalSeconds * 1000);
    void this.pullNow();
    this.pullTimer = setInterval(() => void this.pullNow(), every);
    this.pullTimer.unref();
  }

  async stop(): Promise<void> {
    if (this.pullTimer) clearInterval(this.pullTimer);
    this.pullTimer = null;
    await this.delivery.stop();
    await this.pulling;
  }

  /** One round: webhook registration, the appointments and results feeds, no-shows, housekeeping. */
  pullNow(): Promise<Result<{ applied: number; ignored: number }>> {
    this.pulling ??= this.pullRound()
      .catch((err: unknown) => {
        this.deps.log.error({ err }, 'platform pull round failed');
        return failure(
          appError('INTERNAL', '从平台拉取时出错，稍后自动重试', 'the pull round failed; it runs again later'),
        );
      })
      .finally(() => {
        this.pulling = null;
      });
    return this.pulling;
  }

  /** An inbound webhook the connector has verified. */
  async applyWebhook(event: WebhookEvent): Promise<Result<InboundOutcome>> {
    const r = await this.inbound.apply(event);
    if (r.ok) this.count(r.value.applied);
    return r;
  }

  findPretrials(query: PretrialQuery): Promise<Result<PretrialView[]>> {
    return this.pretrials.find(query);
  }

  intakePretrial(code: string, input: PretrialIntakeInput, staff: CaseStaff): Promise<Result<CaseDetail>> {
    return this.pretrials.intake(code, input, staff);
  }

  /** A dead letter goes out again; its stream follows behind it. */
  retry(id: number): Result<OutboxItemView> {
    const r = this.deps.stores.outbox.retry(id, new Date(this.deps.clock.now()).toISOString());
    if (!r)
      return failure(
        appError('NOT_FOUND', `记录 ${id} 不在死信列表中（可能已重发或已送达）`, `record ${id} is not a dead letter`),
      );
    this.delivery.kick();
    return success(outboxView(r));
  }

  state(): PlatformSyncState {
    const { stores, config, hallCode, connector } = this.deps;
    const stats = stores.outbox.stats();
    const meta = stores.meta;
    return {
      enabled: true,
      timeZone: config.hall.timeZone,
      url: config.platform.url ?? null,
      hallCode,
      signing: connector.signing,
      link: this.delivery.linkState(),
      outbox: {
        depth: stats.depth,
        oldestPending: stats.oldestPending ? outboxView(stats.oldestPending) : null,
        blocked: stats.blocked,
        deliveredTotal: stats.deliveredTotal,
        lastDeliveredAt: stats.lastDeliveredAt,
      },
      deadLetters: stores.outbox.deadLetters(100).map(outboxView),
      recentErrors: stores.log.recent('error', 20).map((e) => ({ at: e.at, itemId: e.itemId, message: e.message })),
      inbound: {
        lastPullAt: meta.get('pull.lastAt'),
        lastPullError: meta.get('pull.lastError'),
        appointmentsCursor: meta.get('cursor.appointments'),
        resultsCursor: meta.get('cursor.caseResults'),
        applied: Number(meta.get('inbound.applied') ?? 0),
        ignored: Number(meta.get('inbound.ignored') ?? 0),
      },
      alarms: stores.log.recent('alarm', 20).map((e) => ({ at: e.at, kind: 'alarm', message: e.message })),
    };
  }

  /** What goes out for a record: its payload, with what is only filled in when sent. */
  private prepare(r: OutboxRecord): unknown {
    const { hall, stores, hallCode, codes, cases, clock } = this.deps;
    if (r.kind === 'queue-status') {
      const snapshot = hall.snapshot();
      return queueStatus(
        snapshot,
        stores.lookups.platformTickets(snapshot.businessDay),
        hallCode,
        codes,
        new Date(clock.now()).toISOString(),
      );
    }
    if (r.kind === 'case-stage') {
      const push = r.payload as CaseStagePush;
      if (push.step.action !== 'receive') return push;
      // The 收件 push puts the case in the applicant's online account: it needs who they are, from the sealed copy.
      const full = cases.revealApplicant(push.hallCaseId);
      if (!full) return push;
      return {
        ...push,
        applicant: {
          ...push.applicant,
          full: {
            name: full.name,
            idNumber: full.idNumber,
            ...(full.phone ? { phone: full.phone } : {}),
          },
        },
      } satisfies CaseStagePush;
    }
    return r.payload;
  }

  private count(applied: boolean): void {
    const key = applied ? 'inbound.applied' : 'inbound.ignored';
    const meta = this.deps.stores.meta;
    meta.put(key, String(Number(meta.get(key) ?? 0) + 1));
  }

  private async pullRound(): Promise<Result<{ applied: number; ignored: number }>> {
    const { connector, stores, log, clock, config } = this.deps;
    const meta = stores.meta;
    const nowIso = () => new Date(clock.now()).toISOString();
    if (this.webhookUrl && !this.webhookRegistered) {
      const r = await connector.registerWebhook(this.webhookUrl);
      if (r.ok) this.webhookRegistered = true;
      else log.warn({ error: r.failure.message }, 'webhook not registered with the platform yet');
    }
    let applied = 0;
    let ignored = 0;
    const tally = (r: Result<InboundOutcome>, what: string) => {
      if (!r.ok) {
        stores.log.add({ at: nowIso(), kind: 'error', itemId: null, message: `${what}：${r.error.message}` });
        return;
      }
      this.count(r.value.applied);
      if (r.value.applied) applied += 1;
      else ignored += 1;
    };
    const failures: string[] = [];
    const appointments = await connector.pullAppointments(meta.get('cursor.appointments'));
    if (appointments.ok) {
      for (const a of appointments.value.items) tally(await this.inbound.appointment(a), `预约 ${a.code}`);
      meta.put('cursor.appointments', appointments.value.cursor);
    } else failures.push(appointments.failure.message);
    const results = await connector.pullCaseResults(meta.get('cursor.caseResults'));
    if (results.ok) {
      for (const r of results.value.items)
        tally(await this.inbound.caseResult(r), `办件结果 ${r.caseNo ?? r.platformRef}`);
      meta.put('cursor.caseResults', results.value.cursor);
    } else failures.push(results.failure.message);
    meta.put('pull.lastAt', nowIso());
    if (failures.length > 0) meta.put('pull.lastError', failures.join('；'));
    else meta.put('pull.lastError', '');

    const noShows = await markNoShows({
      pipeline: this.deps.pipeline,
      appointments: this.deps.appointmentStore,
      recorder: this.deps.recorder,
      codes: this.deps.codes,
      hallCode: this.deps.hallCode,
      clock,
      rules: config.appointments,
      businessDay: () => this.deps.hall.queueState.businessDay,
    });
    if (!noShows.ok) log.warn({ error: noShows.error.messageEn }, 'no-shows not marked');
    const now = clock.now();
    stores.outbox.pruneDelivered(new Date(now - DELIVERED_KEPT_DAYS * 86_400_000).toISOString());
    const keepDays = this.deps.retentionDays?.() ?? config.retention.personalDataDays;
    stores.pretrials.purgePersonalData(new Date(now - keepDays * 86_400_000).toISOString());
    if (failures.length > 0)
      return failure(
        appError(
          'UNAVAILABLE',
          `从平台拉取未成功：${failures.join('；')}`,
          `pull from the platform failed: ${failures.join('; ')}`,
        ),
      );
    return success({ applied, ignored });
  }
}
