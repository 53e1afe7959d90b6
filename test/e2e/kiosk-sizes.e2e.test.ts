/**
 * Every kiosk screen at the sizes halls use — portrait 1080×1920, landscape 1920×1080, 1280×1024 — walked through the
 * real flows against a real hall (virtual devices in Chromium). At every step nothing may be cut off or covered
 * (test/e2e/helpers/layout.ts: the stage fits without scrolling, every button and input is inside the viewport and
 * on top at its centre and corners), and the step is photographed: docs/screenshots/sizes/kiosk-<size>-<nn>-<step>.png.
 *
 * The flows: home, search with the on-screen keyboard, confirm, ticket, real-name (card) ticket and its refusal, a
 * failed print, check-in by code (on time → ticket with the banner; too early → refused), check-in by card, elder mode
 * (home and a ticket read aloud in Mandarin), English (home, confirm, ticket), maintenance, pairing.
 */
import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { idNumberCheckChar } from '@onedoor/protocol';
import { command, startTestHall, type TestHall } from '../helpers/test-hall';
import { findChromium, launchChromium, type LaunchedContext } from './helpers/chromium';
import { layoutProblems } from './helpers/layout';
import { waitForValue } from '../helpers/wait.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const SHOTS = join(ROOT, 'docs/screenshots/sizes');
const browserInfo = findChromium();

const SIZES = [
  { width: 1080, height: 1920 },
  { width: 1920, height: 1080 },
  { width: 1280, height: 1024 },
] as const;

/** One visitor per size for each flow that depends on the person (real-name limits, bookings by card). */
const CARD_HOLDERS = ['张三', '李小梅', '王建国'] as const;
const CARD_CHECK_IN = [
  { name: '陈思远', idNumber: '440304199207084569' },
  { name: '张三', idNumber: '11010519491231002X' },
  { name: '李小梅', idNumber: '42010619850315123X' },
] as const;
/** A valid made-up ID number (GB 11643 check character) for the bookings checked in by code. */
const idNumber = (n: number): string => {
  const first17 = `1101051990010${String(100 + n).padStart(3, '0')}1`;
  return first17 + idNumberCheckChar(first17);
};

/** Records what the speech port is handed (the real BrowserSpeech path runs; each utterance ends at once). */
const RECORD_SPEECH = () => {
  const log: { text: string; lang: string }[] = [];
  (window as unknown as { __speechLog: typeof log }).__speechLog = log;
  window.speechSynthesis.speak = (u: SpeechSynthesisUtterance) => {
    log.push({ text: u.text, lang: u.lang });
    setTimeout(() => u.dispatchEvent(new Event('end')), 20);
  };
};

describe.skipIf(!browserInfo.path)('kiosk at every size (Chromium, real hall server)', () => {
  let hall: TestHall;
  let browser: LaunchedContext;
  let kioskToken: string;
  let manager: string;

  beforeAll(async () => {
    // dist/web/kiosk is (re)built from the current source by test/global-setup.ts.
    hall = await startTestHall({ seedDemo: true });
    kioskToken = await hall.deviceToken('kiosk');
    manager = await hall.login('manager01');
    const clerk = await hall.connect('/window', { sessionToken: await hall.login('clerk01') });
    await command(clerk, 'window:sign-in', { windowId: 'w01' });
    // A morning in the hall: a few people waiting, so the tiles show counts and estimates.
    const kiosk = await hall.connect('/kiosk', { deviceToken: kioskToken });
    for (const serviceId of ['general', 'general', 'real-estate', 'business', 'tax']) {
      await command(kiosk, 'ticket:issue', { serviceId });
    }
    browser = await launchChromium(browserInfo.path!);
    await browser.context.addInitScript(RECORD_SPEECH);
    mkdirSync(SHOTS, { recursive: true });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await hall?.close();
  });

  const book = async (id: string, code: string, holder: { name: string; idNumber: string }, startInMin: number) => {
    const now = Date.now();
    const res = await fetch(`${hall.baseUrl}/api/appointments/${id}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${manager}` },
      body: JSON.stringify({
        code,
        serviceId: 'real-estate',
        matter: '不动产转移登记',
        holder,
        slotStart: new Date(now + startInMin * 60_000).toISOString(),
        slotEnd: new Date(now + (startInMin + 60) * 60_000).toISOString(),
      }),
    });
    expect(res.status).toBe(200);
  };

  for (const [i, size] of SIZES.entries()) {
    const tag = `${size.width}x${size.height}`;
    it(`${tag}: every screen of every flow fits, nothing covered`, async () => {
      await book(`size-code-${i}`, `SZ${i}CODE01`, { name: '赵文', idNumber: idNumber(i) }, -5);
      await book(`size-early-${i}`, `SZ${i}EARLY1`, { name: '钱雨', idNumber: idNumber(10 + i) }, 180);
      await book(`size-card-${i}`, `SZ${i}CARD01`, CARD_CHECK_IN[i]!, -5);

      const page: Page = await browser.context.newPage();
      await page.setViewportSize(size);
      let n = 0;
      const failures: string[] = [];
      /** Checks the layout now and photographs it. */
      const step = async (name: string) => {
        await page.evaluate(() => document.fonts.ready);
        // Let entry transitions and the QR code settle before looking.
        await page.waitForTimeout(150);
        const problems = await layoutProblems(page, { mustFit: ['.stage', '.maintenance', '.modal'] });
        for (const p of problems) failures.push(`${tag} ${name}: ${p}`);
        n += 1;
        await page.screenshot({ path: join(SHOTS, `kiosk-${tag}-${String(n).padStart(2, '0')}-${name}.png`) });
      };
      const screen = () => page.locator('.kiosk').getAttribute('data-screen');
      const waitScreen = (name: string) => waitForValue(`screen ${name}`, screen, (s) => s === name);
      const tap = (selector: string) => page.locator(selector).click();
      const take = () => page.getByRole('button', { name: /^(取号|Take a number)$/ }).click();
      const home = async () => {
        await page.locator('.panel .actions .primary').click();
        await waitScreen('home');
      };
      const virtualToggle = () => page.locator('.virtual-toggle').click();

      await page.goto(`${hall.baseUrl}/kiosk/#token=${encodeURIComponent(kioskToken)}`);
      await page.locator('.tile[data-service="general"]:not([disabled])').waitFor();
      await step('home');

      // Search by pinyin initials with the on-screen keyboard.
      await tap('.search-input');
      await page.locator('.keyboard').waitFor();
      for (const k of 'YYZZ') await page.locator('.kb-key', { hasText: new RegExp(`^${k}$`) }).click();
      await page.locator('.hit-matter', { hasText: '营业执照设立登记' }).waitFor();
      await step('search');
      await page.getByRole('button', { name: '清除' }).click();
      await page.locator('.kb-key', { hasText: '✓' }).click();

      // Confirm and ticket.
      await tap('.tile[data-service="general"]');
      await waitScreen('service');
      await step('confirm');
      await take();
      await waitScreen('ticket');
      await page.getByTestId('ticket-qr').waitFor();
      await step('ticket');
      await home();

      // Real name: the card is asked for (the demo cards sit in the footer), the ticket, then the limit refusal.
      const holder = CARD_HOLDERS[i]!;
      await tap('.tile[data-service="exit-entry"]');
      await waitScreen('service');
      await take();
      await waitScreen('await-card');
      await step('await-card');
      await page.locator('.virtual-card', { hasText: holder }).click();
      await waitScreen('ticket');
      await page.getByTestId('ticket-qr').waitFor();
      await step('ticket-real-name');
      await home();
      await tap('.tile[data-service="exit-entry"]');
      await waitScreen('service');
      await take();
      await waitScreen('await-card');
      await page.locator('.virtual-card', { hasText: holder }).click();
      await waitScreen('refused');
      await step('refused');
      await home();

      // A failed print.
      await virtualToggle();
      await page.getByTestId('printer-fault').check();
      await virtualToggle();
      await tap('.tile[data-service="tax"]');
      await waitScreen('service');
      await take();
      await waitScreen('print-failed');
      await step('print-failed');
      await home();
      await virtualToggle();
      await page.getByTestId('printer-fault').uncheck();
      await virtualToggle();

      // Check-in by code: the pad, the ticket with its banner; a code too early is refused.
      await page.getByRole('button', { name: '预约签到' }).click();
      await waitScreen('appointment');
      for (const ch of `SZ${i}CODE01`) await page.locator('.code-key', { hasText: new RegExp(`^${ch}$`) }).click();
      await step('check-in-code');
      await page.getByRole('button', { name: '签到', exact: true }).click();
      await waitScreen('ticket');
      await page.getByTestId('checkin-message').waitFor();
      await page.getByTestId('ticket-qr').waitFor();
      await step('check-in-ticket');
      await home();
      await page.getByRole('button', { name: '预约签到' }).click();
      await waitScreen('appointment');
      await page.getByTestId('checkin-code').fill(`SZ${i}EARLY1`);
      await page.getByRole('button', { name: '签到', exact: true }).click();
      await waitScreen('check-in-refused');
      await step('check-in-refused');
      await page.getByRole('button', { name: '返回首页' }).click();
      await waitScreen('home');

      // Check-in by card.
      await page.getByRole('button', { name: '预约签到' }).click();
      await waitScreen('appointment');
      await page.locator('.virtual-card', { hasText: CARD_CHECK_IN[i]!.name }).click();
      await waitScreen('ticket');
      await page.getByTestId('checkin-message').waitFor();
      await step('check-in-card-ticket');
      await home();

      // Elder mode: larger everything, one tap takes the number, the ticket is read aloud in Mandarin.
      await page.getByRole('button', { name: '长辈模式' }).click();
      await page.locator('.kiosk.elder').waitFor();
      await step('elder-home');
      await tap('.tile[data-service="business"]');
      await waitScreen('ticket');
      await page.getByTestId('ticket-qr').waitFor();
      await step('elder-ticket');
      const number = await page.getByTestId('ticket-number').innerText();
      const spoken = await waitForValue(
        'the ticket read aloud',
        () => page.evaluate(() => (window as unknown as { __speechLog: { text: string; lang: string }[] }).__speechLog),
        (log) => log.some((u) => u.text.includes(number)),
      );
      const sentence = spoken.find((u) => u.text.includes(number))!;
      expect(sentence.lang).toMatch(/^zh/);
      expect(sentence.text).toContain('企业开办');
      expect(sentence.text).toMatch(/前面(还有 \d+ 人|没有人在等候)/);
      await page.getByRole('button', { name: /再听一遍/ }).click();
      await waitForValue(
        'read again',
        () => page.evaluate(() => (window as unknown as { __speechLog: { text: string }[] }).__speechLog),
        (log) => log.filter((u) => u.text === sentence.text).length >= 2,
      );
      await home();
      await page.getByRole('button', { name: '标准模式' }).click();

      // English: the hall, the groups, the hours, the bundles, the ticket all in English.
      await page.getByRole('button', { name: 'English' }).click();
      await page.locator('.welcome', { hasText: 'Welcome' }).waitFor();
      expect(await page.getByTestId('hall-name').innerText()).toContain('Citizen Service Centre');
      expect(await page.locator('.group h2').allInnerTexts()).toEqual(
        expect.arrayContaining(['General services', 'Public security', 'Market regulation']),
      );
      expect(await page.getByTestId('hall-hours').innerText()).toMatch(/^Hours: Mon–Sun all day/);
      expect(await page.locator('.bundles .tile-sub').allInnerTexts()).toContain(
        'Business licence · food business permit',
      );
      await step('en-home');
      await tap('.tile[data-service="social-security"]');
      await waitScreen('service');
      await step('en-confirm');
      await take();
      await waitScreen('ticket');
      await page.getByTestId('ticket-qr').waitFor();
      const slip = await page.getByTestId('ticket').innerText();
      expect(slip).toContain('Social & medical insurance');
      expect(slip).toContain('Watch for your number');
      expect(slip).not.toMatch(/[\u4e00-\u9fff]/); // no Chinese left on the English slip
      await step('en-ticket');
      await home();
      await page.getByRole('button', { name: '中文' }).click();

      // The network goes: the maintenance notice covers everything (nothing under it can be touched).
      await browser.context.setOffline(true);
      await page.getByTestId('maintenance').waitFor({ timeout: 20_000 });
      await step('maintenance');
      await browser.context.setOffline(false);
      await page.getByTestId('maintenance').waitFor({ state: 'detached', timeout: 20_000 });

      // Pairing (a kiosk without a token).
      await page.evaluate(() => localStorage.removeItem('onedoor.kiosk.deviceToken'));
      await page.goto(`${hall.baseUrl}/kiosk/`);
      await page.locator('.pairing').waitFor();
      await step('pairing');
      await page.evaluate((t) => localStorage.setItem('onedoor.kiosk.deviceToken', t), kioskToken);

      // Last (the screenshots before keep their numbers): the token back, 绿色通道 through the staff screen.
      await page.reload();
      await page.locator('.tile[data-service="general"]:not([disabled])').waitFor();
      // 绿色通道: the staff screen (a visitor's card refused there), the staff card's unlock on home, the green ticket.
      await page.getByTestId('staff-green').click();
      await waitScreen('staff');
      await page.locator('.virtual-card', { hasText: '王建国' }).click();
      await page.getByTestId('staff-error').waitFor();
      await step('staff-refused');
      await page.getByTestId('virtual-staff-card').click();
      await waitScreen('home');
      await page.getByTestId('green-unlocked').waitFor();
      await step('green-home');
      await tap('.tile[data-service="general"]');
      await waitScreen('service');
      await take();
      await waitScreen('ticket');
      await page.getByTestId('ticket-qr').waitFor();
      await step('green-ticket');
      await home();

      await page.close();
      expect(failures).toEqual([]);
    }, 240_000);
  }
});
