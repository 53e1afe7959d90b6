import { autoCallWindows } from '../../domain/queue/queue.js';
import { runQueueCommand } from './commands.js';
import type { QueueContext } from './queue-context.js';

/** After each committed batch: idle auto-call windows call their next visitor. */
export function autoCall(ctx: QueueContext): void {
  for (const windowId of autoCallWindows(ctx.memory.state, ctx.clock.now())) {
    void runQueueCommand(ctx, { type: 'call-next', windowId }, { kind: 'system', reason: 'auto-call' });
  }
}
