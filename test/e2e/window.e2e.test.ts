/**
 * The clerk's window app (/window/) in Chromium against a real hall server (demo hall).
 *
 * A clerk signs in, picks 1号窗口 (the default for clerk01) and works the queue with the mouse and the F-keys:
 * call next, recall until the server refuses, 过号 then 重新排队, call a specific ticket, transfer, suspend and
 * resume, pause with a quick-pick reason and resume service. What the page shows is checked against the server's
 * own state, read over a /console socket.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { HallSnapshot, IssuedTicket, TicketView } from '@onedoor/protocol';
import { command, kioskIssue, startTestHall, type ClientSocket, type TestHall } from '../helpers/test-hall';
import { findChromium, launchChromium, type LaunchedContext } from './helpers/chromium';
import { clickUntil } from './helpers/clicks';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const SHOTS = join(ROOT, 'docs/screenshots');
const browserInfo = findChromium();

describe.skipIf(!browserInfo.path)('window clerk app (Chromium, real hall server)', () => {
  let hall: TestHall;
  let browser: LaunchedContext;
  let kiosk: ClientSocket;
  let manager: ClientSocket;
  let page: Page;

  const hallState = () => command<HallSnapshot>(manager, 'hall:snapshot', {});
  const w01 = async () => (await hallState()).windows.find((w) => w.id === 'w01')!;
  const issue = async (serviceId: string, extra: Record<string, unknown> = {}) =>
    (await kioskIssue<IssuedTicket>(kiosk, { serviceId, ...extra })).ticket;
  const currentNumber = () => page.getByTestId('current-number').textContent();

  beforeAll(async () => {
    if (!existsSync(join(ROOT, 'dist/web/window/index.html')) && process.env.ONEDOOR_E2E_SKIP_BUILD !== '1') {
      execFileSync(process.execPath, [join(ROOT, 'node_modules/tsx/dist/cli.mjs'), 'web.vite.config.ts', 'window'], {
        cwd: ROOT,
        stdio: 'pipe',
      });
    }
    hall = await startTestHall({ seedDemo: true });
    kiosk = await hall.connect('/kiosk', { deviceToken: await hall.deviceToken('kiosk') });
    manager = await hall.connect('/console', { sessionToken: await hall.login('manager01') });
    browser = await launchChromium(browserInfo.path!, { viewport: { width: 1920, height: 1080 } });
    page = await browser.context.newPage();
    page.on('pageerror', (err) => console.error('[window page error]', err));
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await hall?.close();
  });

  it('signs in with username and password, defaults to 1号窗口 for clerk01 and signs in there', async () => {
    await page.goto(`${hall.baseUrl}/window/`);
    await page.getByTestId('login-username').fill('clerk01');
    await page.getByTestId('login-password').fill('wrong-password');
    await page.getByTestId('login-submit').click();
    await expect.poll(() => page.locator('.ant-alert-error').textContent()).toMatch(/密码|用户/);

    await page.getByTestId('login-password').fill('demo1234');
    await page.getByTestId('login-submit').click();
    await page.getByTestId('window-sign-in').waitFor();
    expect(await page.getByTestId('window-select').textContent()).toContain('1号窗口');
    expect(await page.evaluate(() => sessionStorage.getItem('onedoor.window.session'))).toContain('sessionToken');
    await page.getByTestId('window-sign-in').click();
    await page.getByTestId('workbench').waitFor();
    expect(await page.getByTestId('window-name').textContent()).toContain('1号窗口');
    await expect.poll(async () => (await w01()).clerkName).not.toBeNull();
    expect((await w01()).state).toBe('open');
    expect(await page.getByTestId('connection').textContent()).toBe('已连接');
  });

  it('calls the next visitor (F1 on the button), recalls with F2 until the server refuses and shows why', async () => {
    const a1 = await issue('general');
    const a2 = await issue('general');
    await expect.poll(() => page.getByTestId('waiting-list').textContent()).toContain(a2.number);
    expect(await page.getByTestId('btn-call-next').textContent()).toContain('F1');

    await page.getByTestId('btn-call-next').click();
    await expect.poll(currentNumber).toBe(a1.number);
    expect(a1.number).toBe('A001');
    expect(await page.getByTestId('current-status').textContent()).toBe('已呼叫');
    expect((await w01()).currentNumber).toBe('A001');

    // F2 = 重呼. The demo allows 3 recalls after the first call; the 4th is refused by the server.
    for (let n = 2; n <= 4; n++) {
      await page.keyboard.press('F2');
      await expect.poll(() => page.getByTestId('current-calls').textContent()).toBe(String(n));
    }
    await page.keyboard.press('F2');
    await expect.poll(() => page.getByTestId('error-message').textContent()).toContain('已重呼 3 次');
    expect(await page.getByTestId('current-calls').textContent()).toBe('4');
  });

  it('过号 puts the ticket in the 过号 list; 重新排队 brings it back into the waiting list', async () => {
    await page.getByTestId('btn-no-show').click();
    await page.getByTestId('reactivate-A001').waitFor();
    await page.getByTestId('current-empty').waitFor();
    expect(await page.getByTestId('error-bar').count()).toBe(0); // a success clears the old refusal
    expect(await page.getByTestId('waiting-list').textContent()).not.toContain('A001');

    await page.getByTestId('reactivate-A001').click();
    await expect.poll(() => page.getByTestId('waiting-list').textContent()).toContain('A001');
    expect(await page.getByTestId('no-show-list').textContent()).toContain('无过号');
    const a001 = (await hallState()).tickets.find((t) => t.number === 'A001')!;
    expect(a001.status).toBe('waiting');
    expect(await page.getByTestId('counters').textContent()).toMatch(/1过号/);
  });

  it('calls a specific ticket (叫此号), then transfers it to another window keeping its time', async () => {
    await page.getByTestId('call-A002').click();
    await expect.poll(currentNumber).toBe('A002');

    await page.getByTestId('btn-transfer').click();
    await page.getByTestId('transfer-kind').getByText('转到窗口').click();
    await page.getByTestId('transfer-target').click();
    await page.locator('.ant-select-item-option').filter({ hasText: '2号窗口' }).click();
    await page.getByTestId('transfer-ok').click();
    await page.getByTestId('current-empty').waitFor();
    const moved = (await hallState()).tickets.find((t) => t.number === 'A002')!;
    expect(moved).toMatchObject({ status: 'waiting', targetWindowId: 'w02', windowId: null });
    // Targeted to 2号窗口: it leaves 1号窗口's list.
    expect(await page.getByTestId('waiting-list').textContent()).not.toContain('A002');
  });

  it('F4 finishes; 挂起 and 恢复办理 from the suspended list', async () => {
    await page.keyboard.press('F1');
    await expect.poll(currentNumber).toBe('A001');
    await page.getByTestId('btn-start').click();
    await expect.poll(() => page.getByTestId('current-status').textContent()).toBe('办理中');
    await page.getByTestId('btn-suspend').click();
    await page.getByTestId('current-empty').waitFor();
    await expect.poll(() => page.getByTestId('suspended-list').textContent()).toContain('A001');
    await page.getByTestId('suspended-list').getByRole('button', { name: '恢复办理' }).click();
    await expect.poll(currentNumber).toBe('A001');
    expect(await page.getByTestId('current-status').textContent()).toBe('办理中');
    await page.keyboard.press('F4');
    await page.getByTestId('current-empty').waitFor();
    expect((await hallState()).tickets.some((t) => t.number === 'A001')).toBe(false); // done: no longer active
  });

  it('pauses with a required reason (quick pick 午休) and resumes service', async () => {
    await page.getByTestId('btn-pause').click();
    expect(await page.getByTestId('pause-ok').isDisabled()).toBe(true);
    await clickUntil(page.getByTestId('reason-午休'), () => page.getByTestId('pause-ok').isEnabled());
    await page.getByTestId('pause-ok').click();
    await expect.poll(() => page.getByTestId('window-state').textContent()).toContain('午休');
    expect(await w01()).toMatchObject({ state: 'paused', pauseReason: '午休' });
    expect(await page.getByTestId('btn-call-next').isDisabled()).toBe(true);

    await page.getByTestId('btn-open').click();
    await expect.poll(() => page.getByTestId('window-state').textContent()).toBe('服务中');
    expect((await w01()).state).toBe('open');
  });

  it('keeps the session and the window across a reload, and follows changes made elsewhere', async () => {
    await page.reload();
    await page.getByTestId('workbench').waitFor();
    const g = await issue('social-security', { priority: 'green' });
    await expect.poll(() => page.getByTestId('waiting-list').textContent()).toContain(g.number);
    expect(await page.getByTestId('waiting-list').textContent()).toContain('绿色通道');
    // The counters survive the reload (kept per window and business day).
    expect(await page.getByTestId('counters').textContent()).toMatch(/1过号/);
  });

  it('after the server drops the connection it shows 已断开, reconnects by itself and shows what changed meanwhile', async () => {
    hall.running.io.of('/window').disconnectSockets(true);
    await expect.poll(() => page.getByTestId('connection').textContent()).toBe('已断开');
    const meanwhile = await issue('housing-fund');
    await expect.poll(() => page.getByTestId('connection').textContent(), { timeout: 15_000 }).toBe('已连接');
    await expect.poll(() => page.getByTestId('waiting-list').textContent()).toContain(meanwhile.number);
  });

  it('screenshot: a clerk serving a real-name visitor with a queue waiting', async () => {
    // A real-name 户政 ticket handed over from 12号窗口 to 1号窗口, plus a mixed queue.
    const clerk12 = await hall.connect('/window', { sessionToken: await hall.login('clerk12') });
    await command(clerk12, 'window:sign-in', { windowId: 'w12' });
    const c = await issue('household', { holder: { idNumber: '11010519491231002X', name: '张三丰' } });
    await command<TicketView>(clerk12, 'ticket:call', { windowId: 'w12', ticketId: c.id });
    await command(clerk12, 'ticket:transfer', { windowId: 'w12', toWindowId: 'w01', keepIssueTime: true });
    for (const s of [
      'general',
      'business',
      'general',
      'housing-fund',
      'general',
      'social-security',
      'general',
      'business',
      'general',
    ])
      await issue(s);
    await issue('general', { priority: 'green' });

    // One 过号 of this window's own for the 过号 list.
    await page.keyboard.press('F1');
    await expect.poll(() => page.getByTestId('current-status').textContent()).toBe('已呼叫');
    const missed = await currentNumber();
    await page.keyboard.press('F3');
    await page.getByTestId(`reactivate-${missed}`).waitFor();

    await page.getByTestId(`call-${c.number}`).click();
    await expect.poll(currentNumber).toBe(c.number);
    await page.getByTestId('btn-start').click();
    await expect.poll(() => page.getByTestId('current-status').textContent()).toBe('办理中');
    const holder = await page.getByTestId('current-holder').textContent();
    expect(holder).toContain('张*丰');
    expect(holder).toContain('1101**********002X');
    expect(holder).not.toContain('11010519491231002X');

    await page.mouse.move(0, 0);
    await page
      .locator('.ant-message-notice')
      .first()
      .waitFor({ state: 'detached', timeout: 10_000 })
      .catch(() => undefined);
    await page.waitForTimeout(300);
    mkdirSync(SHOTS, { recursive: true });
    await page.screenshot({ path: join(SHOTS, 'window-serving.png') });
  });
});
