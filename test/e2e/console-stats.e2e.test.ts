/**
 * 统计报表 (/console/stats.html) in Chromium against a real hall server whose clock started a day early: yesterday the
 * hall issued, served and missed tickets, took in a 即办件 and a case it refused, and two visitors rated the service;
 * then the day turned. The manager signs in and is shown yesterday at once, switches to today, picks a range, is
 * refused a backwards one in plain words, exports the workbook (parsed back) and prints the A4 daily report (a PDF).
 * Screenshots: docs/screenshots/console-stats-1920.png, console-stats-1366.png, console-stats-a4.png.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { IssuedTicket } from '@onedoor/protocol';
import { restData, takeInConcludedAndRefused } from '../helpers/demo-cases';
import { command, startTestHall, type ClientSocket, type TestHall } from '../helpers/test-hall';
import { findChromium, launchChromium, type LaunchedContext } from './helpers/chromium';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const SHOTS = join(ROOT, 'docs/screenshots');
const browserInfo = findChromium();
const DAY_MS = 86_400_000;

describe.skipIf(!browserInfo.path)('statistics page (Chromium, real hall server, a day of history)', () => {
  let hall: TestHall;
  let browser: LaunchedContext;
  let page: Page;
  let offset = -DAY_MS;
  let yesterday = '';
  let today = '';

  const send = <T>(token: string, method: string, path: string, body?: unknown) =>
    restData<T>(hall.baseUrl, token, method, path, body);
  const serve = async (clerk: ClientSocket) => {
    await command(clerk, 'ticket:call-next', { windowId: 'w01' });
    await command(clerk, 'ticket:start', { windowId: 'w01' });
    await command(clerk, 'ticket:finish', { windowId: 'w01' });
  };

  beforeAll(async () => {
    if (!existsSync(join(ROOT, 'dist/web/console/stats.html')) && process.env.ONEDOOR_E2E_SKIP_BUILD !== '1')
      execFileSync(process.execPath, [join(ROOT, 'node_modules/tsx/dist/cli.mjs'), 'web.vite.config.ts', 'console'], {
        cwd: ROOT,
        stdio: 'pipe',
      });
    hall = await startTestHall({ clock: { now: () => Date.now() + offset } });
    const kiosk = await hall.connect('/kiosk', { deviceToken: await hall.deviceToken('kiosk') });
    yesterday = kiosk.firstSnapshot.businessDay;
    const clerkToken = await hall.login('clerk01');
    const clerk = await hall.connect('/window', { sessionToken: clerkToken });
    await command(clerk, 'window:sign-in', { windowId: 'w01' });

    // Yesterday: three tickets — two served and rated (非常满意, 不满意), one no-show.
    for (let i = 0; i < 3; i++) await command<IssuedTicket>(kiosk, 'ticket:issue', { serviceId: 'general' });
    for (const level of [5, 2]) {
      await serve(clerk);
      await send(clerkToken, 'POST', '/api/windows/w01/evaluations', { level });
    }
    await command(clerk, 'ticket:call-next', { windowId: 'w01' });
    await command(clerk, 'ticket:no-show', { windowId: 'w01' });
    await takeInConcludedAndRefused(hall.baseUrl, clerkToken);

    // The day turns; today one visitor has taken a number so far.
    offset = 0;
    expect(await hall.running.hall.rolloverIfDue()).toBe(true);
    await command<IssuedTicket>(kiosk, 'ticket:issue', { serviceId: 'general' });
    today = hall.running.hall.queueState.businessDay;
    expect(today).not.toBe(yesterday);

    browser = await launchChromium(browserInfo.path!, { viewport: { width: 1920, height: 1080 } });
    page = await browser.context.newPage();
    mkdirSync(SHOTS, { recursive: true });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await hall?.close();
  });

  const figure = (key: string) => page.getByTestId(`figure-${key}`).locator('.st-figure-value').innerText();
  const waitForPeriod = (text: string) =>
    page.waitForFunction(
      (t) => document.querySelector('[data-testid="stats-period"]')?.textContent?.includes(t) ?? false,
      text,
    );

  it('opens on yesterday: its queue, its cases and the KPIs with their formulas', async () => {
    await page.goto(`${hall.baseUrl}/console/stats.html`);
    await page.getByTestId('login-username').fill('manager01');
    await page.getByTestId('login-password').fill('demo1234');
    await page.getByTestId('login-submit').click();
    await waitForPeriod(yesterday);
    expect(await figure('issued')).toBe('3');
    expect(await figure('served')).toBe('2');
    expect(await figure('noShows')).toBe('1');
    expect(await page.getByTestId('stats-cases').innerText()).toMatch(/收件\s*2[\s\S]*不予受理\s*1[\s\S]*办结\s*1/);
    expect(await page.getByTestId('kpi-oneWindowRate').innerText()).toBe('100.0%');
    expect(await page.getByTestId('kpi-goodRate').innerText()).toBe('50.0%');
    expect(await page.getByTestId('kpi-badRate').innerText()).toBe('50.0%');
    expect(await page.getByTestId('kpi-participationRate').innerText()).toBe('100.0%');
    expect(await page.getByTestId('stats-kpis').innerText()).toContain('一窗受理率 = 综合窗口收件数 ÷ 大厅收件总数');
    await page.evaluate(() => document.fonts.ready);
    await page.screenshot({ path: join(SHOTS, 'console-stats-1920.png') });
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.screenshot({ path: join(SHOTS, 'console-stats-1366.png') });
    await page.setViewportSize({ width: 1920, height: 1080 });
  });

  it('switches to today and to a chosen range; a backwards range is refused in plain words', async () => {
    await page.getByTestId('stats-presets').getByText('今天').click();
    await waitForPeriod(today);
    expect(await figure('issued')).toBe('1');

    await page.getByTestId('stats-from').fill(yesterday);
    await page.getByTestId('stats-to').fill(today);
    await page.getByTestId('stats-query').click();
    await waitForPeriod(`${yesterday} 至 ${today}`);
    expect(await figure('issued')).toBe('4');

    await page.getByTestId('stats-from').fill(today);
    await page.getByTestId('stats-to').fill(yesterday);
    await page.getByTestId('stats-query').click();
    await page.getByTestId('stats-error').waitFor();
    expect(await page.getByTestId('stats-error').innerText()).toContain('开始日期晚于结束日期');
  });

  it('exports the period as an Excel workbook with the same figures, and prints the daily report on A4', async () => {
    await page.getByTestId('stats-presets').getByText('昨天').click();
    await waitForPeriod(yesterday);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('stats-export-xlsx').click(),
    ]);
    expect(download.suggestedFilename()).toBe(`统计报表-${yesterday}至${yesterday}.xlsx`);
    const file = join(mkdtempSync(join(tmpdir(), 'onedoor-stats-')), 'report.xlsx');
    await download.saveAs(file);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(readFileSync(file) as unknown as ArrayBuffer);
    const rows: unknown[][] = [];
    book.getWorksheet('统计')!.eachRow((row) => rows.push(Array.isArray(row.values) ? row.values.slice(1) : []));
    expect(rows.find((r) => String(r[0]).startsWith('取号数'))?.[1]).toBe(3);
    expect(rows.find((r) => String(r[0]).startsWith('不予受理件数'))?.[1]).toBe(1);

    // The A4 print: no header or toolbar, the figures and the KPIs on one page.
    await page.emulateMedia({ media: 'print' });
    expect(await page.getByTestId('stats-toolbar').isVisible()).toBe(false);
    await page.setViewportSize({ width: 794, height: 1123 });
    await page.screenshot({ path: join(SHOTS, 'console-stats-a4.png'), fullPage: true });
    const pdf = await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
    const pages = pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? [];
    expect(pages.length).toBe(1);
    await page.emulateMedia({ media: 'screen' });
    await page.setViewportSize({ width: 1920, height: 1080 });
  });
  it('cuts yesterday by window and by hour, charts it, and exports the breakdown table', async () => {
    await page.getByTestId('stats-presets').getByText('昨天').click();
    await waitForPeriod(yesterday);
    const choose = async (select: string, option: string) => {
      await page.getByTestId(select).click();
      await page.locator('.ant-select-dropdown:visible').getByTitle(option, { exact: true }).click();
    };
    await choose('breakdown-bucket', '不分时段');
    await choose('breakdown-by', '按窗口');
    await page.getByTestId('breakdown-query').click();
    const table = page.getByTestId('breakdown-table');
    await expect.poll(() => table.locator('tbody tr.ant-table-row').count()).toBe(1);
    const cells = await table.locator('tbody tr.ant-table-row').first().locator('td').allInnerTexts();
    // 时段, 分组, 取号, 已办理, 过号: all three of yesterday's tickets went through 1号窗口.
    expect(cells.slice(0, 5)).toEqual([yesterday, '1号窗口', '3', '2', '1']);

    await choose('breakdown-bucket', '按小时');
    await choose('breakdown-by', '不分维度');
    await page.getByTestId('breakdown-query').click();
    await expect.poll(() => table.locator('tbody tr.ant-table-row').first().innerText()).toMatch(/时/);
    const issued = await table.locator('tbody tr.ant-table-row td:nth-child(3)').allInnerTexts();
    expect(issued.reduce((n, v) => n + Number(v), 0)).toBe(3);
    await page.getByTestId('breakdown-chart').locator('canvas').first().waitFor();
    await page
      .locator('.ant-select-dropdown:visible')
      .waitFor({ state: 'detached' })
      .catch(() => undefined);
    await expect.poll(() => page.locator('.ant-select-dropdown:visible').count()).toBe(0);
    await page.getByTestId('stats-breakdown').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(SHOTS, 'console-stats-breakdown-1920.png') });

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('breakdown-export-csv').click(),
    ]);
    expect(download.suggestedFilename()).toBe(`统计报表-${yesterday}至${yesterday}-分组.csv`);
    const file = join(mkdtempSync(join(tmpdir(), 'onedoor-stats-')), 'breakdown.csv');
    await download.saveAs(file);
    const lines = readFileSync(file).subarray(3).toString('utf8').trim().split('\r\n');
    expect(lines[0]).toMatch(/^时段 Period,分组 Group,取号数 Issued/);
    expect(lines.slice(1).reduce((n, l) => n + Number(l.split(',')[2]), 0)).toBe(3);
  });
});
