/**
 * Mandarin speech in the browser, shared by the clients that speak (`@onedoor/protocol/client`): the board calls the
 * number, the kiosk in elder mode reads the ticket aloud. A SpeechPort over window.speechSynthesis with the best
 * Mandarin voice the device has (zh-CN first, local before network; the list is read again on `voiceschanged`, since
 * it is often empty at first), utterances kept referenced until they end (Chrome drops unreferenced ones and never
 * fires their end), a paused synthesizer resumed before speaking.
 */

/** Something that speaks one utterance at a time (speechSynthesis, a test recorder, a fake). */
export interface SpeechPort {
  /** Speak one utterance; call onEnd exactly once when it finished or failed (error: 'not-allowed', 'interrupted' …). */
  speak(text: string, onEnd: (error?: string) => void): void;
  /** Stop whatever is being spoken. */
  cancel(): void;
  /** False when this browser cannot speak at all (no speechSynthesis): calls are then chimed and shown only. */
  available(): boolean;
}

export interface BrowserSpeechOptions {
  lang?: string;
  rate?: number;
  volume?: number;
}

/** Picks a Mandarin voice: zh-CN first, then other zh / cmn voices; local (offline) voices before network ones. */
export function pickChineseVoice(voices: readonly SpeechSynthesisVoice[], lang = 'zh-CN'): SpeechSynthesisVoice | null {
  const norm = (s: string) => s.replace('_', '-').toLowerCase();
  const want = norm(lang);
  const score = (v: SpeechSynthesisVoice): number => {
    const l = norm(v.lang);
    let s = 0;
    if (l === want) s = 100;
    else if (l.startsWith('zh-hans') || l === 'cmn-cn' || l === 'cmn') s = 80;
    else if (l.startsWith('zh') && !l.includes('hk') && !l.includes('yue')) s = 60;
    else if (l.startsWith('zh') || /chinese|mandarin|普通话|中文/i.test(v.name)) s = 40;
    else return 0;
    if (v.localService) s += 10;
    return s;
  };
  let best: SpeechSynthesisVoice | null = null;
  let bestScore = 0;
  for (const v of voices) {
    const s = score(v);
    if (s > bestScore) {
      best = v;
      bestScore = s;
    }
  }
  return best;
}

export class BrowserSpeech implements SpeechPort {
  private voice: SpeechSynthesisVoice | null = null;
  /** Chrome garbage-collects an utterance that nothing references and then never fires its end: keep them. */
  private readonly live = new Set<SpeechSynthesisUtterance>();

  /** Speech rate for the next utterances (device settings change it live). */
  setRate(rate: number): void {
    this.options.rate = rate;
  }

  constructor(private readonly options: BrowserSpeechOptions = {}) {
    const synth = this.synth();
    if (!synth) return;
    const refresh = (): void => {
      this.voice = pickChineseVoice(synth.getVoices(), this.options.lang ?? 'zh-CN') ?? this.voice;
    };
    // getVoices() is often empty at first; the list arrives with 'voiceschanged'.
    refresh();
    synth.addEventListener?.('voiceschanged', refresh);
  }

  private synth(): SpeechSynthesis | null {
    return typeof window !== 'undefined' &&
      'speechSynthesis' in window &&
      typeof SpeechSynthesisUtterance === 'function'
      ? window.speechSynthesis
      : null;
  }

  get voiceName(): string | null {
    return this.voice ? `${this.voice.name} (${this.voice.lang})` : null;
  }

  available(): boolean {
    return this.synth() !== null;
  }

  speak(text: string, onEnd: (error?: string) => void): void {
    const synth = this.synth();
    if (!synth) return onEnd('unavailable');
    const u = new SpeechSynthesisUtterance(text);
    u.lang = this.voice?.lang ?? this.options.lang ?? 'zh-CN';
    if (this.voice) u.voice = this.voice;
    u.rate = this.options.rate ?? 0.9;
    u.volume = this.options.volume ?? 1;
    let done = false;
    const finish = (error?: string): void => {
      if (done) return;
      done = true;
      this.live.delete(u);
      onEnd(error);
    };
    u.onend = () => finish();
    u.onerror = (e) => finish(e.error || 'error');
    this.live.add(u);
    // A paused synthesizer (Chrome after a tab switch) queues forever: resume before speaking.
    if (synth.paused) synth.resume();
    synth.speak(u);
  }

  cancel(): void {
    this.live.clear();
    this.synth()?.cancel();
  }

  /** Speaking needs a user activation in Chrome when autoplay is not allowed: call from a tap to unlock it. */
  unlock(): void {
    const synth = this.synth();
    if (!synth) return;
    const u = new SpeechSynthesisUtterance(' ');
    u.volume = 0;
    synth.speak(u);
  }
}
