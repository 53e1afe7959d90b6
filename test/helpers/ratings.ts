import type { IssuedTicket } from '@onedoor/protocol';
import { command, type ClientSocket, type TestHall } from './test-hall.js';

/**
 * One visitor issued a general ticket at the kiosk, called and served at `windowId` by the clerk signed in with
 * `clerkToken`, then rating the service on the window's on-screen evaluator (POST /api/windows/:id/evaluations).
 */
export async function serveAndRate(
  hall: TestHall,
  at: { kiosk: ClientSocket; window: ClientSocket; clerkToken: string; windowId: string },
  rating: { level: number; reason?: string },
): Promise<void> {
  await command<IssuedTicket>(at.kiosk, 'ticket:issue', { serviceId: 'general' });
  await command(at.window, 'ticket:call-next', { windowId: at.windowId });
  await command(at.window, 'ticket:finish', { windowId: at.windowId });
  const res = await fetch(`${hall.baseUrl}/api/windows/${at.windowId}/evaluations`, {
    method: 'POST',
    headers: { authorization: `Bearer ${at.clerkToken}`, 'content-type': 'application/json' },
    body: JSON.stringify(rating),
  });
  if (res.status !== 201) throw new Error(`rating at ${at.windowId} answered ${res.status}: ${await res.text()}`);
}
