/**
 * 报警 on the console (issue 10), in Chromium against a real hall whose clock the test moves: a window paused longer
 * than the threshold turns into an alarm on the floor view; the manager acknowledges it with a note (who and when
 * recorded) and broadcasts a notice that reaches a /display socket.
 * Screenshot: docs/screenshots/console-alarm-1920.png (the floor view with an alarm).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ack, AlarmList, HallEvent } from '@onedoor/protocol';
import { command, startTestHall, type ClientSocket, type TestHall } from '../helpers/test-hall';
import { waitForValue } from '../helpers/wait';
import { findChromium, launchChromium, type LaunchedContext } from './helpers/chromium';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const SHOTS = join(ROOT, 'docs/screenshots');
const browserInfo = findChromium();

describe.skipIf(!browserInfo.path)('console alarms (Chromium, real hall server)', () => {
  let hall: TestHall;
  let browser: LaunchedContext;
  let clerk: ClientSocket;
  let display: ClientSocket;
  let offset = 0;
  const displayEvents: HallEvent[] = [];

  beforeAll(async () => {
    if (!existsSync(join(ROOT, 'dist/web/console/index.html')) && process.env.ONEDOOR_E2E_SKIP_BUILD !== '1')
      execFileSync(process.execPath, [join(ROOT, 'node_modules/tsx/dist/cli.mjs'), 'web.vite.config.ts', 'console'], {
        cwd: ROOT,
        stdio: 'pipe',
      });
    hall = await startTestHall({ clock: { now: () => Date.now() + offset }, config: { alarms: { scanSeconds: 0.2 } } });
    clerk = await hall.connect('/window', { sessionToken: await hall.login('clerk01') });
    await command(clerk, 'window:sign-in', { windowId: 'w01' });
    display = await hall.connect('/display', { deviceToken: await hall.deviceToken('display') });
    display.on('hall:event', (e: HallEvent) => displayEvents.push(e));
    browser = await launchChromium(browserInfo.path!, { viewport: { width: 1920, height: 1080 } });
    mkdirSync(SHOTS, { recursive: true });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await hall?.close();
  });

  it('a window paused too long is an alarm until the manager acknowledges it; a notice reaches the boards', async () => {
    await command(clerk, 'window:pause', { windowId: 'w01', reason: '午休' });
    offset += 16 * 60_000;
    const page = await browser.context.newPage();
    await page.goto(`${hall.baseUrl}/console/`);
    await page.getByTestId('login-username').fill('manager01');
    await page.getByTestId('login-password').fill('demo1234');
    await page.getByTestId('login-submit').click();
    const alarm = page.getByTestId('alarms').locator('.ant-list-item', { hasText: '1号窗口 已暂停' });
    await alarm.waitFor({ timeout: 15_000 });
    expect(await alarm.innerText()).toMatch(/提醒[\s\S]*1号窗口 已暂停 1[6-7] 分钟（超过 15 分钟）/);
    await page.evaluate(() => document.fonts.ready);
    await page.screenshot({ path: join(SHOTS, 'console-alarm-1920.png') });

    await alarm.getByRole('button', { name: '确认' }).click();
    await page.getByTestId('alarm-note').fill('已联系窗口负责人');
    await page.getByTestId('alarm-ack-ok').click();
    await alarm.waitFor({ state: 'detached' });
    const manager = await hall.login('manager01');
    const list = await waitForValue(
      'the acknowledged alarm',
      async () =>
        (await (
          await fetch(`${hall.baseUrl}/api/alarms`, { headers: { authorization: `Bearer ${manager}` } })
        ).json()) as Ack<AlarmList>,
      (a) => a.ok && a.data.recent.length > 0,
    );
    if (!list.ok) throw new Error(list.error.messageEn);
    expect(list.data.recent[0]).toMatchObject({
      key: 'window-paused:w01',
      acknowledgedBy: '王主任',
      note: '已联系窗口负责人',
    });

    const notice = '1号窗口暂停服务，请到2号窗口办理。';
    await page.getByTestId('notice-input').fill(notice);
    await page.getByTestId('notice-save').click();
    await waitForValue(
      'the notice on the board',
      () => displayEvents.find((e) => e.type === 'notice.changed')?.notice,
      (n) => n === notice,
    );
    await page.close();
  });
});
