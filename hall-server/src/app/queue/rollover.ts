import { businessDayOf, nextResetAt } from '../../domain/time/hall-time.js';
import { runQueueCommand } from './commands.js';
import type { QueueContext } from './queue-context.js';

/**
 * The daily reset: when the hall's business day changes, yesterday's open tickets are abandoned and numbering starts
 * again. Checked on start (a reset missed while the server was down) and by a timer.
 */
export class DailyRollover {
  private timer: NodeJS.Timeout | null = null;
  private closed = false;

  constructor(private readonly ctx: QueueContext) {}

  async start(): Promise<void> {
    await this.rolloverIfDue();
    this.schedule();
  }

  stop(): void {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
  }

  /** If the hall's business day has changed, abandons yesterday's open tickets and restarts numbering. */
  async rolloverIfDue(): Promise<boolean> {
    const { clock, config, memory, log } = this.ctx;
    const today = businessDayOf(clock.now(), config.hall.timeZone, config.hall.resetTime);
    if (today === memory.state.businessDay) return false;
    const r = await runQueueCommand(
      this.ctx,
      { type: 'reset-day', businessDay: today },
      { kind: 'system', reason: 'daily-reset' },
    );
    if (!r.ok) log.error({ error: r.error }, 'daily reset failed');
    return r.ok;
  }

  private schedule(): void {
    if (this.closed) return;
    const { clock, config } = this.ctx;
    const now = clock.now();
    // Timers drift and sleep; wake at most hourly and re-check the business day.
    const wait = Math.min(
      Math.max(nextResetAt(now, config.hall.timeZone, config.hall.resetTime) - now + 50, 50),
      3_600_000,
    );
    this.timer = setTimeout(() => {
      void this.rolloverIfDue().finally(() => this.schedule());
    }, wait);
    this.timer.unref();
  }
}
