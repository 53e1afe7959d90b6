/**
 * Voice calling as a queue: every call is played in order, in full, `repeat` times, with a chime before it.
 * A new call never cuts off the one being spoken (novosga/novosga#78) and is never dropped, however many arrive.
 *
 * Speech and chime are injected ports, so the queue runs the same against window.speechSynthesis, a recording fake
 * (e2e) or a test double (fake timers). A watchdog covers Chrome's speechSynthesis, which now and then never fires
 * `end`: after a timeout proportional to the text length the utterance is cancelled and the queue moves on.
 */

import type { SpeechPort } from '@onedoor/protocol/client';

export type { SpeechPort };

export interface ChimePort {
  /** Play the chime; call onEnd once it has sounded (or at once if it cannot play). */
  play(onEnd: () => void): void;
}

export type UtteranceOutcome = 'ended' | 'error' | 'timeout';

export interface VoiceQueueOptions {
  speech: SpeechPort;
  chime?: ChimePort | null;
  /** Times each call is spoken (default 2). */
  repeat?: number;
  /** Silence after the chime before speaking (ms). */
  afterChimeMs?: number;
  /** Silence between repetitions of one call (ms). */
  betweenRepeatsMs?: number;
  /** Silence between two calls (ms). */
  betweenCallsMs?: number;
  /** Watchdog: an utterance gets baseMs + perCharMs × characters to finish before it is cancelled. */
  watchdog?: { baseMs: number; perCharMs: number };
  /** Watchdog for a chime that never reports its end (ms). */
  chimeTimeoutMs?: number;
  /** Each text handed to the speech port, in order. */
  onUtterance?: (text: string) => void;
  onUtteranceEnd?: (text: string, outcome: UtteranceOutcome, error?: string) => void;
  /** The browser refused to play sound (speech error 'not-allowed'). */
  onBlocked?: (reason: string) => void;
  /** A call starts (after being queued); its chime is about to play. */
  onCallStart?: (text: string) => void;
  /** The queue ran empty. */
  onIdle?: () => void;
}

export const DEFAULT_WATCHDOG = { baseMs: 4000, perCharMs: 400 };

export function watchdogMs(text: string, watchdog = DEFAULT_WATCHDOG): number {
  return watchdog.baseMs + watchdog.perCharMs * [...text].length;
}

export class VoiceQueue {
  private readonly queue: string[] = [];
  private running = false;
  /** Bumped for every step; a callback from an older step (a late onend after the watchdog fired) is ignored. */
  private step = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private disposed = false;
  private repeat: number;

  constructor(private readonly options: VoiceQueueOptions) {
    this.repeat = Math.max(1, Math.floor(options.repeat ?? 2));
  }

  /** Times each call is spoken, changed live (device settings); counts from the next repetition on. */
  setRepeat(repeat: number): void {
    this.repeat = Math.max(1, Math.floor(repeat));
  }

  /** Queue one call's sentence. Returns the number of calls waiting behind the current one. */
  enqueue(text: string): number {
    if (this.disposed) return 0;
    this.queue.push(text);
    if (!this.running) this.next();
    return this.queue.length;
  }

  /** Calls waiting (not counting the one playing). */
  get pending(): number {
    return this.queue.length;
  }

  get busy(): boolean {
    return this.running;
  }

  dispose(): void {
    this.disposed = true;
    this.queue.length = 0;
    this.step++;
    if (this.timer) clearTimeout(this.timer);
    if (this.running) this.options.speech.cancel();
    this.running = false;
  }

  private wait(ms: number, then: () => void): void {
    const step = ++this.step;
    this.timer = setTimeout(() => {
      this.timer = null;
      if (step === this.step && !this.disposed) then();
    }, ms);
  }

  private next(): void {
    const text = this.queue.shift();
    if (text === undefined || this.disposed) {
      this.running = false;
      if (!this.disposed) this.options.onIdle?.();
      return;
    }
    this.running = true;
    this.options.onCallStart?.(text);
    if (!this.options.chime) return this.say(text, 1);
    this.playChime(() => this.wait(this.options.afterChimeMs ?? 250, () => this.say(text, 1)));
  }

  private playChime(then: () => void): void {
    const chime = this.options.chime;
    if (!chime) return then();
    const step = ++this.step;
    let done = false;
    const finish = (): void => {
      if (done || step !== this.step || this.disposed) return;
      done = true;
      if (this.timer) clearTimeout(this.timer);
      this.timer = null;
      then();
    };
    this.timer = setTimeout(finish, this.options.chimeTimeoutMs ?? 4000);
    try {
      chime.play(finish);
    } catch {
      finish();
    }
  }

  private say(text: string, round: number): void {
    const after = (): void => {
      if (round < this.repeat) this.wait(this.options.betweenRepeatsMs ?? 800, () => this.say(text, round + 1));
      else this.wait(this.options.betweenCallsMs ?? 600, () => this.next());
    };
    const { speech } = this.options;
    if (!speech.available()) return after();

    const step = ++this.step;
    let settled = false;
    const settle = (outcome: UtteranceOutcome, error?: string): void => {
      if (settled || step !== this.step || this.disposed) return;
      settled = true;
      if (this.timer) clearTimeout(this.timer);
      this.timer = null;
      this.options.onUtteranceEnd?.(text, outcome, error);
      if (error === 'not-allowed') this.options.onBlocked?.('speech');
      after();
    };
    this.timer = setTimeout(
      () => {
        // Chrome sometimes never fires onend: cut the stuck utterance and carry on with the queue.
        try {
          speech.cancel();
        } finally {
          settle('timeout');
        }
      },
      watchdogMs(text, this.options.watchdog),
    );
    this.options.onUtterance?.(text);
    try {
      speech.speak(text, (error) => settle(error ? 'error' : 'ended', error));
    } catch (err) {
      settle('error', err instanceof Error ? err.message : String(err));
    }
  }
}
