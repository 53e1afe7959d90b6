import type { Locator } from 'playwright-core';
import { until } from '../../helpers/wait';

/**
 * Clicks `target` until `took()` says the click took, as a clerk clicks again. A dialog zooms in as it opens: on a
 * starved machine a quick pick clicked as the dialog appeared sometimes did nothing, and 暂停 stayed disabled (seen
 * in loaded runs of the pause tests, not reproduced since).
 */
export async function clickUntil(target: Locator, took: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  await until(
    `clicking ${String(target)} to take`,
    async () => {
      await target.click();
      return took();
    },
    timeoutMs,
  );
}
