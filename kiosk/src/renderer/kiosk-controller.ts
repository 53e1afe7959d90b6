/**
 * Glue between the pure visit flow, the hall link and the device API: runs the flow's effects, feeds it the answers,
 * keeps the idle timer, and exposes one view object for React (useSyncExternalStore).
 */
import type { HallSnapshot, KioskBundle } from '@onedoor/protocol';
import { BrowserSpeech, type SpeechPort } from '@onedoor/protocol/client';
import type { DeviceStatus, KioskConfig, KioskDeviceApi } from '../shared/kiosk-api';
import { KioskLink, type LinkStatus } from './hall-link';
import { idleSeconds, initialVisit, transition, type Effect, type VisitEvent, type VisitState } from './visit-flow';
import { ticketSentence } from './ticket-voice';

export interface KioskView {
  phase: 'loading' | 'pairing' | 'running';
  visit: VisitState;
  snapshot: HallSnapshot | null;
  link: LinkStatus;
  /** The link has been up at least once since start (before that we say "connecting", not "maintenance"). */
  everOnline: boolean;
  config: KioskConfig | null;
  devices: DeviceStatus | null;
  /** Epoch ms when the kiosk goes home by itself, or null. */
  deadline: number | null;
  pairingError: string | null;
  /** Server clock minus this device's clock (ms), from the last snapshot: the header shows the hall's time. */
  clockOffsetMs: number;
  /** The 一件事 tiles, from the hall's catalog (asked for each time the link comes up). */
  bundles: KioskBundle[];
}

export interface ControllerOptions {
  newId?: () => string;
  now?: () => number;
  /** Delay before re-sending an issue whose ack was lost, default 1000 ms. */
  retryMs?: number;
  /** Reads the ticket aloud in elder mode; default the browser's speechSynthesis with a Mandarin voice. */
  speech?: SpeechPort;
}

const randomId = (): string =>
  typeof crypto !== 'undefined' && 'randomUUID' in crypto
    ? crypto.randomUUID()
    : `k-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 12)}`;

export class KioskController {
  private view: KioskView = {
    phase: 'loading',
    visit: initialVisit(),
    snapshot: null,
    link: 'connecting',
    everOnline: false,
    config: null,
    devices: null,
    deadline: null,
    pairingError: null,
    clockOffsetMs: 0,
    bundles: [],
  };
  private readonly listeners = new Set<() => void>();
  private link: KioskLink | null = null;
  private idleTimer: ReturnType<typeof setTimeout> | null = null;
  private readonly unsubscribe: (() => void)[] = [];
  private readonly newId: () => string;
  private readonly now: () => number;
  private readonly retryMs: number;
  private readonly speech: SpeechPort;

  constructor(
    readonly api: KioskDeviceApi,
    options: ControllerOptions = {},
  ) {
    this.newId = options.newId ?? randomId;
    this.now = options.now ?? Date.now;
    this.retryMs = options.retryMs ?? 1000;
    this.speech = options.speech ?? new BrowserSpeech({ lang: 'zh-CN', rate: 0.85 });
  }

  /** Elder mode: the ticket on screen, read aloud in Mandarin (again on 再听一遍). */
  readTicketAloud(): void {
    const ticket = this.view.visit.ticket;
    if (!ticket || !this.speech.available()) return;
    this.speech.cancel();
    this.speech.speak(ticketSentence(ticket), () => undefined);
  }

  subscribe = (cb: () => void): (() => void) => {
    this.listeners.add(cb);
    return () => this.listeners.delete(cb);
  };

  getView = (): KioskView => this.view;

  async start(): Promise<void> {
    const config = await this.api.config();
    this.set({ config });
    this.unsubscribe.push(this.api.onCard((holder) => this.dispatch({ type: 'card', holder })));
    this.unsubscribe.push(this.api.onDeviceStatus((devices) => this.set({ devices })));
    this.api.getDeviceStatus().then(
      (devices) => this.set({ devices }),
      () => undefined,
    );
    if (config.deviceToken) this.connect(config.serverUrl, config.deviceToken);
    else this.set({ phase: 'pairing' });
  }

  stop(): void {
    this.unsubscribe.splice(0).forEach((off) => off());
    this.link?.close();
    this.link = null;
    if (this.idleTimer) clearTimeout(this.idleTimer);
  }

  async pair(code: string): Promise<void> {
    const config = this.view.config;
    if (!config) return;
    const r = await this.api.pairDevice(code.trim());
    if (!r.ok) {
      this.set({ pairingError: `${r.message} / ${r.messageEn}` });
      return;
    }
    this.set({ config: { ...config, deviceToken: r.deviceToken }, pairingError: null });
    this.connect(config.serverUrl, r.deviceToken);
  }

  async unpair(): Promise<void> {
    this.link?.close();
    this.link = null;
    await this.api.saveDeviceToken(null);
    const config = this.view.config;
    this.set({
      phase: 'pairing',
      snapshot: null,
      everOnline: false,
      ...(config ? { config: { ...config, deviceToken: null } } : {}),
    });
    this.dispatch({ type: 'connection', online: false });
  }

  /** A touch or key press: the visitor is still there. */
  activity(): void {
    this.armIdle();
  }

  dispatch(event: VisitEvent): void {
    const { state, effects } = transition(this.view.visit, event, { newId: this.newId });
    if (state !== this.view.visit) {
      const screenChanged = state.screen !== this.view.visit.screen;
      this.view = { ...this.view, visit: state };
      // An elder visitor hears the ticket once, as it appears (the screen also offers 再听一遍).
      if (screenChanged && state.screen === 'ticket' && state.elder) this.readTicketAloud();
      if (
        screenChanged ||
        event.type === 'connection' ||
        event.type === 'set-elder' ||
        event.type === 'set-lang' ||
        event.type === 'card'
      )
        this.armIdle();
      this.emit();
    }
    for (const effect of effects) this.run(effect);
  }

  private connect(origin: string, deviceToken: string): void {
    this.link?.close();
    this.set({ phase: 'running', link: 'connecting' });
    this.link = new KioskLink(
      { origin, deviceToken, newId: this.newId, websocketOnly: this.view.config?.runtime === 'electron' },
      {
        onSnapshot: (snapshot) => {
          this.set({ snapshot });
          this.updateOnline();
        },
        onServerTime: (serverNow) => this.set({ clockOffsetMs: serverNow - this.now() }),
        onStatus: (link) => {
          this.set({ link, ...(link === 'online' ? { everOnline: true } : {}) });
          this.updateOnline();
          if (link === 'online')
            void this.link?.bundles().then((bundles) => {
              if (bundles) this.set({ bundles });
            });
        },
        onUnauthorized: (error) => {
          this.link = null;
          void this.api.saveDeviceToken(null);
          this.set({ phase: 'pairing', snapshot: null, pairingError: `${error.message}（请重新配对 / pair again）` });
          this.dispatch({ type: 'connection', online: false });
        },
      },
    );
  }

  /** The flow counts as online only with a live link and a current snapshot (the services to offer). */
  private updateOnline(): void {
    const online = this.view.link === 'online' && this.view.snapshot !== null && (this.link?.connected ?? false);
    if (online !== this.view.visit.online) this.dispatch({ type: 'connection', online });
  }

  private run(effect: Effect): void {
    switch (effect.type) {
      case 'issue': {
        const link = this.link;
        if (!link) return;
        const { pending } = effect;
        void link.issue(pending).then((r) => {
          if (r.kind === 'ok') this.dispatch({ type: 'issue-ok', requestId: pending.requestId, ticket: r.ticket });
          else if (r.kind === 'refused')
            this.dispatch({ type: 'issue-refused', requestId: pending.requestId, error: r.error });
          // Lost ack: while the link is up ask again (same requestId); when it is down the reconnect re-sends it.
          else setTimeout(() => this.dispatch({ type: 'issue-lost', requestId: pending.requestId }), this.retryMs);
        });
        return;
      }
      case 'print': {
        const ticketId = effect.ticket.ticket.id;
        this.api.printTicket(effect.ticket).then(
          (outcome) => this.dispatch({ type: 'printed', ticketId, outcome }),
          (err: unknown) =>
            this.dispatch({
              type: 'printed',
              ticketId,
              outcome: { printed: false, reason: err instanceof Error ? err.message : String(err) },
            }),
        );
        return;
      }
      case 'report-print':
        this.link?.reportPrint({
          requestId: this.newId(),
          ticketId: effect.ticketId,
          printed: effect.printed,
          ...(effect.reason ? { reason: effect.reason.slice(0, 200) } : {}),
        });
        return;
      case 'abandon-issue':
        this.link?.resolveAbandoned(effect.pending);
        return;
      case 'check-in': {
        const link = this.link;
        if (!link) return;
        const { pending } = effect;
        void link.checkIn(pending).then((r) => {
          if (r.kind === 'ok') this.dispatch({ type: 'check-in-ok', requestId: pending.requestId, result: r.result });
          else if (r.kind === 'refused')
            this.dispatch({ type: 'check-in-refused', requestId: pending.requestId, error: r.error });
          else setTimeout(() => this.dispatch({ type: 'check-in-lost', requestId: pending.requestId }), this.retryMs);
        });
        return;
      }
      case 'abandon-check-in':
        this.link?.resolveAbandonedCheckIn(effect.pending);
        return;
      case 'green-unlock': {
        const link = this.link;
        const { requestId } = effect.pending;
        if (!link) return this.dispatch({ type: 'unlock-lost', requestId });
        void link.greenUnlock(effect.pending).then((r) => {
          if (r.kind === 'ok') this.dispatch({ type: 'unlock-ok', requestId, unlock: r.unlock });
          else if (r.kind === 'refused') this.dispatch({ type: 'unlock-refused', requestId, error: r.error });
          else this.dispatch({ type: 'unlock-lost', requestId });
        });
        return;
      }
    }
  }

  private armIdle(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
    const cfg = this.view.config;
    const seconds = cfg ? idleSeconds(this.view.visit, cfg) : null;
    const deadline = seconds === null ? null : this.now() + seconds * 1000;
    if (deadline !== this.view.deadline) this.set({ deadline });
    if (seconds !== null) this.idleTimer = setTimeout(() => this.dispatch({ type: 'timeout' }), seconds * 1000);
  }

  private set(patch: Partial<KioskView>): void {
    this.view = { ...this.view, ...patch };
    this.emit();
  }

  private emit(): void {
    for (const cb of this.listeners) cb();
  }
}
