/**
 * The staff card and the 好差评 export on the console, in Chromium against a real hall. On 配置 · 人员与角色 the
 * manager registers 张伟's card: a mistyped check digit is caught in the page (nothing sent), the right number goes
 * through and the list says 已登记, with the number nowhere on the page; the same card for 王芳 is refused with the
 * server's words. On 好差评 the manager exports the ratings two visitors gave and gets an .xlsx holding them; with
 * 只看差评 ticked, only the 差评.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Download, Page } from 'playwright-core';
import { command, startTestHall, type TestHall } from '../helpers/test-hall';
import { serveAndRate } from '../helpers/ratings';
import { findChromium, launchChromium, type LaunchedContext } from './helpers/chromium';

const browserInfo = findChromium();
const CARD = '330106199001010018';

describe.skipIf(!browserInfo.path)('staff card and 好差评 export on the console (Chromium, real hall server)', () => {
  let hall: TestHall;
  let browser: LaunchedContext;
  let page: Page;

  beforeAll(async () => {
    hall = await startTestHall();
    const token = await hall.login('clerk01');
    const clerk = await hall.connect('/window', { sessionToken: token });
    const kiosk = await hall.connect('/kiosk', { deviceToken: await hall.deviceToken('kiosk') });
    await command(clerk, 'window:sign-in', { windowId: 'w01' });
    for (const rating of [{ level: 5 }, { level: 2, reason: '等候时间长' }])
      await serveAndRate(hall, { kiosk, window: clerk, clerkToken: token, windowId: 'w01' }, rating);
    browser = await launchChromium(browserInfo.path!, { viewport: { width: 1920, height: 1080 } });
    page = await browser.context.newPage();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await hall?.close();
  });

  it('registers a card from the staff page: a wrong check digit is caught in the page, then the list says 已登记', async () => {
    await page.goto(`${hall.baseUrl}/console/config.html`);
    await page.getByTestId('login-username').fill('manager01');
    await page.getByTestId('login-password').fill('demo1234');
    await page.getByTestId('login-submit').click();
    await page.getByRole('tab', { name: '人员与角色' }).click();
    const state = page.getByTestId('staff-card-clerk02');
    await expect.poll(() => state.innerText()).toContain('未登记');

    const sent: string[] = [];
    page.on('request', (r) => {
      if (r.url().includes('/card')) sent.push(r.url());
    });
    await page.getByTestId('staff-card-register-clerk02').click();
    await page.getByTestId('staff-card-number').fill(CARD.slice(0, 17) + '9');
    await page.locator('.ant-modal:visible').getByRole('button', { name: '登记' }).click();
    const error = page.getByTestId('staff-card-error');
    await error.waitFor();
    expect(await error.innerText()).toContain(
      '身份证号码校验位错误，请核对（the check digit of the ID number is wrong',
    );
    expect(sent).toEqual([]);
    expect(hall.running.auth.staffMember('clerk02')?.hasCard).toBe(false);

    await page.getByTestId('staff-card-number').fill(CARD);
    await page.locator('.ant-modal:visible').getByRole('button', { name: '登记' }).click();
    await expect.poll(() => state.innerText()).toContain('已登记');
    await expect.poll(() => page.locator('.ant-modal:visible').count()).toBe(0);
    expect(hall.running.auth.staffMember('clerk02')?.hasCard).toBe(true);
    expect(await page.content()).not.toContain(CARD);
    expect(sent).toHaveLength(1);
  }, 60_000);

  it("shows the server's refusal of a card registered to someone else, in Chinese and English; nothing changes", async () => {
    await page.getByTestId('staff-card-register-clerk03').click();
    await page.getByTestId('staff-card-number').fill(CARD);
    await page.locator('.ant-modal:visible').getByRole('button', { name: '登记' }).click();
    const error = page.getByTestId('staff-card-error');
    await error.waitFor();
    expect(await error.innerText()).toBe(
      '登记工作人员卡未成功：该卡已登记给其他工作人员（this card is registered to another staff member）',
    );
    await page.locator('.ant-modal:visible').getByRole('button', { name: '取消' }).click();
    expect(await page.getByTestId('staff-card-clerk03').innerText()).toContain('未登记');
    expect(await page.getByTestId('staff-card-clerk02').innerText()).toContain('已登记');
    expect(hall.running.auth.staffMember('clerk03')?.hasCard).toBe(false);
  }, 60_000);

  const ratingsIn = async (download: Download): Promise<string[][]> => {
    const file = join(mkdtempSync(join(tmpdir(), 'onedoor-ratings-')), 'ratings.xlsx');
    await download.saveAs(file);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(new Uint8Array(readFileSync(file)).buffer);
    const rows: string[][] = [];
    book.getWorksheet('好差评')!.eachRow((row, n) => {
      if (n > 1) rows.push([2, 3, 4, 6].map((c) => String(row.getCell(c).value)));
    });
    return rows;
  };

  it('exports the ratings as an Excel file, and only the 差评 with 只看差评 ticked', async () => {
    await page.getByTestId('nav-evaluations').click();
    await page.waitForFunction(
      () => document.querySelectorAll('[data-testid="evaluations-table"] tbody tr.ant-table-row').length === 2,
    );
    const [all] = await Promise.all([page.waitForEvent('download'), page.getByTestId('evaluations-export').click()]);
    expect(all.suggestedFilename()).toMatch(/^好差评-\d{4}-\d{2}-\d{2}\.xlsx$/);
    expect(await ratingsIn(all)).toEqual([
      ['1号窗口', '李娜', '不满意', '等候时间长'],
      ['1号窗口', '李娜', '非常满意', ''],
    ]);

    await page.getByTestId('evaluations-bad').click();
    const [bad] = await Promise.all([page.waitForEvent('download'), page.getByTestId('evaluations-export').click()]);
    expect(bad.suggestedFilename()).toMatch(/^好差评-\d{4}-\d{2}-\d{2}-差评\.xlsx$/);
    expect(await ratingsIn(bad)).toEqual([['1号窗口', '李娜', '不满意', '等候时间长']]);
  }, 60_000);
});
