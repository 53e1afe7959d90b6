import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseDetail, CaseSummary, EvaluationView, IssuedTicket, TicketView } from '@onedoor/protocol';
import { command, startTestHall, type TestHall } from '../helpers/test-hall.js';

/**
 * The end of a service at the window, through the real gateway and the RS-485 bus simulator: the pad's 评价 key
 * finishes and starts the evaluator, 好差评 on five levels tied to ticket, cases, window and clerk once per service,
 * a 差评's reason, the pad's key map for pause and transfer, and a 15-character foreigner card number taken in.
 */
describe('好差评 and the call pad at the window', () => {
  let hall: TestHall;
  let token: string;
  beforeAll(async () => {
    hall = await startTestHall({ config: { demo: { virtualDevices: true } } });
    token = await hall.login('clerk01');
  });
  afterAll(async () => {
    await hall.close();
  });

  const rest = async <T>(method: string, path: string, body?: unknown) => {
    const res = await fetch(`${hall.baseUrl}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return (await res.json()) as
      { ok: true; data: T } | { ok: false; error: { code: string; message: string; messageEn: string } };
  };
  const data = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const r = await rest<T>(method, path, body);
    if (!r.ok) throw new Error(`${method} ${path}: ${r.error.code} ${r.error.message}`);
    return r.data;
  };
  const evaluator = async (id: string) =>
    (await data<{ deviceId: string; evaluating: boolean }[]>('GET', '/api/demo/devices')).find(
      (d) => d.deviceId === id,
    );

  it('takes a case in for a holder of the 15-character foreigner permanent residence card', async () => {
    const c = await data<CaseDetail>('POST', '/api/cases', {
      matterId: 'sbk-bh',
      applicant: { kind: 'person', name: 'JOHN SMITH', idNumber: 'usa310085020018' },
      materials: [
        { materialId: 'm-sfz', status: 'received' },
        { materialId: 'm-sbk-sqb', status: 'received' },
        { materialId: 'm-zp', status: 'received' },
      ],
      takeWay: 'window',
      accept: true,
    });
    expect(c.applicantIdMasked).toBe('USA3*******0018');
    const bad = await rest('POST', '/api/cases', {
      matterId: 'sbk-bh',
      applicant: { kind: 'person', name: 'JOHN SMITH', idNumber: 'US1310085020018' },
      materials: [{ materialId: 'm-sfz', status: 'received' }],
    });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error.message).toContain('3个字母加12位数字');
  });

  it('评价 on the pad finishes the service and starts the evaluator; a 非常不满意 is tied to ticket, cases, window and clerk', async () => {
    await expect.poll(() => hall.running.authRepo.findDevice('pad-w01')?.online, { timeout: 5000 }).toBe(true);
    const clerk = await hall.connect('/window', { sessionToken: token });
    await command(clerk, 'window:sign-in', { windowId: 'w01' });
    const kiosk = await hall.connect('/kiosk', { deviceToken: await hall.deviceToken('kiosk') });
    const issued = await command<IssuedTicket>(kiosk, 'ticket:issue', { serviceId: 'general' });
    await command(clerk, 'ticket:call-next', { windowId: 'w01' });
    const taken = await data<CaseDetail>('POST', '/api/cases', {
      matterId: 'sbk-bh',
      applicant: { kind: 'person', name: '赵六', idNumber: '11010519491231002X' },
      materials: [
        { materialId: 'm-sfz', status: 'cert-lookup' },
        { materialId: 'm-sbk-sqb', status: 'received' },
        { materialId: 'm-zp', status: 'received' },
      ],
      takeWay: 'window',
      ticketId: issued.ticket.id,
      accept: true,
    });
    expect((await data<CaseSummary[]>('GET', `/api/tickets/${issued.ticket.id}/cases`)).map((c) => c.id)).toEqual([
      taken.id,
    ]);
    expect((await evaluator('eval-w01'))?.evaluating).toBe(false);

    await data('POST', '/api/demo/pads/pad-w01/keys', { key: 'start-evaluation' });
    await expect.poll(() => hall.running.hall.windowView('w01')?.currentTicketId, { timeout: 5000 }).toBeNull();
    await expect.poll(async () => (await evaluator('eval-w01'))?.evaluating, { timeout: 5000 }).toBe(true);

    // Level 1 (非常不满意) on the evaluator's fifth key: kept, and its reason asked for.
    await data('POST', '/api/demo/evaluators/eval-w01/ratings', { level: 1 });
    let rated: EvaluationView | undefined;
    await expect
      .poll(
        async () => (rated = (await data<EvaluationView[]>('GET', `/api/evaluations?ticketId=${issued.ticket.id}`))[0]),
        {
          timeout: 5000,
        },
      )
      .toBeDefined();
    expect(rated).toMatchObject({
      ticketId: issued.ticket.id,
      windowId: 'w01',
      clerkId: 'clerk01',
      caseIds: [taken.id],
      level: 1,
      levelText: '非常不满意',
      reason: null,
      channel: 'evaluator',
    });

    const short = await rest('POST', `/api/evaluations/${issued.ticket.id}/reason`, { reason: '慢' });
    expect(short.ok).toBe(false);
    if (!short.ok) expect(short.error.message).toContain('至少2个字');
    const withReason = await data<EvaluationView>('POST', `/api/evaluations/${issued.ticket.id}/reason`, {
      reason: '等候时间长',
    });
    expect(withReason.reason).toBe('等候时间长');
    const again = await rest('POST', `/api/evaluations/${issued.ticket.id}/reason`, { reason: '服务态度差' });
    expect(again.ok).toBe(false);
    if (!again.ok) expect(again.error.code).toBe('CONFLICT');

    // Once per service: the screen cannot rate the same visitor again.
    const twice = await rest('POST', '/api/windows/w01/evaluations', { level: 5 });
    expect(twice.ok).toBe(false);
    if (!twice.ok) expect(twice.error.message).toContain('已评价过');
    expect(await data<EvaluationView[]>('GET', `/api/evaluations?ticketId=${issued.ticket.id}`)).toHaveLength(1);
  });

  it("rates on the window's screen; a good level takes no reason", async () => {
    const clerk = await hall.connect('/window', { sessionToken: token });
    await command(clerk, 'window:sign-in', { windowId: 'w01' });
    const kiosk = await hall.connect('/kiosk', { deviceToken: await hall.deviceToken('kiosk') });
    const issued = await command<IssuedTicket>(kiosk, 'ticket:issue', { serviceId: 'general' });
    await command(clerk, 'ticket:call-next', { windowId: 'w01' });
    await command(clerk, 'ticket:finish', { windowId: 'w01' });
    const r = await data<{ needsReason: boolean; level: number }>('POST', '/api/windows/w01/evaluations', { level: 2 });
    expect(r).toMatchObject({ level: 2, needsReason: true });
    const good = await rest('POST', `/api/evaluations/${issued.ticket.id}/reason`, { reason: '等候时间长' });
    expect(good.ok).toBe(true);
    const bad = await rest('POST', '/api/windows/w01/evaluations', { level: 6 });
    expect(bad.ok).toBe(false);
  });

  it("pause and transfer follow the pad's key map", async () => {
    const pad = hall.running.authRepo.findDevice('pad-w01')!;
    hall.running.auth.saveDevice({
      id: pad.id,
      kind: pad.kind,
      name: pad.name,
      windowId: pad.windowId,
      settings: { ...pad.settings, pauseReason: '外出取件', transferToServiceId: 'pickup' },
    });
    const clerk = await hall.connect('/window', { sessionToken: token });
    await command(clerk, 'window:sign-in', { windowId: 'w01' });
    const kiosk = await hall.connect('/kiosk', { deviceToken: await hall.deviceToken('kiosk') });
    const issued = await command<IssuedTicket>(kiosk, 'ticket:issue', { serviceId: 'general' });
    const called = await command<TicketView>(clerk, 'ticket:call-next', { windowId: 'w01' });
    expect(called.id).toBe(issued.ticket.id);
    await data('POST', '/api/demo/pads/pad-w01/keys', { key: 'transfer' });
    await expect
      .poll(() => hall.running.hall.snapshot().tickets.find((t) => t.id === issued.ticket.id)?.serviceId, {
        timeout: 5000,
      })
      .toBe('pickup');
    await data('POST', '/api/demo/pads/pad-w01/keys', { key: 'pause' });
    await expect.poll(() => hall.running.hall.windowView('w01')?.state, { timeout: 5000 }).toBe('paused');
    expect(hall.running.hall.windowView('w01')?.pauseReason).toBe('外出取件');
  });
});
