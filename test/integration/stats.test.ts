import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import type { Ack, IssuedTicket, StatsReport } from '@onedoor/protocol';
import { restData, takeInConcludedAndRefused } from '../helpers/demo-cases.js';
import { command, startTestHall, type TestHall } from '../helpers/test-hall.js';

describe('statistics over a real hall', () => {
  let hall: TestHall;
  beforeEach(async () => {
    hall = await startTestHall();
  });
  afterEach(async () => {
    await hall.close();
  });

  const get = (path: string, token: string) =>
    fetch(`${hall.baseUrl}${path}`, { headers: { authorization: `Bearer ${token}` } });

  it('reports what happened, exports it as xlsx and CSV, and refuses a 10-year range', async () => {
    const kiosk = await hall.connect('/kiosk', { deviceToken: await hall.deviceToken('kiosk') });
    const clerk = await hall.connect('/window', { sessionToken: await hall.login('clerk01') });
    const day = kiosk.firstSnapshot.businessDay;
    await command(clerk, 'window:sign-in', { windowId: 'w01' });
    for (let i = 0; i < 3; i++) await command<IssuedTicket>(kiosk, 'ticket:issue', { serviceId: 'general' });
    // Two served, one no-show.
    for (let i = 0; i < 2; i++) {
      await command(clerk, 'ticket:call-next', { windowId: 'w01' });
      await command(clerk, 'ticket:start', { windowId: 'w01' });
      await command(clerk, 'ticket:finish', { windowId: 'w01' });
    }
    await command(clerk, 'ticket:call-next', { windowId: 'w01' });
    await command(clerk, 'ticket:no-show', { windowId: 'w01' });

    const manager = await hall.login('manager01');
    const res = await get(`/api/stats/report?from=${day}&to=${day}`, manager);
    const body = (await res.json()) as Ack<StatsReport>;
    if (!body.ok) throw new Error(body.error.messageEn);
    expect(body.data.queue).toMatchObject({ issued: 3, served: 2, noShows: 1, abandoned: 0 });
    expect(body.data.queue.wait.count).toBe(3);
    expect(body.data.kpis.oneWindowRate.formula).toBeTruthy();

    // A clerk may not read the statistics.
    expect((await get(`/api/stats/report?from=${day}&to=${day}`, await hall.login('clerk01'))).status).toBe(403);

    const xlsx = await get(`/api/stats/export?from=${day}&to=${day}&format=xlsx`, manager);
    expect(xlsx.headers.get('content-type')).toMatch(/spreadsheetml/);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(await xlsx.arrayBuffer()) as unknown as ArrayBuffer);
    const sheet = book.getWorksheet('统计')!;
    const rows: unknown[][] = [];
    sheet.eachRow((row) => rows.push(Array.isArray(row.values) ? row.values.slice(1) : []));
    expect(rows.find((r) => String(r[0]).startsWith('取号数'))?.[1]).toBe(3);
    expect(rows.find((r) => String(r[0]).startsWith('办结数'))?.[1]).toBe(2);

    const csv = Buffer.from(
      await (await get(`/api/stats/export?from=${day}&to=${day}&format=csv`, manager)).arrayBuffer(),
    );
    expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = csv.subarray(3).toString('utf8').split('\r\n');
    expect(lines).toContain('取号数 Tickets issued,3,');
    expect(lines).toContain('过号数 No-shows,1,');

    const tooLong = await get('/api/stats/report?from=2016-01-01&to=2026-01-01', manager);
    expect(tooLong.status).toBe(400);
    const refused = (await tooLong.json()) as Ack<StatsReport>;
    expect(refused.ok).toBe(false);
    if (!refused.ok) {
      expect(refused.error.message).toContain('366 天');
      expect(refused.error.messageEn).toContain('366 days');
    }
    const backwards = (await (
      await get(`/api/stats/report?from=2026-02-01&to=2026-01-01`, manager)
    ).json()) as Ack<StatsReport>;
    expect(backwards.ok).toBe(false);
  });

  it('counts the cases taken in and the ratings given in the period, and their KPIs', async () => {
    const kiosk = await hall.connect('/kiosk', { deviceToken: await hall.deviceToken('kiosk') });
    const clerkToken = await hall.login('clerk01');
    const clerk = await hall.connect('/window', { sessionToken: clerkToken });
    const day = kiosk.firstSnapshot.businessDay;
    const send = <T>(token: string, method: string, path: string, body?: unknown) =>
      restData<T>(hall.baseUrl, token, method, path, body);

    // A 即办件 accepted and concluded at the window, and a case refused (不予受理) at intake.
    const { refused } = await takeInConcludedAndRefused(hall.baseUrl, clerkToken);
    expect(refused.stage).toBe('not_accepted');

    // Two services, rated 非常满意 and 非常不满意 on the window's evaluator.
    await command(clerk, 'window:sign-in', { windowId: 'w01' });
    for (const level of [5, 1]) {
      await command<IssuedTicket>(kiosk, 'ticket:issue', { serviceId: 'general' });
      await command(clerk, 'ticket:call-next', { windowId: 'w01' });
      await command(clerk, 'ticket:start', { windowId: 'w01' });
      await command(clerk, 'ticket:finish', { windowId: 'w01' });
      await send(clerkToken, 'POST', '/api/windows/w01/evaluations', { level });
    }

    const report = await send<StatsReport>(
      await hall.login('manager01'),
      'GET',
      `/api/stats/report?from=${day}&to=${day}`,
    );
    expect(report.cases).toEqual({ received: 2, accepted: 1, refused: 1, concluded: 1, overdue: 0 });
    const k = report.kpis;
    expect([k.oneWindowRate.numerator, k.oneWindowRate.denominator]).toEqual([2, 2]);
    expect([k.atMostOneVisitRate.numerator, k.atMostOneVisitRate.denominator]).toEqual([1, 1]);
    expect([k.onTimeRate.value, k.overdueRate.value]).toEqual([1, 0]);
    expect([k.goodRate.value, k.badRate.value, k.participationRate.value]).toEqual([0.5, 0.5, 1]);

    // The day before has none of it.
    const before = new Date(Date.parse(`${day}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
    const yesterday = await send<StatsReport>(
      await hall.login('manager01'),
      'GET',
      `/api/stats/report?from=${before}&to=${before}`,
    );
    expect(yesterday.cases.received).toBe(0);
    expect(yesterday.kpis.goodRate.value).toBeNull();
  });
});
