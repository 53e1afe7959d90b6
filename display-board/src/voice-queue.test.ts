import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { VoiceQueue, watchdogMs, type ChimePort, type SpeechPort } from './voice-queue';

/** A speech port that records what it is asked and lets the test end (or lose) each utterance. */
class FakeSpeech implements SpeechPort {
  log: string[] = [];
  current: { text: string; onEnd: (error?: string) => void } | null = null;
  cancels = 0;
  canSpeak = true;
  speak(text: string, onEnd: (error?: string) => void): void {
    if (this.current) throw new Error(`cut off: "${this.current.text}" was still speaking when "${text}" started`);
    this.log.push(`speak:${text}`);
    this.current = { text, onEnd };
  }
  cancel(): void {
    this.cancels++;
    this.current = null;
  }
  available(): boolean {
    return this.canSpeak;
  }
  /** Finish the utterance in progress (as speechSynthesis would fire onend). */
  end(error?: string): void {
    const c = this.current;
    if (!c) throw new Error('nothing is speaking');
    this.current = null;
    c.onEnd(error);
  }
}

class FakeChime implements ChimePort {
  constructor(
    private readonly log: string[],
    private readonly ms = 1000,
  ) {}
  play(onEnd: () => void): void {
    this.log.push('chime');
    setTimeout(onEnd, this.ms);
  }
}

/** Drive the queue: end each utterance as soon as it starts, until idle. */
async function drain(speech: FakeSpeech, limit = 1000): Promise<void> {
  for (let i = 0; i < limit; i++) {
    if (speech.current) speech.end();
    if (vi.getTimerCount() === 0 && !speech.current) return;
    await vi.advanceTimersToNextTimerAsync();
  }
  throw new Error('queue did not drain');
}

describe('VoiceQueue', () => {
  let speech: FakeSpeech;
  beforeEach(() => {
    vi.useFakeTimers();
    speech = new FakeSpeech();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('plays a chime, then the sentence `repeat` times', async () => {
    const q = new VoiceQueue({ speech, chime: new FakeChime(speech.log), repeat: 2 });
    q.enqueue('请 A001 号 到 1 号窗口办理');
    expect(speech.log).toEqual(['chime']);
    await drain(speech);
    expect(speech.log).toEqual(['chime', 'speak:请 A001 号 到 1 号窗口办理', 'speak:请 A001 号 到 1 号窗口办理']);
    expect(q.busy).toBe(false);
  });

  it('honours the repeat count', async () => {
    const q = new VoiceQueue({ speech, repeat: 3 });
    q.enqueue('A');
    await drain(speech);
    expect(speech.log).toEqual(['speak:A', 'speak:A', 'speak:A']);
  });

  it('never cuts off: a second call while the first is speaking waits for it', async () => {
    const q = new VoiceQueue({ speech, chime: new FakeChime(speech.log), repeat: 1 });
    q.enqueue('first');
    await vi.advanceTimersByTimeAsync(1300);
    expect(speech.current?.text).toBe('first');
    expect(q.enqueue('second')).toBe(1);
    // The first one takes its time; nothing else may start meanwhile (FakeSpeech throws if it did).
    await vi.advanceTimersByTimeAsync(3000);
    expect(speech.current?.text).toBe('first');
    expect(speech.cancels).toBe(0);
    expect(speech.log).toEqual(['chime', 'speak:first']);
    speech.end();
    await drain(speech);
    expect(speech.log).toEqual(['chime', 'speak:first', 'chime', 'speak:second']);
  });

  it('plays calls in the order they came', async () => {
    const spoken: string[] = [];
    const q = new VoiceQueue({ speech, repeat: 1, onUtterance: (t) => spoken.push(t) });
    for (const t of ['A001', 'B002', 'A003']) q.enqueue(t);
    await drain(speech);
    expect(spoken).toEqual(['A001', 'B002', 'A003']);
  });

  it('never drops: ten calls at once are all played, each twice, in order', async () => {
    const ends: string[] = [];
    const q = new VoiceQueue({
      speech,
      chime: new FakeChime(speech.log, 800),
      repeat: 2,
      onUtteranceEnd: (t, outcome) => ends.push(`${t}:${outcome}`),
    });
    const calls = Array.from(
      { length: 10 },
      (_, i) => `请 A${String(i + 1).padStart(3, '0')} 号 到 ${i + 1} 号窗口办理`,
    );
    for (const c of calls) q.enqueue(c);
    expect(q.pending).toBe(9);
    await drain(speech);
    expect(speech.log).toEqual(calls.flatMap((c) => ['chime', `speak:${c}`, `speak:${c}`]));
    expect(ends).toEqual(calls.flatMap((c) => [`${c}:ended`, `${c}:ended`]));
    expect(q.pending).toBe(0);
  });

  it('continues after a lost onend once the watchdog fires, and ignores the late onend', async () => {
    const ends: string[] = [];
    const q = new VoiceQueue({
      speech,
      repeat: 1,
      watchdog: { baseMs: 2000, perCharMs: 100 },
      onUtteranceEnd: (t, outcome) => ends.push(`${t}:${outcome}`),
    });
    q.enqueue('stuck');
    q.enqueue('next');
    const lost = speech.current!;
    expect(lost.text).toBe('stuck');
    // Chrome never fires onend: nothing happens until the watchdog (2000 + 5 × 100 ms).
    await vi.advanceTimersByTimeAsync(watchdogMs('stuck', { baseMs: 2000, perCharMs: 100 }) - 1);
    expect(ends).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(ends).toEqual(['stuck:timeout']);
    expect(speech.cancels).toBe(1);
    lost.onEnd(); // the lost onend turns up late: must not skip "next"
    await vi.advanceTimersByTimeAsync(1000);
    expect(speech.current?.text).toBe('next');
    speech.end();
    await drain(speech);
    expect(ends).toEqual(['stuck:timeout', 'next:ended']);
  });

  it('scales the watchdog with the text length', () => {
    expect(watchdogMs('请 A012 号 到 3 号窗口办理')).toBeGreaterThan(watchdogMs('A012'));
    expect(watchdogMs('请到窗口', { baseMs: 1000, perCharMs: 500 })).toBe(3000);
  });

  it('moves on after a speech error and reports a blocked autoplay', async () => {
    const blocked = vi.fn();
    const q = new VoiceQueue({ speech, repeat: 1, onBlocked: blocked });
    q.enqueue('one');
    q.enqueue('two');
    speech.end('not-allowed');
    expect(blocked).toHaveBeenCalledWith('speech');
    await drain(speech);
    expect(speech.log).toEqual(['speak:one', 'speak:two']);
  });

  it('continues when the chime never ends', async () => {
    const q = new VoiceQueue({ speech, repeat: 1, chime: { play: () => undefined }, chimeTimeoutMs: 3000 });
    q.enqueue('x');
    await vi.advanceTimersByTimeAsync(2999);
    expect(speech.current).toBeNull();
    await drain(speech);
    expect(speech.log).toEqual(['speak:x']);
  });

  it('still chimes and keeps order when the browser cannot speak at all', async () => {
    speech.canSpeak = false;
    const log: string[] = [];
    const q = new VoiceQueue({ speech, repeat: 2, chime: new FakeChime(log, 500), onCallStart: (t) => log.push(t) });
    q.enqueue('a');
    q.enqueue('b');
    await drain(speech);
    expect(log).toEqual(['a', 'chime', 'b', 'chime']);
    expect(speech.log).toEqual([]);
  });

  it('stops cleanly when disposed', async () => {
    const q = new VoiceQueue({ speech, repeat: 2 });
    q.enqueue('a');
    q.enqueue('b');
    q.dispose();
    expect(speech.cancels).toBe(1);
    await vi.runAllTimersAsync();
    expect(speech.log).toEqual(['speak:a']);
    expect(q.enqueue('c')).toBe(0);
  });
});
