/**
 * The manager console (/console/) in Chromium against a real hall server (demo hall).
 *
 * The windows grid follows clerks signing in and calling (live, over /console), the notice set here reaches a
 * /display socket as notice.changed, a window is paused with a reason and opened again, devices come from REST with
 * their online state (refreshed every 10 s) and a pairing code made here pairs a display.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { HallEvent, HallSnapshot, IssuedTicket, TicketView } from '@onedoor/protocol';
import { command, kioskIssue, startTestHall, type ClientSocket, type TestHall } from '../helpers/test-hall';
import { findChromium, launchChromium, type LaunchedContext } from './helpers/chromium';
import { clickUntil } from './helpers/clicks';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const SHOTS = join(ROOT, 'docs/screenshots');
const browserInfo = findChromium();

describe.skipIf(!browserInfo.path)('manager console (Chromium, real hall server)', () => {
  let hall: TestHall;
  let browser: LaunchedContext;
  let kiosk: ClientSocket;
  let display: ClientSocket;
  let page: Page;
  const displayEvents: HallEvent[] = [];
  const clerks = new Map<string, ClientSocket>();

  const issue = async (serviceId: string, extra: Record<string, unknown> = {}) =>
    (await kioskIssue<IssuedTicket>(kiosk, { serviceId, ...extra })).ticket;
  const clerkAt = async (n: number) => {
    const id = `w${String(n).padStart(2, '0')}`;
    let s = clerks.get(id);
    if (!s) {
      s = await hall.connect('/window', { sessionToken: await hall.login(`clerk${String(n).padStart(2, '0')}`) });
      await command(s, 'window:sign-in', { windowId: id });
      clerks.set(id, s);
    }
    return { socket: s, windowId: id };
  };
  const text = (testId: string) => page.getByTestId(testId).textContent();

  beforeAll(async () => {
    if (!existsSync(join(ROOT, 'dist/web/console/index.html')) && process.env.ONEDOOR_E2E_SKIP_BUILD !== '1') {
      execFileSync(process.execPath, [join(ROOT, 'node_modules/tsx/dist/cli.mjs'), 'web.vite.config.ts', 'console'], {
        cwd: ROOT,
        stdio: 'pipe',
      });
    }
    hall = await startTestHall({ seedDemo: true });
    // The demo hall's own kiosk and waiting-area screen (tokens issued at start).
    kiosk = await hall.connect('/kiosk', { deviceToken: hall.running.demoTokens['kiosk-01']! });
    display = await hall.connect('/display', { deviceToken: hall.running.demoTokens['display-main']! });
    display.on('hall:event', (e: HallEvent) => displayEvents.push(e));
    browser = await launchChromium(browserInfo.path!, { viewport: { width: 1920, height: 1080 } });
    page = await browser.context.newPage();
    page.on('pageerror', (err) => console.error('[console page error]', err));
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await hall?.close();
  });

  it('a manager signs in and sees every window; a clerk account is turned away', async () => {
    await page.goto(`${hall.baseUrl}/console/`);
    await page.getByTestId('login-username').fill('clerk01');
    await page.getByTestId('login-password').fill('demo1234');
    await page.getByTestId('login-submit').click();
    await expect.poll(() => page.locator('.ant-alert-error').textContent()).toContain('没有大厅管理权限');

    await page.getByTestId('login-username').fill('manager01');
    await page.getByTestId('login-submit').click();
    await page.getByTestId('window-grid').waitFor();
    expect(await page.locator('[data-testid^="tile-w"][data-tone]').count()).toBe(20);
    expect(await page.getByTestId('nav-backoffice').getAttribute('href')).toBe('/console/backoffice.html');
    expect(await page.getByTestId('tile-w03').getAttribute('data-tone')).toBe('closed');
  });

  it('the windows grid, recent calls and totals follow a clerk signing in and calling, live', async () => {
    const { socket, windowId } = await clerkAt(3);
    await expect.poll(() => page.getByTestId('tile-w03').getAttribute('data-tone')).toBe('idle');
    expect(await text('tile-clerk-w03')).not.toBe('无人签到');

    const t1 = await issue('general');
    await issue('general');
    await expect.poll(() => text('total-issued')).toBe('2');
    expect(await text('total-waiting')).toBe('2');
    const called = await command<TicketView>(socket, 'ticket:call-next', { windowId });
    expect(called.number).toBe(t1.number);
    await expect.poll(() => text(`tile-number-w03`)).toBe(t1.number);
    expect(await page.getByTestId('tile-w03').getAttribute('data-tone')).toBe('serving');
    expect(await text('recent-calls')).toContain(t1.number);
    expect(await text('total-waiting')).toBe('1');
    expect(await text('total-called')).toBe('1');
    expect(await text('service-table')).toContain('综合受理');
  });

  it('sets the scrolling notice; a /display socket receives notice.changed', async () => {
    const notice = '今日12:00–13:30午休期间，综合受理窗口轮流值守。';
    await page.getByTestId('notice-input').fill(notice);
    await page.getByTestId('notice-save').click();
    await expect.poll(() => displayEvents.find((e) => e.type === 'notice.changed')?.notice).toBe(notice);
    const snap = await command<HallSnapshot>(display, 'hall:snapshot', {});
    expect(snap.notice).toBe(notice);
  });

  it('pauses a window with a reason and opens it again', async () => {
    await page.getByTestId('pause-w03').click();
    const ok = page.getByTestId('console-pause-ok');
    await clickUntil(page.getByTestId('console-reason-业务培训'), () => ok.isEnabled());
    await page.locator('.ant-modal').getByRole('button', { name: '暂停' }).click();
    await expect.poll(() => text('tile-state-w03')).toBe('暂停 · 业务培训');
    const snap = await command<HallSnapshot>(display, 'hall:snapshot', {});
    expect(snap.windows.find((w) => w.id === 'w03')).toMatchObject({ state: 'paused', pauseReason: '业务培训' });

    await page.getByTestId('open-w03').click();
    await expect.poll(() => page.getByTestId('tile-w03').getAttribute('data-tone')).toBe('serving');
  });

  it('lists devices with their online state (refreshed every 10 s) and makes a pairing code that pairs', async () => {
    await expect.poll(() => text('device-table')).toContain('取号机');
    // The device gateway reports call pads over MQTT; stand in for it here.
    hall.running.authRepo.setDeviceState('pad-w01', true, [], new Date().toISOString());
    await expect
      .poll(
        () =>
          page
            .getByTestId('device-table')
            .locator('tr', { hasText: '1号窗口' })
            .filter({ hasText: '呼叫器' })
            .textContent(),
        { timeout: 15_000 },
      )
      .toContain('在线');

    hall.running.auth.saveDevice({
      id: 'display-west',
      kind: 'display',
      name: '西区叫号屏',
      windowId: null,
      settings: {},
    });
    await page.getByRole('button', { name: '刷新' }).click();
    await page.getByTestId('pair-display-west').click();
    const code = (await text('pairing-code'))!;
    expect(code).toMatch(/^\d{6}$/);
    const res = await fetch(`${hall.baseUrl}/api/devices/pair`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code }),
    });
    const body = (await res.json()) as { ok: boolean; data: { deviceId: string } };
    expect(body.ok).toBe(true);
    expect(body.data.deviceId).toBe('display-west');
    await page.locator('.ant-modal-footer').getByRole('button', { name: '关闭' }).click();
  });

  it('sets which services a waiting-area board shows; the board receives the settings at once', async () => {
    const pushed: Record<string, unknown>[] = [];
    display.on('device:settings', (settings: Record<string, unknown>) => pushed.push(settings));
    await page.getByTestId('board-display-main').click();
    const dialog = page.locator('.ant-modal', { hasText: '显示设置' });
    await dialog.getByTestId('board-services').click();
    await page.keyboard.type('不动产');
    // Clicked, not picked with Enter: on a loaded machine Enter could land before the list had filtered, choosing
    // nothing, and 保存 stayed disabled until the test timed out (seen in CI).
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '不动产' }).first().click();
    // The list must be closed before 保存 can be clicked. A click on the dialog's title closes it; Escape did too, but
    // when the list had just closed by itself the Escape closed the whole dialog (seen in CI).
    await clickUntil(
      dialog.locator('.ant-modal-title'),
      async () => (await page.locator('.ant-select-dropdown:visible').count()) === 0,
    );
    await dialog.getByTestId('board-save').click();
    await expect.poll(() => pushed.at(-1)?.services, { timeout: 10_000 }).toEqual(['real-estate']);
    expect(hall.running.authRepo.findDevice('display-main')?.settings).toMatchObject({
      services: ['real-estate'],
      windows: [],
    });
  }, 60_000);

  it('screenshot: a busy hall', async () => {
    // Eight clerks at work, one on a break, a queue across services.
    for (const n of [1, 2, 4, 5, 9, 12, 16, 19]) await clerkAt(n);
    const mix: [string, Record<string, unknown>?][] = [
      ['general'],
      ['general'],
      ['general', { priority: 'green' }],
      ['business'],
      ['social-security'],
      ['general'],
      ['housing-fund'],
      ['real-estate'],
      ['real-estate'],
      ['real-estate'],
      ['tax'],
      ['tax'],
      ['consult'],
      ['consult'],
      ['general'],
      ['business'],
      ['household', { holder: { idNumber: '11010519491231002X', name: '张三丰' } }],
      ['pickup'],
      ['general'],
      ['social-security'],
    ];
    for (const [s, extra] of mix) await issue(s, extra);
    for (const n of [1, 2, 4, 9, 12, 16, 19]) {
      const { socket, windowId } = await clerkAt(n);
      await command(socket, 'ticket:call-next', { windowId });
    }
    const w2 = await clerkAt(2);
    await command(w2.socket, 'ticket:start', { windowId: w2.windowId });
    const w5 = await clerkAt(5);
    await command(w5.socket, 'window:pause', { windowId: w5.windowId, reason: '午休' });
    for (const s of ['general', 'real-estate', 'general', 'tax', 'business']) await issue(s);

    await expect.poll(() => text('tile-state-w05')).toBe('暂停 · 午休');
    await page.mouse.move(0, 0);
    await page
      .locator('.ant-message-notice')
      .first()
      .waitFor({ state: 'detached', timeout: 10_000 })
      .catch(() => undefined);
    await page.waitForTimeout(600); // the chart animates
    mkdirSync(SHOTS, { recursive: true });
    await page.screenshot({ path: join(SHOTS, 'console-overview.png') });
  });
});
