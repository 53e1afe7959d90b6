/**
 * The wait before retry number `attempt` (1 = the first retry): doubling from `baseMs` up to `maxMs`, half of it
 * fixed and half random ("equal jitter"), so a hall that comes back after an outage does not hammer the platform in
 * step with every other hall, and never retries in a tight loop either.
 */
export function backoffMs(attempt: number, baseMs: number, maxMs: number, random: () => number): number {
  const exponent = Math.min(Math.max(attempt, 1) - 1, 40);
  const ceiling = Math.min(maxMs, baseMs * 2 ** exponent);
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}
