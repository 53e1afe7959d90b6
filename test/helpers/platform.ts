/**
 * The platform simulator beside a test hall: start both, drive the simulator's control API, read what it received,
 * and send the hall webhooks signed any way a test needs (a wrong key, a skewed clock, a replayed nonce).
 */
import { expect } from 'vitest';
import type { Ack } from '@onedoor/protocol';
import type { HallConfigInput } from '../../hall-server/src/config/config.schema.js';
import type { Clock } from '../../hall-server/src/app/ports.js';
import {
  createSigner,
  MemoryNonceStore,
  SIGN_HEADERS,
  type SigningKeys,
} from '../../hall-server/src/adapters/platform/signing.js';
import { startPlatformSim, type PlatformSim, type ReceivedRecord } from '../../hall-server/src/platform-sim/server.js';
import { startTestHall, type TestHall } from './test-hall.js';
import { until } from './wait.js';

export const TEST_PLATFORM_KEY = 'a platform key for the tests, 32+';
export const HMAC_KEYS: SigningKeys = { alg: 'hmac-sha256', hmacKey: TEST_PLATFORM_KEY, userId: '1234567812345678' };

export type SimRecord = ReceivedRecord & { deliveries: number };
export interface SimReceived {
  records: SimRecord[];
  deliveries: Record<string, number>;
  queueStatus: Record<string, unknown>;
}

export interface PlatformBench {
  sim: PlatformSim;
  hall: TestHall;
  hallCode: string;
  /** GET /sim/received */
  received(): Promise<SimReceived>;
  /** A control call to the simulator: its JSON answer. */
  control<T = Record<string, unknown>>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T>;
  /** A REST call to the hall with a staff token: the `{ ok, data | error }` body and the status. */
  rest<T>(token: string, method: string, path: string, body?: unknown): Promise<{ status: number; body: Ack<T> }>;
  close(): Promise<void>;
}

/** Platform settings fast enough for tests (the worker polls often, retries in tens of ms). */
export const FAST_PLATFORM: NonNullable<HallConfigInput['platform']> = {
  signing: { hmacKey: TEST_PLATFORM_KEY },
  pollMs: 20,
  timeoutMs: 2000,
  pullIntervalSeconds: 3600,
  retry: { baseMs: 40, maxMs: 200, maxRefusals: 3 },
  queueStatusIntervalMs: 0,
};

/**
 * expect.poll with room for a shared, busy machine: deliveries take milliseconds, but a test must not fail because
 * two cores are slow for a moment (15 s unless told, checked every 50 ms).
 */
export const eventually = <T>(read: () => T | Promise<T>, options: { timeout?: number; interval?: number } = {}) =>
  expect.poll(read, { timeout: 15_000, interval: 50, ...options });

export { until };

export async function startPlatformBench(
  opts: {
    keys?: SigningKeys;
    platform?: HallConfigInput['platform'];
    config?: HallConfigInput;
    clock?: Clock;
    simNow?: () => number;
    slowMs?: number;
    dataDir?: string;
  } = {},
): Promise<PlatformBench> {
  const sim = await startPlatformSim({
    keys: opts.keys ?? HMAC_KEYS,
    ...(opts.simNow ? { now: opts.simNow } : {}),
    ...(opts.slowMs ? { slowMs: opts.slowMs } : {}),
  });
  const hall = await startTestHall({
    seedDemo: true,
    ...(opts.clock ? { clock: opts.clock } : {}),
    ...(opts.dataDir ? { dataDir: opts.dataDir } : {}),
    config: {
      ...opts.config,
      platform: { ...FAST_PLATFORM, url: sim.url, ...opts.platform },
    },
  });
  const hallCode = hall.config.hall.id;
  const control = async <T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> => {
    const res = await fetch(`${sim.url}${path}`, {
      method,
      ...(body !== undefined ? { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) } : {}),
    });
    return (await res.json()) as T;
  };
  // The hall registers its webhook on its first pull round, right after it starts.
  await until('the hall registers its webhook', async () =>
    Boolean((await control<{ webhooks: Record<string, string> }>('GET', '/sim/healthz')).webhooks[hallCode]),
  );
  return {
    sim,
    hall,
    hallCode,
    received: () => control<SimReceived>('GET', '/sim/received'),
    control,
    async rest<T>(token: string, method: string, path: string, body?: unknown) {
      const res = await fetch(`${hall.baseUrl}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${token}`,
          ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        },
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      });
      return { status: res.status, body: (await res.json()) as Ack<T> };
    },
    async close() {
      await hall.close();
      await sim.close();
    },
  };
}

/** Posts a webhook to the hall signed with `keys` at `now` — or exactly the `headers` given (to replay them). */
export async function postWebhook(
  hallUrl: string,
  event: unknown,
  opts: { keys?: SigningKeys; now?: number; headers?: Record<string, string> } = {},
): Promise<{
  status: number;
  body: Ack<unknown>;
  headers: Record<string, string>;
  answerHeaders: Record<string, string>;
}> {
  const path = '/api/platform/webhooks';
  const text = JSON.stringify(event);
  const signer = createSigner({
    keys: opts.keys ?? HMAC_KEYS,
    appId: 'platform-test',
    now: () => opts.now ?? Date.now(),
    maxSkewSeconds: 300,
    nonces: new MemoryNonceStore(),
  });
  const headers = opts.headers ?? signer.signRequest('POST', path, text);
  const res = await fetch(`${hallUrl}${path}`, {
    method: 'POST',
    headers: { ...headers, 'content-type': 'application/json' },
    body: text,
  });
  return {
    status: res.status,
    body: (await res.json()) as Ack<unknown>,
    headers,
    answerHeaders: Object.fromEntries(res.headers),
  };
}

export { SIGN_HEADERS };
