/**
 * What the phone page of a ticket (`/t/<ticket>`, the slip's QR code) tells the visitor, in Chinese and English:
 * where they are in the queue in the fair order (`hall.peopleAhead`, the same count the slip printed), about how long,
 * the window once they are called, and what to do when they missed their call. Pure: the route gathers the inputs.
 */
import type { HallSnapshot, TicketView } from '@onedoor/protocol';
import { localParts } from '../../../domain/time/hall-time.js';

export type PageLang = 'zh' | 'en';

/** Two languages of one piece of text. */
export interface Words {
  zh: string;
  en: string;
}

export type ProgressState =
  'waiting' | 'soon' | 'called' | 'serving' | 'missed' | 'suspended' | 'transferred' | 'done' | 'void' | 'unknown';

export interface TicketProgress {
  state: ProgressState;
  hallName: Words;
  number: string | null;
  service: Words | null;
  /** People called before this ticket (waiting only). */
  ahead: number | null;
  /** About how many minutes until the call (waiting only). */
  minutes: number | null;
  /** The window the visitor was called to (called, serving, missed). */
  window: Words | null;
  /** Minutes after a missed call the visitor may still be put back in the queue at a window. */
  reactivateWithinMinutes: number;
  /** Hall-local clock time of this view (HH:MM). */
  updatedAt: string;
}

/** At most this many people ahead: "almost your turn, come back to the waiting area". */
export const SOON_AHEAD = 3;

export interface ProgressInput {
  ticket: TicketView | null;
  snapshot: HallSnapshot;
  peopleAhead: number | null;
  reactivateWithinMinutes: number;
}

function windowWords(snapshot: HallSnapshot, windowId: string | null): Words | null {
  const w = windowId ? snapshot.windows.find((x) => x.id === windowId) : undefined;
  if (!w) return null;
  // 「3号窗口」 is how the board and the voice say it; a desk named otherwise (咨询台) keeps its name.
  const zh = w.name.includes(w.number) ? w.name : `${w.number}号窗口 ${w.name}`;
  return { zh, en: w.kind === 'consult' ? `Desk ${w.number}` : `Window ${w.number}` };
}

export function ticketProgress(input: ProgressInput): TicketProgress {
  const { ticket, snapshot } = input;
  const hallName = { zh: snapshot.hallName, en: snapshot.hallNameEn || snapshot.hallName };
  const base = {
    hallName,
    reactivateWithinMinutes: input.reactivateWithinMinutes,
    updatedAt: localParts(Date.parse(snapshot.serverTime), snapshot.timeZone).time,
  };
  if (!ticket)
    return { ...base, state: 'unknown', number: null, service: null, ahead: null, minutes: null, window: null };
  const service = snapshot.services.find((s) => s.id === ticket.serviceId);
  const serviceWords = service ? { zh: service.name, en: service.nameEn || service.name } : null;
  const common = {
    ...base,
    number: ticket.number,
    service: serviceWords,
    window: windowWords(snapshot, ticket.windowId),
  };
  switch (ticket.status) {
    case 'waiting': {
      const ahead = input.peopleAhead ?? 0;
      // The service's estimate is for a ticket behind everyone waiting; this ticket waits for `ahead` of them.
      const minutes = service
        ? Math.round((service.estimatedWaitMinutes * ahead) / Math.max(1, service.waiting))
        : null;
      return { ...common, state: ahead <= SOON_AHEAD ? 'soon' : 'waiting', ahead, minutes, window: null };
    }
    case 'called':
      return { ...common, state: 'called', ahead: null, minutes: null };
    case 'serving':
      return { ...common, state: 'serving', ahead: null, minutes: null };
    case 'no-show':
      return { ...common, state: 'missed', ahead: null, minutes: null };
    case 'suspended':
      return { ...common, state: 'suspended', ahead: null, minutes: null };
    case 'transferred':
      return { ...common, state: 'transferred', ahead: null, minutes: null, window: null };
    case 'done':
      return { ...common, state: 'done', ahead: null, minutes: null, window: null };
    case 'abandoned':
      return { ...common, state: 'void', ahead: null, minutes: null, window: null };
  }
}
