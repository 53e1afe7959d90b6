/**
 * Wires the pure board model to the browser: the hall link feeds it, the voice queue speaks what it announces, and
 * React renders what it holds (subscribe / version for useSyncExternalStore). Also publishes `window.__board` for
 * tests and for an installer's console:
 *
 *   seq         hall sequence the board is at
 *   announced   one entry per announced call (its text), in order — each call once, ever
 *   utterances  every text handed to the speech port (a call appears `repeat` times)
 *   spoken      every utterance the speech port reported finished
 *   status      'connecting' | 'online' | 'offline';  sound: 'ok' | 'blocked' | 'unavailable' | 'off'
 *   settings    the device settings last received from the server (`device:settings`)
 *   test        { dropNetwork(), restoreNetwork() } — hold the socket down as if the cable were pulled;
 *               { loseEvents(n) } — drop the next n hall events on arrival, to exercise the gap → snapshot path
 *
 * Device settings from the console (`device:settings`, on connect and on every change) are applied live: filters,
 * recent rows, clock zone, voice on/off, repeat, rate, missed-call age and resync — the address still wins.
 */
import type { CallView, DisplayClientEvents, DisplayStatusWord, HallEvent, HallSnapshot } from '@onedoor/protocol';
import { browserWake, HallLink, type LinkStatus } from '@onedoor/protocol/client';
import { askReplay, BoardModel, type BoardUpdate, type SnapshotSource } from './board-state';
import { configFromSettings, type BoardConfig } from './config';
import { storeSettings } from './token-store';
import { connectDisplay } from './connection';
import { BrowserSpeech, RecordingSpeech, WebAudioChime } from './sound';
import { VoiceQueue, type SpeechPort } from './voice-queue';

export type SoundBadge = 'ok' | 'blocked' | 'unavailable' | 'off';

export interface BoardDebug {
  readonly seq: number | null;
  readonly announced: string[];
  readonly announcedSeqs: number[];
  readonly utterances: string[];
  readonly spoken: string[];
  readonly status: LinkStatus;
  readonly sound: SoundBadge;
  readonly voice: string | null;
  readonly settings: Record<string, unknown> | null;
  readonly test: { dropNetwork(): void; restoreNetwork(): void; requestSnapshot(): void; loseEvents(n: number): void };
}

declare global {
  interface Window {
    __board?: BoardDebug;
  }
}

/** How long a newly announced call keeps its visual flash (ms). */
export const FLASH_MS = 6000;

/** The debug logs keep the last entries only: a board runs for months without a reload. */
const LOG_KEPT = 1000;
function pushCapped<T>(list: T[], item: T): void {
  list.push(item);
  if (list.length > LOG_KEPT) list.splice(0, list.length - LOG_KEPT);
}

export class BoardController {
  readonly model: BoardModel;
  private link: HallLink<DisplayClientEvents> | null = null;
  private voice: VoiceQueue | null = null;
  private readonly speech: SpeechPort;
  private chime: WebAudioChime | null = null;
  private readonly recording: boolean;
  /** Device settings last received from the server (null before the first). */
  settings: Record<string, unknown> | null = null;
  private readonly listeners = new Set<() => void>();
  private version = 0;
  private speechBlocked = false;
  private offsetMs = 0;
  private announcedAt = new Map<number, number>();
  private loseEvents = 0;
  /** The status words last sent to the console (`device:status`), null before the first on this connection. */
  private reportedStatus: string | null = null;
  private readonly resumeKey: string;
  status: LinkStatus = 'connecting';
  offlineSince: number | null = null;
  readonly announced: string[] = [];
  readonly announcedSeqs: number[] = [];
  readonly utterances: string[] = [];
  readonly spoken: string[] = [];

  constructor(
    public config: BoardConfig,
    private readonly origin: string,
    private readonly deviceToken: string,
    private readonly onUnauthorized: (message: string) => void,
  ) {
    this.resumeKey = `onedoor.display.decided:${window.location.pathname}${window.location.search}`;
    this.model = new BoardModel({
      filter: { services: config.services, windows: config.windows },
      missedMaxAgeMs: config.missedMaxAgeSec * 1000,
      onGap: () => this.link?.requestSnapshot(),
      resumeFrom: this.readResume(),
    });
    this.recording = config.speech === 'record';
    this.speech = this.recording ? new RecordingSpeech() : new BrowserSpeech({ lang: 'zh-CN', rate: config.rate });
    if (config.voice) this.startVoice();
    this.publishDebug();
  }

  /** Chime and voice queue for a speaking board (from the start, or when settings turn the voice on). */
  private startVoice(): void {
    if (this.voice) return;
    const chime = new WebAudioChime();
    this.chime = chime;
    this.voice = new VoiceQueue({
      speech: this.speech,
      chime,
      repeat: this.config.repeat,
      betweenRepeatsMs: this.recording ? 150 : 800,
      betweenCallsMs: this.recording ? 150 : 600,
      onUtterance: (text) => pushCapped(this.utterances, text),
      onUtteranceEnd: (text, outcome) => {
        if (outcome === 'ended') {
          pushCapped(this.spoken, text);
          if (this.speechBlocked) {
            this.speechBlocked = false;
            this.changed();
          }
        }
      },
      onBlocked: () => {
        this.speechBlocked = true;
        this.changed();
      },
    });
    chime.onChange(() => this.changed());
    void chime.resume();
  }

  private stopVoice(): void {
    this.voice?.dispose();
    this.voice = null;
    this.chime = null;
    this.speechBlocked = false;
  }

  /**
   * The console changed this board's settings (or sent them on connect): apply them without a reload. The address
   * still wins; what did not change is not touched (a new filter does not interrupt a call being spoken).
   */
  applySettings(settings: Record<string, unknown>): void {
    this.settings = settings;
    storeSettings(settings);
    const { config, changed } = configFromSettings(this.config, window.location.search, window.location.hash, settings);
    if (changed.length === 0) return;
    this.config = config;
    if (changed.includes('services') || changed.includes('windows')) {
      this.model.reconfigure({ filter: { services: config.services, windows: config.windows } });
    }
    if (changed.includes('missedMaxAgeSec')) this.model.reconfigure({ missedMaxAgeMs: config.missedMaxAgeSec * 1000 });
    if (changed.includes('voice')) {
      if (config.voice) this.startVoice();
      else this.stopVoice();
    }
    if (changed.includes('repeat')) this.voice?.setRepeat(config.repeat);
    if (changed.includes('rate') && this.speech instanceof BrowserSpeech) this.speech.setRate(config.rate);
    if (changed.includes('resyncSec')) this.link?.setResync(config.resyncSec * 1000);
    console.info(`[display] settings applied: ${changed.join(', ')}`);
    this.changed();
  }

  start(): void {
    if (this.link) return;
    this.link = new HallLink<DisplayClientEvents>(
      {
        socket: connectDisplay(this.origin, this.deviceToken),
        resyncMs: this.config.resyncSec * 1000,
        // The OS says the network is back: retry now instead of waiting out socket.io's backoff (up to 10 s).
        wake: browserWake(window),
      },
      {
        // The board model keeps its own sequence: it decides from each snapshot which missed calls to announce.
        onSnapshot: (s, source) => this.onSnapshot(s, source),
        onChange: (_state, _base, applied) => applied.forEach((e) => this.onEvent(e)),
        onSettings: (settings) => this.applySettings(settings),
        onStatus: (status, detail) => {
          if (status === 'offline') console.info(`[display] offline: ${detail ?? ''}`);
          if (status === 'offline' && this.offlineSince === null) this.offlineSince = this.now();
          if (status === 'online') this.offlineSince = null;
          // Each connection starts clean on the server: say again how the sound stands.
          this.reportedStatus = null;
          this.status = status;
          this.changed();
        },
        onUnauthorized: (err) => this.onUnauthorized(err.message),
      },
    );
  }

  stop(): void {
    this.link?.close();
    this.link = null;
    this.voice?.dispose();
    if (window.__board && this.announced === window.__board.announced) delete window.__board;
  }

  // ---------- React glue ----------

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getVersion = (): number => this.version;

  get state(): HallSnapshot | null {
    return this.model.state;
  }

  /** The clock's zone: `tz` when the address or the settings pin one, else the hall's from its snapshot. */
  get timeZone(): string {
    const state = this.model.state;
    return this.config.pinTimeZone || !state ? this.config.timeZone : state.timeZone;
  }

  /** Hall time: the local clock corrected by the server's (a TV's own clock is often wrong). */
  now = (): number => Date.now() + this.offsetMs;

  /** The newest call flashes only if this board announced it, and only for a few seconds. */
  isFresh(seq: number): boolean {
    const at = this.announcedAt.get(seq);
    return at !== undefined && Date.now() - at < FLASH_MS;
  }

  wasAnnounced = (seq: number): boolean => this.model.wasAnnounced(seq);

  get sound(): SoundBadge {
    if (!this.config.voice) return 'off';
    if (!this.speech.available()) return 'unavailable';
    if (this.speechBlocked || this.chime?.state === 'blocked') return 'blocked';
    return 'ok';
  }

  /** From a tap on the badge (a user gesture): start audio and speech, and chime to confirm. */
  enableSound(): void {
    if (this.speech instanceof BrowserSpeech) this.speech.unlock();
    this.speechBlocked = false;
    void this.chime?.resume().then((state) => {
      if (state === 'ok') this.chime?.play(() => undefined);
      this.changed();
    });
    this.changed();
  }

  // ---------- hall input ----------

  private onSnapshot(snapshot: HallSnapshot, source: SnapshotSource): void {
    const serverNow = Date.parse(snapshot.serverTime);
    if (Number.isFinite(serverNow)) this.offsetMs = serverNow - Date.now();
    this.apply(this.model.snapshot(snapshot, source));
  }

  private onEvent(event: HallEvent): void {
    if (this.loseEvents > 0) {
      this.loseEvents--;
      return;
    }
    this.apply(this.model.event(event));
  }

  private apply(update: BoardUpdate): void {
    for (const call of update.announce) this.announce(call);
    const range = update.replay;
    if (range) void askReplay(this.link, range).then((answer) => this.apply(this.model.replayed(answer, range)));
    this.saveResume();
    this.changed();
  }

  /**
   * A reload (browser crash, player restart, staff pressing F5) must not lose calls made meanwhile: remember how far
   * this board has decided, and resume from there if the page comes back within the missed-call window.
   */
  private readResume(): number | null {
    try {
      const raw = window.localStorage.getItem(this.resumeKey);
      if (!raw) return null;
      const { seq, at } = JSON.parse(raw) as { seq?: unknown; at?: unknown };
      if (typeof seq !== 'number' || typeof at !== 'number') return null;
      return Date.now() - at <= this.config.missedMaxAgeSec * 1000 ? seq : null;
    } catch {
      return null;
    }
  }

  private saveResume(): void {
    const seq = this.model.decidedUpTo;
    if (seq === null) return;
    try {
      window.localStorage.setItem(this.resumeKey, JSON.stringify({ seq, at: Date.now() }));
    } catch {
      // no storage: a reload starts from history, as on first boot
    }
  }

  private announce(call: CallView): void {
    pushCapped(this.announced, call.text);
    pushCapped(this.announcedSeqs, call.seq);
    this.announcedAt.set(call.seq, Date.now());
    if (this.announcedAt.size > 200) this.announcedAt.delete(this.announcedAt.keys().next().value!);
    this.voice?.enqueue(call.text);
  }

  private changed(): void {
    this.version++;
    for (const l of this.listeners) l();
    this.reportStatus();
  }

  /** What the console should know about this board: its sound blocked by the browser, or no speech at all. */
  get statusWords(): DisplayStatusWord[] {
    const sound = this.sound;
    return sound === 'blocked' ? ['sound-blocked'] : sound === 'unavailable' ? ['no-speech'] : [];
  }

  /**
   * Tells the console when the sound is blocked (a wall TV nobody can tap stays silent, so someone must know) and when
   * it is back; sent on each connection and on every change.
   */
  private reportStatus(): void {
    const link = this.link;
    if (!link || this.status !== 'online') return;
    const words = this.statusWords;
    const key = words.join(',');
    if (key === this.reportedStatus) return;
    this.reportedStatus = key;
    void link.request('device:status', { status: words }).then((ack) => {
      // Not acknowledged (a server from before device:status, or the link dropped): try again on the next change.
      if (!ack?.ok && this.reportedStatus === key) this.reportedStatus = null;
    });
  }

  private publishDebug(): void {
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    const self = this;
    window.__board = {
      get seq() {
        return self.model.seq;
      },
      announced: this.announced,
      announcedSeqs: this.announcedSeqs,
      utterances: this.utterances,
      spoken: this.spoken,
      get status() {
        return self.status;
      },
      get sound() {
        return self.sound;
      },
      get voice() {
        return self.speech instanceof BrowserSpeech ? self.speech.voiceName : 'record';
      },
      get settings() {
        return self.settings;
      },
      test: {
        dropNetwork: () => self.link?.hold(),
        restoreNetwork: () => self.link?.release(),
        requestSnapshot: () => self.link?.requestSnapshot(),
        loseEvents: (n: number) => {
          self.loseEvents = n;
        },
      },
    };
  }
}
