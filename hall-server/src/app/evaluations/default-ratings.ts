import type { RatingLevelNumber } from '@onedoor/protocol';
import type { CommandPipeline } from '../pipeline.js';
import type { CaseStore, Clock, EvaluationStore, IdGenerator, Logger } from '../ports.js';

const DAY_MS = 86_400_000;
/** At most this many per run: a hall switching the rule on with a year of unrated tickets catches up in steps. */
const BATCH = 200;

export interface DefaultRatingsDeps {
  evaluations: EvaluationStore;
  cases: Pick<CaseStore, 'byTicket'>;
  pipeline: CommandPipeline;
  clock: Clock;
  ids: IdGenerator;
  log: Logger;
  rule: { afterDays: number; level: RatingLevelNumber };
  everyMs: number;
}

/**
 * The default level of unrated services (domain.md §4.2, 广东: "7 natural days without an evaluation → 基本满意"):
 * every served ticket nobody rated within `afterDays` calendar days of its finish is rated `level` on channel
 * `default`, one command and one `evaluation.defaulted` event per ticket. Idempotent: a ticket is rated once (the
 * store's unique ticket), so a run after a restart, or two runs at once, change nothing more.
 */
export class DefaultRatings {
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly deps: DefaultRatingsDeps) {}

  /** Rates what is due now; answers how many were rated. */
  async run(): Promise<number> {
    const { evaluations, cases, pipeline, clock, ids, rule } = this.deps;
    const before = new Date(clock.now() - rule.afterDays * DAY_MS).toISOString();
    let rated = 0;
    for (const t of evaluations.unratedServed(before, BATCH)) {
      const done = await pipeline.record<boolean>({ kind: 'system', reason: 'default-rating' }, () => {
        const at = new Date(clock.now()).toISOString();
        const caseIds = cases.byTicket(t.ticketId).map((c) => c.id);
        const fresh = evaluations.recordOnce({
          id: ids.newId(),
          ticketId: t.ticketId,
          windowId: t.windowId,
          clerkId: t.clerkId,
          deviceId: null,
          channel: 'default',
          level: rule.level,
          caseIds,
          reason: null,
          at,
        });
        // Rated meanwhile (the visitor's phone, another run): nothing happened, nothing is logged.
        if (!fresh) return { value: false, eventType: null, payload: null };
        return {
          value: true,
          eventType: 'evaluation.defaulted',
          payload: { ticketId: t.ticketId, windowId: t.windowId, level: rule.level, afterDays: rule.afterDays },
        };
      });
      if (done.ok && done.value) rated++;
    }
    return rated;
  }

  start(): void {
    let running = false;
    const tick = () => {
      if (running) return;
      running = true;
      this.run()
        .catch((err: unknown) => this.deps.log.error({ err }, 'default ratings failed'))
        .finally(() => {
          running = false;
        });
    };
    tick();
    this.timer = setInterval(tick, this.deps.everyMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}
