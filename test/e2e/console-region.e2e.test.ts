/**
 * 区域总览 (/console/region.html) in Chromium: a city's hall server (federation.role city) over a Mosquitto of the
 * test's own, three town halls publishing up to it, one of them shut down. The region manager signs in and sees
 * every hall with its link (two live, one offline), its waits and windows, the KPIs compared for today and this
 * month, and exports them to Excel (parsed back). Screenshot: docs/screenshots/console-region.png.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { SqliteRegionStore } from '../../hall-server/src/adapters/db/federation.repository';
import { MOSQUITTO, startMosquitto, type TestMosquitto } from '../helpers/mosquitto';
import { command, startTestHall, type TestHall } from '../helpers/test-hall';
import { until } from '../helpers/wait';
import { findChromium, launchChromium, type LaunchedContext } from './helpers/chromium';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const SHOTS = join(ROOT, 'docs/screenshots');
const browserInfo = findChromium();
/** Tickets each town issues before the region is looked at. */
const TOWNS = {
  'town-a': { name: '东城街道便民服务中心', tickets: 3 },
  'town-b': { name: '西湖镇便民服务中心', tickets: 5 },
  'town-c': { name: '北山乡便民服务中心', tickets: 2 },
} as const;
type TownId = keyof typeof TOWNS;
const IDS = Object.keys(TOWNS) as TownId[];

describe.skipIf(!browserInfo.path || (!existsSync(MOSQUITTO) && process.env.CI !== 'true'))(
  'region view (Chromium, a city over three town halls, one offline)',
  () => {
    let dir: string;
    let broker: TestMosquitto;
    let region: TestHall;
    const towns = new Map<TownId, TestHall>();
    let browser: LaunchedContext;
    let page: Page;
    let day = '';

    beforeAll(async () => {
      if (!existsSync(join(ROOT, 'dist/web/console/region.html')) && process.env.ONEDOOR_E2E_SKIP_BUILD !== '1')
        execFileSync(process.execPath, [join(ROOT, 'node_modules/tsx/dist/cli.mjs'), 'web.vite.config.ts', 'console'], {
          cwd: ROOT,
          stdio: 'pipe',
        });
      dir = mkdtempSync(join(tmpdir(), 'onedoor-region-e2e-'));
      broker = await startMosquitto(join(dir, 'mq.conf'), ['allow_anonymous true']);
      region = await startTestHall({
        config: {
          hall: { id: 'city-centre', name: '市政务服务中心' },
          federation: {
            role: 'city',
            downlink: { url: broker.url },
            halls: IDS.map((id) => ({ id, name: TOWNS[id].name })),
          },
        },
      });
      for (const id of IDS) {
        const town = await startTestHall({
          config: {
            hall: { id, name: TOWNS[id].name },
            federation: {
              uplink: { url: broker.url },
              heartbeatSeconds: 0.5,
              stateIntervalMs: 50,
              rollupIntervalMs: 100,
            },
          },
        });
        towns.set(id, town);
        const kiosk = await town.connect('/kiosk', { deviceToken: await town.deviceToken('kiosk') });
        const clerk = await town.connect('/window', { sessionToken: await town.login('clerk01') });
        await command(clerk, 'window:sign-in', { windowId: 'w01' });
        for (let i = 0; i < TOWNS[id].tickets; i++) await command(kiosk, 'ticket:issue', { serviceId: 'general' });
        await command(clerk, 'ticket:call-next', { windowId: 'w01' });
      }
      const store = new SqliteRegionStore(region.running.db);
      await until(
        'the city has every record',
        () => IDS.every((id) => store.appliedSeqs(id).length === towns.get(id)!.running.hall.currentSeq),
        30_000,
      );
      day = towns.get('town-a')!.running.hall.snapshot().businessDay;
      // 北山乡 shuts down: its goodbye tells the city it is offline.
      await towns.get('town-c')!.close();
      towns.delete('town-c');
      await until('town-c offline', () => store.hall('town-c').online === false);
      const saved = await region.running.auth.saveStaff({
        id: 'region01',
        username: 'region01',
        name: '赵处长',
        roles: ['region-manager'],
        password: 'demo1234',
        enabled: true,
      });
      expect(saved.ok).toBe(true);
      browser = await launchChromium(browserInfo.path!, { viewport: { width: 1920, height: 1080 } });
      page = await browser.context.newPage();
      mkdirSync(SHOTS, { recursive: true });
    }, 180_000);

    afterAll(async () => {
      await browser?.close();
      for (const t of towns.values()) await t.close();
      await region?.close();
      await broker?.stop();
      if (dir) rmSync(dir, { recursive: true, force: true });
    });

    const row = (table: string, id: string) => page.locator(`[data-testid="${table}"] tr[data-row-key="${id}"]`);

    it('turns a hall manager away, and shows the region manager every hall with its link and live state', async () => {
      await page.goto(`${region.baseUrl}/console/region.html`);
      await page.getByTestId('login-username').fill('manager01');
      await page.getByTestId('login-password').fill('demo1234');
      await page.getByTestId('login-submit').click();
      await page.getByText('该账号没有区域管理权限').waitFor();

      await page.getByTestId('login-username').fill('region01');
      await page.getByTestId('login-password').fill('demo1234');
      await page.getByTestId('login-submit').click();
      await page.getByTestId('region-halls').waitFor();
      expect(await page.locator('[data-testid="region-halls"] tbody tr[data-row-key]').count()).toBe(3);
      expect(await page.getByTestId('link-town-a').innerText()).toBe('在线');
      expect(await page.getByTestId('link-town-b').innerText()).toBe('在线');
      expect(await page.getByTestId('link-town-c').innerText()).toBe('离线');
      // Waiting: the tickets issued less the one called, as each town counts it.
      expect(await row('region-halls', 'town-b').innerText()).toContain('西湖镇便民服务中心');
      const cells = async (id: string) =>
        (await row('region-halls', id).locator('td').allInnerTexts()).map((t) => t.trim());
      expect((await cells('town-b'))[4]).toBe(String(TOWNS['town-b'].tickets - 1));
      expect((await cells('town-a'))[4]).toBe(String(TOWNS['town-a'].tickets - 1));
    });

    it('compares the KPIs of today and this month across the halls, with the region’s total, and exports them', async () => {
      await page.waitForFunction(
        (d) => document.querySelector('[data-testid="region-period"]')?.textContent?.includes(d) ?? false,
        day,
      );
      const issued = async (id: string) => (await row('region-kpis', id).locator('td').nth(1).innerText()).trim();
      await until('today’s KPIs', async () => (await issued('town-b')) === '5');
      expect(await issued('town-a')).toBe('3');
      expect(await issued('town-c')).toBe('2');
      expect(await page.getByTestId('kpi-total').locator('td').nth(1).innerText()).toBe('10');

      await page.getByTestId('region-modes').getByText('本月').click();
      await page.waitForFunction(
        (from) => document.querySelector('[data-testid="region-period"]')?.textContent?.includes(`${from} 至`) ?? false,
        `${day.slice(0, 8)}01`,
      );
      expect(await issued('town-b')).toBe('5');
      // The switch's thumb slides over: shoot once it rests on 本月.
      await page.locator('[data-testid="region-modes"] .ant-segmented-item-selected', { hasText: '本月' }).waitFor();
      await page.waitForFunction(() => !document.querySelector('[data-testid="region-modes"] .ant-segmented-thumb'));
      await page.evaluate(() => document.fonts.ready);
      await page.screenshot({ path: join(SHOTS, 'console-region.png'), fullPage: true });

      const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('region-export').click()]);
      const book = new ExcelJS.Workbook();
      await book.xlsx.readFile(await download.path());
      const sheet = book.getWorksheet('各大厅指标')!;
      const rows: [unknown, unknown][] = [];
      sheet.eachRow((r, n) => n > 1 && rows.push([r.getCell(1).value, r.getCell(4).value]));
      expect(rows).toEqual(IDS.map((id) => [id, TOWNS[id].tickets]));
    });
  },
);
