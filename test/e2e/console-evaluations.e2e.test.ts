/**
 * 好差评 on the console (/console/evaluations.html), in Chromium against a real hall: two visitors are served at
 * 1号窗口 and rate it — 非常满意, and 不满意 with the reason 等候时间长 — and the manager sees both, with the window,
 * the clerk and the reason, and filters to the 差评.
 * Screenshot: docs/screenshots/console-evaluations-1920.png.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { command, startTestHall, type TestHall } from '../helpers/test-hall';
import { serveAndRate } from '../helpers/ratings';
import { findChromium, launchChromium, type LaunchedContext } from './helpers/chromium';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const SHOTS = join(ROOT, 'docs/screenshots');
const browserInfo = findChromium();

describe.skipIf(!browserInfo.path)('好差评 list on the console (Chromium, real hall server)', () => {
  let hall: TestHall;
  let browser: LaunchedContext;

  beforeAll(async () => {
    if (!existsSync(join(ROOT, 'dist/web/console/evaluations.html')) && process.env.ONEDOOR_E2E_SKIP_BUILD !== '1')
      execFileSync(process.execPath, [join(ROOT, 'node_modules/tsx/dist/cli.mjs'), 'web.vite.config.ts', 'console'], {
        cwd: ROOT,
        stdio: 'pipe',
      });
    hall = await startTestHall();
    const token = await hall.login('clerk01');
    const clerk = await hall.connect('/window', { sessionToken: token });
    const kiosk = await hall.connect('/kiosk', { deviceToken: await hall.deviceToken('kiosk') });
    await command(clerk, 'window:sign-in', { windowId: 'w01' });
    for (const rating of [{ level: 5 }, { level: 2, reason: '等候时间长' }])
      await serveAndRate(hall, { kiosk, window: clerk, clerkToken: token, windowId: 'w01' }, rating);
    browser = await launchChromium(browserInfo.path!, { viewport: { width: 1920, height: 1080 } });
    mkdirSync(SHOTS, { recursive: true });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await hall?.close();
  });

  it('lists every rating with its window, clerk and the reason of the 差评, and filters to the bad ones', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${hall.baseUrl}/console/evaluations.html`);
    await page.getByTestId('login-username').fill('manager01');
    await page.getByTestId('login-password').fill('demo1234');
    await page.getByTestId('login-submit').click();
    const rows = page.locator('[data-testid="evaluations-table"] tbody tr.ant-table-row');
    await page.waitForFunction(
      () => document.querySelectorAll('[data-testid="evaluations-table"] tbody tr.ant-table-row').length === 2,
    );
    const texts = await rows.allInnerTexts();
    expect(texts.join('\n')).toMatch(/1号窗口\s+李娜\s+不满意\s+等候时间长/);
    expect(texts.join('\n')).toMatch(/1号窗口\s+李娜\s+非常满意/);
    await page.evaluate(() => document.fonts.ready);
    await page.screenshot({ path: join(SHOTS, 'console-evaluations-1920.png') });

    await page.getByTestId('evaluations-bad').click();
    await page.waitForFunction(
      () => document.querySelectorAll('[data-testid="evaluations-table"] tbody tr.ant-table-row').length === 1,
    );
    expect(await rows.first().innerText()).toContain('等候时间长');
    expect(await page.getByTestId('nav-evaluations').getAttribute('class')).toContain('oc-nav-active');
    await page.close();
  });
});
