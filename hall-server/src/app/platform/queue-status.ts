import type { HallSnapshot } from '@onedoor/protocol';
import type { PlatformCodes } from './codes.js';
import type { QueueStatusPush } from './contract.js';

/** The platform's name of a hall service (codes.services maps the platform's names to ours). */
export function platformServiceCode(codes: PlatformCodes, serviceId: string): string {
  return Object.entries(codes.services).find(([, ours]) => ours === serviceId)?.[0] ?? serviceId;
}

/**
 * The queue as the visitor's phone shows it: waiting and the expected wait per service, and where each visitor who
 * booked online stands (tickets of platform bookings). Built when it is sent, so it is always the latest.
 */
export function queueStatus(
  snapshot: HallSnapshot,
  platformTickets: readonly { appointmentId: string; ticketId: string }[],
  hallCode: string,
  codes: PlatformCodes,
  at: string,
): QueueStatusPush {
  const tickets = new Map(snapshot.tickets.map((t) => [t.id, t]));
  const windows = new Map(snapshot.windows.map((w) => [w.id, w.name]));
  return {
    hallCode,
    at,
    seq: snapshot.seq,
    businessDay: snapshot.businessDay,
    services: snapshot.services.map((s) => ({
      code: platformServiceCode(codes, s.id),
      name: s.name,
      open: s.openNow,
      waiting: s.waiting,
      estimatedWaitMinutes: s.estimatedWaitMinutes,
    })),
    tickets: platformTickets.flatMap(({ appointmentId, ticketId }) => {
      const t = tickets.get(ticketId);
      if (!t) return [];
      const ahead =
        t.status === 'waiting'
          ? snapshot.tickets.filter(
              (x) => x.serviceId === t.serviceId && x.status === 'waiting' && x.issuedAt < t.issuedAt,
            ).length
          : 0;
      return [
        {
          appointmentId,
          ticketNumber: t.number,
          status: t.status,
          ahead,
          window: t.windowId ? (windows.get(t.windowId) ?? t.windowId) : null,
        },
      ];
    }),
  };
}
