/**
 * 网上预审 at the window in Chromium, against a real hall server and the platform simulator: an application
 * pre-reviewed online for 王小明 (the first virtual card) waits on the platform; the clerk calls a ticket, swipes
 * the virtual card, sees the application offered, opens it (matter, 办理情形 answers, the materials checked online
 * already ticked 网上预审已核验), accepts without ticking anything and gets the case number and the 受理回执. Over
 * REST the case has every material received as checked online and carries the application's platform id; the
 * pre-review is taken in; the simulator receives the case's stages under it. Then a typed 预审号 (no card) opens
 * another visitor's application; the one material not checked online is ticked by the clerk.
 * Screenshot: docs/screenshots/window-pretrial-opened-1366.png (the application opened).
 */
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { CaseDetail, CaseSummary, IssuedTicket, PretrialView } from '@onedoor/protocol';
import { DEMO_CATALOG } from '../../hall-server/src/app/demo/demo-catalog.js';
import { command, type ClientSocket } from '../helpers/test-hall';
import { eventually, startPlatformBench, type PlatformBench } from '../helpers/platform';
import { findChromium, launchChromium, type LaunchedContext } from './helpers/chromium';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const browserInfo = findChromium();
const YYZZ = DEMO_CATALOG.matters.find((m) => m.id === 'yyzz-sl');
const CODE = 'YS-2026-0901';

describe.skipIf(!browserInfo.path)('window 网上预审 intake (Chromium, hall server + platform simulator)', () => {
  let bench: PlatformBench;
  let browser: LaunchedContext;
  let kiosk: ClientSocket;
  let page: Page;

  beforeAll(async () => {
    bench = await startPlatformBench();
    kiosk = await bench.hall.connect('/kiosk', { deviceToken: await bench.hall.deviceToken('kiosk') });
    browser = await launchChromium(browserInfo.path!, { viewport: { width: 1366, height: 768 } });
    page = await browser.context.newPage();
    page.on('pageerror', (err) => console.error('[window page error]', err));
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await bench?.close();
  });

  it('a pre-reviewed application is accepted at the window without re-entering its materials', async () => {
    const now = new Date().toISOString();
    const sent = await bench.control<{ webhook: { answer: unknown } }>('POST', '/sim/pretrials', {
      hallCode: bench.hallCode,
      pretrial: {
        id: 'pre-window-1',
        code: CODE,
        matterCode: YYZZ!.implCode,
        matterName: YYZZ!.name,
        applicant: { kind: 'person', name: '王小明', idNumber: '11010519491231002X', phone: '13800000009' },
        answers: { ztlx: 'individual' },
        form: {},
        materials: [
          { materialId: 'm-sldj-sqs', name: '企业设立登记申请书', checkedOnline: true },
          { materialId: 'm-sfz', name: '居民身份证', checkedOnline: true },
          { materialId: 'm-zssyzm', name: '住所（经营场所）使用证明', checkedOnline: true },
        ],
        submittedAt: now,
        reviewedAt: now,
      },
    });
    expect(sent.webhook.answer).toMatchObject({ data: { applied: true } });

    const ticket = (await command<IssuedTicket>(kiosk, 'ticket:issue', { serviceId: 'general' })).ticket;
    await page.goto(`${bench.hall.baseUrl}/window/`);
    await page.getByTestId('login-username').fill('clerk01');
    await page.getByTestId('login-password').fill('demo1234');
    await page.getByTestId('login-submit').click();
    await page.getByTestId('window-sign-in').click();
    await page.getByTestId('workbench').waitFor();
    await expect.poll(() => page.getByTestId('waiting-list').textContent()).toContain(ticket.number);
    await page.getByTestId('btn-call-next').click();
    await expect.poll(() => page.getByTestId('current-number').textContent()).toBe(ticket.number);

    await page.getByTestId('open-intake').click();
    await page.getByTestId('virtual-card').first().click();
    const offer = page.getByTestId(`pretrial-${CODE}`);
    await offer.waitFor();
    expect(await offer.textContent()).toContain('营业执照设立登记');
    expect(await offer.textContent()).toContain('待收件');
    await page.getByTestId(`open-pretrial-${CODE}`).click();

    await page.getByTestId('intake-checklist').waitFor();
    expect(await page.getByTestId('pretrial-code').textContent()).toContain(CODE);
    expect(await page.getByTestId('checklist-situations').textContent()).toContain('市场主体类型 — 个体工商户');
    // 公司章程 is for companies only: the three materials of a 个体工商户, each already checked online.
    const rows = page.locator('[data-testid^="material-"]');
    expect(await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')))).toEqual([
      'material-m-sldj-sqs',
      'material-m-sfz',
      'material-m-zssyzm',
    ]);
    expect(await page.getByTestId('checked-online').count()).toBe(3);
    await page.screenshot({ path: join(ROOT, 'docs/screenshots/window-pretrial-opened-1366.png'), fullPage: true });

    await page.getByTestId('intake-accept').click();
    await expect.poll(() => page.getByTestId('intake-panel').textContent(), { timeout: 15_000 }).toContain('办件编号');
    const caseNo = (await page.getByTestId('case-no').textContent())!.trim();
    const receipt = await page.getByTestId('printed-receipt').textContent();
    expect(receipt).toContain(`办件编号：${caseNo}`);
    expect(receipt).toContain(`网上预审号：${CODE}`);
    expect(receipt).toContain('已收：居民身份证（网上预审已核验）');
    expect(receipt).not.toContain('王小明');

    const clerk = await bench.hall.login('clerk01');
    const list = await bench.rest<CaseSummary[]>(clerk, 'GET', '/api/cases');
    const found = list.body.ok ? list.body.data.find((c) => c.caseNo === caseNo) : undefined;
    expect(found).toBeDefined();
    const detail = await bench.rest<CaseDetail>(clerk, 'GET', `/api/cases/${found!.id}`);
    expect(detail.body.ok).toBe(true);
    const c = (detail.body as { data: CaseDetail }).data;
    expect(c).toMatchObject({
      caseNo,
      matterId: 'yyzz-sl',
      platformRef: 'pre-window-1',
      answers: { ztlx: 'individual' },
    });
    expect(c.materials.map((m) => [m.materialId, m.status, m.note])).toEqual([
      ['m-sldj-sqs', 'received', '网上预审已核验'],
      ['m-sfz', 'received', '网上预审已核验'],
      ['m-zssyzm', 'received', '网上预审已核验'],
    ]);

    const after = await bench.rest<PretrialView[]>(clerk, 'POST', '/api/platform/pretrials/find', { code: CODE });
    expect(after.body).toMatchObject({ ok: true, data: [{ status: 'received', caseId: c.id }] });
    await eventually(async () =>
      (await bench.received()).records
        .filter((r) => r.kind === 'case-stage' && r.caseNo === caseNo)
        .map((r) => r.stage),
    ).toEqual(c.steps.map((s) => s.stage));
  }, 120_000);
  it('a typed 预审号 opens the application of someone without a card; the clerk ticks what was not checked online', async () => {
    const now = new Date().toISOString();
    const spjy = DEMO_CATALOG.matters.find((m) => m.id === 'spjy-xk')!;
    const online = ['m-spjy-sqs', 'm-yyzz', 'm-sfz', 'm-spaq-zd', 'm-jkzm'];
    await bench.control('POST', '/sim/pretrials', {
      hallCode: bench.hallCode,
      pretrial: {
        id: 'pre-window-2',
        code: 'YS-2026-0902',
        matterCode: spjy.implCode,
        matterName: spjy.name,
        applicant: { kind: 'person', name: '陈思远', idNumber: '440304199207084569' },
        materials: [...online, 'm-pmt'].map((materialId) => ({
          materialId,
          name: materialId,
          checkedOnline: materialId !== 'm-pmt',
        })),
        submittedAt: now,
        reviewedAt: now,
      },
    });
    const ticket = (await command<IssuedTicket>(kiosk, 'ticket:issue', { serviceId: 'general' })).ticket;
    await expect.poll(() => page.getByTestId('waiting-list').textContent()).toContain(ticket.number);
    await page.getByTestId('btn-call-next').click();
    await expect.poll(() => page.getByTestId('current-number').textContent()).toBe(ticket.number);
    await page.getByTestId('open-intake').click();

    await page.getByTestId('pretrial-code-input').fill('YS 0902');
    await page.getByTestId('pretrial-code-submit').click();
    expect(await page.getByTestId('intake-error').textContent()).toContain('预审号为4–40位');
    await page.getByTestId('pretrial-code-input').fill(' ys-2026-0902 ');
    await page.getByTestId('pretrial-code-submit').click();
    await page.getByTestId('pretrial-YS-2026-0902').waitFor();
    expect(await page.getByTestId('intake-applicant').textContent()).toContain('陈*远');
    // No card was shown: only the pre-review can be taken in, not any other matter.
    expect(await page.getByTestId('matter-search').count()).toBe(0);
    await page.getByTestId('open-pretrial-YS-2026-0902').click();

    await page.getByTestId('intake-checklist').waitFor();
    expect(await page.getByTestId('checked-online').count()).toBe(5);
    await page.getByTestId('intake-accept').click();
    expect(await page.getByTestId('intake-error').textContent()).toContain('经营场所平面布局图');
    await page.getByTestId('material-m-pmt').getByText('已收', { exact: true }).click();
    await page.getByTestId('intake-accept').click();
    await expect.poll(() => page.getByTestId('intake-panel').textContent(), { timeout: 15_000 }).toContain('办件编号');
    const caseNo = (await page.getByTestId('case-no').textContent())!.trim();

    const clerk = await bench.hall.login('clerk01');
    const forTicket = await bench.rest<CaseSummary[]>(clerk, 'GET', `/api/tickets/${ticket.id}/cases`);
    const found = forTicket.body.ok ? forTicket.body.data : [];
    expect(found.map((c) => c.caseNo)).toEqual([caseNo]);
    const detail = await bench.rest<CaseDetail>(clerk, 'GET', `/api/cases/${found[0]!.id}`);
    const c = (detail.body as { data: CaseDetail }).data;
    expect(c.platformRef).toBe('pre-window-2');
    expect(Object.fromEntries(c.materials.map((m) => [m.materialId, [m.status, m.note]]))).toEqual({
      'm-spjy-sqs': ['received', '网上预审已核验'],
      'm-yyzz': ['received', '网上预审已核验'],
      'm-sfz': ['received', '网上预审已核验'],
      'm-pmt': ['received', null],
      'm-spaq-zd': ['received', '网上预审已核验'],
      'm-jkzm': ['received', '网上预审已核验'],
    });
  }, 120_000);
});
