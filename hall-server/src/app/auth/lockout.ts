/**
 * Failed attempts per key (an account, an address, the whole hall) with a lock and backoff: `maxFailures` failures
 * within `windowMinutes` lock the key for `lockMinutes`, each further lock twice as long up to `maxLockMinutes`.
 * A success clears the key. Kept in memory (a restart only ever loosens a limit); the audit log keeps every failure.
 */
export interface LockoutPolicy {
  maxFailures: number;
  windowMinutes: number;
  lockMinutes: number;
  maxLockMinutes: number;
}

interface KeyState {
  failures: number;
  firstFailureAt: number;
  /** Locks so far (the next one lasts lockMinutes × 2^locks). */
  locks: number;
  lockedUntil: number;
}

const MINUTE = 60_000;

export class Lockouts {
  private readonly keys = new Map<string, KeyState>();

  constructor(
    private readonly policy: LockoutPolicy,
    /** At most this many keys are remembered (the oldest go first): a spray of names cannot grow memory. */
    private readonly maxKeys = 10_000,
  ) {}

  /** Until when the key is locked (epoch ms), or null. */
  lockedUntil(key: string, now: number): number | null {
    const state = this.keys.get(key);
    return state && state.lockedUntil > now ? state.lockedUntil : null;
  }

  /** Counts a failure; answers the lock's end when this failure locked the key. */
  fail(key: string, now: number): number | null {
    const { maxFailures, windowMinutes, lockMinutes, maxLockMinutes } = this.policy;
    const state = this.keys.get(key) ?? { failures: 0, firstFailureAt: now, locks: 0, lockedUntil: 0 };
    // Failures older than the window no longer count towards a lock; the locks so far still set its length.
    if (now - state.firstFailureAt > windowMinutes * MINUTE) {
      state.failures = 0;
      state.firstFailureAt = now;
    }
    state.failures += 1;
    let locked: number | null = null;
    if (state.failures >= maxFailures) {
      locked = now + Math.min(maxLockMinutes, lockMinutes * 2 ** state.locks) * MINUTE;
      state.locks += 1;
      state.failures = 0;
      state.firstFailureAt = now;
      state.lockedUntil = locked;
    }
    this.keys.delete(key);
    this.keys.set(key, state);
    if (this.keys.size > this.maxKeys) this.keys.delete(this.keys.keys().next().value!);
    return locked;
  }

  /** Takes back one failure counted ahead of a check that then succeeded. */
  forgive(key: string): void {
    const state = this.keys.get(key);
    if (state) state.failures = Math.max(0, state.failures - 1);
  }

  succeed(key: string): void {
    this.keys.delete(key);
  }
}

/** Whole minutes until `until`, at least 1 (for "try again in N minutes"). */
export const minutesUntil = (until: number, now: number): number => Math.max(1, Math.ceil((until - now) / MINUTE));

/**
 * Attempts refused while a key is locked, audited in rows of `every` rather than one row (one fsync) each: a flood
 * against a locked account must not turn the audit log into the next bottleneck. The first refusal is written at
 * once; the count left over is written with the key's next attempt.
 */
export class RefusalTally {
  private readonly counts = new Map<string, number>();

  constructor(
    private readonly every = 100,
    /** Keys remembered at most (the oldest go first; their first refusal was written already). */
    private readonly maxKeys = 10_000,
  ) {}

  /** Counts one refusal; answers how many the audit row written now stands for (0: no row now). */
  refuse(key: string): number {
    const seen = this.counts.get(key);
    if (seen === undefined) {
      this.counts.set(key, 0);
      if (this.counts.size > this.maxKeys) this.counts.delete(this.counts.keys().next().value!);
      return 1;
    }
    if (seen + 1 >= this.every) {
      this.counts.set(key, 0);
      return seen + 1;
    }
    this.counts.set(key, seen + 1);
    return 0;
  }

  /** The refusals not yet written for a key whose lock is over (0 if none); forgets the key. */
  settle(key: string): number {
    const left = this.counts.get(key) ?? 0;
    this.counts.delete(key);
    return left;
  }
}
