import { Server, type Namespace, type Socket } from 'socket.io';
import type { Server as HttpServer } from 'node:http';
import type { z } from 'zod';
import {
  appError,
  SOCKET_CATALOG,
  type Ack,
  type AppError,
  type ClientEventMaps,
  type ConsoleClientEvents,
  type DisplayClientEvents,
  type EventAckData,
  type HallServerEvents,
  type KioskClientEvents,
  type Namespace as HallNamespace,
  type WindowClientEvents,
} from '@onedoor/protocol';
import type { HallApp } from '../../app/hall-app.js';
import { AuthService } from '../../app/auth/auth.js';
import type { Actor, DeviceRecord, Logger, StaffRecord } from '../../app/ports.js';
import type { TicketCommand, WindowCommand } from '../../app/queue/commands.js';
import type { Result } from '../../domain/result.js';
import { validationError } from '@onedoor/protocol';
import { nestedTooDeep, tooDeep } from '../edge-errors.js';
import {
  DeviceBuckets,
  issuingTooFast,
  KioskTickets,
  MAX_PENDING_PACKETS,
  notYourTicket,
  pendingPackets,
  rateLimited,
  SnapshotCache,
  TokenBucket,
} from './session-guard.js';

interface SocketData {
  staff?: StaffRecord;
  device?: DeviceRecord;
  /** The handshake's token, checked again on every message and on every revocation. */
  token?: string;
  /** Whether the token still holds for this namespace's roles; set when the socket is served. */
  stillValid?: () => boolean;
}

type NoServerSideEvents = Record<string, never>;
/** Every event any client may send; each namespace below narrows it to its own map. */
type AnyClientEvents = KioskClientEvents & WindowClientEvents & DisplayClientEvents & ConsoleClientEvents;

export type HallSocketServer = Server<AnyClientEvents, HallServerEvents, NoServerSideEvents, SocketData>;
type HallNamespaceOf<N extends HallNamespace> = Namespace<
  ClientEventMaps[N],
  HallServerEvents,
  NoServerSideEvents,
  SocketData
>;
type HallSocket<N extends HallNamespace> = Socket<ClientEventMaps[N], HallServerEvents, NoServerSideEvents, SocketData>;

type Catalog = typeof SOCKET_CATALOG;
/** The payload of an event after its catalog schema validated it (defaults applied). */
type ParsedPayload<N extends HallNamespace, K> = K extends keyof Catalog[N]
  ? Catalog[N][K] extends { schema: infer S extends z.ZodType }
    ? z.output<S>
    : never
  : never;

/**
 * The handlers of one namespace, typed from its client event map: every event needs one, taking the validated payload
 * and answering what the event's ack carries — a missing or mistyped handler fails the compile.
 */
export type NamespaceHandlers<N extends HallNamespace> = {
  [K in keyof ClientEventMaps[N]]: (
    payload: ParsedPayload<N, K>,
  ) => Promise<Result<EventAckData<ClientEventMaps[N][K]>>> | Result<EventAckData<ClientEventMaps[N][K]>>;
};

const toAck = <T>(r: Result<T>): Ack<T> => (r.ok ? { ok: true, data: r.value } : { ok: false, error: r.error });

/**
 * Registers a namespace's handlers from the protocol's catalog: the payload is validated with the event's schema, the
 * handler runs, the ack gets `{ ok, data } | { ok: false, error }`. Malformed input changes nothing; no stack trace
 * leaves the server.
 */
function serve<N extends HallNamespace>(
  socket: HallSocket<N>,
  namespace: N,
  handlers: NamespaceHandlers<N>,
  log: Logger,
  stillValid: () => boolean,
  limits: { frameBytes: number; maxNesting: number },
): void {
  // The event map's types were checked against the handler table above; at the wire every event is a name + payload.
  const wire: Socket = socket;
  socket.data.stillValid = stillValid;
  // 200 commands a second (bursts of 400) is far above any kiosk or clerk; a snapshot is a whole hall, so a screen
  // gets 2 a second (bursts of 5) — it needs one on connect and one after a gap, never a stream.
  const bucket = new TokenBucket(200, 400);
  const snapshotBucket = new TokenBucket(2, 5);
  const known = new Set(Object.keys(SOCKET_CATALOG[namespace]));
  // A client that never reads piles packets up in our memory: cut it (991 MB RSS in 19 s otherwise). Deferred: the
  // packet being created belongs to a broadcast still under way.
  const pending = pendingPackets(socket, MAX_PENDING_PACKETS, () => setImmediate(() => socket.disconnect(true)));
  // socket.io cannot answer a frame over maxHttpBufferSize: the websocket is closed with code 1009 (Message Too Big),
  // polling gets HTTP 413. The hall's log says who and why.
  socket.on('disconnect', (_reason, description) => {
    // engine.io wraps ws's RangeError into an Error carrying its text.
    if (description instanceof Error && /max payload size exceeded/i.test(description.message))
      log.warn(
        { namespace, who: socket.data.device?.id ?? socket.data.staff?.id, limitBytes: limits.frameBytes },
        '消息超过大小上限，连接已关闭 / a frame over the size limit closed the connection (1009)',
      );
  });
  // An unknown event still gets an answer (when it asked for one), never silence.
  wire.onAny((event: string, ...args: unknown[]) => {
    if (known.has(event)) return;
    const ack = args[args.length - 1];
    if (typeof ack === 'function')
      (ack as (a: Ack<unknown>) => void)({
        ok: false,
        error: appError('BAD_REQUEST', `未知的消息：${event}`, `unknown event: ${event}`),
      });
  });
  for (const [event, doc] of Object.entries(SOCKET_CATALOG[namespace])) {
    // The event's catalog schema validates the payload before the handler sees it.
    const handler = (handlers as Record<string, (payload: unknown) => Promise<Result<unknown>> | Result<unknown>>)[
      event
    ];
    if (!handler) continue;
    wire.on(event, async (...args: unknown[]) => {
      const ack = args[args.length - 1];
      const reply = typeof ack === 'function' ? (ack as (a: Ack<unknown>) => void) : () => {};
      const payloads = typeof ack === 'function' ? args.slice(0, -1) : args;
      if (pending() > MAX_PENDING_PACKETS) return;
      if (!bucket.take() || (event === 'hall:snapshot' && !snapshotBucket.take()))
        return reply({ ok: false, error: rateLimited() });
      // Roles on every message: a logged-out, disabled or re-paired sender is cut here, not only at the handshake.
      if (!stillValid()) {
        reply({ ok: false, error: unauthenticated().data });
        socket.disconnect(true);
        return;
      }
      // One payload and an ack: anything else is answered, not dropped (a bare ack once took the payload's place).
      const shape = wrongArguments(payloads.length);
      if (shape) return reply({ ok: false, error: shape });
      if (nestedTooDeep(payloads[0], limits.maxNesting)) return reply({ ok: false, error: tooDeep(limits.maxNesting) });
      const parsed = doc.schema.safeParse(payloads[0] ?? {});
      if (!parsed.success) return reply({ ok: false, error: validationError(parsed.error) });
      try {
        reply(toAck(await handler(parsed.data)));
      } catch (err) {
        log.error({ err, event }, 'socket handler failed');
        reply({ ok: false, error: appError('INTERNAL', '服务器内部错误，请稍后再试', 'internal server error') });
      }
    });
  }
}

const wrongArguments = (count: number): AppError | null => {
  if (count === 0)
    return appError(
      'BAD_REQUEST',
      '消息缺少内容，请发送一个对象（无内容时发送 {}）',
      'the event needs a payload: an object ({} when there is nothing to send)',
    );
  if (count > 1)
    return appError(
      'BAD_REQUEST',
      `消息只能带一个内容，收到了 ${count} 个`,
      `an event carries one payload (and an ack); got ${count} payloads`,
    );
  return null;
};

const unauthenticated = () => {
  const err = new Error('unauthenticated') as Error & { data: AppError };
  err.data = appError('UNAUTHENTICATED', '未登录或设备未配对，请先登录或配对', 'not signed in or device not paired');
  return err;
};

const forbidden = (what: string) => {
  const err = new Error('forbidden') as Error & { data: AppError };
  err.data = appError('FORBIDDEN', `无权访问${what}`, `not allowed to use ${what}`);
  return err;
};

export function attachSocketServer(httpServer: HttpServer, app: HallApp): HallSocketServer {
  const { hall, auth, appointments, pipeline, log } = app;
  const io: HallSocketServer = new Server(httpServer, {
    serveClient: false,
    maxHttpBufferSize: app.config.limits.socket.frameBytes,
    pingInterval: app.config.limits.socket.heartbeatSeconds * 1000,
    pingTimeout: app.config.limits.socket.heartbeatTimeoutSeconds * 1000,
  });
  // The root namespace serves nothing: clients must pick a namespace and authenticate there.
  io.of('/').use((_socket, next) => next(unauthenticated()));

  const staffNamespace = <N extends '/window' | '/console'>(name: N, roles: ('clerk' | 'manager')[]) => {
    const ns: HallNamespaceOf<N> = io.of(name);
    ns.use((socket, next) => {
      const staff = auth.staffForToken((socket.handshake.auth as { sessionToken?: string }).sessionToken);
      if (!staff) return next(unauthenticated());
      if (!AuthService.hasRole(staff, ...roles)) return next(forbidden(name));
      socket.data.staff = staff;
      socket.data.token = (socket.handshake.auth as { sessionToken?: string }).sessionToken;
      next();
    });
    return ns;
  };
  const deviceNamespace = <N extends '/kiosk' | '/display'>(name: N, kinds: DeviceRecord['kind'][]) => {
    const ns: HallNamespaceOf<N> = io.of(name);
    ns.use((socket, next) => {
      const device = auth.deviceForToken((socket.handshake.auth as { deviceToken?: string }).deviceToken);
      if (!device) return next(unauthenticated());
      if (!kinds.includes(device.kind)) return next(forbidden(name));
      socket.data.device = device;
      socket.data.token = (socket.handshake.auth as { deviceToken?: string }).deviceToken;
      next();
    });
    return ns;
  };

  const kiosk = deviceNamespace('/kiosk', ['kiosk']);
  const display = deviceNamespace('/display', ['display', 'led-board']);
  const window = staffNamespace('/window', ['clerk', 'manager']);
  const consoleNs = staffNamespace('/console', ['manager']);

  /** What every connection gets first: its device settings (devices) and the snapshot. */
  const snapshots = new SnapshotCache(() => hall.snapshot());
  const greet = <N extends HallNamespace>(socket: HallSocket<N>) => {
    const device = socket.data.device;
    if (device) {
      // Settings changed in the console reach the device's open sockets through this room.
      const room = `device:${device.id}`;
      void socket.join(room);
      socket.emit('device:settings', device.settings);
      // A kiosk or board is online while it holds a socket (MQTT devices report through their retained state).
      auth.markDeviceOnline(device.id, true);
      socket.on('disconnect', () => {
        void socket.nsp
          .in(room)
          .fetchSockets()
          .then((left) => {
            if (left.length === 0) auth.markDeviceOnline(device.id, false);
          });
      });
    }
    // From the cache, like a screen asking for one: boards reconnecting together after a network blip each got a
    // snapshot of its own built (400 kB at 1,000 windows).
    socket.emit('hall:snapshot', snapshots.get());
  };
  const snapshot = () => ({ ok: true as const, value: snapshots.get() });
  const staffValid = (socket: { data: SocketData }, roles: ('clerk' | 'manager')[]) => () => {
    const now = auth.staffForToken(socket.data.token);
    return now !== null && now.id === socket.data.staff?.id && AuthService.hasRole(now, ...roles);
  };
  const deviceValid = (socket: { data: SocketData }) => () =>
    auth.deviceForToken(socket.data.token)?.id === socket.data.device?.id;
  const kioskTickets = new KioskTickets();
  const edgeLimits = { frameBytes: app.config.limits.socket.frameBytes, maxNesting: app.config.limits.body.maxNesting };
  const { perMinute, burst } = app.config.limits.kioskIssue;
  const issueBuckets = new DeviceBuckets(perMinute, burst, () => app.clock.now());

  kiosk.on('connection', (socket) => {
    greet(socket);
    const actor: Actor = { kind: 'device', deviceId: socket.data.device!.id };
    serve(
      socket,
      '/kiosk',
      {
        'hall:snapshot': snapshot,
        'ticket:issue': async (p) => {
          if (!issueBuckets.take(actor.deviceId)) return { ok: false, error: issuingTooFast() };
          // 绿色通道 only under a staff member's unlock at this kiosk (their card or code, the role checked then).
          const r = await app.greenUnlocks.guardKioskIssue(actor.deviceId, p, () =>
            hall.issueTicket(p, 'kiosk', actor, p.requestId),
          );
          if (r.ok) kioskTickets.remember(actor.deviceId, r.value.ticket.id);
          return r;
        },
        'staff:green-unlock': (p) => app.greenUnlocks.unlock(actor.deviceId, p, socket.handshake.address || 'kiosk'),
        'appointment:check-in': async (p) => {
          if (!issueBuckets.take(actor.deviceId)) return { ok: false, error: issuingTooFast() };
          const r = await appointments.checkIn(p, actor, p.requestId);
          if (r.ok) kioskTickets.remember(actor.deviceId, r.value.issued.ticket.id);
          return r;
        },
        'catalog:bundles': () => ({
          ok: true as const,
          value: app.catalog.kioskBundles([...hall.queueState.services.values()]),
        }),
        'ticket:print-result': async (p) => {
          if (!kioskTickets.owns(actor.deviceId, p.ticketId)) return { ok: false, error: notYourTicket() };
          if (p.printed) {
            const t = hall.ticketView(p.ticketId);
            return t
              ? { ok: true, value: t }
              : { ok: false, error: appError('NOT_FOUND', '号票不存在', 'ticket not found') };
          }
          // A ticket that never came out of the printer must not be called: void it (and reopen its booking).
          return hall.voidUnprinted(p.ticketId, p.reason ?? '', actor, p.requestId);
        },
      },
      log,
      deviceValid(socket),
      edgeLimits,
    );
  });

  display.on('connection', (socket) => {
    greet(socket);
    const deviceId = socket.data.device!.id;
    serve(
      socket,
      '/display',
      {
        'hall:snapshot': snapshot,
        // Shown beside the board in the console (e.g. sound blocked by the browser: someone must tap it once).
        'device:status': (p) => {
          auth.reportDeviceState(deviceId, true, p.status);
          return { ok: true, value: null };
        },
        // A board back after a cut hears every call it missed, not only the snapshot's last 20.
        'hall:calls-since': (p) => ({ ok: true, value: hall.callsSince(p.afterSeq, p.upTo) }),
      },
      log,
      deviceValid(socket),
      edgeLimits,
    );
  });

  window.on('connection', (socket) => {
    greet(socket);
    const staff = socket.data.staff!;
    const actor: Actor = { kind: 'staff', staffId: staff.id };
    const atWindow = (windowId: string): AppError | null => {
      const w = hall.windowView(windowId);
      if (!w) return appError('NOT_FOUND', `窗口 ${windowId} 不存在`, `window ${windowId} does not exist`);
      if (w.clerkId !== staff.id && !AuthService.hasRole(staff, 'manager')) {
        return appError('FORBIDDEN', `您未签到 ${w.name}，请先签到`, `you are not signed in at ${w.name}`);
      }
      return null;
    };
    /** A command at the clerk's own window (managers may act at any). */
    const own =
      <P extends { windowId: string; requestId?: string | undefined }, V>(
        run: (p: P) => Promise<Result<V>>,
      ): ((p: P) => Promise<Result<V>>) =>
      async (p) => {
        const denied = atWindow(p.windowId);
        return denied ? { ok: false, error: denied } : run(p);
      };
    const windowCmd = <P extends { windowId: string; requestId?: string | undefined }>(
      toCommand: (p: P) => WindowCommand,
    ) => own((p: P) => hall.runWindowCommand(toCommand(p), actor, p.requestId));
    const ticketCmd = <P extends { windowId: string; requestId?: string | undefined }>(
      toCommand: (p: P) => TicketCommand,
    ) => own((p: P) => hall.runTicketCommand(toCommand(p), actor, p.requestId));
    serve(
      socket,
      '/window',
      {
        'hall:snapshot': snapshot,
        'window:sign-in': (p) =>
          hall.runWindowCommand(
            { type: 'sign-in', windowId: p.windowId, clerkId: staff.id, clerkName: staff.name },
            actor,
            p.requestId,
          ),
        'window:sign-out': windowCmd((p) => ({ type: 'sign-out', windowId: p.windowId })),
        'window:open': windowCmd((p) => ({ type: 'open', windowId: p.windowId })),
        'window:pause': windowCmd((p: { windowId: string; reason: string }) => ({
          type: 'pause',
          windowId: p.windowId,
          reason: p.reason,
        })),
        'window:close': windowCmd((p) => ({ type: 'close', windowId: p.windowId })),
        'ticket:issue': (p) => hall.issueTicket(p, 'window', actor, p.requestId),
        'ticket:call-next': ticketCmd((p) => ({ type: 'call-next', windowId: p.windowId })),
        'ticket:call': ticketCmd((p: { windowId: string; ticketId: string }) => ({
          type: 'call',
          windowId: p.windowId,
          ticketId: p.ticketId,
        })),
        'ticket:recall': ticketCmd((p) => ({ type: 'recall', windowId: p.windowId })),
        'ticket:start': ticketCmd((p) => ({ type: 'start', windowId: p.windowId })),
        'ticket:finish': ticketCmd((p) => ({ type: 'finish', windowId: p.windowId })),
        'ticket:no-show': ticketCmd((p) => ({ type: 'no-show', windowId: p.windowId })),
        'ticket:reactivate': ticketCmd((p: { windowId: string; ticketId: string }) => ({
          type: 'reactivate',
          ticketId: p.ticketId,
          windowId: p.windowId,
        })),
        'ticket:transfer': ticketCmd(
          (p: {
            windowId: string;
            keepIssueTime: boolean;
            toServiceId?: string | undefined;
            toWindowId?: string | undefined;
          }) => ({
            type: 'transfer',
            windowId: p.windowId,
            keepIssueTime: p.keepIssueTime,
            ...(p.toServiceId ? { toServiceId: p.toServiceId } : {}),
            ...(p.toWindowId ? { toWindowId: p.toWindowId } : {}),
          }),
        ),
        'ticket:suspend': ticketCmd((p) => ({ type: 'suspend', windowId: p.windowId })),
        'ticket:resume': ticketCmd((p: { windowId: string; ticketId: string }) => ({
          type: 'resume',
          windowId: p.windowId,
          ticketId: p.ticketId,
        })),
      },
      log,
      staffValid(socket, ['clerk', 'manager']),
      edgeLimits,
    );
  });

  consoleNs.on('connection', (socket) => {
    greet(socket);
    const actor: Actor = { kind: 'staff', staffId: socket.data.staff!.id };
    const manage = (command: WindowCommand, requestId: string | undefined) =>
      hall.runWindowCommand(command, actor, requestId);
    serve(
      socket,
      '/console',
      {
        'hall:snapshot': snapshot,
        'notice:set': (p) => hall.setNotice(p.text, actor, p.requestId),
        'window:pause': (p) => manage({ type: 'pause', windowId: p.windowId, reason: p.reason }, p.requestId),
        'window:open': (p) => manage({ type: 'open', windowId: p.windowId }, p.requestId),
        'window:close': (p) => manage({ type: 'close', windowId: p.windowId }, p.requestId),
      },
      log,
      staffValid(socket, ['manager']),
      edgeLimits,
    );
  });

  // Revocation reaches open sockets at once: logout, a disabled or demoted account, a re-paired device.
  auth.on('revoked', () => {
    for (const nsp of [kiosk, display, window, consoleNs] as Namespace[]) {
      for (const s of nsp.sockets.values()) {
        // The same check the socket's messages go through, with its namespace's roles.
        const { stillValid } = s.data as SocketData;
        if (stillValid && !stillValid()) s.disconnect(true);
      }
    }
  });

  auth.on('device-saved', (device) => {
    kiosk.to(`device:${device.id}`).emit('device:settings', device.settings);
    display.to(`device:${device.id}`).emit('device:settings', device.settings);
  });

  // Screens first: the broadcast goes out before the MQTT bridge and metrics hear the same event.
  pipeline.onCommitted(
    (event) => {
      snapshots.invalidate();
      kiosk.emit('hall:event', event);
      display.emit('hall:event', event);
      window.emit('hall:event', event);
      consoleNs.emit('hall:event', event);
    },
    { screens: true },
  );

  return io;
}
