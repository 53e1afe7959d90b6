import { appError, type AlarmList, type AlarmView } from '@onedoor/protocol';
import {
  acknowledge,
  DEFAULT_ALARM_THRESHOLDS,
  detectAlarms,
  reconcile,
  validateThresholds,
  type AlarmThresholds,
  type HallSituation,
} from '../../domain/alarms/alarms.js';
import { type Result, failure, success } from '../../domain/result.js';
import { localInstant, localParts } from '../../domain/time/hall-time.js';
import { countByStatus } from '../../domain/queue/queue.index.js';
import type { QueueState } from '../../domain/queue/queue.types.js';
import type { CaseSummary } from '@onedoor/protocol';
import type { AlarmRecord, AlarmStore, Clock, DeviceRecord, EvaluationStore, Logger } from '../ports.js';
import { deviceSituation } from '../../domain/alarms/device-health.js';

export interface HallAlarmsDeps {
  store: AlarmStore;
  evaluations: Pick<EvaluationStore, 'between'>;
  queueState: () => QueueState;
  /** Cases near or past their promise (yellow, red), from the case queries. */
  caseWarnings: () => CaseSummary[];
  clock: Clock;
  timeZone: string;
  log: Logger;
  /** How often the hall is looked at, in ms. */
  everyMs?: number;
  /** The registered devices with their last reported state (gateway, kiosks, boards). */
  devices?: () => readonly DeviceRecord[];
  /** 差评整改 whose 整改 is still to be done. */
  rectifications?: () => HallSituation['rectifications'];
  /** Complaints not yet answered. */
  complaints?: () => HallSituation['complaints'];
}

const view = (a: AlarmRecord): AlarmView => a;

/**
 * The hall's alarms (issue 10): every few seconds the hall is looked at — waits, queues, paused windows, cases near
 * their promise, today's bad reviews — against the managers' thresholds (domain/alarms). A condition that starts to
 * hold raises an alarm; one that stops marks it cleared; it stays on the managers' list until one acknowledges it.
 * Devices (as the gateway, kiosks and boards report them), overdue rectifications and complaints too.
 */
export class HallAlarms {
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly deps: HallAlarmsDeps) {}

  thresholds(): AlarmThresholds {
    const saved = this.deps.store.thresholds();
    return saved
      ? { ...DEFAULT_ALARM_THRESHOLDS, ...(JSON.parse(saved) as Partial<AlarmThresholds>) }
      : DEFAULT_ALARM_THRESHOLDS;
  }

  setThresholds(change: Record<string, unknown>): Result<AlarmThresholds> {
    const next = validateThresholds(this.thresholds(), change);
    if (!next.ok) return next;
    this.deps.store.saveThresholds(JSON.stringify(next.value));
    this.scan();
    return next;
  }

  /** What the hall looks like to the alarm rules now. */
  situation(): HallSituation {
    const { clock, timeZone } = this.deps;
    const now = clock.now();
    const state = this.deps.queueState();
    const waiting = [...state.index.active.values()].filter((t) => t.status === 'waiting');
    const services = [...state.services.values()].map((s) => ({
      serviceId: s.id,
      name: s.name,
      waiting: countByStatus(state, s.id).waiting,
    }));
    // The runtime's stateSince moves only when the state does: a pause whose reason changed is still one pause.
    const windows = [...state.windows.values()].map(({ config, runtime }) => {
      const since = runtime.state === 'paused' ? runtime.stateSince : null;
      return { windowId: config.id, name: config.name, ...(since ? { pausedSince: Date.parse(since) } : {}) };
    });
    const dayStart = localInstant(localParts(now, timeZone).date, '00:00', timeZone);
    const windowName = (id: string) => state.windows.get(id)?.config.name;
    return {
      now,
      waiting: waiting.map((t) => ({
        ticketId: t.id,
        ticketNo: t.number,
        serviceId: t.serviceId,
        issuedAt: Date.parse(t.issuedAt),
      })),
      services,
      windows,
      devices: (this.deps.devices?.() ?? []).flatMap((d) => deviceSituation(d) ?? []),
      cases: this.deps.caseWarnings().flatMap((c) =>
        c.timing
          ? [
              {
                caseId: c.id,
                caseNo: c.caseNo,
                promisedLimitDays: c.timing.promisedLimitDays,
                remainingWorkingDays: c.timing.remainingDays,
              },
            ]
          : [],
      ),
      badReviews: this.deps.evaluations
        .between(new Date(dayStart).toISOString(), new Date(now + 1).toISOString())
        .filter((e) => e.level <= 2)
        .map((e) => ({
          evaluationId: e.id,
          level: e.level,
          ...(windowName(e.windowId) ? { windowName: windowName(e.windowId)! } : {}),
        })),
      rectifications: this.deps.rectifications?.() ?? [],
      complaints: this.deps.complaints?.() ?? [],
    };
  }

  /** Raises what started to hold and clears what stopped; answers what changed. */
  scan(): { raised: AlarmRecord[]; cleared: string[] } {
    const { store, clock } = this.deps;
    const conditions = detectAlarms(this.situation(), this.thresholds());
    const live = store.live();
    const { raise, clear } = reconcile(
      conditions,
      live.map((a) => ({ key: a.key, cleared: false })),
    );
    const at = new Date(clock.now()).toISOString();
    const raised = raise.map((c) => store.raise({ ...c, raisedAt: at }));
    for (const key of clear) store.clear(key, at);
    return { raised, cleared: clear };
  }

  list(): AlarmList {
    return {
      open: this.deps.store.unacknowledged().map(view),
      recent: this.deps.store.recentAcknowledged(50).map(view),
    };
  }

  acknowledge(id: number, by: string, note: string): Result<AlarmView> {
    const alarm = this.deps.store.find(id);
    const checked = acknowledge(
      alarm ? (alarm.acknowledgedAt ? { acknowledgedAt: Date.parse(alarm.acknowledgedAt) } : {}) : undefined,
      by,
      note,
      this.deps.clock.now(),
    );
    if (!checked.ok) return checked;
    const at = new Date(checked.value.acknowledgedAt).toISOString();
    this.deps.store.acknowledge(id, by, at, checked.value.note);
    const done = this.deps.store.find(id);
    return done ? success(view(done)) : failure(appError('NOT_FOUND', '没有这条报警', 'no such alarm'));
  }

  start(): void {
    const every = this.deps.everyMs ?? 15_000;
    const tick = () => {
      try {
        this.scan();
      } catch (err) {
        this.deps.log.error({ err }, 'alarm scan failed');
      }
    };
    tick();
    this.timer = setInterval(tick, every);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}
