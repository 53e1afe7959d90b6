import type { Locator } from 'playwright-core';

/**
 * Clicks `target` until `took()` says the click took, as a clerk clicks again. A dialog zooms in as it opens: on a
 * starved machine a quick pick clicked as the dialog appeared sometimes did nothing, and 暂停 stayed disabled (seen
 * in loaded runs of the pause tests, not reproduced since).
 */
export async function clickUntil(target: Locator, took: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    await target.click();
    if (await took()) return;
    if (Date.now() > end) throw new Error(`clicking ${String(target)} did not take within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 250));
  }
}
