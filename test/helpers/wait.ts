/**
 * Waiting in tests and their hooks (hooks have no expect.poll): checked every 50 ms, with a deadline generous enough
 * for a shared, busy machine. A timeout says what was awaited and the last value seen.
 */
export async function waitForValue<T>(
  what: string,
  get: () => Promise<T> | T,
  ok: (v: T) => boolean,
  ms = 15_000,
): Promise<T> {
  const end = Date.now() + ms;
  let last: T = await get();
  while (!ok(last)) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}; last value: ${JSON.stringify(last)}`);
    await new Promise((r) => setTimeout(r, 50));
    last = await get();
  }
  return last;
}

/** Waits until `ok` answers true. */
export async function until(what: string, ok: () => Promise<boolean> | boolean, ms = 15_000): Promise<void> {
  await waitForValue(what, ok, (v) => v, ms);
}
