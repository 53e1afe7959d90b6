/**
 * A screen's own clock is often wrong and its zone may be another: the board, the kiosk and the phone page show the
 * hall's time anyway — the server's clock (from its snapshot), in the hall's zone (Asia/Shanghai here). The browser
 * runs in America/Los_Angeles with its clock set eight hours behind (Playwright `timezoneId` and `page.clock`).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { formatClock, formatDayLabel, formatHallTime } from '@onedoor/protocol/client';
import { command, startTestHall, type TestHall } from '../helpers/test-hall';
import { findChromium, launchChromium, type LaunchedContext } from './helpers/chromium';

const browserInfo = findChromium();
const HALL_ZONE = 'Asia/Shanghai';
const EIGHT_HOURS = 8 * 3_600_000;

/**
 * The hall's clock as text is one of the values `format` gives for the instants around the read (the minute or the
 * second may turn over while the page is read): no timing is asserted, only which clock the screen follows.
 */
async function showsHallTime(read: () => Promise<string>, format: (at: number) => string): Promise<void> {
  const before = Date.now();
  const shown = (await read()).trim();
  const after = Date.now();
  const expected = new Set<string>();
  for (let t = before - 2000; t <= after + 1000; t += 500) expected.add(format(t));
  expect([...expected]).toContain(shown);
}

describe.skipIf(!browserInfo.path)('the hall’s time on screens with a wrong clock in another zone (Chromium)', () => {
  let hall: TestHall;
  let browser: LaunchedContext;
  let page: Page;

  beforeAll(async () => {
    hall = await startTestHall({ seedDemo: true });
    browser = await launchChromium(browserInfo.path!, { timezoneId: 'America/Los_Angeles' });
    page = await browser.context.newPage();
    // The device's clock runs eight hours behind the server's; it keeps running (timers fire as usual).
    await page.clock.install({ time: Date.now() - EIGHT_HOURS });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await hall?.close();
  });

  it('the page itself really is off: its clock eight hours behind, its zone Los Angeles', async () => {
    await page.goto(`${hall.baseUrl}/healthz`);
    const device = await page.evaluate(() => ({
      now: Date.now(),
      zone: Intl.DateTimeFormat().resolvedOptions().timeZone,
    }));
    expect(device.zone).toBe('America/Los_Angeles');
    expect(Math.round((Date.now() - device.now) / 3_600_000)).toBe(8);
  });

  it('the board shows the hall’s date and time', async () => {
    const token = await hall.deviceToken('display');
    await page.goto(`${hall.baseUrl}/display/#token=${encodeURIComponent(token)}&speech=record`);
    await page.getByTestId('board').waitFor();
    await expect.poll(() => page.evaluate(() => window.__board?.status)).toBe('online');
    await showsHallTime(
      () => page.locator('.board .clock__time').innerText(),
      (at) => formatClock(at, HALL_ZONE).time,
    );
    await showsHallTime(
      () => page.locator('.board .clock__date').innerText(),
      (at) => `${formatClock(at, HALL_ZONE).date} ${formatClock(at, HALL_ZONE).weekday}`,
    );
  });

  it('the kiosk’s header and its ticket show the hall’s time; so does the ticket’s phone page', async () => {
    const token = await hall.deviceToken('kiosk');
    await page.goto(`${hall.baseUrl}/kiosk/#token=${encodeURIComponent(token)}`);
    await page.locator('.tile[data-service="general"]:not([disabled])').waitFor();
    const clock = page.getByTestId('kiosk-clock');
    // The header follows the server once its first snapshot arrived.
    await expect.poll(() => clock.innerText()).toContain(formatDayLabel(Date.now(), HALL_ZONE, 'zh'));
    await showsHallTime(
      async () => (await clock.innerText()).split('\n')[0]!,
      (at) => formatHallTime(at, HALL_ZONE),
    );
    await page.locator('.tile[data-service="general"]').click();
    await page.getByRole('button', { name: '取号', exact: true }).click();
    await page.getByTestId('ticket-qr').waitFor();
    const foot = await page.locator('[data-testid=ticket] .slip-foot').innerText();
    await showsHallTime(
      async () => foot.split('\n')[0]!.slice(11),
      (at) => formatHallTime(at, HALL_ZONE),
    );
    // The header and the slip on the same screen agree — the header may have turned to the next minute since the
    // slip was printed (CI once read 05:55 against a slip of 05:54), never to another clock.
    const slipTime = foot.split('\n')[0]!.slice(11);
    const [hours, minutes] = slipTime.split(':').map(Number) as [number, number];
    const nextMinute = `${String((hours + Math.floor((minutes + 1) / 60)) % 24).padStart(2, '0')}:${String((minutes + 1) % 60).padStart(2, '0')}`;
    expect([slipTime, nextMinute]).toContain((await clock.innerText()).split('\n')[0]);

    const clerk = await hall.connect('/window', { sessionToken: await hall.login('clerk01') });
    await command(clerk, 'window:sign-in', { windowId: 'w01' });
    const number = await page.getByTestId('ticket-number').innerText();
    const ticket = (
      await command<{ tickets: { id: string; number: string }[] }>(clerk, 'hall:snapshot', {})
    ).tickets.find((t) => t.number === number)!;
    await page.goto(`${hall.baseUrl}/t/${ticket.id}`);
    await showsHallTime(
      async () => (await page.locator('.updated').innerText()).match(/\d{2}:\d{2}/)![0],
      (at) => formatHallTime(at, HALL_ZONE),
    );
  });
});
