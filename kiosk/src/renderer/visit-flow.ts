/**
 * The visitor's path through the kiosk as a pure state machine:
 *
 *   home ─ choose ─▶ service (confirm) ─ confirm ─▶ [await-card] ─ card ─▶ issuing ─ ack ok ─▶ printing ─▶ ticket
 *     ▲                                                                       │ refused           │ printer failed
 *     └──────────── timeout / done / cancel ◀── refused ◀─────────────────────┘      print-failed ◀┘
 *
 *   home ─ appointment ─▶ appointment ─ code / card ─▶ checking-in ─ ack ok ─▶ printing ─▶ ticket (with the
 *     ▲                                                    │ refused            server's message: 优先办理 / late)
 *     └── walk-in (直接取号) / done ◀── check-in-refused ◀─┘
 *
 *   home ─ staff ─▶ staff ─ staff card / 工号+密码 ─▶ staff-checking ─ ack ok ─▶ home (绿色通道 unlocked: the next
 *     ▲               ▲ refused (a visitor's card, wrong code, no right) ◀──┘      number chosen is a green one)
 *     └── cancel / timeout ┘
 *
 * `transition(state, event, ctx)` returns the next state and the effects to run (send the command, print, report the
 * print result). It does no IO and reads no clock; request ids come from `ctx.newId`, so the same inputs always give
 * the same outputs and the tests can walk every path.
 *
 * Rules that protect the queue (peers.md §3 item 2 — no number that is called but never comes):
 * - a number is only asked for while the hall server is reachable;
 * - every issue carries a requestId; after a lost ack or a reconnect the same requestId is sent again, so the server
 *   answers with the ticket it already issued instead of a second one;
 * - a ticket that did not print is reported `printed:false` (the server voids it); so is a ticket whose visitor gave
 *   up while the link was down (`abandon-issue`: the controller resolves it once the link is back).
 * - a 绿色通道 number needs a staff member at the kiosk: their staff card (read on the kiosk's reader while the staff
 *   screen is up) or their 工号 and 密码 unlock it on the server (`staff:green-unlock`, which checks the role); the
 *   unlock serves the one visitor it was given for and is forgotten with the visit (home, timeout, offline); the code
 *   is kept only while its request is in flight.
 * - an appointment check-in (`appointment:check-in`) follows the same rules: one requestId per attempt, re-sent after
 *   a lost ack or a reconnect (the server answers with the same ticket), printed and reported like any ticket, and
 *   abandoned (`abandon-check-in`) when the visitor leaves while the link is down.
 */
import type {
  AppError,
  CheckInPayload,
  CheckInResult,
  GreenUnlock,
  GreenUnlockPayload,
  IssuedTicket,
  IssueTicketPayload,
  ServiceView,
} from '@onedoor/protocol';
import type { CardHolder, PrintOutcome } from '../shared/kiosk-api';

export type Lang = 'zh' | 'en';

/** What the visitor picked: a service, or a 一件事 bundle that maps to one service. */
export interface Choice {
  serviceId: string;
  /** The label the visitor tapped (service name, matter or bundle name). */
  label: string;
  labelEn: string;
  realName: boolean;
  /** 一件事 bundle name when chosen through a bundle. */
  bundle?: string;
}

export type Screen =
  | 'home'
  | 'service'
  | 'await-card'
  | 'issuing'
  | 'printing'
  | 'ticket'
  | 'refused'
  | 'print-failed'
  | 'appointment'
  | 'checking-in'
  | 'check-in-refused'
  | 'staff'
  | 'staff-checking';

export interface PendingIssue {
  requestId: string;
  payload: IssueTicketPayload & { requestId: string };
}

export interface PendingCheckIn {
  requestId: string;
  /** Exactly one of code / idNumber. */
  payload: CheckInPayload & { requestId: string };
}

/** A staff unlock in flight: a card or a code, sent once (a lost answer asks the staff member to try again). */
export interface PendingUnlock {
  requestId: string;
  payload: GreenUnlockPayload & { requestId: string };
}

/** What the visitor is told after a successful check-in (shown above the ticket). */
export interface CheckInOutcome {
  outcome: CheckInResult['outcome'];
  message: string;
  messageEn: string;
  /** The matter booked (不动产转移登记 …), may be empty. */
  matter: string;
}

type ErrorText = Pick<AppError, 'code' | 'message' | 'messageEn' | 'details'>;

/** Appointment codes: 6–12 capital letters or digits (the server's rule); typed in any case, spaces ignored. */
export const APPOINTMENT_CODE = /^[A-Z0-9]{6,12}$/;
export function normalizeCode(raw: string): string {
  return raw.replace(/[\s-]/g, '').toUpperCase();
}

export interface VisitState {
  screen: Screen;
  choice: Choice | null;
  /** The card read on this visit (kept only until the visit ends). */
  holder: CardHolder | null;
  /** The issue command in flight; survives a lost ack and a disconnect. */
  pending: PendingIssue | null;
  ticket: IssuedTicket | null;
  error: ErrorText | null;
  /** Printer status text after a failed print. */
  printFailure: string | null;
  /** The appointment check-in in flight; survives a lost ack and a disconnect. */
  checkIn: PendingCheckIn | null;
  /** The server's words after a successful check-in (shown with the ticket). */
  checkInOutcome: CheckInOutcome | null;
  /** 绿色通道 unlocked by a staff member for this visitor: the next number taken is a green one. */
  green: GreenUnlock | null;
  /** The staff unlock in flight. */
  unlock: PendingUnlock | null;
  online: boolean;
  elder: boolean;
  lang: Lang;
}

export type VisitEvent =
  | { type: 'choose'; choice: Choice }
  | { type: 'confirm' }
  | { type: 'card'; holder: CardHolder }
  | { type: 'issue-ok'; requestId: string; ticket: IssuedTicket }
  | { type: 'issue-refused'; requestId: string; error: ErrorText }
  /** No ack in time although the link looked up: ask again with the same requestId. */
  | { type: 'issue-lost'; requestId: string }
  | { type: 'printed'; ticketId: string; outcome: PrintOutcome }
  | { type: 'connection'; online: boolean }
  | { type: 'cancel' }
  | { type: 'done' }
  | { type: 'timeout' }
  | { type: 'appointment' }
  /** The visitor typed an appointment code on the check-in screen and pressed 签到. */
  | { type: 'check-in'; code: string }
  | { type: 'check-in-ok'; requestId: string; result: CheckInResult }
  | { type: 'check-in-refused'; requestId: string; error: ErrorText }
  /** No ack in time although the link looked up: ask again with the same requestId. */
  | { type: 'check-in-lost'; requestId: string }
  /** 直接取号 after a refused check-in: to the services (the card read stays for a real-name service). */
  | { type: 'walk-in' }
  /** 工作人员: a staff member opens the 绿色通道 screen (their card or code unlocks a green number). */
  | { type: 'staff' }
  | { type: 'staff-code'; username: string; password: string }
  | { type: 'unlock-ok'; requestId: string; unlock: GreenUnlock }
  | { type: 'unlock-refused'; requestId: string; error: ErrorText }
  /** No answer to the unlock in time: the staff member is asked to try again (a code is never kept to re-send). */
  | { type: 'unlock-lost'; requestId: string }
  | { type: 'set-elder'; elder: boolean }
  | { type: 'set-lang'; lang: Lang };

export type Effect =
  | { type: 'issue'; pending: PendingIssue }
  | { type: 'print'; ticket: IssuedTicket }
  | { type: 'report-print'; ticketId: string; printed: boolean; reason?: string }
  /** The visitor left while an issue was unanswered: once online, learn the outcome and void any ticket it made. */
  | { type: 'abandon-issue'; pending: PendingIssue }
  | { type: 'check-in'; pending: PendingCheckIn }
  /** As abandon-issue, for a check-in: once online, learn the outcome and void any ticket it made. */
  | { type: 'abandon-check-in'; pending: PendingCheckIn }
  | { type: 'green-unlock'; pending: PendingUnlock };

export interface FlowContext {
  newId(): string;
}

export interface Transition {
  state: VisitState;
  effects: Effect[];
}

export function initialVisit(opts: { online?: boolean; lang?: Lang; elder?: boolean } = {}): VisitState {
  return {
    screen: 'home',
    choice: null,
    holder: null,
    pending: null,
    ticket: null,
    error: null,
    printFailure: null,
    checkIn: null,
    checkInOutcome: null,
    green: null,
    unlock: null,
    online: opts.online ?? false,
    elder: opts.elder ?? false,
    lang: opts.lang ?? 'zh',
  };
}

/** Back to the home screen, forgetting everything about this visitor (the card and a 绿色通道 unlock above all). */
function home(s: VisitState): VisitState {
  return {
    ...s,
    screen: 'home',
    choice: null,
    holder: null,
    pending: null,
    ticket: null,
    error: null,
    printFailure: null,
    checkIn: null,
    checkInOutcome: null,
    green: null,
    unlock: null,
  };
}

function startUnlock(s: VisitState, by: Pick<GreenUnlockPayload, 'card' | 'code'>, ctx: FlowContext): Transition {
  const requestId = ctx.newId();
  const unlock: PendingUnlock = { requestId, payload: { requestId, ...by } };
  return {
    state: { ...s, screen: 'staff-checking', unlock, error: null },
    effects: [{ type: 'green-unlock', pending: unlock }],
  };
}

const UNLOCK_LOST: ErrorText = {
  code: 'UNAVAILABLE',
  message: '服务器没有及时回应，请再刷一次卡或重新输入工号',
  messageEn: 'the hall server did not answer in time; show the card or type the code again',
};

function startCheckIn(
  s: VisitState,
  by: { code: string } | { idNumber: string },
  holder: CardHolder | null,
  ctx: FlowContext,
): Transition {
  const requestId = ctx.newId();
  const checkIn: PendingCheckIn = { requestId, payload: { requestId, ...by } };
  return {
    state: { ...s, screen: 'checking-in', holder, checkIn, error: null, checkInOutcome: null },
    effects: [{ type: 'check-in', pending: checkIn }],
  };
}

function startIssue(s: VisitState, choice: Choice, holder: CardHolder | null, ctx: FlowContext): Transition {
  const requestId = ctx.newId();
  const payload: PendingIssue['payload'] = {
    requestId,
    serviceId: choice.serviceId,
    priority: s.green ? 'green' : 'normal',
    ...(s.green ? { greenUnlock: s.green.unlockId } : {}),
  };
  if (choice.realName && holder) payload.holder = { idNumber: holder.idNumber, name: holder.name };
  const pending = { requestId, payload };
  return {
    state: { ...s, screen: 'issuing', choice, holder, pending, error: null },
    effects: [{ type: 'issue', pending }],
  };
}

/** After a choice (or a confirm): ask for the card when the service needs one, else take the number. */
function proceed(s: VisitState, choice: Choice, ctx: FlowContext): Transition {
  if (choice.realName && !s.holder) return { state: { ...s, screen: 'await-card', choice, error: null }, effects: [] };
  return startIssue(s, choice, s.holder, ctx);
}

const same = (state: VisitState): Transition => ({ state, effects: [] });

export function transition(s: VisitState, e: VisitEvent, ctx: FlowContext): Transition {
  switch (e.type) {
    case 'choose': {
      if (!s.online || (s.screen !== 'home' && s.screen !== 'service')) return same(s);
      // Elder mode: one tap takes the number (fewer steps); otherwise a confirm screen shows the wait first.
      if (s.elder) return proceed({ ...s, choice: e.choice }, e.choice, ctx);
      return same({ ...s, screen: 'service', choice: e.choice, error: null });
    }
    case 'confirm':
      if (s.screen !== 'service' || !s.choice || !s.online) return same(s);
      return proceed(s, s.choice, ctx);
    case 'card': {
      if (s.screen === 'await-card' && s.choice) {
        if (!s.online) return same({ ...s, holder: e.holder });
        return startIssue(s, s.choice, e.holder, ctx);
      }
      // On the staff screen the card is a staff member's: it may unlock 绿色通道 (the server decides).
      if (s.screen === 'staff' && s.online)
        return startUnlock(s, { card: { idNumber: e.holder.idNumber, name: e.holder.name } }, ctx);
      // On the check-in screen (or after a refused check-in) the card looks up the visitor's booking for today.
      if ((s.screen === 'appointment' || s.screen === 'check-in-refused') && s.online) {
        return startCheckIn(s, { idNumber: e.holder.idNumber }, e.holder, ctx);
      }
      // A card swiped early (home or confirm screen) is kept for a real-name service chosen next.
      if (s.screen === 'home' || s.screen === 'service' || s.screen === 'refused') {
        return same({
          ...s,
          holder: e.holder,
          ...(s.screen === 'refused' ? { screen: 'home' as const, error: null, choice: null } : {}),
        });
      }
      return same(s);
    }
    case 'issue-ok': {
      if (!s.pending || s.pending.requestId !== e.requestId) return same(s);
      return {
        state: { ...s, screen: 'printing', pending: null, ticket: e.ticket },
        effects: [{ type: 'print', ticket: e.ticket }],
      };
    }
    case 'issue-refused': {
      if (!s.pending || s.pending.requestId !== e.requestId) return same(s);
      // The server wants a card the kiosk did not send (its config changed since our snapshot): ask for the card.
      if (e.error.code === 'REAL_NAME_REQUIRED' && s.choice) {
        return same({
          ...s,
          screen: 'await-card',
          pending: null,
          holder: null,
          choice: { ...s.choice, realName: true },
        });
      }
      return same({ ...s, screen: 'refused', pending: null, error: e.error });
    }
    case 'issue-lost':
      if (!s.pending || s.pending.requestId !== e.requestId || !s.online) return same(s);
      return { state: s, effects: [{ type: 'issue', pending: s.pending }] };
    case 'printed': {
      if (s.screen !== 'printing' || !s.ticket || s.ticket.ticket.id !== e.ticketId) return same(s);
      const report: Effect = {
        type: 'report-print',
        ticketId: e.ticketId,
        printed: e.outcome.printed,
        ...(e.outcome.reason ? { reason: e.outcome.reason } : {}),
      };
      if (e.outcome.printed) return { state: { ...s, screen: 'ticket' }, effects: [report] };
      return {
        state: { ...s, screen: 'print-failed', printFailure: e.outcome.reason ?? null },
        effects: [report],
      };
    }
    case 'connection': {
      if (e.online === s.online) return same(s);
      if (e.online) {
        // Back online: an unanswered issue is sent again with the same requestId (never a second ticket).
        const effects: Effect[] = s.pending ? [{ type: 'issue', pending: s.pending }] : [];
        if (s.checkIn) effects.push({ type: 'check-in', pending: s.checkIn });
        return { state: { ...s, online: true }, effects };
      }
      const offline = { ...s, online: false };
      // Half-made choices end; a visitor waiting for an answer keeps waiting (the maintenance screen says so);
      // a printed ticket stays on screen (it is valid, the print result goes out when the link is back).
      if (
        s.screen === 'service' ||
        s.screen === 'await-card' ||
        s.screen === 'refused' ||
        s.screen === 'appointment' ||
        s.screen === 'check-in-refused' ||
        s.screen === 'staff' ||
        s.screen === 'staff-checking'
      ) {
        return same(home(offline));
      }
      // A 绿色通道 unlock waiting on the home screen ends with the link (the staff member unlocks again after).
      if (s.screen === 'home') return same({ ...offline, green: null });
      return same(offline);
    }
    case 'cancel':
    case 'timeout': {
      if (s.screen === 'printing') return same(s);
      if (s.screen === 'issuing') {
        // While online the answer is seconds away: wait for it. Offline, the visitor may give up.
        if (s.online || !s.pending) return same(s);
        const base = home(s);
        return {
          state: e.type === 'timeout' ? { ...base, elder: false, lang: 'zh' } : base,
          effects: [{ type: 'abandon-issue', pending: s.pending }],
        };
      }
      if (s.screen === 'checking-in') {
        if (s.online || !s.checkIn) return same(s);
        const base = home(s);
        return {
          state: e.type === 'timeout' ? { ...base, elder: false, lang: 'zh' } : base,
          effects: [{ type: 'abandon-check-in', pending: s.checkIn }],
        };
      }
      if (s.screen === 'staff-checking' && s.online) return same(s);
      if (s.screen === 'home' && e.type === 'cancel') return same(home(s));
      const base = home(s);
      // The next visitor starts in the default mode and language.
      return same(e.type === 'timeout' ? { ...base, elder: false, lang: 'zh' } : base);
    }
    case 'done':
      if (
        s.screen !== 'ticket' &&
        s.screen !== 'print-failed' &&
        s.screen !== 'refused' &&
        s.screen !== 'check-in-refused'
      )
        return same(s);
      return same(home(s));
    case 'appointment':
      // From home, or 重新输入 after a refused check-in.
      if (s.screen !== 'home' && s.screen !== 'check-in-refused') return same(s);
      return same({ ...s, screen: 'appointment', error: null });
    case 'check-in': {
      if (s.screen !== 'appointment' || !s.online) return same(s);
      const code = normalizeCode(e.code);
      if (!APPOINTMENT_CODE.test(code)) return same(s);
      return startCheckIn(s, { code }, s.holder, ctx);
    }
    case 'check-in-ok': {
      if (!s.checkIn || s.checkIn.requestId !== e.requestId) return same(s);
      const r = e.result;
      return {
        state: {
          ...s,
          screen: 'printing',
          checkIn: null,
          ticket: r.issued,
          checkInOutcome: {
            outcome: r.outcome,
            message: r.message,
            messageEn: r.messageEn,
            matter: r.appointment.matter,
          },
        },
        effects: [{ type: 'print', ticket: r.issued }],
      };
    }
    case 'check-in-refused':
      if (!s.checkIn || s.checkIn.requestId !== e.requestId) return same(s);
      return same({ ...s, screen: 'check-in-refused', checkIn: null, error: e.error });
    case 'check-in-lost':
      if (!s.checkIn || s.checkIn.requestId !== e.requestId || !s.online) return same(s);
      return { state: s, effects: [{ type: 'check-in', pending: s.checkIn }] };
    case 'walk-in':
      if (s.screen !== 'check-in-refused') return same(s);
      // Back to the services; a card read for the check-in stays for a real-name service chosen next.
      return same({ ...home(s), holder: s.holder });
    case 'staff':
      if (s.screen !== 'home' || !s.online) return same(s);
      return same({ ...s, screen: 'staff', error: null });
    case 'staff-code': {
      if (s.screen !== 'staff' || !s.online) return same(s);
      const username = e.username.trim();
      if (!username || !e.password) return same(s);
      return startUnlock(s, { code: { username, password: e.password } }, ctx);
    }
    case 'unlock-ok':
      if (!s.unlock || s.unlock.requestId !== e.requestId) return same(s);
      // Unlocked for this visitor: back to the services, the next number taken is green.
      return same({ ...s, screen: 'home', unlock: null, green: e.unlock, error: null, choice: null });
    case 'unlock-refused':
    case 'unlock-lost':
      if (!s.unlock || s.unlock.requestId !== e.requestId) return same(s);
      return same({
        ...s,
        screen: 'staff',
        unlock: null,
        error: e.type === 'unlock-refused' ? e.error : UNLOCK_LOST,
      });
    case 'set-elder':
      if (s.screen !== 'home' && s.screen !== 'service') return same(s);
      return same({ ...s, elder: e.elder });
    case 'set-lang':
      return same({ ...s, lang: e.lang });
  }
}

/**
 * Seconds until the kiosk returns home by itself, or null for "wait": home waits for a visitor; issuing and printing
 * wait for the server and the printer (an offline issue can be abandoned after the idle time).
 */
export function idleSeconds(s: VisitState, cfg: { idleSeconds: number; ticketSeconds: number }): number | null {
  switch (s.screen) {
    case 'home':
      // A 绿色通道 unlock left on the home screen goes with the idle time like a card read.
      return s.elder || s.lang !== 'zh' || s.holder || s.green ? cfg.idleSeconds : null;
    case 'printing':
      return null;
    case 'issuing':
    case 'checking-in':
      return s.online ? null : cfg.idleSeconds;
    case 'ticket':
    case 'print-failed':
      return cfg.ticketSeconds;
    case 'service':
    case 'await-card':
    case 'refused':
    case 'appointment':
    case 'check-in-refused':
    case 'staff':
      return cfg.idleSeconds;
    case 'staff-checking':
      return s.online ? null : cfg.idleSeconds;
  }
}

/** Choice for a service as the snapshot describes it. */
export function serviceChoice(
  service: Pick<ServiceView, 'id' | 'name' | 'nameEn' | 'realName'>,
  label?: { zh: string; en: string; bundle?: string },
): Choice {
  return {
    serviceId: service.id,
    label: label?.zh ?? service.name,
    labelEn: label?.en ?? (service.nameEn || service.name),
    realName: service.realName,
    ...(label?.bundle ? { bundle: label.bundle } : {}),
  };
}
