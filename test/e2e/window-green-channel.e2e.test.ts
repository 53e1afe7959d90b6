/**
 * 绿色通道 at the 导办/咨询 desk (issue 9), in Chromium against a real hall: five visitors already wait for 综合受理;
 * the desk clerk at 19号咨询台 takes a 绿色通道 number for an elderly visitor with 代取号, and reads out the people
 * ahead the server computed. 1号窗口's waiting list shows the six in the hall's call order, and 1号窗口 then calls them in
 * exactly that order: the green ticket comes up after the people it was told were ahead — the count and the list follow
 * the fair order (priority interleaved with normal tickets), not the issue times.
 * Screenshot: docs/screenshots/window-issue-green-1366.png.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IssuedTicket, TicketView } from '@onedoor/protocol';
import { command, startTestHall, type ClientSocket, type TestHall } from '../helpers/test-hall';
import { findChromium, launchChromium, type LaunchedContext } from './helpers/chromium';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const SHOTS = join(ROOT, 'docs/screenshots');
const browserInfo = findChromium();

describe.skipIf(!browserInfo.path)('绿色通道 at the desk (Chromium, real hall server)', () => {
  let hall: TestHall;
  let browser: LaunchedContext;
  let caller: ClientSocket;

  beforeAll(async () => {
    if (!existsSync(join(ROOT, 'dist/web/window/index.html')) && process.env.ONEDOOR_E2E_SKIP_BUILD !== '1')
      execFileSync(process.execPath, [join(ROOT, 'node_modules/tsx/dist/cli.mjs'), 'web.vite.config.ts', 'window'], {
        cwd: ROOT,
        stdio: 'pipe',
      });
    hall = await startTestHall();
    const kiosk = await hall.connect('/kiosk', { deviceToken: await hall.deviceToken('kiosk') });
    caller = await hall.connect('/window', { sessionToken: await hall.login('clerk01') });
    await command(caller, 'window:sign-in', { windowId: 'w01' });
    for (let i = 0; i < 5; i++) await command<IssuedTicket>(kiosk, 'ticket:issue', { serviceId: 'general' });
    browser = await launchChromium(browserInfo.path!, { viewport: { width: 1366, height: 768 } });
    mkdirSync(SHOTS, { recursive: true });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await hall?.close();
  });

  it("the desk's green ticket is called exactly after the people it was told were ahead", async () => {
    const page = await browser.context.newPage();
    await page.goto(`${hall.baseUrl}/window/`);
    await page.getByTestId('login-username').fill('clerk19');
    await page.getByTestId('login-password').fill('demo1234');
    await page.getByTestId('login-submit').click();
    await page.getByTestId('window-sign-in').waitFor();
    await page.getByTestId('window-sign-in').click();
    await page.getByTestId('workbench').waitFor();
    expect(await page.getByTestId('window-name').textContent()).toContain('19号咨询台');
    // 今日本窗口 is the hall's count (GET /api/windows/:id/today), no longer only what this screen saw.
    await page.getByTestId('counters-title').getByText('今日本窗口', { exact: true }).waitFor();

    await page.getByTestId('btn-issue').click();
    await page.getByTestId('issue-service').click();
    await page.locator('.ant-select-item-option', { hasText: '综合受理' }).click();
    await page.getByTestId('issue-green').click();
    await page.getByTestId('issue-ok').click();
    const number = (await page.getByTestId('issued-number').innerText()).trim();
    const told = Number(/前面还有 (\d+) 人/.exec(await page.getByTestId('issued-ahead').innerText())?.[1]);
    expect(await page.getByTestId('issued-ahead').innerText()).toContain('绿色通道');
    // Behind five normal tickets, yet not sixth: the interleave calls it sooner.
    expect(told).toBeLessThan(5);
    await page.evaluate(() => document.fonts.ready);
    await page.screenshot({ path: join(SHOTS, 'window-issue-green-1366.png') });
    await page.getByTestId('issue-ok').click();

    await page.close();

    // 1号窗口's own screen lists the six in the order the hall will call them (the fair order, as told above).
    const w01 = await browser.context.newPage();
    await w01.goto(`${hall.baseUrl}/window/`);
    await w01.getByTestId('login-username').fill('clerk01');
    await w01.getByTestId('login-password').fill('demo1234');
    await w01.getByTestId('login-submit').click();
    // Already signed in at 1号窗口 (the caller's socket): the screen opens on its workbench.
    await w01.getByTestId('workbench').waitFor();
    const token = await hall.login('clerk01');
    const order = (await (
      await fetch(`${hall.baseUrl}/api/windows/w01/call-order`, { headers: { authorization: `Bearer ${token}` } })
    ).json()) as { data: { ticketIds: string[] } };
    const snapshot = await command<{ tickets: TicketView[] }>(caller, 'hall:snapshot', {});
    const numberOf = new Map(snapshot.tickets.map((t) => [t.id, t.number]));
    const hallOrder = order.data.ticketIds.map((id) => numberOf.get(id));
    const listed = () => w01.getByTestId('waiting-list').locator('.od-num').allInnerTexts();
    await expect.poll(listed).toEqual(hallOrder);
    expect(hallOrder.indexOf(number)).toBe(told);

    const called: string[] = [];
    for (let i = 0; i < 6; i++) {
      const ticket = await command<TicketView>(caller, 'ticket:call-next', { windowId: 'w01' });
      called.push(ticket.number);
      await command(caller, 'ticket:finish', { windowId: 'w01' });
    }
    expect(called.indexOf(number)).toBe(told);
    // The list was the order of the calls, not the order of issue.
    expect(called).toEqual(hallOrder);
    await w01.close();
  });
});
