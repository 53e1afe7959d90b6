import { describe, expect, it } from 'vitest';
import type { CheckInResult, IssuedTicket } from '@onedoor/protocol';
import {
  idleSeconds,
  initialVisit,
  normalizeCode,
  serviceChoice,
  transition,
  type Effect,
  type VisitEvent,
  type VisitState,
} from './visit-flow';

const general = serviceChoice({ id: 'general', name: '综合受理', nameEn: 'General intake', realName: false });
const household = serviceChoice({
  id: 'household',
  name: '户政业务',
  nameEn: 'Household registration',
  realName: true,
});
const zhang = { idNumber: '11010519491231002X', name: '张三', kind: 'resident' };

function ticket(id: string, number: string): IssuedTicket {
  return {
    ticket: {
      id,
      number,
      serviceId: 'general',
      businessDay: '2026-11-27',
      status: 'waiting',
      priority: 'normal',
      source: 'kiosk',
      issuedAt: '2026-11-27T01:00:00.000Z',
      calledAt: null,
      windowId: null,
      targetWindowId: null,
      callCount: 0,
      holderName: null,
      holderId: null,
      realName: false,
    },
    hallName: '示范政务服务中心',
    serviceName: '综合受理',
    peopleAhead: 0,
    estimatedWaitMinutes: 0,
    progressUrl: `http://hall/t/${id}`,
    issuedAtLocal: '2026-11-27 09:00',
    notice: '',
  };
}

/** Runs events from a state; collects every effect. */
function run(start: VisitState, ...events: VisitEvent[]): { state: VisitState; effects: Effect[] } {
  let n = 0;
  const ctx = { newId: () => `req-${++n}-abcdefgh` };
  let state = start;
  const effects: Effect[] = [];
  for (const e of events) {
    const r = transition(state, e, ctx);
    state = r.state;
    effects.push(...r.effects);
  }
  return { state, effects };
}

const online = initialVisit({ online: true });

describe('visit flow: taking a number', () => {
  it('home → service → issuing → printing → ticket, with one issue and one printed report', () => {
    const tk = ticket('t1', 'A001');
    const r = run(
      online,
      { type: 'choose', choice: general },
      { type: 'confirm' },
      { type: 'issue-ok', requestId: 'req-1-abcdefgh', ticket: tk },
      { type: 'printed', ticketId: 't1', outcome: { printed: true } },
    );
    expect(r.state.screen).toBe('ticket');
    expect(r.state.ticket?.ticket.number).toBe('A001');
    expect(r.effects).toEqual([
      {
        type: 'issue',
        pending: {
          requestId: 'req-1-abcdefgh',
          payload: { requestId: 'req-1-abcdefgh', serviceId: 'general', priority: 'normal' },
        },
      },
      { type: 'print', ticket: tk },
      { type: 'report-print', ticketId: 't1', printed: true },
    ]);
  });

  it('shows the confirm screen first; elder mode skips it (one tap takes the number)', () => {
    expect(run(online, { type: 'choose', choice: general }).state.screen).toBe('service');
    const elder = run(online, { type: 'set-elder', elder: true }, { type: 'choose', choice: general });
    expect(elder.state.screen).toBe('issuing');
    expect(elder.effects).toHaveLength(1);
  });

  it('a real-name service waits for the card, then sends the holder with the issue', () => {
    const r = run(online, { type: 'choose', choice: household }, { type: 'confirm' });
    expect(r.state.screen).toBe('await-card');
    expect(r.effects).toEqual([]);
    const after = run(r.state, { type: 'card', holder: zhang });
    expect(after.state.screen).toBe('issuing');
    expect(after.effects[0]).toMatchObject({
      type: 'issue',
      pending: { payload: { serviceId: 'household', holder: { idNumber: zhang.idNumber, name: '张三' } } },
    });
  });

  it('a card swiped on the home screen is used for the real-name service chosen next', () => {
    const r = run(online, { type: 'card', holder: zhang }, { type: 'choose', choice: household }, { type: 'confirm' });
    expect(r.state.screen).toBe('issuing');
    expect(r.effects[0]).toMatchObject({ pending: { payload: { holder: { name: '张三' } } } });
  });

  it('does not send a card holder to a service that does not need one', () => {
    const r = run(online, { type: 'card', holder: zhang }, { type: 'choose', choice: general }, { type: 'confirm' });
    expect(r.effects[0]).toMatchObject({ type: 'issue' });
    expect((r.effects[0] as Extract<Effect, { type: 'issue' }>).pending.payload.holder).toBeUndefined();
  });

  it('ignores answers to an old request', () => {
    const r = run(
      online,
      { type: 'choose', choice: general },
      { type: 'confirm' },
      { type: 'issue-ok', requestId: 'someone-else', ticket: ticket('x', 'A009') },
    );
    expect(r.state.screen).toBe('issuing');
  });
});

describe('visit flow: refusals', () => {
  it('PERSON_LIMIT_REACHED shows the refusal with the server message; done goes home and forgets the card', () => {
    const error = {
      code: 'PERSON_LIMIT_REACHED' as const,
      message: '该业务每人每天限取2个号',
      messageEn: 'limit 2 per person per day',
    };
    const r = run(
      online,
      { type: 'card', holder: zhang },
      { type: 'choose', choice: household },
      { type: 'confirm' },
      { type: 'issue-refused', requestId: 'req-1-abcdefgh', error },
    );
    expect(r.state.screen).toBe('refused');
    expect(r.state.error).toEqual(error);
    expect(r.state.pending).toBeNull();
    const home = run(r.state, { type: 'done' }).state;
    expect(home.screen).toBe('home');
    expect(home.holder).toBeNull();
  });

  it('REAL_NAME_REQUIRED (server knows better than our snapshot) asks for the card', () => {
    const r = run(
      online,
      { type: 'choose', choice: general },
      { type: 'confirm' },
      {
        type: 'issue-refused',
        requestId: 'req-1-abcdefgh',
        error: { code: 'REAL_NAME_REQUIRED', message: '请刷身份证', messageEn: 'ID card required' },
      },
    );
    expect(r.state.screen).toBe('await-card');
    expect(r.state.choice?.realName).toBe(true);
  });
});

describe('visit flow: printer failure', () => {
  it('reports printed:false with the reason and shows what to do; the ticket is not shown as valid', () => {
    const r = run(
      online,
      { type: 'choose', choice: general },
      { type: 'confirm' },
      { type: 'issue-ok', requestId: 'req-1-abcdefgh', ticket: ticket('t2', 'A002') },
      { type: 'printed', ticketId: 't2', outcome: { printed: false, reason: '打印机缺纸' } },
    );
    expect(r.state.screen).toBe('print-failed');
    expect(r.state.printFailure).toBe('打印机缺纸');
    expect(r.effects.at(-1)).toEqual({ type: 'report-print', ticketId: 't2', printed: false, reason: '打印机缺纸' });
  });

  it('cannot be cancelled or timed out while printing', () => {
    const printing = run(
      online,
      { type: 'choose', choice: general },
      { type: 'confirm' },
      { type: 'issue-ok', requestId: 'req-1-abcdefgh', ticket: ticket('t3', 'A003') },
    ).state;
    expect(run(printing, { type: 'timeout' }).state.screen).toBe('printing');
    expect(run(printing, { type: 'cancel' }).state.screen).toBe('printing');
    expect(idleSeconds(printing, { idleSeconds: 60, ticketSeconds: 30 })).toBeNull();
  });
});

describe('visit flow: disconnection', () => {
  it('no number can be taken while offline', () => {
    const offline = initialVisit({ online: false });
    const r = run(offline, { type: 'choose', choice: general });
    expect(r.state.screen).toBe('home');
    expect(r.effects).toEqual([]);
  });

  it('a half-made choice ends when the link drops', () => {
    const r = run(
      online,
      { type: 'choose', choice: household },
      { type: 'confirm' },
      { type: 'connection', online: false },
    );
    expect(r.state.screen).toBe('home');
    expect(r.state.online).toBe(false);
  });

  it('an unanswered issue is re-sent with the SAME requestId after a lost ack and after a reconnect', () => {
    const issuing = run(online, { type: 'choose', choice: general }, { type: 'confirm' });
    const first = issuing.effects[0] as Extract<Effect, { type: 'issue' }>;
    const lost = run(issuing.state, { type: 'issue-lost', requestId: first.pending.requestId });
    expect(lost.effects).toEqual([first]);
    const down = run(issuing.state, { type: 'connection', online: false });
    expect(down.state.screen).toBe('issuing');
    expect(down.effects).toEqual([]);
    // A lost ack while offline is not retried until the link is back.
    expect(run(down.state, { type: 'issue-lost', requestId: first.pending.requestId }).effects).toEqual([]);
    const up = run(down.state, { type: 'connection', online: true });
    expect(up.effects).toEqual([first]);
    const done = run(up.state, { type: 'issue-ok', requestId: first.pending.requestId, ticket: ticket('t4', 'A004') });
    expect(done.state.screen).toBe('printing');
  });

  it('a visitor who gives up while offline leaves an abandon-issue effect (so the server voids any ticket)', () => {
    const issuing = run(online, { type: 'choose', choice: general }, { type: 'confirm' });
    const pending = issuing.state.pending!;
    const down = run(issuing.state, { type: 'connection', online: false }).state;
    expect(idleSeconds(down, { idleSeconds: 60, ticketSeconds: 30 })).toBe(60);
    const gone = run(down, { type: 'timeout' });
    expect(gone.state.screen).toBe('home');
    expect(gone.state.pending).toBeNull();
    expect(gone.effects).toEqual([{ type: 'abandon-issue', pending }]);
    // Online, the visitor keeps waiting for the answer (seconds away).
    expect(run(issuing.state, { type: 'cancel' }).state.screen).toBe('issuing');
  });

  it('a printed ticket stays on screen when the link drops', () => {
    const shown = run(
      online,
      { type: 'choose', choice: general },
      { type: 'confirm' },
      { type: 'issue-ok', requestId: 'req-1-abcdefgh', ticket: ticket('t5', 'A005') },
      { type: 'printed', ticketId: 't5', outcome: { printed: true } },
      { type: 'connection', online: false },
    );
    expect(shown.state.screen).toBe('ticket');
  });
});

describe('visit flow: timeouts, modes and languages', () => {
  const cfg = { idleSeconds: 60, ticketSeconds: 30 };

  it('the ticket screen goes home after ticketSeconds, other screens after idleSeconds, plain home never', () => {
    const shown = run(
      online,
      { type: 'choose', choice: general },
      { type: 'confirm' },
      { type: 'issue-ok', requestId: 'req-1-abcdefgh', ticket: ticket('t6', 'A006') },
      { type: 'printed', ticketId: 't6', outcome: { printed: true } },
    ).state;
    expect(idleSeconds(shown, cfg)).toBe(30);
    expect(idleSeconds(run(online, { type: 'choose', choice: general }).state, cfg)).toBe(60);
    expect(idleSeconds(online, cfg)).toBeNull();
    expect(run(shown, { type: 'timeout' }).state.screen).toBe('home');
  });

  it('a timeout resets elder mode and language for the next visitor; "done" keeps them', () => {
    const en = run(online, { type: 'set-lang', lang: 'en' }, { type: 'set-elder', elder: true }).state;
    expect(idleSeconds(en, cfg)).toBe(60);
    const reset = run(en, { type: 'timeout' }).state;
    expect(reset.lang).toBe('zh');
    expect(reset.elder).toBe(false);
    const picked = run(en, { type: 'choose', choice: general }).state; // elder: straight to issuing
    expect(picked.screen).toBe('issuing');
  });

  it('the appointment screen opens from home and times out home', () => {
    const r = run(online, { type: 'appointment' });
    expect(r.state.screen).toBe('appointment');
    expect(run(r.state, { type: 'timeout' }).state.screen).toBe('home');
  });
});

function checkInResult(outcome: CheckInResult['outcome'], tk: IssuedTicket): CheckInResult {
  return {
    outcome,
    appointment: {
      id: 'ap1',
      code: 'YY26112701',
      serviceId: 'real-estate',
      matter: '不动产转移登记',
      holderName: '陈*',
      holderId: '3301**********1232',
      slotStart: '2026-11-27T01:00:00.000Z',
      slotEnd: '2026-11-27T02:00:00.000Z',
      status: 'checked-in',
      ticketId: tk.ticket.id,
    },
    issued: tk,
    message: outcome === 'on-time' ? '签到成功，您将优先办理' : '您已超过预约时段 09:00–10:00，已为您取普通号',
    messageEn: outcome === 'on-time' ? 'checked in: you will be served with priority' : 'past your slot',
  };
}
const chen = { idNumber: '330102198503151232', name: '陈明', kind: 'resident' };
const tooEarly = {
  code: 'APPOINTMENT_TOO_EARLY' as const,
  message: '您预约的时段是 2026-11-27 13:00–14:00，请于 2026-11-27 12:30 之后签到；也可以现在直接取普通号',
  messageEn: 'check in after 12:30',
};

describe('visit flow: appointment check-in', () => {
  const atCheckIn = run(online, { type: 'appointment' }).state;

  it('by code: sends appointment:check-in with a requestId, prints the ticket, keeps the server message', () => {
    const tk = ticket('t9', 'B001');
    const r = run(
      atCheckIn,
      { type: 'check-in', code: ' yy2611 2701 ' },
      { type: 'check-in-ok', requestId: 'req-1-abcdefgh', result: checkInResult('on-time', tk) },
      { type: 'printed', ticketId: 't9', outcome: { printed: true } },
    );
    expect(r.effects).toEqual([
      {
        type: 'check-in',
        pending: { requestId: 'req-1-abcdefgh', payload: { requestId: 'req-1-abcdefgh', code: 'YY26112701' } },
      },
      { type: 'print', ticket: tk },
      { type: 'report-print', ticketId: 't9', printed: true },
    ]);
    expect(r.state.screen).toBe('ticket');
    expect(r.state.ticket).toBe(tk);
    expect(r.state.checkInOutcome).toEqual({
      outcome: 'on-time',
      message: '签到成功，您将优先办理',
      messageEn: 'checked in: you will be served with priority',
      matter: '不动产转移登记',
    });
    // Done: the next visitor starts clean.
    const next = run(r.state, { type: 'done' }).state;
    expect(next).toMatchObject({ screen: 'home', checkInOutcome: null, ticket: null, checkIn: null });
  });

  it('a code that cannot be valid is not sent', () => {
    for (const code of ['', 'AB12', 'ABCDEFGHIJKLM', 'AB-12*34']) {
      const r = run(atCheckIn, { type: 'check-in', code });
      expect(r.state.screen, code).toBe('appointment');
      expect(r.effects).toEqual([]);
    }
    expect(normalizeCode(' yy-26 1127 01')).toBe('YY26112701');
  });

  it('by ID card: a swipe on the check-in screen checks in with the card number', () => {
    const r = run(atCheckIn, { type: 'card', holder: chen });
    expect(r.state.screen).toBe('checking-in');
    expect(r.effects).toEqual([
      {
        type: 'check-in',
        pending: {
          requestId: 'req-1-abcdefgh',
          payload: { requestId: 'req-1-abcdefgh', idNumber: '330102198503151232' },
        },
      },
    ]);
    // A card on the home screen still only remembers the holder (no check-in).
    expect(run(online, { type: 'card', holder: chen }).effects).toEqual([]);
  });

  it('refused (too early): the server message is shown; 直接取号 goes to the services keeping the card', () => {
    const r = run(
      atCheckIn,
      { type: 'card', holder: chen },
      { type: 'check-in-refused', requestId: 'req-1-abcdefgh', error: tooEarly },
    );
    expect(r.state.screen).toBe('check-in-refused');
    expect(r.state.error).toEqual(tooEarly);
    expect(r.state.checkIn).toBeNull();
    const walkIn = run(r.state, { type: 'walk-in' }).state;
    expect(walkIn).toMatchObject({ screen: 'home', error: null, holder: chen });
    // 重新输入: back to the check-in screen; 返回首页 forgets the card.
    expect(run(r.state, { type: 'appointment' }).state).toMatchObject({ screen: 'appointment', error: null });
    expect(run(r.state, { type: 'done' }).state).toMatchObject({ screen: 'home', holder: null });
  });

  it('a lost ack is retried with the same requestId; a late answer for another request is ignored', () => {
    const sent = run(atCheckIn, { type: 'check-in', code: 'YY26112701' });
    const pending = sent.state.checkIn!;
    const lost = transition(sent.state, { type: 'check-in-lost', requestId: pending.requestId }, { newId: () => 'x' });
    expect(lost.effects).toEqual([{ type: 'check-in', pending }]);
    const stray = transition(
      sent.state,
      { type: 'check-in-ok', requestId: 'other-request', result: checkInResult('on-time', ticket('t1', 'B001')) },
      { newId: () => 'x' },
    );
    expect(stray.state).toBe(sent.state);
    expect(stray.effects).toEqual([]);
  });

  it('a disconnect keeps the visitor waiting; the reconnect re-sends the same check-in', () => {
    const sent = run(atCheckIn, { type: 'check-in', code: 'YY26112701' });
    const pending = sent.state.checkIn!;
    const off = run(sent.state, { type: 'connection', online: false });
    expect(off.state.screen).toBe('checking-in');
    expect(idleSeconds(off.state, { idleSeconds: 60, ticketSeconds: 30 })).toBe(60);
    expect(idleSeconds(sent.state, { idleSeconds: 60, ticketSeconds: 30 })).toBeNull();
    // Online, the visitor cannot cancel a check-in in flight (the answer is seconds away).
    expect(run(sent.state, { type: 'cancel' }).state.screen).toBe('checking-in');
    const back = run(off.state, { type: 'connection', online: true });
    expect(back.effects).toEqual([{ type: 'check-in', pending }]);
  });

  it('giving up while offline abandons the check-in (its ticket, if any, is voided once online)', () => {
    const sent = run(atCheckIn, { type: 'check-in', code: 'YY26112701' });
    const off = run(sent.state, { type: 'connection', online: false }).state;
    const gone = run(off, { type: 'timeout' });
    expect(gone.state).toMatchObject({ screen: 'home', checkIn: null, lang: 'zh', elder: false });
    expect(gone.effects).toEqual([{ type: 'abandon-check-in', pending: sent.state.checkIn }]);
  });

  it('a late walk-in is printed like any ticket; a print failure is reported and voids it', () => {
    const tk = ticket('t7', 'G001');
    const r = run(
      atCheckIn,
      { type: 'check-in', code: 'YY26112703' },
      { type: 'check-in-ok', requestId: 'req-1-abcdefgh', result: checkInResult('late-walk-in', tk) },
      { type: 'printed', ticketId: 't7', outcome: { printed: false, reason: '打印机缺纸' } },
    );
    expect(r.state.screen).toBe('print-failed');
    expect(r.state.checkInOutcome?.outcome).toBe('late-walk-in');
    expect(r.effects.at(-1)).toEqual({ type: 'report-print', ticketId: 't7', printed: false, reason: '打印机缺纸' });
  });

  it('check-in needs the link: nothing is sent offline, and a disconnect on the check-in screens goes home', () => {
    const offline = { ...atCheckIn, online: false };
    expect(run(offline, { type: 'check-in', code: 'YY26112701' }).effects).toEqual([]);
    expect(run(offline, { type: 'card', holder: chen }).effects).toEqual([]);
    expect(run(atCheckIn, { type: 'connection', online: false }).state.screen).toBe('home');
    const refused = run(
      atCheckIn,
      { type: 'check-in', code: 'YY26112702' },
      { type: 'check-in-refused', requestId: 'req-1-abcdefgh', error: tooEarly },
    ).state;
    expect(run(refused, { type: 'connection', online: false }).state.screen).toBe('home');
    expect(idleSeconds(refused, { idleSeconds: 60, ticketSeconds: 30 })).toBe(60);
  });
});

describe('visit flow: 绿色通道 through a staff card or code', () => {
  const staffCard = { idNumber: '330102198808087016', name: '林峰', kind: 'resident' };
  const unlock = { unlockId: 'unlock-0001-abcdef', staffName: '林峰', expiresAt: '2026-11-27T01:03:00.000Z' };
  const cfg = { idleSeconds: 60, ticketSeconds: 20 };

  it('a staff card on the staff screen asks the server; once unlocked the next number taken is green', () => {
    const r = run(
      online,
      { type: 'staff' },
      { type: 'card', holder: staffCard },
      { type: 'unlock-ok', requestId: 'req-1-abcdefgh', unlock },
      { type: 'choose', choice: general },
      { type: 'confirm' },
    );
    expect(r.effects).toEqual([
      {
        type: 'green-unlock',
        pending: {
          requestId: 'req-1-abcdefgh',
          payload: { requestId: 'req-1-abcdefgh', card: { idNumber: staffCard.idNumber, name: '林峰' } },
        },
      },
      {
        type: 'issue',
        pending: {
          requestId: 'req-2-abcdefgh',
          payload: {
            requestId: 'req-2-abcdefgh',
            serviceId: 'general',
            priority: 'green',
            greenUnlock: 'unlock-0001-abcdef',
          },
        },
      },
    ]);
    // The staff card is not the visitor's: it is not kept as the holder of a real-name ticket.
    expect(r.state).toMatchObject({ screen: 'issuing', holder: null, green: unlock });
  });

  it('a staff code unlocks the same way and is not kept once answered', () => {
    const r = run(online, { type: 'staff' }, { type: 'staff-code', username: ' clerk19 ', password: 'demo1234' });
    expect(r.effects).toEqual([
      {
        type: 'green-unlock',
        pending: {
          requestId: 'req-1-abcdefgh',
          payload: { requestId: 'req-1-abcdefgh', code: { username: 'clerk19', password: 'demo1234' } },
        },
      },
    ]);
    expect(r.state.screen).toBe('staff-checking');
    const ok = run(r.state, { type: 'unlock-ok', requestId: 'req-1-abcdefgh', unlock });
    expect(ok.state).toMatchObject({ screen: 'home', green: unlock, unlock: null });
    expect(JSON.stringify(ok.state)).not.toContain('demo1234');
    // An empty code sends nothing.
    expect(run(online, { type: 'staff' }, { type: 'staff-code', username: 'clerk19', password: '' }).effects).toEqual(
      [],
    );
  });

  it("a visitor's card is refused by the server: the staff screen says why, and a normal number stays normal", () => {
    const error = {
      code: 'FORBIDDEN' as const,
      message: '此卡不是本大厅登记的工作人员卡',
      messageEn: 'not a staff card',
    };
    const r = run(
      online,
      { type: 'staff' },
      { type: 'card', holder: zhang },
      { type: 'unlock-refused', requestId: 'req-1-abcdefgh', error },
    );
    expect(r.state).toMatchObject({ screen: 'staff', error, green: null, unlock: null });
    const normal = run(r.state, { type: 'cancel' }, { type: 'choose', choice: general }, { type: 'confirm' });
    expect(normal.effects.at(-1)).toMatchObject({ type: 'issue', pending: { payload: { priority: 'normal' } } });
    expect(normal.effects.at(-1)).not.toHaveProperty('pending.payload.greenUnlock');
    // A lost answer asks the staff member to try again; an answer to another request is ignored.
    const lost = run(online, { type: 'staff' }, { type: 'card', holder: staffCard });
    expect(run(lost.state, { type: 'unlock-ok', requestId: 'other', unlock }).state.screen).toBe('staff-checking');
    expect(run(lost.state, { type: 'unlock-lost', requestId: 'req-1-abcdefgh' }).state).toMatchObject({
      screen: 'staff',
      error: { code: 'UNAVAILABLE' },
    });
  });

  it('the unlock serves one visitor: it ends with the ticket, a timeout or the link going down', () => {
    const unlocked = run(
      online,
      { type: 'staff' },
      { type: 'card', holder: staffCard },
      { type: 'unlock-ok', requestId: 'req-1-abcdefgh', unlock },
    ).state;
    expect(idleSeconds(unlocked, cfg)).toBe(60);
    expect(run(unlocked, { type: 'timeout' }).state.green).toBeNull();
    expect(run(unlocked, { type: 'connection', online: false }).state.green).toBeNull();
    const tk = ticket('g1', 'A010');
    const done = run(
      unlocked,
      { type: 'choose', choice: general },
      { type: 'confirm' },
      { type: 'issue-ok', requestId: 'req-1-abcdefgh', ticket: tk },
      { type: 'printed', ticketId: 'g1', outcome: { printed: true } },
      { type: 'done' },
    );
    expect(done.state).toMatchObject({ screen: 'home', green: null });
    // The staff screen opens only from home while online, and waits for the server's answer while online.
    expect(run(initialVisit(), { type: 'staff' }).state.screen).toBe('home');
    const checking = run(online, { type: 'staff' }, { type: 'card', holder: staffCard }).state;
    expect(run(checking, { type: 'cancel' }).state.screen).toBe('staff-checking');
    expect(idleSeconds(checking, cfg)).toBeNull();
  });
});
