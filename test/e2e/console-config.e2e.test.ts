/**
 * 配置 on the console (/console/config.html), in Chromium against a real hall: a manager signs in, creates the
 * service 养老认证 in the configuration screen and assigns it to 3号窗口; the kiosk page (/kiosk/) shows it; a threshold
 * of −5 and a window left with no service are refused with the server's message and change nothing; the audit view
 * (/console/audit.html) shows both changes with who made them and what was before and after. On the floor view the
 * manager moves the waiting visitors of 税务办理 to 综合受理 and moves a clerk to another window.
 * Screenshot: docs/screenshots/console-config.png (1920×1080).
 */
import { mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { command, startTestHall, type TestHall } from '../helpers/test-hall';
import { until } from '../helpers/wait';
import { findChromium, launchChromium, type LaunchedContext } from './helpers/chromium';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const SHOTS = join(ROOT, 'docs/screenshots');
const browserInfo = findChromium();
// ONEDOOR_E2E_EXTRA_SHOTS=/some/dir keeps a picture of each step (not committed), as in the kiosk e2e.
const EXTRA_SHOTS = process.env.ONEDOOR_E2E_EXTRA_SHOTS;

describe.skipIf(!browserInfo.path)('configuration on the console (Chromium, real hall server)', () => {
  let hall: TestHall;
  let browser: LaunchedContext;
  let page: Page;

  beforeAll(async () => {
    hall = await startTestHall();
    browser = await launchChromium(browserInfo.path!, { viewport: { width: 1920, height: 1080 } });
    page = await browser.context.newPage();
    mkdirSync(SHOTS, { recursive: true });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await hall?.close();
  });

  const modalOk = () => page.locator('.ant-modal:visible').getByRole('button', { name: '保存' }).click();
  const tab = (name: string) => page.getByRole('tab', { name }).click();
  const extraShot = async (name: string) => {
    if (EXTRA_SHOTS) await page.screenshot({ path: join(EXTRA_SHOTS, `console-config-${name}.png`) });
  };

  it('a manager creates a service and assigns it to a window; the kiosk shows it', async () => {
    await page.goto(`${hall.baseUrl}/console/config.html`);
    await page.getByTestId('login-username').fill('manager01');
    await page.getByTestId('login-password').fill('demo1234');
    await page.getByTestId('login-submit').click();
    await page.getByTestId('services-table').locator('tr', { hasText: '综合受理' }).waitFor();

    await page.getByTestId('service-new').click();
    await page.getByTestId('service-id').fill('pension');
    await page.getByTestId('service-name').fill('养老认证');
    await page.getByTestId('service-name-en').fill('Pension check');
    await page.getByTestId('service-prefix').fill('y');
    await modalOk();
    const row = page.getByTestId('services-table').locator('tr', { hasText: '养老认证' });
    await row.waitFor();
    expect(await row.innerText()).toContain('尚无窗口');
    expect(hall.running.hall.queueState.services.get('pension')).toMatchObject({ name: '养老认证', prefix: 'Y' });

    await tab('窗口');
    await page.getByTestId('window-edit-w03').click();
    await page.getByTestId('window-service-pension').check();
    await extraShot('window-form');
    await modalOk();
    await page.getByTestId('windows-table').locator('tr', { hasText: '3号窗口' }).getByText('养老认证 · 1').waitFor();
    expect(hall.running.hall.queueState.windows.get('w03')!.config.services).toContainEqual({
      serviceId: 'pension',
      order: 1,
    });

    await tab('业务');
    await row.getByText('3号').waitFor();
    // A still picture: the saved-toast gone and the tab's underline arrived under 业务.
    await page.waitForFunction(() => document.querySelector('.ant-message-notice') === null);
    await page.waitForFunction(() => {
      const bar = document.querySelector('.ant-tabs-ink-bar')?.getBoundingClientRect();
      const active = document.querySelector('.ant-tabs-tab-active')?.getBoundingClientRect();
      return bar !== undefined && active !== undefined && Math.abs(bar.left - active.left) < 1;
    });
    await page.evaluate(() => document.fonts.ready);
    await page.screenshot({ path: join(SHOTS, 'console-config.png') });

    const kiosk = await browser.context.newPage();
    const token = await hall.deviceToken('kiosk');
    await kiosk.goto(`${hall.baseUrl}/kiosk/#token=${encodeURIComponent(token)}`);
    const tile = kiosk.locator('.tile[data-service="pension"]:not([disabled])');
    await tile.waitFor();
    expect(await tile.innerText()).toContain('养老认证');
    await kiosk.close();
  }, 90_000);

  it('a threshold of −5 and a window with no service are refused with the server message; nothing changes', async () => {
    await tab('公告、报警与数据保留');
    const paused = page.getByTestId('threshold-pausedMinutes');
    await paused.fill('-5');
    await page.getByTestId('thresholds-save').click();
    const error = page.getByTestId('config-error');
    await error.waitFor();
    expect(await error.innerText()).toContain(
      '保存报警阈值未成功：窗口暂停超时（分钟）须为 1 到 1440 之间的整数，收到的是 -5；阈值未修改',
    );
    expect(await error.innerText()).toContain('no threshold was changed');
    await extraShot('threshold-refused');
    const manager = await hall.login('manager01');
    const thresholds = (await (
      await fetch(`${hall.baseUrl}/api/alarms/thresholds`, { headers: { authorization: `Bearer ${manager}` } })
    ).json()) as { data: { pausedMinutes: number } };
    expect(thresholds.data.pausedMinutes).toBe(15);

    await tab('窗口');
    const before = hall.running.hall.queueState.windows.get('w15')!.config.services;
    await page.getByTestId('window-edit-w15').click();
    await page.getByTestId('window-service-exit-entry').uncheck();
    await modalOk();
    await page.getByTestId('config-error').getByText('保存窗口未成功：窗口 15号窗口 至少要办理一项业务').waitFor();
    expect(hall.running.hall.queueState.windows.get('w15')!.config.services).toEqual(before);
    await page.locator('.ant-modal:visible').getByRole('button', { name: '取消' }).click();
  }, 90_000);

  it('the audit view shows who created the service and changed the window, before and after', async () => {
    await page.getByTestId('nav-audit').click();
    const table = page.getByTestId('audit-table');
    const created = table.locator('tr', { hasText: '新建业务' });
    await created.waitFor();
    expect(await created.innerText()).toMatch(/王主任[\s\S]*pension[\s\S]*新建[\s\S]*养老认证/);
    const window = table.locator('tr', { hasText: '修改窗口' });
    expect(await window.innerText()).toMatch(/w03[\s\S]*services: .*→ .*pension/);
    await extraShot('audit');
    // The refused changes left no row.
    expect(await table.locator('tr', { hasText: '修改报警阈值' }).count()).toBe(0);
    expect(await table.locator('tr', { hasText: 'w15' }).count()).toBe(0);

    // The same rows as an Excel file, through GET /api/audit/export.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('audit-export-xlsx').click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^审计日志-\d{4}-\d{2}-\d{2}至\d{4}-\d{2}-\d{2}\.xlsx$/);
    const file = join(mkdtempSync(join(tmpdir(), 'onedoor-audit-')), 'audit.xlsx');
    await download.saveAs(file);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(new Uint8Array(readFileSync(file)).buffer);
    const actions: string[] = [];
    book.getWorksheet('审计日志')!.eachRow((row) => actions.push(String(row.getCell(3).value)));
    expect(actions).toEqual(['操作 Action', 'config.window.update', 'config.service.create']);
  }, 90_000);

  /**
   * Picks an option of an antd select and waits until the select shows it: on a loaded machine a click on an option
   * still sliding in can be lost (seen in CI: the move's button stayed disabled), so the pick is made again.
   */
  const choose = async (testId: string, option: string | RegExp) => {
    const move = page.locator('.ant-modal:visible').getByRole('button', { name: '转移' });
    for (let attempt = 0; attempt < 3; attempt++) {
      await page.getByTestId(testId).click();
      await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: option }).first().click();
      // The modal's button is enabled once the select holds a choice.
      if (
        await expect
          .poll(() => move.isEnabled(), { timeout: 5_000 })
          .toBe(true)
          .then(
            () => true,
            () => false,
          )
      )
        return;
    }
    throw new Error(`the select ${testId} would not take ${String(option)}`);
  };

  it('on the floor view the manager moves waiting visitors to another service and a clerk to another window', async () => {
    const kiosk = await hall.connect('/kiosk', { deviceToken: await hall.deviceToken('kiosk') });
    const issued: string[] = [];
    for (let i = 0; i < 2; i++)
      issued.push((await command<{ ticket: { id: string } }>(kiosk, 'ticket:issue', { serviceId: 'tax' })).ticket.id);
    const clerk = await hall.connect('/window', { sessionToken: await hall.login('clerk16') });
    await command(clerk, 'window:sign-in', { windowId: 'w16' });

    await page.getByTestId('nav-overview').click();
    await page.getByTestId('move-waiting-tax').click();
    await choose('move-waiting-to', '综合受理');
    await page.locator('.ant-modal:visible').getByRole('button', { name: '转移' }).click();
    const state = () => hall.running.hall.queueState;
    await until('the tax tickets wait for 综合受理', () =>
      issued.every((id) => state().tickets.get(id)?.serviceId === 'general'),
    );
    await page.getByTestId('move-waiting-tax').waitFor({ state: 'detached' });

    await page.getByTestId('move-clerk-w16').click();
    await choose('move-clerk-to', /^8号窗口$/);
    await extraShot('move-clerk');
    await page.locator('.ant-modal:visible').getByRole('button', { name: '转移' }).click();
    await page.getByTestId('tile-clerk-w08').getByText('郭敏').waitFor();
    expect(state().windows.get('w16')!.runtime.clerkId).toBeNull();
    expect(state().windows.get('w08')!.runtime).toMatchObject({ clerkId: 'clerk16', state: 'open' });
  }, 90_000);
});
