/**
 * What the hall link takes from its surroundings instead of reaching for globals: timers (real ones by default, a
 * manual clock in tests), request ids, and wake-ups from the browser. Nothing here touches the DOM by name, so the
 * link compiles and runs the same in a browser, in Electron and under vitest.
 */

/** Schedules work; each call returns the function that cancels it. */
export interface LinkTimers {
  after(ms: number, fn: () => void): () => void;
  every(ms: number, fn: () => void): () => void;
}

export const systemTimers: LinkTimers = {
  after(ms, fn) {
    const t = setTimeout(fn, ms);
    return () => clearTimeout(t);
  },
  every(ms, fn) {
    const t = setInterval(fn, ms);
    return () => clearInterval(t);
  },
};

/** A fresh id for one command; the server answers a repeat with the same id with the first result. */
export const newRequestId = (): string =>
  typeof crypto !== 'undefined' && 'randomUUID' in crypto
    ? crypto.randomUUID()
    : `r-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 12)}`;

/**
 * Tells the link that now is a good moment to check: the network may be back, or the screen is looked at again.
 * Subscribes `poke` and returns the unsubscribe.
 */
export type WakeSource = (poke: () => void) => () => void;

interface EventTargetLike {
  addEventListener(type: string, listener: () => void): void;
  removeEventListener(type: string, listener: () => void): void;
}

/**
 * The browser's wake-ups: `online` on the window, and (when a document is given) the tab becoming visible again —
 * a clerk's screen that slept in a background tab must not show an old queue.
 */
export function browserWake(
  win: EventTargetLike,
  doc?: EventTargetLike & { readonly visibilityState: string },
): WakeSource {
  return (poke) => {
    const onVisible = () => {
      if (doc?.visibilityState !== 'hidden') poke();
    };
    win.addEventListener('online', poke);
    doc?.addEventListener('visibilitychange', onVisible);
    return () => {
      win.removeEventListener('online', poke);
      doc?.removeEventListener('visibilitychange', onVisible);
    };
  };
}
