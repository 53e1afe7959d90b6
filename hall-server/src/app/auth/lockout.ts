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
