/**
 * The kiosk's outbox: print results and abandoned commands that must reach the hall server even if the link is
 * down or the page reloads, so that a ticket that never came out of the printer is always voided. Jobs are kept in
 * storage (localStorage by default) and run in order, one at a time, until the server has answered each.
 */
import type { PrintResultPayload } from '@onedoor/protocol';
import type { PendingCheckIn, PendingIssue } from './visit-flow';

export type OutboxJob =
  | { kind: 'print-result'; payload: PrintResultPayload & { requestId: string } }
  | { kind: 'abandoned'; pending: PendingIssue }
  | { kind: 'abandoned-check-in'; pending: PendingCheckIn };

/** What running a job came to: done, try again later, or a follow-up job that takes its place. */
export type JobOutcome = 'done' | 'retry' | OutboxJob;

export type OutboxStorage = Pick<Storage, 'getItem' | 'setItem'>;

const OUTBOX_KEY = 'onedoor.kiosk.outbox';
const RETRY_MS = 2000;

export class PrintOutbox {
  private jobs: OutboxJob[];
  private flushing = false;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private stopped = false;

  constructor(
    private readonly deps: {
      run(job: OutboxJob): Promise<JobOutcome>;
      connected(): boolean;
      /** Default window.localStorage when available; null keeps the jobs in memory only. */
      storage?: OutboxStorage | null;
    },
  ) {
    this.jobs = this.load();
  }

  get size(): number {
    return this.jobs.length;
  }

  add(job: OutboxJob): void {
    this.jobs.push(job);
    this.save();
    this.flushSoon(0);
  }

  /** Runs the jobs now (or after `ms`), for example when the link comes back. */
  flushSoon(ms: number): void {
    if (this.stopped || this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.flush();
    }, ms);
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private async flush(): Promise<void> {
    if (this.flushing || this.stopped) return;
    this.flushing = true;
    try {
      while (this.jobs.length > 0 && this.deps.connected()) {
        const next = await this.deps.run(this.jobs[0]!);
        if (next === 'retry') break;
        this.jobs.shift();
        if (next !== 'done') this.jobs.unshift(next);
        this.save();
      }
    } finally {
      this.flushing = false;
    }
    if (this.jobs.length > 0 && this.deps.connected()) this.flushSoon(RETRY_MS);
  }

  private storage(): OutboxStorage | null {
    if (this.deps.storage !== undefined) return this.deps.storage;
    try {
      return typeof window !== 'undefined' ? window.localStorage : null;
    } catch {
      return null;
    }
  }

  private load(): OutboxJob[] {
    try {
      const raw = this.storage()?.getItem(OUTBOX_KEY);
      const parsed: unknown = raw ? JSON.parse(raw) : [];
      return Array.isArray(parsed) ? (parsed as OutboxJob[]) : [];
    } catch {
      return [];
    }
  }

  private save(): void {
    try {
      this.storage()?.setItem(OUTBOX_KEY, JSON.stringify(this.jobs));
    } catch {
      // storage full or disabled: the outbox lives in memory until the page reloads
    }
  }
}
