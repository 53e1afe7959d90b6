/**
 * The kiosk renderer in Chromium (`/kiosk/` as the hall server serves it, virtual devices) against a real hall
 * server with the demo hall, at the 1080×1920 portrait size of a typical kiosk.
 *
 * Checked here:
 * - a visitor taps 综合受理 and gets A001 on screen with its QR code; the server has the ticket;
 * - the hall's opening hours (ServiceView.hoursText) in the notice and on the confirm screen;
 * - search by pinyin initials (yyzz) finds 营业执照设立登记 and the services that take it (ServiceView.matters);
 * - a real-name service (户政业务) takes the virtual ID card; the third ticket of the day for the same person is refused
 *   with the server's message and a plain-words line;
 * - a printer failure tells the visitor what to do and the server voids the ticket (a clerk's call-next finds nobody);
 * - the server going away shows the maintenance screen, and the kiosk works again by itself when it is back;
 * - elder mode takes a number with one tap; English switch;
 * - appointment check-in: the on-time code typed on the on-screen pad gives a 预约 ticket (B…) with「优先办理」; the
 *   too-early code says when to come back, and「直接取号」goes to the services; the virtual ID card of a visitor
 *   booked for now checks in too; a booking already used is refused in plain words.
 * - 绿色通道: on the staff screen a visitor's card is refused by the server; the staff card unlocks one green number.
 * Screenshots: docs/screenshots/kiosk-home.png, kiosk-ticket.png, kiosk-elder.png, kiosk-checkin.png.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { Ack, HallSnapshot, TicketView } from '@onedoor/protocol';
import { command, request, startTestHall, type ClientSocket, type TestHall } from '../helpers/test-hall';
import { findChromium, launchChromium, type LaunchedContext } from './helpers/chromium';
import { waitForValue } from '../helpers/wait.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const SHOTS = join(ROOT, 'docs/screenshots');
const browserInfo = findChromium();
const VIEWPORT = { width: 1080, height: 1920 };
/** Set ONEDOOR_E2E_EXTRA_SHOTS=/some/dir to also photograph the other screens (for reviewing the layout). */
const EXTRA_SHOTS = process.env.ONEDOOR_E2E_EXTRA_SHOTS;

describe.skipIf(!browserInfo.path)('kiosk (Chromium, real hall server)', () => {
  let hall: TestHall;
  let restarted: TestHall | null = null;
  let browser: LaunchedContext;
  let page: Page;
  let clerk: ClientSocket;
  let kioskToken: string;

  const snapshot = async (socket: ClientSocket = clerk): Promise<HallSnapshot> => {
    const ack = await request<HallSnapshot>(socket, 'hall:snapshot', {});
    if (!ack.ok) throw new Error(ack.error.message);
    return ack.data;
  };
  const screen = () => page.locator('.kiosk').getAttribute('data-screen');
  const waitScreen = (name: string) => waitForValue(`screen ${name}`, screen, (s) => s === name);
  const tapService = (id: string) => page.locator(`.tile[data-service="${id}"]`).click();
  const tapTake = () => page.getByRole('button', { name: '取号', exact: true }).click();
  const extraShot = async (name: string) => {
    if (EXTRA_SHOTS) await page.screenshot({ path: join(EXTRA_SHOTS, `kiosk-${name}.png`) });
  };
  const backHome = async () => {
    await page.locator('.panel .actions .primary').click();
    await waitScreen('home');
  };

  beforeAll(async () => {
    if (process.env.ONEDOOR_E2E_SKIP_BUILD !== '1') {
      execFileSync(process.execPath, [join(ROOT, 'node_modules/tsx/dist/cli.mjs'), 'web.vite.config.ts', 'kiosk'], {
        cwd: ROOT,
        stdio: 'pipe',
      });
    }
    hall = await startTestHall({ seedDemo: true });
    clerk = await hall.connect('/window', { sessionToken: await hall.login('clerk01', 'demo1234') });
    await command(clerk, 'window:sign-in', { windowId: 'w01' });
    kioskToken = await hall.deviceToken('kiosk');
    browser = await launchChromium(browserInfo.path!, { viewport: VIEWPORT });
    page = await browser.context.newPage();
    mkdirSync(SHOTS, { recursive: true });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    if (restarted) {
      await restarted.close();
      rmSync(hall.dataDir, { recursive: true, force: true });
    } else {
      await hall?.close();
    }
  });

  it('opens with the token from the address, strips it, and shows the services by theme with the hall status', async () => {
    await page.goto(`${hall.baseUrl}/kiosk/#token=${encodeURIComponent(kioskToken)}`);
    await page.locator('.tile[data-service="general"]:not([disabled])').waitFor();
    expect(page.url()).not.toContain('token');
    expect(await page.evaluate(() => localStorage.getItem('onedoor.kiosk.deviceToken'))).toBe(kioskToken);
    await expect(page.locator('.group h2').allInnerTexts()).resolves.toEqual(
      expect.arrayContaining(['综合服务', '公安', '市场监管']),
    );
    // The 一件事 tiles are the hall catalog's bundles (catalog:bundles), in the order of the services that take them.
    await page.locator('.bundles .tile-name').first().waitFor();
    expect(await page.locator('.bundles .tile-name').allInnerTexts()).toEqual(['二手房买卖一件事', '开餐馆一件事']);
    await expect(page.locator('.open-state').innerText()).resolves.toContain('可以取号');
    // Opening hours from the server (ServiceView.hoursText; the demo hall is open every day, all day).
    expect(await page.getByTestId('hall-hours').innerText()).toMatch(/^办理时间：周一至周日 全天/);
    await page.evaluate(() => document.fonts.ready);
    await page.screenshot({ path: join(SHOTS, 'kiosk-home.png') });
  });

  it('a tap on 综合受理 gives A001 on screen with a QR code, and the server has the ticket', async () => {
    await tapService('general');
    await waitScreen('service');
    expect(await page.getByTestId('service-hours').innerText()).toContain('办理时间：周一至周日');
    await tapTake();
    await waitScreen('ticket');
    expect(await page.getByTestId('ticket-number').innerText()).toBe('A001');
    const qr = page.getByTestId('ticket-qr');
    await qr.waitFor();
    expect(await qr.getAttribute('src')).toMatch(/^data:image\/svg\+xml/);
    const onServer = (await snapshot()).tickets.find((t) => t.number === 'A001');
    expect(onServer).toMatchObject({ serviceId: 'general', status: 'waiting', source: 'kiosk' });
    await page.evaluate(() => document.fonts.ready);
    await page.screenshot({ path: join(SHOTS, 'kiosk-ticket.png') });
    await backHome();
  });

  it('search by pinyin initials: yyzz finds 营业执照设立登记 and where to take it', async () => {
    await page.locator('.search-input').click();
    await page.locator('.kb-key', { hasText: /^Y$/ }).click(); // the on-screen keyboard
    await page.locator('.search-input').fill('yyzz');
    const hit = page.locator('.hit-matter', { hasText: '营业执照设立登记' });
    await hit.waitFor();
    await extraShot('search');
    expect(await hit.locator('.hit-go').allInnerTexts()).toEqual(['在「综合受理」办理', '在「企业开办」办理']);
    await page.getByRole('button', { name: '清除' }).click();
    await page.locator('.kb-key', { hasText: '✓' }).click();
  });

  it('a real-name service takes the virtual ID card; the third ticket of the day is refused in plain words', async () => {
    const takeHousehold = async () => {
      await tapService('household');
      await waitScreen('service');
      await tapTake();
      await waitScreen('await-card');
      await extraShot('await-card');
      await page.locator('.virtual-card', { hasText: '张三' }).click();
    };
    await takeHousehold();
    await waitScreen('ticket');
    expect(await page.getByTestId('ticket-number').innerText()).toBe('C001');
    expect(await page.getByTestId('ticket').innerText()).toContain('张*');
    const c001 = (await snapshot()).tickets.find((t) => t.number === 'C001')!;
    expect(c001).toMatchObject({ realName: true, holderName: '张*', holderId: '1101**********002X' });
    await backHome();

    await takeHousehold();
    await waitScreen('ticket');
    expect(await page.getByTestId('ticket-number').innerText()).toBe('C002');
    await backHome();

    await takeHousehold();
    await waitScreen('refused');
    expect(await page.locator('.refused').getAttribute('data-code')).toBe('PERSON_LIMIT_REACHED');
    expect(await page.locator('.server-message').innerText()).toContain('每人每天限 2 张');
    expect(await page.locator('.friendly').innerText()).toContain('每人每天取号次数有限');
    await extraShot('refused');
    await backHome();
  });

  it('printer failure: the visitor is told what to do and the server voids the ticket (call-next finds nobody)', async () => {
    // Serve everyone waiting at window 1 first, so only the failed ticket could be next.
    for (;;) {
      const next = await request<TicketView>(clerk, 'ticket:call-next', { windowId: 'w01' });
      if (!next.ok) {
        expect(next.error.code).toBe('NO_TICKET_WAITING');
        break;
      }
      await command(clerk, 'ticket:finish', { windowId: 'w01' });
    }
    await page.locator('.virtual-toggle').click();
    await page.getByTestId('printer-fault').check();
    await page.locator('.virtual-toggle').click();
    await tapService('general');
    await waitScreen('service');
    await tapTake();
    await waitScreen('print-failed');
    expect(await page.locator('.print-failed').innerText()).toContain('不会被叫号');
    expect(await page.locator('.print-failed .reason').innerText()).toContain('缺纸');
    const failed = await page.locator('.void-number').innerText();
    await extraShot('print-failed');
    await waitForValue(
      'the failed ticket leaves the queue',
      async () => (await snapshot()).tickets.some((t) => t.number === failed),
      (active) => !active,
    );
    const next: Ack<TicketView> = await request<TicketView>(clerk, 'ticket:call-next', { windowId: 'w01' });
    expect(next.ok).toBe(false);
    if (!next.ok) expect(next.error.code).toBe('NO_TICKET_WAITING');
    await backHome();
    await page.locator('.virtual-toggle').click();
    await page.getByTestId('printer-fault').uncheck();
    await page.locator('.virtual-toggle').click();
  });

  it('elder mode: larger text, one tap takes the number', async () => {
    await page.getByRole('button', { name: '长辈模式' }).click();
    await page.locator('.kiosk.elder').waitFor();
    await page.evaluate(() => document.fonts.ready);
    await page.screenshot({ path: join(SHOTS, 'kiosk-elder.png') });
    await tapService('business');
    await waitScreen('ticket'); // no confirm screen
    expect(await page.getByTestId('ticket-number').innerText()).toMatch(/^E\d{3}$/);
    await backHome();
    await page.getByRole('button', { name: '标准模式' }).click();
  });

  it('English switch', async () => {
    await page.getByRole('button', { name: 'English' }).click();
    expect(await page.locator('.welcome').innerText()).toContain('Welcome');
    expect(await page.locator('.tile[data-service="general"] .tile-name').innerText()).toBe('General intake');
    await page.getByRole('button', { name: '中文' }).click();
  });

  const openCheckIn = async () => {
    await page.getByRole('button', { name: '预约签到' }).click();
    await waitScreen('appointment');
  };
  const typeCode = async (code: string) => {
    for (const ch of code) await page.locator('.code-key', { hasText: new RegExp(`^${ch}$`) }).click();
  };

  it('appointment check-in by code (on-screen pad): on time → a 预约 ticket B… with「优先办理」', async () => {
    const [onTime] = hall.running.demoAppointmentCodes;
    await openCheckIn();
    const submit = page.getByRole('button', { name: '签到', exact: true });
    expect(await submit.isDisabled()).toBe(true);
    await typeCode(onTime!);
    expect(await page.getByTestId('checkin-code').inputValue()).toBe(onTime);
    expect(await submit.isDisabled()).toBe(false);
    await page.evaluate(() => document.fonts.ready);
    await page.screenshot({ path: join(SHOTS, 'kiosk-checkin.png') });
    await submit.click();
    await waitScreen('ticket');
    const number = await page.getByTestId('ticket-number').innerText();
    expect(number).toMatch(/^B\d{3}$/);
    expect(await page.locator('.slip-priority').innerText()).toBe('预约');
    const banner = page.getByTestId('checkin-message');
    expect(await banner.getAttribute('data-outcome')).toBe('on-time');
    expect(await banner.innerText()).toContain('优先办理');
    await extraShot('checkin-ticket');
    const onServer = (await snapshot()).tickets.find((t) => t.number === number);
    expect(onServer).toMatchObject({ serviceId: 'real-estate', priority: 'appointment', source: 'appointment' });
    await backHome();
  });

  it('the too-early code says when to come back;「直接取号」goes to the services', async () => {
    const early = hall.running.demoAppointmentCodes[1]!;
    await openCheckIn();
    await page.getByTestId('checkin-code').fill(early.toLowerCase()); // a keyboard or code scanner types too
    await page.getByRole('button', { name: '签到', exact: true }).click();
    await waitScreen('check-in-refused');
    expect(await page.locator('.checkin-refused').getAttribute('data-code')).toBe('APPOINTMENT_TOO_EARLY');
    expect(await page.locator('.server-message').innerText()).toMatch(/请于 \d{4}-\d{2}-\d{2} \d{2}:\d{2} 之后签到/);
    expect(await page.locator('.friendly').innerText()).toContain('直接取普通号');
    await extraShot('checkin-refused');
    await page.getByRole('button', { name: '直接取号' }).click();
    await waitScreen('home');
    await page.locator('.tile[data-service="business"]:not([disabled])').waitFor();
  });

  it('by virtual ID card: a visitor booked for now checks in; a used booking is refused in plain words', async () => {
    const manager = await hall.login('manager01', 'demo1234');
    const now = Date.now();
    const booked = await fetch(`${hall.baseUrl}/api/appointments/e2e-card-1`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${manager}` },
      body: JSON.stringify({
        code: 'CARD0001',
        serviceId: 'tax',
        matter: '个人所得税汇算',
        holder: { idNumber: '42010619850315123X', name: '李小梅' },
        slotStart: new Date(now - 5 * 60_000).toISOString(),
        slotEnd: new Date(now + 55 * 60_000).toISOString(),
      }),
    });
    expect(booked.status).toBe(200);
    await openCheckIn();
    await page.locator('.virtual-card', { hasText: '李小梅' }).click();
    await waitScreen('ticket');
    expect(await page.getByTestId('ticket-number').innerText()).toMatch(/^H\d{3}$/);
    expect(await page.getByTestId('checkin-message').innerText()).toContain('个人所得税汇算');
    expect(await page.getByTestId('ticket').innerText()).toContain('李*');
    await backHome();

    // 陈明 checked in by code above: his card finds the booking already used.
    await openCheckIn();
    await page.locator('.virtual-card', { hasText: '陈明' }).click();
    await waitScreen('check-in-refused');
    expect(await page.locator('.checkin-refused').getAttribute('data-code')).toBe('APPOINTMENT_USED');
    expect(await page.locator('.friendly').innerText()).toContain('已经签到过');
    await page.getByRole('button', { name: '返回首页' }).click();
    await waitScreen('home');
  });

  it("绿色通道: a visitor's card on the staff screen unlocks nothing; the staff card does, and the next number is green", async () => {
    await page.getByTestId('staff-green').click();
    await waitScreen('staff');
    // The virtual cards are docked while the staff screen waits for a card.
    await page.locator('.virtual-card', { hasText: '张三' }).click();
    await waitForValue(
      'staff refusal',
      () => page.getByTestId('staff-error').count(),
      (n) => n === 1,
    );
    expect(await page.getByTestId('staff-error').innerText()).toContain('此卡不是本大厅登记的工作人员卡');
    await extraShot('staff-refused');
    await page.getByTestId('virtual-staff-card').click();
    await waitScreen('home');
    expect(await page.getByTestId('green-unlocked').innerText()).toContain('绿色通道已授权（林峰）');
    await tapService('general');
    await waitScreen('service');
    await tapTake();
    await waitScreen('ticket');
    const number = await page.getByTestId('ticket-number').innerText();
    expect(await page.getByTestId('ticket').innerText()).toContain('绿色通道');
    expect((await snapshot()).tickets.find((t) => t.number === number)).toMatchObject({
      priority: 'green',
      source: 'kiosk',
    });
    await backHome();
    // One unlock, one visitor: the next visitor's number is a normal one again.
    expect(await page.getByTestId('green-unlocked').count()).toBe(0);
  });

  it('server down: full-screen maintenance notice, no number can be taken; back up: works again by itself', async () => {
    const port = Number(new URL(hall.baseUrl).port);
    await hall.stop();
    const maintenance = page.getByTestId('maintenance');
    await maintenance.waitFor({ timeout: 15_000 });
    expect(await maintenance.innerText()).toContain('系统维护中，请稍候');
    expect(await maintenance.innerText()).toContain('Service temporarily unavailable');
    expect(await page.locator('.tile[data-service="general"]').isDisabled()).toBe(true);
    await extraShot('maintenance');

    restarted = await startTestHall({
      seedDemo: true,
      dataDir: hall.dataDir,
      config: { hall: { id: hall.config.hall.id }, server: { port } },
    });
    await maintenance.waitFor({ state: 'detached', timeout: 20_000 });
    await page.locator('.tile[data-service="general"]:not([disabled])').waitFor();
    await tapService('general');
    await waitScreen('service');
    await tapTake();
    await waitScreen('ticket');
    const number = await page.getByTestId('ticket-number').innerText();
    const clerk2 = await restarted.connect('/window', { sessionToken: await restarted.login('clerk01', 'demo1234') });
    expect((await snapshot(clerk2)).tickets.some((t) => t.number === number && t.status === 'waiting')).toBe(true);
    await backHome();
    // Its waits add up to 35 s by design (15 s to notice the outage, 20 s to come back): more than the default 30 s.
  }, 60_000);

  it('without a token it shows the pairing screen and pairs with a 6-digit code', async () => {
    const live = restarted ?? hall;
    await page.evaluate(() => localStorage.removeItem('onedoor.kiosk.deviceToken'));
    await page.goto(`${live.baseUrl}/kiosk/`);
    await page.locator('.pairing').waitFor();
    await page.getByLabel('pairing code').fill('000000');
    await page.getByRole('button', { name: '配对', exact: true }).click();
    await page.locator('.pairing .error').waitFor();
    const id = `kiosk-e2e-pair-${Date.now()}`;
    live.running.auth.saveDevice({ id, kind: 'kiosk', name: id, windowId: null, settings: {} });
    const code = live.running.auth.createPairingCode(id);
    if (!code.ok) throw new Error(code.error.messageEn);
    await page.getByLabel('pairing code').fill(code.value.code);
    await page.getByRole('button', { name: '配对', exact: true }).click();
    await page.locator('.tile[data-service="general"]:not([disabled])').waitFor();
    expect(await page.evaluate(() => localStorage.getItem('onedoor.kiosk.deviceToken'))).toBeTruthy();
  });
});
