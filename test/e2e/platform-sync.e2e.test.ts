/**
 * 一网通办 in Chromium against a real hall server and the platform simulator:
 * - an appointment created on the simulator is checked in at `/kiosk/` with the virtual ID card (王建国) and gets a
 *   预约 priority ticket; where the visitor stands reaches the platform's queue status;
 * - the case accepted for it at the window (through the REST intake for now: the clerk's intake screens are issue 9's)
 *   shows up on the simulator with its stages, in order;
 * - the console's sync page (/console/sync.html) shows the link and the backlog; a record the platform refuses becomes
 *   a dead letter on the page, and its 重发 button sends it.
 * Screenshot: docs/screenshots/console-sync.png (the page with a dead letter).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { CaseDetail, HallSnapshot, ResolvedMatter, TicketView } from '@onedoor/protocol';
import { command, request, type ClientSocket } from '../helpers/test-hall';
import { eventually, startPlatformBench, type PlatformBench } from '../helpers/platform';
import { findChromium, launchChromium, type LaunchedContext } from './helpers/chromium';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const SHOTS = join(ROOT, 'docs/screenshots');
const browserInfo = findChromium();

describe.skipIf(!browserInfo.path)('platform sync (Chromium, hall server + platform simulator)', () => {
  let bench: PlatformBench;
  let browser: LaunchedContext;
  let kioskPage: Page;
  let clerkSocket: ClientSocket;
  let clerk: string;
  let caseNo = '';
  let ticketNumber = '';
  let appointmentId = '';

  beforeAll(async () => {
    for (const app of ['kiosk', 'console'] as const) {
      if (!existsSync(join(ROOT, `dist/web/${app}/index.html`)) && process.env.ONEDOOR_E2E_SKIP_BUILD !== '1')
        execFileSync(process.execPath, [join(ROOT, 'node_modules/tsx/dist/cli.mjs'), 'web.vite.config.ts', app], {
          cwd: ROOT,
          stdio: 'pipe',
        });
    }
    bench = await startPlatformBench();
    clerk = await bench.hall.login('clerk09');
    clerkSocket = await bench.hall.connect('/window', { sessionToken: clerk });
    await command(clerkSocket, 'window:sign-in', { windowId: 'w09' });
    browser = await launchChromium(browserInfo.path!, { viewport: { width: 1080, height: 1920 } });
    kioskPage = await browser.context.newPage();
    mkdirSync(SHOTS, { recursive: true });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await bench?.close();
  });

  const snapshot = async (): Promise<HallSnapshot> => {
    const ack = await request<HallSnapshot>(clerkSocket, 'hall:snapshot', {});
    if (!ack.ok) throw new Error(ack.error.message);
    return ack.data;
  };

  it('an appointment made on the platform is checked in at the kiosk with the ID card: a 预约 priority ticket', async () => {
    const made = await bench.control<{ appointment: { id: string; code: string }; webhook: { status: number } }>(
      'POST',
      '/sim/appointments',
      {
        hallCode: bench.hallCode,
        serviceCode: 'real-estate',
        matterName: '不动产转移登记',
        holder: { name: '王建国', idNumber: '310101195801018882' },
      },
    );
    expect(made.webhook.status).toBe(200);
    appointmentId = made.appointment.id;

    const kioskToken = await bench.hall.deviceToken('kiosk');
    await kioskPage.goto(`${bench.hall.baseUrl}/kiosk/#token=${encodeURIComponent(kioskToken)}`);
    await kioskPage.locator('.tile[data-service="general"]:not([disabled])').waitFor();
    await kioskPage.getByRole('button', { name: '预约签到' }).click();
    await kioskPage.locator('.kiosk[data-screen="appointment"]').waitFor();
    await kioskPage.locator('.virtual-card', { hasText: '王建国' }).click();
    await kioskPage.locator('.kiosk[data-screen="ticket"]').waitFor();
    ticketNumber = await kioskPage.getByTestId('ticket-number').innerText();
    expect(ticketNumber).toMatch(/^B\d{3}$/);
    expect(await kioskPage.locator('.slip-priority').innerText()).toBe('预约');
    expect(await kioskPage.getByTestId('checkin-message').getAttribute('data-outcome')).toBe('on-time');
    expect(await kioskPage.getByTestId('checkin-message').innerText()).toContain('不动产转移登记');
    const onServer = (await snapshot()).tickets.find((t) => t.number === ticketNumber);
    expect(onServer).toMatchObject({ serviceId: 'real-estate', priority: 'appointment', source: 'appointment' });
    await eventually(async () => {
      const q = (await bench.received()).queueStatus[bench.hallCode] as
        { tickets: { appointmentId: string; ticketNumber: string }[] } | undefined;
      return q?.tickets.find((t) => t.appointmentId === appointmentId)?.ticketNumber;
    }).toBe(ticketNumber);
  });

  it('called at window 9, the case accepted for the visitor shows up on the platform with its stages', async () => {
    const called = await command<TicketView>(clerkSocket, 'ticket:call-next', { windowId: 'w09' });
    expect(called.number).toBe(ticketNumber);
    const resolved = await bench.rest<ResolvedMatter>(clerk, 'POST', '/api/catalog/matters/bdc-zydj/resolve', {
      answers: { hyzk: 'single' },
    });
    const materials = (resolved.body as { data: ResolvedMatter }).data.materials.map((m) => ({
      materialId: m.materialId,
      status: 'received',
    }));
    const taken = await bench.rest<CaseDetail>(clerk, 'POST', '/api/cases', {
      matterId: 'bdc-zydj',
      answers: { hyzk: 'single' },
      applicant: { kind: 'person', name: '王建国', idNumber: '310101195801018882' },
      materials,
      ticketId: called.id,
      accept: true,
    });
    expect(taken.status).toBe(201);
    const c = (taken.body as { data: CaseDetail }).data;
    caseNo = c.caseNo;
    expect(c.steps.map((s) => s.stage)).toEqual(['received', 'accepted', 'reviewing']);
    await eventually(async () =>
      (await bench.received()).records
        .filter((r) => r.caseNo === caseNo && r.kind === 'case-stage')
        .map((r) => [r.stepNo, r.stage, r.stageCode]),
    ).toEqual([
      [1, 'received', 1],
      [2, 'accepted', 2],
      [3, 'reviewing', 3],
    ]);
    // Where the visitor stands: called to window 9.
    await eventually(async () => {
      const q = (await bench.received()).queueStatus[bench.hallCode] as
        { tickets: { appointmentId: string; status: string; window: string | null }[] } | undefined;
      return q?.tickets.find((t) => t.appointmentId === appointmentId);
    }).toMatchObject({ status: 'called', window: '9号窗口' });
  });

  it('the console’s sync page shows the link and the backlog; a dead letter is resent with its button', async () => {
    const page = await browser.context.newPage();
    await page.setViewportSize({ width: 1600, height: 1000 });
    await page.goto(`${bench.hall.baseUrl}/console/sync.html`);
    await page.getByTestId('login-username').fill('manager01');
    await page.getByTestId('login-password').fill('demo1234');
    await page.getByTestId('login-submit').click();
    await page.getByTestId('sync-page').waitFor();
    await eventually(() => page.getByTestId('sync-link').getAttribute('data-state'), { timeout: 15_000 }).toBe('up');
    await eventually(() => page.getByTestId('sync-depth').innerText(), { timeout: 15_000 }).toBe('0');

    // The platform refuses: the next record of the case becomes a dead letter, shown on the page.
    await bench.control('POST', '/sim/faults', { mode: 'refuse' });
    const c = (await bench.rest<CaseDetail[]>(clerk, 'GET', '/api/cases?limit=5')).body as { data: CaseDetail[] };
    const mine = c.data.find((x) => x.caseNo === caseNo)!;
    const manager = await bench.hall.login('manager01');
    const suspended = await bench.rest<CaseDetail>(manager, 'POST', `/api/cases/${mine.id}/suspend`, {
      reason: '等待共有人到场签字',
    });
    expect(suspended.status).toBe(200);
    const row = page.locator('[data-testid="dead-letters"] tbody tr', { hasText: caseNo });
    await row.waitFor({ timeout: 20_000 });
    expect(await row.innerText()).toContain('挂起');
    expect(await row.innerText()).toContain('HTTP 422');
    expect(await page.getByTestId('sync-alarms').innerText()).toContain('已转入死信');
    await page.evaluate(() => document.fonts.ready);
    await page.screenshot({ path: join(SHOTS, 'console-sync.png') });

    await bench.control('POST', '/sim/faults', { mode: 'ok' });
    await row.getByRole('button', { name: '重发' }).click();
    await row.waitFor({ state: 'detached', timeout: 20_000 });
    await eventually(async () =>
      (await bench.received()).records
        .filter((r) => r.caseNo === caseNo && r.kind === 'case-stage')
        .map((r) => r.stage),
    ).toEqual(['received', 'accepted', 'reviewing', 'suspended']);
    await eventually(() => page.getByTestId('sync-depth').innerText(), { timeout: 15_000 }).toBe('0');
    // The overview links to it.
    await page.goto(`${bench.hall.baseUrl}/console/`);
    expect(await page.getByTestId('nav-sync').getAttribute('href')).toBe('/console/sync.html');
    await page.close();
  });
});
