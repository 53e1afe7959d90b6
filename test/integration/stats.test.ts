import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import type { Ack, IssuedTicket, StatsBreakdown, StatsReport } from '@onedoor/protocol';
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
  it('cuts the period by window, by service × day and by hour; exports the table; refuses a cut it cannot make', async () => {
    const kiosk = await hall.connect('/kiosk', { deviceToken: await hall.deviceToken('kiosk') });
    const day = kiosk.firstSnapshot.businessDay;
    const li = await hall.connect('/window', { sessionToken: await hall.login('clerk01') });
    const zhang = await hall.connect('/window', { sessionToken: await hall.login('clerk02') });
    await command(li, 'window:sign-in', { windowId: 'w01' });
    await command(zhang, 'window:sign-in', { windowId: 'w02' });
    // 综合受理 ×2 and 企业开办 ×1; 李娜 at 1号窗口 serves two, 张伟 at 2号窗口 marks one no-show.
    await command<IssuedTicket>(kiosk, 'ticket:issue', { serviceId: 'general' });
    await command<IssuedTicket>(kiosk, 'ticket:issue', { serviceId: 'general' });
    await command<IssuedTicket>(kiosk, 'ticket:issue', { serviceId: 'business' });
    for (let i = 0; i < 2; i++) {
      await command(li, 'ticket:call-next', { windowId: 'w01' });
      await command(li, 'ticket:start', { windowId: 'w01' });
      await command(li, 'ticket:finish', { windowId: 'w01' });
    }
    await command(zhang, 'ticket:call-next', { windowId: 'w02' });
    await command(zhang, 'ticket:no-show', { windowId: 'w02' });

    const manager = await hall.login('manager01');
    const cut = async (q: string) => {
      const body = (await (
        await get(`/api/stats/breakdown?from=${day}&to=${day}&${q}`, manager)
      ).json()) as Ack<StatsBreakdown>;
      if (!body.ok) throw new Error(body.error.messageEn);
      return body.data;
    };
    const byWindow = await cut('by=window');
    expect(byWindow.rows.map((r) => [r.key, r.label, r.queue.issued, r.queue.served, r.queue.noShows])).toEqual([
      ['w01', '1号窗口', 2, 2, 0],
      ['w02', '2号窗口', 1, 0, 1],
    ]);
    const byClerk = await cut('by=clerk');
    expect(byClerk.rows.map((r) => [r.label, r.queue.served])).toEqual([
      ['李娜', 2],
      ['张伟', 0],
    ]);
    const byServiceDay = await cut('bucket=day&by=service');
    expect(byServiceDay.rows.map((r) => [r.bucket, r.key, r.queue.issued])).toEqual([
      [day, 'business', 1],
      [day, 'general', 2],
    ]);
    const hourly = await cut('bucket=hour');
    expect(hourly.rows.reduce((n, r) => n + r.queue.issued, 0)).toBe(3);
    expect(hourly.rows.every((r) => r.bucket!.startsWith(day) && r.key === null)).toBe(true);

    const csv = Buffer.from(
      await (await get(`/api/stats/export?from=${day}&to=${day}&by=window&format=csv`, manager)).arrayBuffer(),
    );
    const lines = csv.subarray(3).toString('utf8').split('\r\n');
    expect(lines[0]).toMatch(/^时段 Period,分组 Group,取号数 Issued,办结数 Served,过号数 No-shows/);
    expect(lines[1]).toMatch(new RegExp(`^${day} ~ ${day},1号窗口,2,2,0,`));
    expect(lines[2]).toMatch(new RegExp(`^${day} ~ ${day},2号窗口,1,0,1,`));
    const xlsx = await get(`/api/stats/export?from=${day}&to=${day}&bucket=day&by=service&format=xlsx`, manager);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(await xlsx.arrayBuffer()) as unknown as ArrayBuffer);
    const sheet = book.getWorksheet('统计')!;
    expect(sheet.getRow(2).values).toEqual(expect.arrayContaining([day, '企业开办', 1]));

    const refusal = async (q: string) => {
      const res = await get(`/api/stats/breakdown?${q}`, manager);
      expect(res.status).toBe(400);
      const body = (await res.json()) as Ack<StatsBreakdown>;
      return body.ok ? null : body.error;
    };
    expect((await refusal(`from=${day}&to=${day}`))?.message).toContain('请选择按时段');
    const hours = await refusal('from=2026-01-01&to=2026-03-01&bucket=hour');
    expect(hours?.message).toContain('按小时统计最长 31 天');
    expect(hours?.messageEn).toContain('at most 31 days');
    const unknown = await refusal(`from=${day}&to=${day}&by=weather`);
    expect(unknown?.message).not.toMatch(/invalid_enum|Invalid option/i);
    expect(unknown?.message).toMatch(/by/);
  });
});
