/**
 * Finding 11 on the real board page: a board whose network is down while 65 calls happen (more than the snapshot's
 * 20) announces every one of them after it is back, once each and in order, then the next live call.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { CallView, HallEvent } from '@onedoor/protocol';
import { command, startTestHall, type TestHall } from '../helpers/test-hall';
import { findChromium, launchChromium, type LaunchedContext } from './helpers/chromium';
import { waitForValue } from '../helpers/wait.js';

const browserInfo = findChromium();
const WINDOWS = ['w01', 'w02', 'w03', 'w04'];

describe.skipIf(!browserInfo.path)('display board replays every missed call (Chromium, real hall server)', () => {
  let hall: TestHall;
  let browser: LaunchedContext;
  const calls: CallView[] = [];

  beforeAll(async () => {
    hall = await startTestHall({ seedDemo: true });
    for (const [i, windowId] of WINDOWS.entries()) {
      const clerk = await hall.connect('/window', { sessionToken: await hall.login(`clerk0${i + 1}`) });
      await command(clerk, 'window:sign-in', { windowId });
    }
    // Every call the hall broadcast, in order: a kiosk's socket is never cut.
    const kiosk = await hall.connect('/kiosk', { deviceToken: await hall.deviceToken('kiosk') });
    kiosk.on('hall:event', (e: HallEvent) => {
      if (e.call) calls.push(e.call);
    });
    for (let i = 0; i < 80; i++) {
      const r = await hall.running.hall.issueTicket({ serviceId: 'general' }, 'kiosk', {
        kind: 'device',
        deviceId: 'kiosk-01',
      });
      if (!r.ok) throw new Error(r.error.messageEn);
    }
    browser = await launchChromium(browserInfo.path!);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await hall?.close();
  });

  let made = 0;
  async function callNext(count: number): Promise<void> {
    for (let i = 0; i < count; i++, made++) {
      const windowId = WINDOWS[made % WINDOWS.length]!;
      const r = await hall.running.hall.runQueueCommand(
        { type: 'call-next', windowId },
        { kind: 'staff', staffId: 'e2e' },
      );
      if (!r.ok) throw new Error(r.error.messageEn);
    }
    await waitForValue(
      'the calls broadcast',
      () => calls.length,
      (n) => n === made,
    );
  }

  const announcedSeqs = (page: Page) => page.evaluate(() => [...window.__board!.announcedSeqs]);

  it('announces all 65 calls made while it was offline, in order, once each', async () => {
    const token = await hall.deviceToken('display');
    const page = await browser.context.newPage();
    await page.goto(`${hall.baseUrl}/display/?voice=off#token=${encodeURIComponent(token)}`);
    await page.getByTestId('board').waitFor();
    await page.getByTestId('offline').waitFor({ state: 'detached' });
    await callNext(2);
    await waitForValue(
      'the live calls',
      () => announcedSeqs(page),
      (s) => s.length === 2,
    );

    await page.evaluate(() => window.__board!.test.dropNetwork());
    await page.getByTestId('offline').waitFor();
    await callNext(65);
    await page.evaluate(() => window.__board!.test.restoreNetwork());
    await page.getByTestId('offline').waitFor({ state: 'detached' });
    await waitForValue(
      'every missed call',
      () => announcedSeqs(page),
      (s) => s.length >= 67,
    );
    await callNext(1);
    const seqs = await waitForValue(
      'the next live call',
      () => announcedSeqs(page),
      (s) => s.length >= 68,
    );
    expect(seqs).toEqual(calls.map((c) => c.seq));
    expect(await page.evaluate(() => window.__board!.announced.at(-1))).toBe(calls.at(-1)!.text);
    await page.close();
  });
});
