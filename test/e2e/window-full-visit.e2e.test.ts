/**
 * One whole visit at a comprehensive window, in Chromium against the demo hall with its virtual devices:
 * a kiosk issues a ticket; 李娜 signs in at 1号窗口 and calls it; the visitor's ID card is placed on the virtual reader;
 * two matters are taken in on the one ticket — 食品经营许可 with one 容缺 material promised for tomorrow, then
 * 营业执照设立登记 as 个体工商户 — each accepted with its own 受理回执, which the window's (virtual) receipt printer
 * receives as ESC/POS and the test decoder reads back. The clerk finishes; the hall starts the window's evaluator
 * (the demo gateway's RS-485 simulator), the visitor presses 不满意 and then gives the reason on their phone through the
 * ticket's QR page; the console's 好差评 list shows it with both cases, and its rectification is open.
 * The next visitor is refused: the 一次性告知书 comes out of the printer, decoded, listing each material and why.
 * A third takes in 开餐馆一件事: its questions and its members', the merged checklist and 一表申请, one bundle case.
 * Screenshots (1366×768 and 1920×1080): the calling screen, the intake checklist and the receipt preview; the
 * 一件事's merged form (window-intake-bundle-1366.png) and the phone's reason page (ticket-page-reason.png).
 */
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { CaseSummary, EvaluationView, IssuedTicket } from '@onedoor/protocol';
import { decodeEscPos } from '@onedoor/hardware/testing';
import { restData } from '../helpers/demo-cases';
import { command, startTestHall, type ClientSocket, type TestHall } from '../helpers/test-hall';
import { findChromium, launchChromium, type LaunchedContext } from './helpers/chromium';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const SHOTS = join(ROOT, 'docs/screenshots');
const browserInfo = findChromium();

describe.skipIf(!browserInfo.path)('a whole visit at the window (Chromium, virtual devices)', () => {
  let hall: TestHall;
  let browser: LaunchedContext;
  let kiosk: ClientSocket;
  let page: Page;
  let clerkToken = '';
  let tomorrow = '';

  const get = <T>(path: string, token = clerkToken) => restData<T>(hall.baseUrl, token, 'GET', path);
  /** What the window's virtual receipt printer printed, decoded: one entry per document. */
  const printedAtWindow = async () =>
    (await get<{ kind: string; escposBase64: string }[]>('/api/demo/printers/w01/jobs')).map((j) => ({
      kind: j.kind,
      ...decodeEscPos(Buffer.from(j.escposBase64, 'base64')),
    }));
  const shoot = async (name: string) => {
    await page.evaluate(() => document.fonts.ready);
    for (const [w, h] of [
      [1366, 768],
      [1920, 1080],
    ] as const) {
      await page.setViewportSize({ width: w, height: h });
      await page.screenshot({ path: join(SHOTS, `${name}-${w}.png`) });
    }
    await page.setViewportSize({ width: 1366, height: 768 });
  };
  const tick = async (marks: Record<string, string>) => {
    const rows = page.locator('[data-testid^="material-"]');
    const ids = await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')!));
    for (const id of ids)
      await page
        .getByTestId(id)
        .getByText(marks[id] ?? '已收', { exact: true })
        .click();
  };

  beforeAll(async () => {
    hall = await startTestHall({ seedDemo: true, config: { demo: { virtualDevices: true } } });
    kiosk = await hall.connect('/kiosk', { deviceToken: await hall.deviceToken('kiosk') });
    clerkToken = await hall.login('clerk01');
    // Tomorrow is within any material's supply period: the hall refuses a promise past it.
    const day = hall.running.hall.queueState.businessDay;
    tomorrow = new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    browser = await launchChromium(browserInfo.path!, { viewport: { width: 1366, height: 768 } });
    page = await browser.context.newPage();
    page.on('pageerror', (err) => console.error('[window page error]', err));
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await hall?.close();
  });

  it('takes in two matters on one ticket, each with a 受理回执 the printer received as ESC/POS', async () => {
    // Two waiting, so the calling screen has a queue to show.
    const ticket = (await command<IssuedTicket>(kiosk, 'ticket:issue', { serviceId: 'general' })).ticket;
    await command<IssuedTicket>(kiosk, 'ticket:issue', { serviceId: 'general' });
    await page.goto(`${hall.baseUrl}/window/`);
    await page.getByTestId('login-username').fill('clerk01');
    await page.getByTestId('login-password').fill('demo1234');
    await page.getByTestId('login-submit').click();
    await page.getByTestId('window-sign-in').click();
    await page.getByTestId('workbench').waitFor();
    await expect.poll(() => page.getByTestId('waiting-list').textContent()).toContain(ticket.number);
    await page.getByTestId('btn-call-next').click();
    await expect.poll(() => page.getByTestId('current-number').textContent()).toBe(ticket.number);
    await page.getByTestId('btn-start').click();
    await shoot('window-calling');

    // First matter: 食品经营许可, the 食品安全管理制度 accepted as missing (容缺) until tomorrow.
    await page.getByTestId('open-intake').click();
    await page.getByTestId('virtual-card').first().click();
    expect(await page.getByTestId('intake-applicant').textContent()).toContain('王*明');
    await page.getByTestId('matter-query').locator('input').fill('spjy');
    await page.getByTestId('pick-matter-spjy-xk').click();
    await page.getByTestId('intake-checklist').waitFor();
    await tick({ 'material-m-spaq-zd': '容缺' });
    await page.getByTestId('due-date').fill(tomorrow);
    await shoot('window-intake-checklist');
    await page.getByTestId('intake-accept').click();
    await expect.poll(() => page.getByTestId('intake-panel').textContent(), { timeout: 15_000 }).toContain('办件编号');
    const first = (await page.getByTestId('case-no').textContent())!.trim();
    await shoot('window-intake-receipt');

    // Second matter on the same ticket: 营业执照设立登记 as 个体工商户.
    await page.getByTestId('next-matter').click();
    await page.getByTestId('matter-query').locator('input').fill('yyzz');
    await page.getByTestId('pick-matter-yyzz-sl').click();
    await page.getByTestId('situation-ztlx').getByText('个体工商户', { exact: true }).click();
    await page.getByTestId('situations-done').click();
    await page.getByTestId('intake-checklist').waitFor();
    await tick({});
    await page.getByTestId('intake-accept').click();
    await page.getByTestId('visit-cases').waitFor({ timeout: 15_000 });
    const second = (await page.getByTestId('case-no').textContent())!.trim();
    expect(second).not.toBe(first);

    // Both receipts came out of the window's printer; decoded, each is its case's, masked, with its QR code.
    await expect.poll(async () => (await printedAtWindow()).length, { timeout: 10_000 }).toBe(2);
    const [food, licence] = await printedAtWindow();
    for (const [doc, caseNo] of [
      [food!, first],
      [licence!, second],
    ] as const) {
      expect(doc.kind).toBe('acceptance-receipt');
      expect(doc.unknown).toEqual([]);
      expect(doc.cuts).toBe(1);
      const texts = doc.lines.map((l) => l.text);
      expect(texts).toContain('受理回执');
      expect(texts).toContain(`办件编号：${caseNo}`);
      expect(texts.some((t) => t.startsWith('申请人：王*明'))).toBe(true);
      expect(texts.join('')).not.toContain('王小明');
      expect(doc.qrCodes.map((q) => q.text)).toEqual([`${hall.baseUrl}/t/${encodeURIComponent(ticket.id)}`]);
    }
    const foodText = food!.lines.map((l) => l.text);
    expect(foodText).toContain('办理事项：食品经营许可');
    expect(foodText.join('\n')).toContain(`容缺后补（1 项）：\n1. 食品安全管理制度\n   请于 ${tomorrow} 前补交`);
    expect(licence!.lines.map((l) => l.text)).toContain('市场主体类型：个体工商户');

    // The hall kept the clerk's promise: the case's material is due tomorrow, as printed.
    const cases = await get<CaseSummary[]>(`/api/tickets/${ticket.id}/cases`);
    expect(cases.map((c) => c.caseNo).sort()).toEqual([first, second].sort());
    const foodCase = await get<{ materials: { materialId: string; status: string; dueDate: string | null }[] }>(
      `/api/cases/${cases.find((c) => c.caseNo === first)!.id}`,
    );
    // The case says where it came from: the ticket, and the window that served it.
    expect(cases.find((c) => c.caseNo === first)!.origin).toEqual({
      ticketId: ticket.id,
      ticketNumber: ticket.number,
      windowId: 'w01',
      windowName: '1号窗口',
    });
    expect(foodCase.materials.find((m) => m.materialId === 'm-spaq-zd')).toMatchObject({
      status: 'tolerated',
      dueDate: tomorrow,
    });

    // Finished: the hall starts 1号窗口's evaluator; the visitor presses 不满意 on it.
    await page.getByTestId('btn-finish').click();
    await expect
      .poll(
        async () =>
          (await get<{ deviceId: string; evaluating: boolean }[]>('/api/demo/devices')).find(
            (d) => d.deviceId === 'eval-w01',
          )?.evaluating,
        { timeout: 10_000 },
      )
      .toBe(true);
    await restData(hall.baseUrl, clerkToken, 'POST', '/api/demo/evaluators/eval-w01/ratings', { level: 2 });
    await expect
      .poll(async () => (await get<EvaluationView[]>(`/api/evaluations?ticketId=${ticket.id}`)).length, {
        timeout: 10_000,
      })
      .toBe(1);

    // The reason, on the visitor's phone: the ticket's QR page asks for it.
    const phone = await browser.context.newPage();
    await phone.setViewportSize({ width: 390, height: 844 });
    await phone.goto(`${hall.baseUrl}/t/${encodeURIComponent(ticket.id)}`);
    await phone.getByTestId('reason-form').waitFor();
    expect(await phone.getByTestId('reason-form').textContent()).toContain('不满意');
    await phone.getByText('等候时间长', { exact: true }).click();
    await phone.getByTestId('reason-other').fill('叫号后等了很久才轮到');
    await phone.getByTestId('reason-send').click();
    await expect.poll(() => phone.getByTestId('reason-answer').textContent()).toBe('已收到，感谢您的反馈');
    await phone.screenshot({ path: join(SHOTS, 'ticket-page-reason.png') });
    await phone.close();

    // The console's data: the rating, its reason, the window, the clerk and both cases; its rectification open.
    const manager = await hall.login('manager01');
    const [rating] = await get<EvaluationView[]>(`/api/evaluations?ticketId=${ticket.id}`, manager);
    expect(rating).toMatchObject({ level: 2, windowId: 'w01', clerkId: 'clerk01' });
    expect(rating!.reason).toBe('等候时间长：叫号后等了很久才轮到');
    expect([...rating!.caseIds].sort()).toEqual(cases.map((c) => c.id).sort());
    const rectifications = await get<{ evaluationId: string; stage: string }[]>('/api/rectifications', manager);
    expect(rectifications.some((r) => r.evaluationId === rating!.id)).toBe(true);
  }, 180_000);

  it('refuses the next visitor: the 一次性告知书 comes out of the printer listing each material and why', async () => {
    await page.getByTestId('btn-call-next').click();
    await page.getByTestId('open-intake').click();
    await page.getByTestId('virtual-card').nth(1).click();
    await page.getByTestId('matter-query').locator('input').fill('spjy');
    await page.getByTestId('pick-matter-spjy-xk').click();
    await page.getByTestId('intake-checklist').waitFor();
    await tick({ 'material-m-pmt': '缺', 'material-m-spaq-zd': '不符' });
    await page.getByTestId('reason-m-pmt').fill('未携带经营场所平面布局图');
    await page.getByTestId('reason-m-spaq-zd').fill('未加盖公章或经营者签字');
    await page.getByTestId('intake-refuse').click();
    await page.getByTestId('printed-notice').waitFor();

    await expect.poll(async () => (await printedAtWindow()).length, { timeout: 10_000 }).toBe(3);
    const notice = (await printedAtWindow())[2]!;
    expect(notice.kind).toBe('one-time-notice');
    const texts = notice.lines.map((l) => l.text);
    expect(texts).toContain('一次性告知书');
    expect(texts).toContain('李*花：');
    // The sentence wraps at the paper's width: read it as one.
    expect(texts.join('')).toContain('您申请办理的「食品经营许可」，尚需补齐以下材料（共 2 项）');
    expect(texts.join('\n')).toContain('1. 经营场所平面布局图\n   原因：未携带经营场所平面布局图');
    expect(texts.join('\n')).toContain('2. 食品安全管理制度\n   原因：未加盖公章或经营者签字');
    expect(texts.join('')).not.toContain('李春花');
  }, 120_000);
  it("takes in a 一件事: the hall asks its questions, merges the members' materials, one bundle case with a receipt", async () => {
    const ticket = (await command<IssuedTicket>(kiosk, 'ticket:issue', { serviceId: 'general' })).ticket;
    await page.getByTestId('intake-panel').getByRole('button', { name: '关闭' }).click();
    await expect.poll(() => page.getByTestId('waiting-list').textContent()).toContain(ticket.number);
    await page.getByTestId('btn-finish').click();
    await page.getByTestId('btn-call-next').click();
    await expect.poll(() => page.getByTestId('current-number').textContent()).toBe(ticket.number);
    await page.getByTestId('open-intake').click();
    await page.getByTestId('virtual-card').first().click();
    await page.getByTestId('matter-query').locator('input').fill('kcg');
    await page.getByTestId('pick-bundle-yjs-kcg').click();
    await page.getByTestId('intake-situations').waitFor();
    // The bundle's questions, then those of the members its answers take in: each answered with its first option.
    const questions = page.locator('[data-testid^="situation-"]:not([data-testid="situation-materials"])');
    const where = async () =>
      (await page.getByTestId('intake-checklist').count()) > 0
        ? 'checklist'
        : (await page.getByTestId('intake-error').count()) > 0
          ? 'asked again'
          : 'waiting';
    for (let round = 0; round < 4; round++) {
      for (let i = 0; i < (await questions.count()); i++) await questions.nth(i).locator('label').first().click();
      await page.getByTestId('situations-done').click();
      await expect.poll(where, { timeout: 10_000 }).not.toBe('waiting');
      if ((await where()) === 'checklist') break;
    }
    await page.getByTestId('intake-checklist').waitFor();
    const rows = page.locator('[data-testid^="material-"]');
    const ids = await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')!));
    // Each material once, though several members ask for it.
    expect(new Set(ids).size).toBe(ids.length);
    await tick({});
    // 一表申请: the members' forms as one, each field asked once; accepting with it blank is refused in words.
    await page.getByTestId('intake-accept').click();
    expect(await page.getByTestId('intake-error').textContent()).toBe('请填写「字号名称」（一表申请）');
    await page.getByTestId('form-shopName').fill('老张面馆');
    await page.getByTestId('form-address').fill('示范市人民路1号');
    await page.getByTestId('form-area').fill('320');
    await page.getByTestId('form-scope').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '热食类食品制售' }).click();
    await expect.poll(() => page.locator('.ant-select-dropdown:visible').count()).toBe(0);
    await page.getByTestId('merged-form').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(SHOTS, 'window-intake-bundle-1366.png') });
    await page.getByTestId('intake-accept').click();
    await expect.poll(() => page.getByTestId('intake-panel').textContent(), { timeout: 15_000 }).toContain('办件编号');
    const caseNo = (await page.getByTestId('case-no').textContent())!.trim();

    const cases = await get<CaseSummary[]>(`/api/tickets/${ticket.id}/cases`);
    const bundleCase = cases.find((c) => c.caseNo === caseNo)!;
    expect(bundleCase).toMatchObject({ type: 'bundle', bundleId: 'yjs-kcg', name: '开餐馆一件事' });
    // The receipt prints after the case number shows: wait for it to reach the printer (two receipts and a notice before).
    await expect.poll(async () => (await printedAtWindow()).length, { timeout: 10_000 }).toBe(4);
    const receipt = (await printedAtWindow())[3]!;
    expect(receipt.kind).toBe('acceptance-receipt');
    const texts = receipt.lines.map((l) => l.text);
    expect(texts).toContain(`办件编号：${caseNo}`);
    expect(texts).toContain('办理事项：开餐馆一件事');
    // The form went with the case (一表申请), and the screen of this 一件事's checklist was looked at.
    const detail = await get<{ form: Record<string, unknown> }>(`/api/cases/${bundleCase.id}`);
    expect(detail.form).toMatchObject({ shopName: '老张面馆', area: 320, scope: '热食类食品制售' });
  }, 120_000);
});
