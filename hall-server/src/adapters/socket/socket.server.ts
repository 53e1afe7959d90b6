import { Server, type Namespace, type Socket } from 'socket.io';
import type { DefaultEventsMap } from 'socket.io';
import type { Server as HttpServer } from 'node:http';
import type { z } from 'zod';
import {
  appError,
  callTicketSchema,
  checkInSchema,
  emptySchema,
  issueTicketSchema,
  pauseWindowSchema,
  printResultSchema,
  reactivateTicketSchema,
  resumeTicketSchema,
  setNoticeSchema,
  transferTicketSchema,
  windowRefSchema,
  type Ack,
  type AppError,
  type ConsoleClientEvents,
  type DisplayClientEvents,
  type HallServerEvents,
  type KioskClientEvents,
  type WindowClientEvents,
} from '@onedoor/protocol';
import type { HallService, Actor } from '../../app/hall.service.js';
import { AuthService } from '../../app/auth.service.js';
import type { DeviceRecord, StaffRecord } from '../db/auth.repository.js';
import type { QueueCommand } from '../../domain/queue/queue.commands.js';
import type { Result } from '../../domain/result.js';
import type { Logger } from '../../app/ports.js';

export interface SocketDeps {
  hall: HallService;
  auth: AuthService;
  log: Logger;
}

interface SocketData {
  staff?: StaffRecord;
  device?: DeviceRecord;
}

type AnySocket = Socket<DefaultEventsMap, HallServerEvents, DefaultEventsMap, SocketData>;

/** Turns a zod failure into the one error shape clients get: Chinese first, English beside it, field paths. */
export function validationError(error: z.ZodError): AppError {
  const details = error.issues.map((i) => ({ path: i.path.join('.') || '(payload)', message: i.message }));
  return appError(
    'BAD_REQUEST',
    `请求内容有误：${details.map((d) => `${d.path} ${d.message}`).join('；')}`,
    `invalid request: ${details.map((d) => `${d.path}: ${d.message}`).join('; ')}`,
    details,
  );
}

const toAck = <T>(r: Result<T>): Ack<T> => (r.ok ? { ok: true, data: r.value } : { ok: false, error: r.error });

/**
 * Registers one command: the payload is validated with its schema, the handler runs, the ack gets
 * `{ ok, data } | { ok: false, error }`. Malformed input changes nothing; no stack trace leaves the server.
 */
function handle<S extends z.ZodType>(
  socket: AnySocket,
  event: string,
  schema: S,
  run: (payload: z.output<S>) => Promise<Result<unknown>> | Result<unknown>,
  log: Logger,
): void {
  socket.on(event, async (payload: unknown, ack: unknown) => {
    const reply = typeof ack === 'function' ? (ack as (a: Ack<unknown>) => void) : () => {};
    const parsed = schema.safeParse(payload ?? {});
    if (!parsed.success) return reply({ ok: false, error: validationError(parsed.error) });
    try {
      reply(toAck(await run(parsed.data)));
    } catch (err) {
      log.error({ err, event }, 'socket handler failed');
      reply({ ok: false, error: appError('INTERNAL', '服务器内部错误，请稍后再试', 'internal server error') });
    }
  });
}

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

export function attachSocketServer(
  httpServer: HttpServer,
  deps: SocketDeps,
): Server<DefaultEventsMap, HallServerEvents, DefaultEventsMap, SocketData> {
  const { hall, auth, log } = deps;
  const io = new Server<DefaultEventsMap, HallServerEvents, DefaultEventsMap, SocketData>(httpServer, {
    serveClient: false,
    pingInterval: 10_000,
    pingTimeout: 8_000,
  });
  // The root namespace serves nothing: clients must pick a namespace and authenticate there.
  io.of('/').use((_socket, next) => next(unauthenticated()));

  const staffNamespace = (name: '/window' | '/console', roles: ('clerk' | 'manager')[]) => {
    const ns = io.of(name);
    ns.use((socket, next) => {
      const staff = auth.staffForToken((socket.handshake.auth as { sessionToken?: string }).sessionToken);
      if (!staff) return next(unauthenticated());
      if (!AuthService.hasRole(staff, ...roles)) return next(forbidden(name));
      socket.data.staff = staff;
      next();
    });
    return ns;
  };
  const deviceNamespace = (name: '/kiosk' | '/display', kinds: DeviceRecord['kind'][]) => {
    const ns = io.of(name);
    ns.use((socket, next) => {
      const device = auth.deviceForToken((socket.handshake.auth as { deviceToken?: string }).deviceToken);
      if (!device) return next(unauthenticated());
      if (!kinds.includes(device.kind)) return next(forbidden(name));
      socket.data.device = device;
      next();
    });
    return ns;
  };

  const kiosk = deviceNamespace('/kiosk', ['kiosk']);
  const display = deviceNamespace('/display', ['display', 'led-board']);
  const window = staffNamespace('/window', ['clerk', 'manager']);
  const consoleNs = staffNamespace('/console', ['manager']);
  const all: Namespace<DefaultEventsMap, HallServerEvents, DefaultEventsMap, SocketData>[] = [
    kiosk,
    display,
    window,
    consoleNs,
  ];

  const onConnect = (socket: AnySocket) => {
    const device = socket.data.device;
    if (device) {
      // Settings changed in the console reach the device's open sockets through this room.
      const room = `device:${device.id}`;
      void socket.join(room);
      socket.emit('device:settings', device.settings);
      // A kiosk or board is online while it holds a socket (MQTT devices report through their retained state).
      auth.markDeviceOnline(device.id, true);
      socket.on('disconnect', () => {
        const nsp = socket.nsp;
        void nsp
          .in(room)
          .fetchSockets()
          .then((left) => {
            if (left.length === 0) auth.markDeviceOnline(device.id, false);
          });
      });
    }
    socket.emit('hall:snapshot', hall.snapshot());
    handle(socket, 'hall:snapshot', emptySchema, () => ({ ok: true, value: hall.snapshot() }), log);
  };

  kiosk.on('connection', (socket: AnySocket) => {
    onConnect(socket);
    const device = socket.data.device!;
    const actor: Actor = { kind: 'device', deviceId: device.id };
    handle(socket, 'ticket:issue', issueTicketSchema, (p) => hall.issueTicket(p, 'kiosk', actor, p.requestId), log);
    handle(socket, 'appointment:check-in', checkInSchema, (p) => hall.checkInAppointment(p, actor, p.requestId), log);
    handle(
      socket,
      'ticket:print-result',
      printResultSchema,
      async (p) => {
        if (p.printed) {
          const t = hall.ticketView(p.ticketId);
          return t
            ? { ok: true, value: t }
            : { ok: false, error: appError('NOT_FOUND', '号票不存在', 'ticket not found') };
        }
        // A ticket that never came out of the printer must not be called: void it (and reopen its booking).
        return hall.voidUnprinted(p.ticketId, p.reason ?? '', actor, p.requestId);
      },
      log,
    );
  });

  display.on('connection', (socket: AnySocket) => onConnect(socket));

  window.on('connection', (socket: AnySocket) => {
    onConnect(socket);
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
    const windowCommand = <S extends z.ZodType<{ windowId: string; requestId?: string | undefined }>>(
      event: string,
      schema: S,
      toCommand: (p: z.output<S>) => QueueCommand,
    ) =>
      handle(
        socket,
        event,
        schema,
        (p) => {
          const denied = atWindow(p.windowId);
          if (denied) return { ok: false, error: denied };
          return hall.runQueueCommand(toCommand(p), actor, p.requestId);
        },
        log,
      );
    handle(
      socket,
      'window:sign-in',
      windowRefSchema,
      (p) =>
        hall.runQueueCommand(
          { type: 'sign-in', windowId: p.windowId, clerkId: staff.id, clerkName: staff.name },
          actor,
          p.requestId,
        ),
      log,
    );
    windowCommand('window:sign-out', windowRefSchema, (p) => ({ type: 'sign-out', windowId: p.windowId }));
    windowCommand('window:open', windowRefSchema, (p) => ({ type: 'open', windowId: p.windowId }));
    windowCommand('window:pause', pauseWindowSchema, (p) => ({
      type: 'pause',
      windowId: p.windowId,
      reason: p.reason,
    }));
    windowCommand('window:close', windowRefSchema, (p) => ({ type: 'close', windowId: p.windowId }));
    windowCommand('ticket:call-next', windowRefSchema, (p) => ({ type: 'call-next', windowId: p.windowId }));
    windowCommand('ticket:call', callTicketSchema, (p) => ({
      type: 'call',
      windowId: p.windowId,
      ticketId: p.ticketId,
    }));
    windowCommand('ticket:recall', windowRefSchema, (p) => ({ type: 'recall', windowId: p.windowId }));
    windowCommand('ticket:start', windowRefSchema, (p) => ({ type: 'start', windowId: p.windowId }));
    windowCommand('ticket:finish', windowRefSchema, (p) => ({ type: 'finish', windowId: p.windowId }));
    windowCommand('ticket:no-show', windowRefSchema, (p) => ({ type: 'no-show', windowId: p.windowId }));
    windowCommand('ticket:reactivate', reactivateTicketSchema, (p) => ({
      type: 'reactivate',
      ticketId: p.ticketId,
      windowId: p.windowId,
    }));
    windowCommand('ticket:transfer', transferTicketSchema, (p) => ({
      type: 'transfer',
      windowId: p.windowId,
      keepIssueTime: p.keepIssueTime,
      ...(p.toServiceId ? { toServiceId: p.toServiceId } : {}),
      ...(p.toWindowId ? { toWindowId: p.toWindowId } : {}),
    }));
    windowCommand('ticket:suspend', windowRefSchema, (p) => ({ type: 'suspend', windowId: p.windowId }));
    windowCommand('ticket:resume', resumeTicketSchema, (p) => ({
      type: 'resume',
      windowId: p.windowId,
      ticketId: p.ticketId,
    }));
    handle(socket, 'ticket:issue', issueTicketSchema, (p) => hall.issueTicket(p, 'window', actor, p.requestId), log);
  });

  consoleNs.on('connection', (socket: AnySocket) => {
    onConnect(socket);
    const staff = socket.data.staff!;
    const actor: Actor = { kind: 'staff', staffId: staff.id };
    handle(socket, 'notice:set', setNoticeSchema, (p) => hall.setNotice(p.text, actor, p.requestId), log);
    handle(
      socket,
      'window:pause',
      pauseWindowSchema,
      (p) => hall.runQueueCommand({ type: 'pause', windowId: p.windowId, reason: p.reason }, actor, p.requestId),
      log,
    );
    handle(
      socket,
      'window:open',
      windowRefSchema,
      (p) => hall.runQueueCommand({ type: 'open', windowId: p.windowId }, actor, p.requestId),
      log,
    );
    handle(
      socket,
      'window:close',
      windowRefSchema,
      (p) => hall.runQueueCommand({ type: 'close', windowId: p.windowId }, actor, p.requestId),
      log,
    );
  });

  auth.on('device-saved', (device) => {
    for (const ns of [kiosk, display]) ns.to(`device:${device.id}`).emit('device:settings', device.settings);
  });

  // Screens first: the broadcast goes out before the MQTT bridge and metrics do their part of the same event.
  hall.prependListener('hall-event', (event) => {
    for (const ns of all) ns.emit('hall:event', event);
  });

  return io;
}

// Compile-time check that every client event map is covered by the handlers above.
export type _Contracts = [KioskClientEvents, WindowClientEvents, DisplayClientEvents, ConsoleClientEvents];
