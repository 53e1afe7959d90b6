/**
 * Browser sound for the board: a SpeechPort over window.speechSynthesis (zh-CN voice), a recording port for tests,
 * and a two-tone chime made with WebAudio (no audio files to ship or lose).
 *
 * Autoplay: an unattended screen has nobody to tap it. When the browser blocks sound (AudioContext stays
 * 'suspended', speech fails with 'not-allowed') the board shows a badge; README.md lists the browser flags and
 * policies that let a kiosk play sound without a gesture.
 */
import type { ChimePort, SpeechPort } from './voice-queue';

// The speechSynthesis port is shared with the kiosk (elder mode reads the ticket aloud).
export { BrowserSpeech, pickChineseVoice, type BrowserSpeechOptions } from '@onedoor/protocol/client';

export type SoundState = 'ok' | 'blocked' | 'unavailable';

type Listener = () => void;

/** Records what would be spoken and 'finishes' each utterance after a short delay; for ?speech=record (e2e). */
export class RecordingSpeech implements SpeechPort {
  readonly log: string[] = [];
  constructor(private readonly ms = 60) {}
  available(): boolean {
    return true;
  }
  speak(text: string, onEnd: (error?: string) => void): void {
    this.log.push(text);
    setTimeout(() => onEnd(), this.ms);
  }
  cancel(): void {}
}

// ---------- chime ----------

type AudioContextCtor = typeof AudioContext;

declare global {
  interface Window {
    /** Older WebKit players (some TV browsers) have only the prefixed constructor. */
    webkitAudioContext?: AudioContextCtor;
  }
}

function audioContextCtor(): AudioContextCtor | null {
  if (typeof window === 'undefined') return null;
  // Typed as always there, but absent from some players' browsers.
  const standard: AudioContextCtor | undefined = window.AudioContext;
  return standard ?? window.webkitAudioContext ?? null;
}

/** 叮咚: two soft bell tones (G5 then E5) with a quick attack and an exponential decay; about 1.6 s. */
export class WebAudioChime implements ChimePort {
  private ctx: AudioContext | null = null;
  private readonly listeners = new Set<Listener>();
  readonly durationMs = 1600;

  constructor(private readonly volume = 0.35) {
    const Ctor = audioContextCtor();
    if (!Ctor) return;
    try {
      this.ctx = new Ctor();
      this.ctx.addEventListener('statechange', () => this.emit());
    } catch {
      this.ctx = null;
    }
  }

  /** 'blocked' while the autoplay policy holds the AudioContext suspended. */
  get state(): SoundState {
    if (!this.ctx) return 'unavailable';
    return this.ctx.state === 'running' ? 'ok' : 'blocked';
  }

  onChange(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(): void {
    for (const l of this.listeners) l();
  }

  /** Try to start audio (allowed at once under --autoplay-policy=no-user-gesture-required, else only from a tap). */
  async resume(): Promise<SoundState> {
    if (this.ctx && this.ctx.state !== 'running') {
      try {
        await this.ctx.resume();
      } catch {
        // stays suspended: the badge shows
      }
    }
    this.emit();
    return this.state;
  }

  play(onEnd: () => void): void {
    const ctx = this.ctx;
    if (!ctx || ctx.state !== 'running') {
      if (ctx?.state === 'suspended') void this.resume();
      onEnd();
      return;
    }
    const t0 = ctx.currentTime + 0.02;
    const master = ctx.createGain();
    master.gain.value = this.volume;
    master.connect(ctx.destination);
    const tone = (freq: number, at: number, length: number): void => {
      for (const [mult, level] of [
        [1, 1],
        [2, 0.25],
        [3, 0.08],
      ] as const) {
        const osc = ctx.createOscillator();
        const gain = ctx.createGain();
        osc.type = 'sine';
        osc.frequency.value = freq * mult;
        gain.gain.setValueAtTime(0.0001, at);
        gain.gain.exponentialRampToValueAtTime(level, at + 0.015);
        gain.gain.exponentialRampToValueAtTime(0.0001, at + length);
        osc.connect(gain).connect(master);
        osc.start(at);
        osc.stop(at + length + 0.05);
      }
    };
    tone(784, t0, 0.9);
    tone(659.25, t0 + 0.5, 1.05);
    setTimeout(() => {
      master.disconnect();
      onEnd();
    }, this.durationMs);
  }
}
