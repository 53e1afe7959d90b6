/**
 * The waiting-hall display board in Chromium against a real hall server (demo hall).
 *
 * Decided behaviour checked here (DESIGN.md rule 2, display-board/README.md):
 * - a call shows on the board and is spoken (chime + text, `repeat` times) through speechSynthesis;
 * - calls in the first snapshot a board sees are history: shown, never spoken;
 * - calls made while the board was offline are announced once each, in order, after it reconnects (if at most
 *   five minutes old), and never again on a later reconnect; a recall is announced again (own seq); the same holds
 *   across a page reload (the board remembers how far it got);
 * - a browser that blocks autoplay shows the「声音已关闭」badge, and a tap turns sound on;
 * - a board without a token shows the pairing screen and pairs with a 6-digit code;
 * - a manager's change of the board's device settings (PUT /api/devices/:id, settings.services) reaches the open
 *   board live (device:settings): it shows only that service's waiting tile, without a reload.
 */
import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { CallView, HallEvent, TicketView } from '@onedoor/protocol';
import { command, startTestHall, type ClientSocket, type TestHall } from '../helpers/test-hall';
import { findChromium, launchChromium, type LaunchedContext } from './helpers/chromium';
import { waitForValue } from '../helpers/wait.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const SHOTS = join(ROOT, 'docs/screenshots');
const browserInfo = findChromium();

interface BoardProbe {
  seq: number | null;
  announced: string[];
  announcedSeqs: number[];
  utterances: string[];
  spoken: string[];
  status: string;
  sound: string;
}

const probe = (page: Page): Promise<BoardProbe> =>
  page.evaluate(() => {
    const b = window.__board!;
    return {
      seq: b.seq,
      announced: [...b.announced],
      announcedSeqs: [...b.announcedSeqs],
      utterances: [...b.utterances],
      spoken: [...b.spoken],
      status: b.status,
      sound: b.sound,
    };
  });

/**
 * Before the page runs: replaces speechSynthesis.speak with a recorder that ends each utterance, so the board's real
 * BrowserSpeech path runs, and notes each WebAudio oscillator start (the chime) in the same log.
 */
const RECORD_REAL_SPEECH = () => {
  const log: { text: string; lang: string }[] = [];
  (window as unknown as { __speechLog: typeof log }).__speechLog = log;
  window.speechSynthesis.speak = (u: SpeechSynthesisUtterance) => {
    log.push({ text: u.text, lang: u.lang });
    setTimeout(() => u.dispatchEvent(new Event('end')), 80);
  };
  const start = OscillatorNode.prototype.start;
  OscillatorNode.prototype.start = function (this: OscillatorNode, when?: number) {
    log.push({ text: '(chime)', lang: '' });
    return start.call(this, when);
  };
};
type SpeechLog = { text: string; lang: string }[];

describe.skipIf(!browserInfo.path)('display board (Chromium, real hall server)', () => {
  let hall: TestHall;
  let browser: LaunchedContext;
  let clerk: ClientSocket;
  let kiosk: Awaited<ReturnType<TestHall['connect']>>;
  let displayToken: string;
  let lastSeq = 0;
  const calls: CallView[] = [];

  beforeAll(async () => {
    // dist/web/display is (re)built from the current source by test/global-setup.ts before any test file runs
    // (building here would race with other e2e files serving the same directory).
    hall = await startTestHall({ seedDemo: true });
    clerk = await hall.connect('/window', { sessionToken: await hall.login('clerk01', 'demo1234') });
    kiosk = await hall.connect('/kiosk', { deviceToken: await hall.deviceToken('kiosk') });
    lastSeq = kiosk.firstSnapshot.seq;
    kiosk.on('hall:event', (e: HallEvent) => {
      lastSeq = Math.max(lastSeq, e.seq);
      if (e.call) calls.push(e.call);
    });
    await command(clerk, 'window:sign-in', { windowId: 'w01' });
    displayToken = await hall.deviceToken('display');
    browser = await launchChromium(browserInfo.path!);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await hall?.close();
  });

  /** Issues a general ticket at the kiosk and calls it at w01; resolves with the call the hall broadcast. */
  async function issueAndCall(): Promise<CallView> {
    await command(kiosk, 'ticket:issue', { serviceId: 'general' });
    const ticket = await command<TicketView>(clerk, 'ticket:call-next', { windowId: 'w01' });
    return waitForValue(
      'the call event',
      () => calls.find((c) => c.ticketId === ticket.id && c.seq > 0 && !c.recall),
      Boolean,
    ).then((c) => c!);
  }

  it('shows a call big and speaks its text through speechSynthesis (zh-CN), chime first, twice', async () => {
    const page = await browser.context.newPage();
    await page.addInitScript(RECORD_REAL_SPEECH);
    await page.goto(`${hall.baseUrl}/display/#token=${encodeURIComponent(displayToken)}`);
    await page.getByTestId('board').waitFor();
    // The token left the address bar and stayed on the device.
    expect(page.url()).not.toContain('token');
    expect(await page.evaluate(() => localStorage.getItem('onedoor.display.deviceToken'))).toBe(displayToken);
    expect((await probe(page)).sound).toBe('ok'); // --autoplay-policy=no-user-gesture-required

    const call = await issueAndCall();
    await expect.poll(() => page.getByTestId('now-number').textContent()).toBe(call.number);
    expect(await page.getByTestId('now-window').textContent()).toBe('1号窗口');
    expect(call.text).toContain(call.number);

    const log = await waitForValue(
      'two utterances',
      () => page.evaluate(() => (window as unknown as { __speechLog: SpeechLog }).__speechLog.filter(Boolean)),
      (l) => l.filter((u) => u.text !== '(chime)').length >= 2,
    );
    // The chime (two tones × three partials) sounds first, then the sentence twice, in Chinese.
    expect(log.map((u) => u.text)).toEqual([...Array<string>(6).fill('(chime)'), call.text, call.text]);
    expect(log.at(-1)!.lang).toMatch(/^zh/);
    const b = await waitForValue(
      'spoken',
      () => probe(page),
      (p) => p.spoken.length === 2,
    );
    expect(b.announced).toEqual([call.text]);
    expect(b.utterances).toEqual([call.text, call.text]);
    await page.close();
  }, 60_000);

  it('announces each call missed while offline once after reconnecting, and never again', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${hall.baseUrl}/display/#token=${encodeURIComponent(displayToken)}&speech=record`);
    await page.getByTestId('board').waitFor();
    // The call of the previous test is in the first snapshot: history, shown but not spoken.
    const previous = calls.at(-1)!;
    await expect.poll(() => page.getByTestId('now-number').textContent()).toBe(previous.number);
    expect((await probe(page)).announced).toEqual([]);

    const first = await issueAndCall();
    await waitForValue(
      'first call spoken',
      () => probe(page),
      (p) => p.spoken.length === 2,
    );
    expect((await probe(page)).spoken).toEqual([first.text, first.text]);

    // Unplug the board: the browser goes offline (the socket drops, reconnect attempts fail).
    await browser.context.setOffline(true);
    await page.getByTestId('offline').waitFor();
    expect(await page.getByTestId('offline').textContent()).toContain('离线 重连中');

    const missed: CallView[] = [];
    for (let i = 0; i < 4; i++) missed.push(await issueAndCall());
    // …and a recall of the last one: it has its own seq and must be announced again.
    await command<TicketView>(clerk, 'ticket:recall', { windowId: 'w01' });
    missed.push(
      await waitForValue('the recall', () => calls.find((c) => c.recall && c.seq > missed.at(-1)!.seq), Boolean).then(
        (c) => c!,
      ),
    );
    expect(missed.map((c) => c.seq)).toEqual([...missed.map((c) => c.seq)].sort((a, b) => a - b));
    await page.waitForTimeout(500);
    expect((await probe(page)).announced).toEqual([first.text]); // nothing reached the board

    await browser.context.setOffline(false);
    await page.getByTestId('offline').waitFor({ state: 'detached' });
    const back = await waitForValue(
      'missed calls announced',
      () => probe(page),
      (p) => p.announced.length === 6 && p.seq === lastSeq,
    );
    expect(back.announced).toEqual([first.text, ...missed.map((c) => c.text)]);
    expect(back.announcedSeqs).toEqual([first.seq, ...missed.map((c) => c.seq)]);
    expect(await page.getByTestId('now-number').textContent()).toBe(missed.at(-1)!.number);
    // All of it is spoken, in order, none cut off, each twice.
    const done = await waitForValue(
      'all spoken',
      () => probe(page),
      (p) => p.spoken.length === 12,
      40_000,
    );
    expect(done.spoken).toEqual([first, ...missed].flatMap((c) => [c.text, c.text]));

    // A second reconnect (the socket dropped by the test hook) with nothing new: nothing is spoken again.
    await page.evaluate(() => window.__board!.test.dropNetwork());
    await page.getByTestId('offline').waitFor();
    await page.evaluate(() => window.__board!.test.restoreNetwork());
    await page.getByTestId('offline').waitFor({ state: 'detached' });
    await page.waitForTimeout(1000);
    expect((await probe(page)).announced).toHaveLength(6);

    // A lost event (the ticket.issued before the next call): the board sees a gap, asks for a snapshot and still
    // announces the call exactly once.
    await page.evaluate(() => window.__board!.test.loseEvents(1));
    const afterGap = await issueAndCall();
    const healed = await waitForValue(
      'gap healed',
      () => probe(page),
      (p) => p.seq === lastSeq && p.announced.length === 7,
    );
    expect(healed.announcedSeqs.at(-1)).toBe(afterGap.seq);
    expect(healed.announcedSeqs.filter((s) => s === afterGap.seq)).toHaveLength(1);

    // And the next live call is announced as usual.
    const live = await issueAndCall();
    const after = await waitForValue(
      'live call',
      () => probe(page),
      (p) => p.announced.length === 8,
    );
    expect(after.announced.at(-1)).toBe(live.text);
    await page.close();

    // The player restarts (page closed, a call made, page opened again within the missed-call window): the board
    // resumes from the seq it had reached, so that call is announced once and nothing before it again.
    const whileClosed = await issueAndCall();
    const reopened = await browser.context.newPage();
    await reopened.goto(`${hall.baseUrl}/display/#speech=record`);
    await reopened.getByTestId('board').waitFor();
    const resumed = await waitForValue(
      'resumed',
      () => probe(reopened),
      (p) => p.seq === lastSeq && p.announced.length >= 1,
    );
    expect(resumed.announcedSeqs).toEqual([whileClosed.seq]);
    await reopened.reload();
    await reopened.getByTestId('board').waitFor();
    await waitForValue(
      'reloaded',
      () => probe(reopened),
      (p) => p.seq === lastSeq,
    );
    await reopened.waitForTimeout(500);
    expect((await probe(reopened)).announced).toEqual([]);
    await reopened.close();
  }, 120_000);

  it('shows the hall at 1920×1080 and a window strip (screenshots)', async () => {
    mkdirSync(SHOTS, { recursive: true });
    const manager = await hall.connect('/console', { sessionToken: await hall.login('manager01', 'demo1234') });
    await command(manager, 'notice:set', {
      text: '温馨提示：本中心工作时间为工作日上午8:30—12:00、下午13:30—17:30；请妥善保管号票，过号请到窗口重新激活。办事请携带本人有效身份证件。',
    });
    // A few more windows and services, so the board looks like a morning in the hall.
    const others: [string, string, string][] = [
      ['clerk09', 'w09', 'real-estate'],
      ['clerk16', 'w16', 'tax'],
      ['clerk02', 'w02', 'business'],
    ];
    for (const [user, windowId, serviceId] of others) {
      const s = await hall.connect('/window', { sessionToken: await hall.login(user, 'demo1234') });
      await command(s, 'window:sign-in', { windowId });
      await command(kiosk, 'ticket:issue', { serviceId });
      await command(s, 'ticket:call-next', { windowId });
    }
    for (const serviceId of [
      'general',
      'general',
      'general',
      'real-estate',
      'real-estate',
      'business',
      'social-security',
      'tax',
    ]) {
      await command(kiosk, 'ticket:issue', { serviceId });
    }

    const page = await browser.context.newPage();
    await page.goto(`${hall.baseUrl}/display/#token=${encodeURIComponent(displayToken)}&speech=record`);
    await page.getByTestId('board').waitFor();
    const call = await issueAndCall();
    await expect.poll(() => page.getByTestId('now-number').textContent()).toBe(call.number);
    // The newest call is a real-name ticket (出入境): the board shows the holder's name masked.
    const w15 = await hall.connect('/window', { sessionToken: await hall.login('clerk15', 'demo1234') });
    await command(w15, 'window:sign-in', { windowId: 'w15' });
    await command(kiosk, 'ticket:issue', {
      serviceId: 'exit-entry',
      holder: { idNumber: '11010519491231002X', name: '张三丰' },
    });
    const realName = await command<TicketView>(w15, 'ticket:call-next', { windowId: 'w15' });
    await expect.poll(() => page.getByTestId('now-number').textContent()).toBe(realName.number);
    const now = (await page.getByTestId('now').textContent())!;
    expect(now).toContain('15号窗口');
    expect(now).toContain('张*丰');
    expect(await page.textContent('body')).not.toContain('张三丰');
    await expect.poll(() => page.getByTestId('notice').textContent()).toContain('温馨提示');
    await page.waitForTimeout(4800); // let the highlight settle
    await page.screenshot({ path: join(SHOTS, 'display-main.png') });
    expect(await page.locator('.recent__row').count()).toBeGreaterThanOrEqual(4);
    await page.close();

    const strip = await browser.context.newPage();
    await strip.setViewportSize({ width: 1280, height: 400 });
    await strip.goto(`${hall.baseUrl}/display/?window=w01#token=${encodeURIComponent(displayToken)}`);
    await strip.getByTestId('strip').waitFor();
    await expect.poll(() => strip.getByTestId('strip-number').textContent()).toBe(call.number);
    expect(await strip.getByTestId('strip').textContent()).toContain('号窗口');
    expect((await probe(strip)).announced).toEqual([]); // a strip is silent by default and the call is history
    await strip.waitForTimeout(4500);
    await strip.screenshot({ path: join(SHOTS, 'display-window.png') });
    await strip.close();
    manager.disconnect();
    w15.disconnect();
  }, 90_000);

  it('pairs with a code, shows「声音已关闭」when autoplay is blocked, and a tap turns sound on', async () => {
    const blocked = await launchChromium(browserInfo.path!, {
      args: ['--autoplay-policy=document-user-activation-required'],
    });
    try {
      const page = await blocked.context.newPage();
      await page.addInitScript(RECORD_REAL_SPEECH);
      await page.goto(`${hall.baseUrl}/display/`);
      await page.getByRole('textbox').waitFor();
      hall.running.auth.saveDevice({
        id: 'display-e2e-pair',
        kind: 'display',
        name: '二楼大屏',
        windowId: null,
        settings: {},
      });
      const code = hall.running.auth.createPairingCode('display-e2e-pair');
      if (!code.ok) throw new Error(code.error.messageEn);
      await page.getByRole('textbox').fill('123');
      expect(await page.getByRole('button', { name: /配对/ }).isDisabled()).toBe(true);
      await page.getByRole('textbox').fill(code.value.code);
      await page.getByRole('button', { name: /配对/ }).click();
      await page.getByTestId('board').waitFor();
      expect(await page.evaluate(() => localStorage.getItem('onedoor.display.deviceToken'))).toBeTruthy();
      // The pairing click was a user gesture; a board starting unattended (power on, reload) has none.
      await page.reload();
      await page.getByTestId('board').waitFor();

      const badge = page.getByTestId('sound-off');
      await badge.waitFor();
      expect(await badge.textContent()).toContain('声音已关闭 · 点击开启');
      await page.screenshot({ path: join(SHOTS, 'display-sound-off.png') });
      // The board tells the console (device:status): someone has to tap this screen or fix its launch flags.
      const manager = await hall.login('manager01');
      const status = async () =>
        (
          (await (
            await fetch(`${hall.baseUrl}/api/devices`, { headers: { authorization: `Bearer ${manager}` } })
          ).json()) as { data: { id: string; online: boolean; status: string[] }[] }
        ).data.find((d) => d.id === 'display-e2e-pair');
      await expect.poll(status).toMatchObject({ online: true, status: ['sound-blocked'] });
      await badge.click();
      await badge.waitFor({ state: 'detached' });
      expect((await probe(page)).sound).toBe('ok');
      await expect.poll(status).toMatchObject({ online: true, status: [] });
    } finally {
      await blocked.close();
    }
  }, 60_000);

  it('device settings from the console apply live: services: [real-estate] leaves only that waiting tile', async () => {
    const id = `display-e2e-settings-${Date.now()}`;
    const token = await hall.deviceToken('display', id);
    const page = await browser.context.newPage();
    await page.goto(`${hall.baseUrl}/display/?speech=record#token=${encodeURIComponent(token)}`);
    await page.getByTestId('board').waitFor();
    const tiles = page.locator('[data-testid="waiting"] .tile__name');
    await expect.poll(() => tiles.count()).toBeGreaterThan(1);
    await page.evaluate(() => ((window as unknown as { __sameLoad: boolean }).__sameLoad = true));

    const manager = await hall.login('manager01', 'demo1234');
    const res = await fetch(`${hall.baseUrl}/api/devices/${id}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${manager}` },
      body: JSON.stringify({ kind: 'display', name: '二楼不动产屏', settings: { services: ['real-estate'] } }),
    });
    expect(res.status).toBe(200);
    await expect.poll(() => tiles.allInnerTexts()).toEqual(['不动产登记']);
    expect(await page.evaluate(() => window.__board?.settings)).toEqual({ services: ['real-estate'] });
    // No reload: the page is the same document.
    expect(await page.evaluate(() => (window as unknown as { __sameLoad?: boolean }).__sameLoad)).toBe(true);
    // A general call is no longer this board's: not announced (the filter also guards the voice).
    const before = (await probe(page)).announced.length;
    const general = await issueAndCall();
    await expect.poll(async () => (await probe(page)).seq).toBeGreaterThanOrEqual(general.seq);
    expect((await probe(page)).announced.length).toBe(before);
    await page.close();
  });
});
