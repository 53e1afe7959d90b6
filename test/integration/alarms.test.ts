/**
 * Alarms over a real hall (issue 10): a window paused longer than the threshold raises an alarm on the managers' list;
 * resuming clears it but it stays listed until acknowledged (who, when, note); a 差评 raises one at once; thresholds
 * are changed over REST and a bad value changes nothing; clerks may not read the list.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ack, AlarmList, AlarmView, IssuedTicket } from '@onedoor/protocol';
import { command, startTestHall, type ClientSocket, type TestHall } from '../helpers/test-hall.js';
import { waitForValue } from '../helpers/wait.js';

describe('alarms (real hall)', () => {
  let hall: TestHall;
  let offset = 0;
  let manager = '';
  let clerkToken = '';
  let clerk: ClientSocket;

  const rest = async <T>(token: string, method: string, path: string, body?: unknown) => {
    const res = await fetch(`${hall.baseUrl}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: res.status, body: (await res.json()) as Ack<T> };
  };
  const alarms = async () => {
    const r = await rest<AlarmList>(manager, 'GET', '/api/alarms');
    if (!r.body.ok) throw new Error(r.body.error.messageEn);
    return r.body.data;
  };

  beforeAll(async () => {
    hall = await startTestHall({ clock: { now: () => Date.now() + offset }, config: { alarms: { scanSeconds: 0.2 } } });
    manager = await hall.login('manager01');
    clerkToken = await hall.login('clerk01');
    clerk = await hall.connect('/window', { sessionToken: clerkToken });
    await command(clerk, 'window:sign-in', { windowId: 'w01' });
  });
  afterAll(async () => {
    await hall.close();
  });

  it('a window paused too long raises an alarm that stays until a manager acknowledges it', async () => {
    await command(clerk, 'window:pause', { windowId: 'w01', reason: '午休' });
    // 15 minutes is the default limit; the alarm is for more than that.
    offset += 16 * 60_000;
    const raised = await waitForValue(
      'the pause alarm',
      async () => (await alarms()).open.find((a) => a.key === 'window-paused:w01'),
      (a) => a !== undefined,
    );
    expect(raised).toMatchObject({ kind: 'window-paused', severity: 'warning', clearedAt: null, acknowledgedAt: null });
    expect(raised!.message).toMatch(/^1号窗口 已暂停 1[6-7] 分钟（超过 15 分钟）$/);

    await command(clerk, 'window:open', { windowId: 'w01' });
    const cleared = await waitForValue(
      'the pause alarm cleared',
      async () => (await alarms()).open.find((a) => a.id === raised!.id),
      (a) => a?.clearedAt !== null,
    );
    expect(cleared!.acknowledgedAt).toBeNull();

    const ack = await rest<AlarmView>(manager, 'POST', `/api/alarms/${raised!.id}/acknowledge`, { note: '已联系窗口' });
    expect(ack.body).toMatchObject({ ok: true, data: { acknowledgedBy: '王主任', note: '已联系窗口' } });
    const after = await alarms();
    expect(after.open.some((a) => a.id === raised!.id)).toBe(false);
    expect(after.recent[0]).toMatchObject({ id: raised!.id, note: '已联系窗口' });
    const twice = await rest<AlarmView>(manager, 'POST', `/api/alarms/${raised!.id}/acknowledge`, {});
    expect(twice.status).toBe(409);
  });

  it('a pause whose reason changed is one pause, timed from when it began', async () => {
    await command(clerk, 'window:pause', { windowId: 'w01', reason: '午休' });
    offset += 10 * 60_000;
    await command(clerk, 'window:pause', { windowId: 'w01', reason: '系统故障' });
    offset += 6 * 60_000;
    const raised = await waitForValue(
      'the pause alarm',
      async () => (await alarms()).open.find((a) => a.key === 'window-paused:w01' && a.clearedAt === null),
      (a) => a !== undefined,
    );
    expect(raised!.message).toMatch(/^1号窗口 已暂停 1[6-7] 分钟（超过 15 分钟）$/);
    await command(clerk, 'window:open', { windowId: 'w01' });
    await waitForValue(
      'the pause alarm cleared',
      async () => (await alarms()).open.find((a) => a.id === raised!.id),
      (a) => a?.clearedAt !== null,
    );
    await rest(manager, 'POST', `/api/alarms/${raised!.id}/acknowledge`, { note: '已恢复' });
  });

  it('a 差评 at the evaluator raises an alarm at once', async () => {
    const kiosk = await hall.connect('/kiosk', { deviceToken: await hall.deviceToken('kiosk') });
    await command<IssuedTicket>(kiosk, 'ticket:issue', { serviceId: 'general' });
    await command(clerk, 'ticket:call-next', { windowId: 'w01' });
    await command(clerk, 'ticket:finish', { windowId: 'w01' });
    const rated = await rest(clerkToken, 'POST', '/api/windows/w01/evaluations', { level: 1 });
    expect(rated.body.ok).toBe(true);
    const bad = await waitForValue(
      'the bad-review alarm',
      async () => (await alarms()).open.find((a) => a.kind === 'bad-review'),
      (a) => a !== undefined,
    );
    expect(bad!.message).toBe('收到差评（1 级）：1号窗口');
  });

  it('thresholds change over REST; a bad one changes nothing; clerks may not read alarms', async () => {
    const bad = await rest(manager, 'PUT', '/api/alarms/thresholds', { pausedMinutes: -5 });
    expect(bad.status).toBe(400);
    expect(!bad.body.ok && bad.body.error.message).toContain('窗口暂停超时（分钟）须为 1 到 1440 之间的整数');
    expect((await rest(manager, 'GET', '/api/alarms/thresholds')).body).toMatchObject({ data: { pausedMinutes: 15 } });
    const ok = await rest(manager, 'PUT', '/api/alarms/thresholds', { pausedMinutes: 5 });
    expect(ok.body).toMatchObject({ ok: true, data: { pausedMinutes: 5, waitMinutes: 30 } });
    expect((await rest(clerkToken, 'GET', '/api/alarms')).status).toBe(403);
  });

  it('a service with more visitors waiting than the limit raises an alarm that counts them', async () => {
    expect((await rest(manager, 'PUT', '/api/alarms/thresholds', { queueLength: 2 })).body.ok).toBe(true);
    const kiosk = await hall.connect('/kiosk', { deviceToken: await hall.deviceToken('kiosk') });
    for (let i = 0; i < 3; i++) await command<IssuedTicket>(kiosk, 'ticket:issue', { serviceId: 'real-estate' });
    const raised = await waitForValue(
      'the queue alarm',
      async () => (await alarms()).open.find((a) => a.key === 'queue-too-long:real-estate'),
      (a) => a !== undefined,
    );
    expect(raised!.message).toMatch(/ 排队 3 人（超过 2 人）$/);
  });
});
