/**
 * 服务投诉 on the console (/console/complaints.html), in Chromium against a real hall (issue 10, GB/T 36113): the manager
 * registers a phone complaint about 1号窗口 with the complainant's name and number, sees them masked in the list, and
 * carries it through 调查 → 处置 → 反馈 → 归档; the archived complaint offers no further step, and the server agrees.
 * Screenshot: docs/screenshots/console-complaints.png.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ack, ComplaintView } from '@onedoor/protocol';
import { startTestHall, type TestHall } from '../helpers/test-hall';
import { findChromium, launchChromium, type LaunchedContext } from './helpers/chromium';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const SHOTS = join(ROOT, 'docs/screenshots');
const browserInfo = findChromium();

describe.skipIf(!browserInfo.path)('服务投诉 on the console (Chromium, real hall)', () => {
  let hall: TestHall;
  let browser: LaunchedContext;

  beforeAll(async () => {
    if (!existsSync(join(ROOT, 'dist/web/console/complaints.html')) && process.env.ONEDOOR_E2E_SKIP_BUILD !== '1')
      execFileSync(process.execPath, [join(ROOT, 'node_modules/tsx/dist/cli.mjs'), 'web.vite.config.ts', 'console'], {
        cwd: ROOT,
        stdio: 'pipe',
      });
    hall = await startTestHall();
    browser = await launchChromium(browserInfo.path!, { viewport: { width: 1920, height: 1080 } });
    mkdirSync(SHOTS, { recursive: true });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await hall?.close();
  });

  it('registers a complaint, masks the complainant, and carries it to the archive', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${hall.baseUrl}/console/complaints.html`);
    await page.getByTestId('login-username').fill('manager01');
    await page.getByTestId('login-password').fill('demo1234');
    await page.getByTestId('login-submit').click();

    await page.getByTestId('complaint-new').click();
    const form = page.getByTestId('complaint-form');
    await form.getByTestId('complaint-channel').click();
    await page.locator('.ant-select-item-option', { hasText: '电话' }).click();
    await form.getByTestId('complaint-category').click();
    await page.locator('.ant-select-item-option', { hasText: '转办处理类' }).click();
    await form.getByTestId('complaint-window').click();
    await page.locator('.ant-select-item-option', { hasText: '1号窗口' }).click();
    await form.getByTestId('complaint-name').fill('张三丰');
    await form.getByTestId('complaint-phone').fill('13812345678');
    await form.getByTestId('complaint-content').fill('窗口要求提供清单以外的材料，往返两次');
    // antd spaces a two-character button: 登 记.
    await page.getByRole('button', { name: /^登\s?记$/ }).click();

    const detail = page.getByTestId('complaint-detail');
    await detail.waitFor();
    const row = page.locator('[data-testid="complaints-table"] tbody tr.ant-table-row').first();
    const listed = await row.innerText();
    expect(listed).toMatch(
      /TS\d{8}-001[\s\S]*转办处理类[\s\S]*电话[\s\S]*张\*丰 138\*\*\*\*5678[\s\S]*1号窗口[\s\S]*已受理/,
    );
    expect(await page.locator('body').innerText()).not.toContain('13812345678');

    for (const [form, note, status] of [
      ['investigate', '调阅录像，情况属实', '调查中'],
      ['handle', '批评教育，按清单收件', '已处置'],
      ['feedback', '已电话告知处理结果', '已反馈'],
      ['archive', '资料归档', '已归档'],
    ] as const) {
      await page.getByTestId(`complaint-form-${form}`).waitFor();
      await page.getByTestId('complaint-note').fill(note);
      await page.getByTestId('complaint-submit').click();
      await detail.locator('.ant-card-extra', { hasText: status }).waitFor();
    }
    expect(await page.locator('[data-testid^="complaint-form-"]').count()).toBe(0);
    const history = await detail.innerText();
    expect(history).toContain('反馈（投诉人评价：满意）：已电话告知处理结果');
    expect(history).toContain('归档：资料归档');

    const token = await hall.login('manager01');
    const res = await fetch(`${hall.baseUrl}/api/complaints`, { headers: { authorization: `Bearer ${token}` } });
    const body = (await res.json()) as Ack<ComplaintView[]>;
    expect(body.ok && body.data[0]).toMatchObject({ status: 'archived', windowId: 'w01', category: 'transfer' });

    await page.evaluate(() => document.fonts.ready);
    await page.screenshot({ path: join(SHOTS, 'console-complaints.png') });
    await page.close();
  });
});
