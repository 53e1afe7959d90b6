/**
 * A staff screen's link to the hall server: socket.io on /window (the clerk app, default) or /console (the manager
 * console, which uses this same class) with the staff session token.
 *
 * - State is the protocol's SequenceTracker over the snapshot the server pushes on every (re)connect plus the
 *   numbered events after it; a gap asks for a fresh snapshot. `onChange` gets the state the applied events started
 *   from, so the window history can be folded with the shared reducer.
 * - Safety nets against a screen that stops updating: a snapshot check every two minutes, on the browser's
 *   `online` event and when the tab becomes visible again; reconnects forever, also after a server-side hang-up.
 * - `command()` sends one acked command with a `requestId`. No ack in 8 s: it asks once more with the same
 *   requestId (the server answers a repeat with the first result instead of acting twice), then gives up with a
 *   Chinese message. It never queues a command while offline (socket.io would send it late, on reconnect).
 */
import { io, type Socket } from 'socket.io-client';
import {
  SequenceTracker,
  type Ack,
  type AppError,
  type HallEvent,
  type HallServerEvents,
  type HallSnapshot,
  type ConsoleClientEvents,
  type WindowClientEvents,
} from '@onedoor/protocol';

export type LinkStatus = 'connecting' | 'online' | 'offline';
/** The client event maps of the staff namespaces. */
export type StaffClientEvents = WindowClientEvents | ConsoleClientEvents;
/** The commands of a staff namespace (everything but the snapshot request). */
export type CommandOf<Ev extends StaffClientEvents> = Exclude<keyof Ev, 'hall:snapshot'> & string;
type Handler<Ev extends StaffClientEvents, E extends keyof Ev> = Ev[E] extends (payload: infer P, ack: infer A) => void
  ? [P, A]
  : never;
export type PayloadOf<Ev extends StaffClientEvents, E extends CommandOf<Ev>> = Omit<Handler<Ev, E>[0], 'requestId'>;
type DataOf<Ev extends StaffClientEvents, E extends CommandOf<Ev>> = Handler<Ev, E>[1] extends (a: Ack<infer T>) => void
  ? T
  : never;
export type WindowCommand = CommandOf<WindowClientEvents>;
export type CommandPayload<E extends WindowCommand> = PayloadOf<WindowClientEvents, E>;

export interface HallLinkHandlers {
  /** `base` is the state before `applied` (the new snapshot itself when one arrived). */
  onChange(state: HallSnapshot, base: HallSnapshot, applied: HallEvent[]): void;
  onStatus(status: LinkStatus, detail?: string): void;
  /** The session is unknown or expired, or the staff member may not use the namespace. */
  onUnauthorized(error: AppError): void;
}

const AUTH_CODES = new Set(['UNAUTHENTICATED', 'FORBIDDEN']);
const ACK_TIMEOUT_MS = 8000;
const RESYNC_MS = 120_000;

export const offlineError = (): AppError => ({
  code: 'UNAVAILABLE',
  message: '未连接到大厅服务器，操作未发送，请稍候重试',
  messageEn: 'not connected to the hall server; the command was not sent',
});

export const newRequestId = (): string =>
  typeof crypto !== 'undefined' && 'randomUUID' in crypto
    ? crypto.randomUUID()
    : `r-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 12)}`;

export class HallLink<Ev extends StaffClientEvents = WindowClientEvents> {
  readonly socket: Socket<HallServerEvents, Ev>;
  private readonly tracker: SequenceTracker;
  private requesting = false;
  private closed = false;
  private readonly timers = new Set<ReturnType<typeof setTimeout>>();
  private readonly resync: ReturnType<typeof setInterval>;

  constructor(
    origin: string,
    sessionToken: string,
    private readonly handlers: HallLinkHandlers,
    namespace: '/window' | '/console' = '/window',
  ) {
    this.tracker = new SequenceTracker(() => this.requestSnapshot());
    this.socket = io(`${origin}${namespace}`, {
      auth: { sessionToken },
      reconnection: true,
      reconnectionAttempts: Infinity,
      reconnectionDelay: 500,
      reconnectionDelayMax: 5000,
      timeout: 10_000,
    });
    const s = this.socket;
    handlers.onStatus('connecting');
    s.on('connect', () => handlers.onStatus('online'));
    s.on('hall:snapshot', (snapshot) => this.takeSnapshot(snapshot));
    s.on('hall:event', (event) => {
      const base = this.tracker.current;
      const applied = this.tracker.event(event);
      if (applied.length > 0 && base) handlers.onChange(this.tracker.current!, base, applied);
    });
    s.on('disconnect', (reason) => {
      handlers.onStatus('offline', reason);
      this.requesting = false;
      if (reason === 'io server disconnect') this.later(() => this.reconnect(), 1500);
    });
    s.on('connect_error', (err: Error & { data?: unknown }) => {
      const data = err.data as Partial<AppError> | undefined;
      if (data?.code && AUTH_CODES.has(data.code)) {
        this.close();
        handlers.onUnauthorized({
          code: data.code,
          message: data.message ?? err.message,
          messageEn: data.messageEn ?? err.message,
        } as AppError);
        return;
      }
      handlers.onStatus('offline', data?.message ?? err.message);
      if (!s.active) this.later(() => this.reconnect(), 3000);
    });
    window.addEventListener('online', this.poke);
    document.addEventListener('visibilitychange', this.poke);
    this.resync = setInterval(() => this.requestSnapshot(), RESYNC_MS);
  }

  get state(): HallSnapshot | null {
    return this.tracker.current;
  }

  get connected(): boolean {
    return this.socket.connected;
  }

  /** Sends one command and resolves with its ack (never rejects). */
  command<E extends CommandOf<Ev>>(event: E, payload: PayloadOf<Ev, E>): Promise<Ack<DataOf<Ev, E>>> {
    if (!this.socket.connected) return Promise.resolve({ ok: false, error: offlineError() });
    const body = { ...payload, requestId: newRequestId() };
    const attempt = (): Promise<Ack<DataOf<Ev, E>> | null> =>
      new Promise((resolve) => {
        const timed = this.socket.timeout(ACK_TIMEOUT_MS) as unknown as {
          emit(e: string, p: unknown, cb: (err: Error | null, ack: Ack<DataOf<Ev, E>>) => void): void;
        };
        timed.emit(event, body, (err, ack) => resolve(err ? null : ack));
      });
    return attempt().then(async (first) => {
      if (first) return first;
      if (this.socket.connected) {
        const second = await attempt();
        if (second) return second;
      }
      return {
        ok: false,
        error: {
          code: 'UNAVAILABLE',
          message: '服务器未及时响应，请查看当前状态后再操作',
          messageEn: 'no answer from the hall server',
        },
      };
    });
  }

  requestSnapshot(): void {
    if (this.closed || this.requesting || !this.socket.connected) return;
    this.requesting = true;
    // Every staff namespace answers hall:snapshot the same way; the generic socket type cannot see that.
    const timed = this.socket.timeout(ACK_TIMEOUT_MS) as unknown as {
      emit(
        e: 'hall:snapshot',
        p: Record<string, never>,
        cb: (err: Error | null, ack: Ack<HallSnapshot> | undefined) => void,
      ): void;
    };
    timed.emit('hall:snapshot', {}, (err, ack) => {
      this.requesting = false;
      if (!err && ack?.ok) this.takeSnapshot(ack.data);
      else if (this.socket.connected) this.later(() => this.requestSnapshot(), 2000);
    });
  }

  close(): void {
    this.closed = true;
    window.removeEventListener('online', this.poke);
    document.removeEventListener('visibilitychange', this.poke);
    clearInterval(this.resync);
    for (const t of this.timers) clearTimeout(t);
    this.socket.removeAllListeners();
    this.socket.disconnect();
  }

  private takeSnapshot(snapshot: HallSnapshot): void {
    const before = this.tracker.current;
    const applied = this.tracker.snapshot(snapshot);
    if (this.tracker.current && this.tracker.current !== before)
      this.handlers.onChange(this.tracker.current, snapshot, applied);
  }

  private readonly poke = (): void => {
    if (this.closed || document.visibilityState === 'hidden') return;
    if (this.socket.connected) this.requestSnapshot();
    else this.reconnect();
  };

  private reconnect(): void {
    if (this.closed || this.socket.connected) return;
    this.socket.connect();
  }

  private later(fn: () => void, ms: number): void {
    const t = setTimeout(() => {
      this.timers.delete(t);
      fn();
    }, ms);
    this.timers.add(t);
  }
}

/** POST /api/auth/login → the session, or a Chinese error message. */
export async function login(
  origin: string,
  username: string,
  password: string,
): Promise<{ ok: true; session: StaffSession } | { ok: false; message: string }> {
  let res: Response;
  try {
    res = await fetch(`${origin}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password }),
    });
  } catch {
    return { ok: false, message: '无法连接大厅服务器，请检查网络' };
  }
  const body = (await res.json().catch(() => null)) as Ack<StaffSession> | null;
  if (body?.ok) return { ok: true, session: body.data };
  return { ok: false, message: body && !body.ok ? body.error.message : `登录失败（HTTP ${res.status}）` };
}

export async function logout(origin: string, sessionToken: string): Promise<void> {
  await fetch(`${origin}/api/auth/logout`, {
    method: 'POST',
    headers: { authorization: `Bearer ${sessionToken}` },
  }).catch(() => undefined);
}

export interface StaffSession {
  sessionToken: string;
  staff: { id: string; username: string; name: string; roles: string[] };
  expiresAt: string;
}

/** The signed-in session of one staff app, kept in sessionStorage under `key`. */
export function createSessionStore(key: string) {
  return {
    read(): StaffSession | null {
      try {
        const s = JSON.parse(sessionStorage.getItem(key) ?? 'null') as StaffSession | null;
        if (!s || typeof s.sessionToken !== 'string' || Date.parse(s.expiresAt) < Date.now()) return null;
        return s;
      } catch {
        return null;
      }
    },
    write(session: StaffSession): void {
      sessionStorage.setItem(key, JSON.stringify(session));
    },
    clear(): void {
      sessionStorage.removeItem(key);
    },
  };
}

export const sessionStore = createSessionStore('onedoor.window.session');
