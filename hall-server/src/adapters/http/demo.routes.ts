import type { FastifyInstance } from 'fastify';
import { appError, DEMO_PRINTER_ROUTES, DEMO_ROUTES } from '@onedoor/protocol';
import type { AuthService } from '../../app/auth/auth.js';
import { type Result, success } from '../../domain/result.js';
import type { VirtualDevices } from '../virtual-devices.js';
import type { VirtualWindowPrinters } from '../virtual-printers.js';
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

/** Demo only: the windows' virtual receipt printers (print, paper out, what was printed). */
export function registerDemoPrinterRoutes(
  http: FastifyInstance,
  auth: AuthService,
  printers: VirtualWindowPrinters,
): void {
  const noPrinter = (windowId: string): Result<never> => ({
    ok: false,
    error: appError('NOT_FOUND', `窗口 ${windowId} 没有虚拟打印机`, `window ${windowId} has no virtual printer`),
  });
  serveRoutes(http, auth, DEMO_PRINTER_ROUTES, {
    'POST /api/demo/printers/:id/documents': async ({ params, body }) =>
      printers.has(params.id) ? success(await printers.print(params.id, body)) : noPrinter(params.id),
    'PUT /api/demo/printers/:id/paper': ({ params, body }) => {
      if (!printers.has(params.id)) return noPrinter(params.id);
      printers.setPaper(params.id, body.loaded);
      return success({ loaded: body.loaded });
    },
    'GET /api/demo/printers/:id/jobs': ({ params }) =>
      printers.has(params.id)
        ? success(
            printers
              .jobs(params.id)
              .map((j) => ({ at: j.at, kind: j.kind, escposBase64: Buffer.from(j.bytes).toString('base64') })),
          )
        : noPrinter(params.id),
  });
}
