import { appError, type HallEvent, type ServiceConfig, type WindowConfig } from '@onedoor/protocol';
import type { Result } from '../../domain/result.js';
import type { Actor } from '../ports.js';
import type { QueueContext } from './queue-context.js';
import { serviceView, windowView } from './views.js';

/** Adds or replaces services and windows (REST configuration); clients get a service.changed event. */
export function saveConfiguration(
  ctx: QueueContext,
  change: { services?: ServiceConfig[]; windows?: WindowConfig[] },
  actor: Actor,
): Promise<Result<null>> {
  const { queue, memory, clock, config } = ctx;
  return ctx.pipeline.submit<null>(actor, (scope) => {
    const at = new Date(clock.now()).toISOString();
    const services = change.services ?? [];
    const windows = change.windows ?? [];
    for (const w of windows) {
      // A window with no service could never call anyone: the clerk signed in there would wait all day.
      if (w.services.length === 0)
        return {
          error: appError(
            'BAD_REQUEST',
            `窗口 ${w.name} 至少要办理一项业务`,
            `window ${w.id} must serve at least one service`,
          ),
        };
      const unknown = w.services.find(
        (ref) => !memory.state.services.has(ref.serviceId) && !services.some((s) => s.id === ref.serviceId),
      );
      if (unknown)
        return {
          error: appError(
            'BAD_REQUEST',
            `窗口 ${w.name} 引用了不存在的业务 ${unknown.serviceId}`,
            `window ${w.id} refers to unknown service ${unknown.serviceId}`,
          ),
        };
    }
    const seq = scope.seq();
    for (const s of services) {
      queue.saveService(s, at);
      memory.putService(s);
    }
    for (const w of windows) {
      queue.saveWindow(w, at);
      // A new window starts closed; its runtime row is written with it.
      if (memory.putWindow(w))
        queue.saveChanges(
          {
            tickets: [],
            windows: [memory.state.windows.get(w.id)!.runtime],
            counters: [],
            serviceMinutes: [],
            businessDay: null,
          },
          memory.state.businessDay,
        );
    }
    const now = clock.now();
    const hallEvent: HallEvent = {
      seq,
      type: 'service.changed',
      at,
      tickets: [],
      windows: windows.map((w) => windowView(memory.state, w.id)),
      services: services.map((s) => serviceView(memory.state, s.id, now, config.hall.timeZone)),
      call: null,
    };
    return { value: null, change: { log: { entries: [{ type: 'service.changed', at, payload: change }] }, hallEvent } };
  });
}
