/**
 * What the hall link needs of a socket.io client socket, written out here so the link imports no socket library:
 * each app creates its socket with `io()` and hands it in, tests hand in a fake. A socket.io-client
 * `Socket<HallServerEvents, KioskClientEvents>` is a `LinkSocket<KioskClientEvents>` as it is, without a cast.
 */
import type { Ack, AckCallback, AppError } from '../errors.js';
import type { HallSnapshot } from '../dto/queue.js';
import type { HallServerEvents } from '../socket/events.js';

/** A namespace's client → server event map (KioskClientEvents, WindowClientEvents …), as socket.io sees one. */
export interface EventsMap {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- as socket.io's own EventsMap: `unknown` rejects interfaces
  [event: string]: any;
}

/** Every namespace answers `hall:snapshot`; the link asks it after a sequence gap. */
export interface SnapshotRequestEvents {
  'hall:snapshot': (payload: Record<string, never>, ack: AckCallback<HallSnapshot>) => void;
}

type WithTimeoutError<T extends unknown[]> = {
  [K in keyof T]: T[K] extends (...args: infer P) => infer R ? (err: Error, ...args: P) => R : T[K];
};
/** The event map as `socket.timeout(ms)` types it: every ack callback gets the timeout error first. */
export type TimedEvents<Ev> = {
  [K in keyof Ev]: Ev[K] extends (...args: infer P) => infer R ? (...args: WithTimeoutError<P>) => R : Ev[K];
};

export interface LinkSocket<Ev extends EventsMap> {
  readonly connected: boolean;
  /** False once socket.io has stopped reconnecting by itself (after a refusal by a server middleware). */
  readonly active: boolean;
  on<E extends keyof HallServerEvents>(event: E, listener: HallServerEvents[E]): unknown;
  on(event: 'connect', listener: () => void): unknown;
  on(event: 'disconnect', listener: (reason: string) => void): unknown;
  on(event: 'connect_error', listener: (err: Error) => void): unknown;
  connect(): unknown;
  disconnect(): unknown;
  removeAllListeners(): unknown;
  timeout(ms: number): {
    emit<E extends keyof Ev & string>(event: E, ...args: Parameters<TimedEvents<Ev>[E]>): unknown;
  };
}

/** The commands of a namespace: everything but the snapshot request. */
export type CommandOf<Ev extends EventsMap> = Exclude<keyof Ev, 'hall:snapshot'> & string;
/** What a command sends (its `requestId` is optional in every command schema). */
export type PayloadOf<Ev extends EventsMap, E extends keyof Ev> = Ev[E] extends (payload: infer P, ack: never) => void
  ? P
  : never;
/** What a command's ack carries on success. */
export type DataOf<Ev extends EventsMap, E extends keyof Ev> = Ev[E] extends (
  payload: never,
  ack: (response: Ack<infer T>) => void,
) => void
  ? T
  : never;

/** The untyped view of a timed emit: how socket.io calls back, whatever the event. */
interface AnySocket {
  connected: boolean;
  timeout(ms: number): {
    emit(event: string, payload: unknown, ack: (err: Error | null, response: unknown) => void): unknown;
  };
}

/** The envelope check of an answer; what `data` holds is the event's contract with the server. */
function isAck<T>(value: unknown): value is Ack<T> {
  return typeof value === 'object' && value !== null && 'ok' in value && typeof value.ok === 'boolean';
}

/**
 * Emits one acked event and calls `done` exactly once: with the server's ack, or with null when none came within
 * `ms` or the socket is not connected (nothing is sent then: socket.io would deliver it late, on reconnect). Calls
 * back synchronously when the socket does, so a fake socket's answers land before the caller's next line.
 *
 * The overloads are the typed face: the event map decides the payload and the ack. socket.io's generic emit cannot
 * be related to a generic event map by the compiler, so the one implementation below is written against the
 * untyped view; the overloads are what every caller sees.
 */
export function emitAck<Ev extends EventsMap, E extends keyof Ev & string>(
  socket: LinkSocket<Ev>,
  ms: number,
  event: E,
  payload: PayloadOf<Ev, E>,
  done: (ack: Ack<DataOf<Ev, E>> | null) => void,
): void;
export function emitAck<Ev extends SnapshotRequestEvents & EventsMap>(
  socket: LinkSocket<Ev>,
  ms: number,
  event: 'hall:snapshot',
  payload: Record<string, never>,
  done: (ack: Ack<HallSnapshot> | null) => void,
): void;
export function emitAck<T>(
  socket: AnySocket,
  ms: number,
  event: string,
  payload: unknown,
  done: (ack: Ack<T> | null) => void,
): void {
  if (!socket.connected) return done(null);
  socket.timeout(ms).emit(event, payload, (err, response) => done(!err && isAck<T>(response) ? response : null));
}

/** The refusal a staff screen shows when it is offline: nothing was sent. */
export const offlineError = (): AppError => ({
  code: 'UNAVAILABLE',
  message: '未连接到大厅服务器，操作未发送，请稍候重试',
  messageEn: 'not connected to the hall server; the command was not sent',
});

/** Two sends of the same command went unanswered. */
export const noAnswerError = (): AppError => ({
  code: 'UNAVAILABLE',
  message: '服务器未及时响应，请查看当前状态后再操作',
  messageEn: 'no answer from the hall server',
});
