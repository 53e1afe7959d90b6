import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { io, type Socket } from 'socket.io-client';
import type { Ack, HallServerEvents, HallSnapshot, Namespace } from '@onedoor/protocol';
import { hallConfigSchema, type HallConfig, type HallConfigInput } from '../../hall-server/src/config/config.schema.js';
import { startHall, type RunningHall } from '../../hall-server/src/main.js';
import { silentLogger, type Clock, type Logger } from '../../hall-server/src/app/ports.js';

export type ClientSocket = Socket<HallServerEvents, Record<string, (...args: never[]) => void>>;
export type Auth = { sessionToken: string } | { deviceToken: string };

export interface TestHall {
  baseUrl: string;
  dataDir: string;
  config: HallConfig;
  running: RunningHall;
  login(username: string, password?: string): Promise<string>;
  deviceToken(
    kind: 'display' | 'kiosk' | 'gateway' | 'pad' | 'evaluator' | 'printer' | 'id-reader',
    id?: string,
    windowId?: string | null,
  ): Promise<string>;
  connect(namespace: Namespace, auth: Auth): Promise<ClientSocket & { firstSnapshot: HallSnapshot }>;
  /** Stops the server but keeps the data directory (for restart tests). */
  stop(): Promise<void>;
  close(): Promise<void>;
}

let deviceCounter = 0;

/** A whole hall server on free ports with a throw-away data directory (demo hall seeded by default). */
export async function startTestHall(
  opts: { seedDemo?: boolean; config?: HallConfigInput; clock?: Clock; dataDir?: string; log?: Logger } = {},
): Promise<TestHall> {
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'onedoor-hall-'));
  const config = hallConfigSchema.parse({
    ...opts.config,
    hall: { id: `test-${process.pid}-${Math.random().toString(36).slice(2, 8)}`, ...opts.config?.hall },
    server: { host: '127.0.0.1', port: 0, ...opts.config?.server },
    mqtt: { embeddedPort: 0, embeddedHost: '127.0.0.1', ...opts.config?.mqtt },
    db: { synchronous: 'NORMAL', ...opts.config?.db },
    dataDir,
    demo: { seed: opts.seedDemo ?? true, ...opts.config?.demo },
    log: { level: 'silent' },
    // Tests issue tickets at machine speed; test/security/limits.test.ts runs the production issue rate.
    limits: { kioskIssue: { burst: 100_000, perMinute: 1_000_000 }, ...opts.config?.limits },
  });
  const running = await startHall(config, {
    log: opts.log ?? silentLogger,
    ...(opts.clock ? { clock: opts.clock } : {}),
  });
  const sockets: ClientSocket[] = [];
  const baseUrl = running.url;
  const hall: TestHall = {
    baseUrl,
    dataDir,
    config,
    running,
    async login(username, password = 'demo1234') {
      const res = await fetch(`${baseUrl}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username, password }),
      });
      const body = (await res.json()) as Ack<{ sessionToken: string }>;
      if (!body.ok) throw new Error(`login failed: ${body.error.messageEn}`);
      return body.data.sessionToken;
    },
    async deviceToken(kind, id = `${kind}-test-${++deviceCounter}`, windowId = null) {
      running.auth.saveDevice({ id, kind, name: `${kind} ${id}`, windowId, settings: {} });
      const code = running.auth.createPairingCode(id);
      if (!code.ok) throw new Error(code.error.messageEn);
      const res = await fetch(`${baseUrl}/api/devices/pair`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ code: code.value.code }),
      });
      const body = (await res.json()) as Ack<{ deviceToken: string }>;
      if (!body.ok) throw new Error(`pairing failed: ${body.error.messageEn}`);
      return body.data.deviceToken;
    },
    connect(namespace, auth) {
      const socket = io(`${baseUrl}${namespace}`, {
        auth,
        transports: ['websocket'],
        reconnection: true,
        reconnectionDelay: 100,
        reconnectionDelayMax: 500,
      }) as ClientSocket & {
        firstSnapshot: HallSnapshot;
      };
      sockets.push(socket);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no snapshot from ${namespace}`)), 10_000);
        socket.once('hall:snapshot', (snapshot) => {
          clearTimeout(timer);
          socket.firstSnapshot = snapshot;
          resolve(socket);
        });
        socket.once('connect_error', (err: Error & { data?: unknown }) => {
          clearTimeout(timer);
          reject(Object.assign(new Error(`connect_error on ${namespace}: ${err.message}`), { data: err.data }));
        });
      });
    },
    async stop() {
      for (const s of sockets) s.disconnect();
      await running.close();
    },
    async close() {
      await hall.stop();
      if (!opts.dataDir) {
        rmSync(dataDir, { recursive: true, force: true });
        // The data key lives beside the data directory, not in it.
        rmSync(`${dataDir}.key`, { force: true });
      }
    },
  };
  return hall;
}

/** Emits a command and resolves with its ack. */
export function request<T>(socket: ClientSocket, event: string, payload: unknown): Promise<Ack<T>> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ack for ${event}`)), 10_000);
    (socket as unknown as { emit: (e: string, p: unknown, cb: (a: Ack<T>) => void) => void }).emit(
      event,
      payload,
      (ack) => {
        clearTimeout(timer);
        resolve(ack);
      },
    );
  });
}

/** Resolves with the data of a successful ack, throws with the server's message otherwise. */
export async function command<T>(socket: ClientSocket, event: string, payload: unknown): Promise<T> {
  const ack = await request<T>(socket, event, payload);
  if (!ack.ok) throw new Error(`${event} refused: ${ack.error.code} ${ack.error.message}`);
  return ack.data;
}

/** The demo hall's staff card (林峰, 19号咨询台 — hall-server demo-hall.ts DEMO_STAFF_CARDS). */
export const DEMO_STAFF_CARD = { idNumber: '330102198808087016', name: '林峰' } as const;

/**
 * A kiosk's `ticket:issue`. A 绿色通道 one is first unlocked at that kiosk with the demo hall's staff card, as a staff
 * member does at a real kiosk (the server refuses a green ticket from a kiosk without it).
 */
export async function kioskIssue<T = unknown>(kiosk: ClientSocket, payload: Record<string, unknown>): Promise<T> {
  if (payload.priority !== 'green') return command<T>(kiosk, 'ticket:issue', payload);
  const unlock = await command<{ unlockId: string }>(kiosk, 'staff:green-unlock', { card: DEMO_STAFF_CARD });
  return command<T>(kiosk, 'ticket:issue', { ...payload, greenUnlock: unlock.unlockId });
}
