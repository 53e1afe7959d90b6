/**
 * A restart nobody notices: a board paired by code in the console (the demo's own main board, `display-main`) keeps
 * its pairing when the hall server restarts on the same data directory — no「设备授权已失效，请重新配对」— and once
 * it is back it announces the calls it missed, once each, oldest first, and nothing again on a later reconnect.
 */
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { CallView, HallEvent, TicketView } from '@onedoor/protocol';
import { command, startTestHall, type TestHall } from '../helpers/test-hall';
import { findChromium, launchChromium, type LaunchedContext } from './helpers/chromium';
import { waitForValue } from '../helpers/wait.js';

const browserInfo = findChromium();

interface BoardProbe {
  seq: number | null;
  announced: string[];
  announcedSeqs: number[];
  status: string;
}
const probe = (page: Page): Promise<BoardProbe> =>
  page.evaluate(() => {
    const b = window.__board!;
    return { seq: b.seq, announced: [...b.announced], announcedSeqs: [...b.announcedSeqs], status: b.status };
  });

describe.skipIf(!browserInfo.path)('a board across a hall restart (Chromium, real hall server, same data dir)', () => {
  let first: TestHall;
  let second: TestHall | null = null;
  let browser: LaunchedContext;

  beforeAll(async () => {
    first = await startTestHall({ seedDemo: true });
    browser = await launchChromium(browserInfo.path!);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await second?.stop();
    await first?.stop();
    rmSync(first.dataDir, { recursive: true, force: true });
  });

  /** Issues a ticket and calls it at w01 on `hall`; resolves with the call the hall broadcast. */
  async function call(hall: TestHall): Promise<CallView> {
    const kiosk = await hall.connect('/kiosk', { deviceToken: hall.running.demoTokens['kiosk-01']! });
    const clerk = await hall.connect('/window', { sessionToken: await hall.login('clerk01') });
    await command(clerk, 'window:sign-in', { windowId: 'w01' }).catch(() => undefined); // signed in already
    const calls: CallView[] = [];
    clerk.on('hall:event', (e: HallEvent) => e.call && calls.push(e.call));
    await command(kiosk, 'ticket:issue', { serviceId: 'general' });
    const t = await command<TicketView>(clerk, 'ticket:call-next', { windowId: 'w01' });
    const c = await waitForValue('the call', () => calls.find((x) => x.ticketId === t.id), Boolean);
    kiosk.disconnect();
    clerk.disconnect();
    return c!;
  }

  it('resumes without pairing again and announces the calls it missed once', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${first.baseUrl}/display/#speech=record`);
    await page.getByRole('textbox').waitFor();
    // The installer pairs the hall's main board with a code from the console.
    const code = first.running.auth.createPairingCode('display-main');
    if (!code.ok) throw new Error(code.error.messageEn);
    await page.getByRole('textbox').fill(code.value.code);
    await page.getByRole('button', { name: /配对/ }).click();
    await page.getByTestId('board').waitFor();
    const token = await page.evaluate(() => localStorage.getItem('onedoor.display.deviceToken'));
    expect(token).toBeTruthy();
    const before = await call(first);
    await waitForValue(
      'the first call announced',
      () => probe(page),
      (p) => p.announcedSeqs.includes(before.seq),
    );

    // The power goes: the board holds its link down while the hall restarts and calls two people.
    await page.evaluate(() => window.__board!.test.dropNetwork());
    await page.getByTestId('offline').waitFor();
    const port = Number(new URL(first.baseUrl).port);
    const kioskLink = first.running.demoTokens['kiosk-01'];
    await first.stop();
    second = await startTestHall({
      seedDemo: true,
      dataDir: first.dataDir,
      config: { hall: { id: first.config.hall.id }, server: { port } },
    });
    // The printed demo link is the same after the restart, and the board's own pairing was left alone.
    expect(second.running.demoTokens['kiosk-01']).toBe(kioskLink);
    expect(second.running.demoLinks.find((l) => l.deviceId === 'display-main')?.state).toBe('repaired');
    const missed = [await call(second), await call(second)];
    expect(missed[0]!.seq).toBeGreaterThan(before.seq);

    await page.evaluate(() => window.__board!.test.restoreNetwork());
    const back = await waitForValue(
      'the missed calls announced',
      () => probe(page),
      (p) => p.status === 'online' && p.announcedSeqs.includes(missed[1]!.seq),
      20_000, // the board's reconnect backoff grew while the hall was down
    );
    expect(back.announcedSeqs).toEqual([before.seq, missed[0]!.seq, missed[1]!.seq]);
    expect(back.announced).toEqual([before.text, missed[0]!.text, missed[1]!.text]);
    // Never unpaired: no pairing screen, the same token kept.
    expect(await page.locator('.pair').count()).toBe(0);
    expect(await page.evaluate(() => localStorage.getItem('onedoor.display.deviceToken'))).toBe(token);
    expect(await page.getByTestId('now-number').innerText()).toBe(missed[1]!.number);

    // Another reconnect with nothing new: nothing is announced again.
    await page.evaluate(() => window.__board!.test.dropNetwork());
    await page.getByTestId('offline').waitFor();
    await page.evaluate(() => window.__board!.test.restoreNetwork());
    await page.getByTestId('offline').waitFor({ state: 'detached' });
    await waitForValue(
      'resynced',
      () => probe(page),
      (p) => p.status === 'online' && p.seq !== null && p.seq >= missed[1]!.seq,
    );
    expect((await probe(page)).announcedSeqs).toEqual([before.seq, missed[0]!.seq, missed[1]!.seq]);
    await page.close();
  }, 120_000);
});
