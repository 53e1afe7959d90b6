import type { FastifyInstance } from 'fastify';
import { appError, DEMO_ROUTES } from '@onedoor/protocol';
import type { AuthService } from '../../app/auth/auth.js';
import { type Result, success } from '../../domain/result.js';
import type { VirtualDevices } from '../virtual-devices.js';
import { serveRoutes } from './rest.js';

/** Demo only: press a virtual pad's keys, rate on a virtual evaluator, see what the virtual strips show. */
export function registerDemoRoutes(
  http: FastifyInstance,
  auth: AuthService,
  devices: VirtualDevices,
  /** An error thrown for a device or key the demo does not have. */
  isUnknown: (err: unknown) => err is Error,
): void {
  const run = async (action: () => Promise<boolean>): Promise<Result<{ answered: boolean }>> => {
    try {
      return success({ answered: await action() });
    } catch (err) {
      if (!isUnknown(err)) throw err;
      return { ok: false, error: appError('NOT_FOUND', `没有这个虚拟设备或按键：${err.message}`, err.message) };
    }
  };
  serveRoutes(http, auth, DEMO_ROUTES, {
    'GET /api/demo/devices': () => success(devices.shown()),
    'POST /api/demo/pads/:id/keys': ({ params, body }) => run(() => devices.pressKey(params.id, body.key)),
    'POST /api/demo/evaluators/:id/ratings': ({ params, body }) => run(() => devices.rate(params.id, body.level)),
  });
}
