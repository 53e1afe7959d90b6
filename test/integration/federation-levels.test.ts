import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SqliteFederationSource, SqliteRegionStore } from '../../hall-server/src/adapters/db/federation.repository.js';
import { rollupDay } from '../../hall-server/src/domain/federation/kpi-rollup.js';
import { MOSQUITTO, startMosquitto, type TestMosquitto } from '../helpers/mosquitto.js';
import { command, startTestHall, type TestHall } from '../helpers/test-hall.js';
import { until } from '../helpers/wait.js';

const fast = { heartbeatSeconds: 0.3, stateIntervalMs: 50, rollupIntervalMs: 100, replayTimeoutMs: 1000 };

describe.skipIf(!existsSync(MOSQUITTO) && process.env.CI !== 'true')(
  '四级联通 level by level: towns → county → city',
  () => {
    let dir: string;
    let broker: TestMosquitto;
    let city: TestHall;
    let county: TestHall;
    const towns = new Map<string, TestHall>();

    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), 'onedoor-levels-'));
      broker = await startMosquitto(join(dir, 'mq.conf'), ['allow_anonymous true']);
      const link = { url: broker.url };
      city = await startTestHall({
        config: {
          hall: { id: 'city-centre', name: '市政务服务中心' },
          federation: { role: 'city', downlink: link, halls: [{ id: 'county-a', name: '甲县政务服务中心' }], ...fast },
        },
      });
      county = await startTestHall({
        config: {
          hall: { id: 'county-a', name: '甲县政务服务中心' },
          federation: {
            role: 'county',
            uplink: link,
            downlink: link,
            halls: [
              { id: 'town-1', name: '一镇便民服务中心' },
              { id: 'town-2', name: '二镇便民服务中心' },
            ],
            ...fast,
          },
        },
      });
      for (const id of ['town-1', 'town-2'])
        towns.set(id, await startTestHall({ config: { hall: { id }, federation: { uplink: link, ...fast } } }));
    }, 120_000);
    afterAll(async () => {
      for (const t of towns.values()) await t.close();
      await county?.close();
      await city?.close();
      await broker?.stop();
      rmSync(dir, { recursive: true, force: true });
    });

    it('the county applies its towns’ records; the city its county’s, and the towns’ KPIs climb through the county', async () => {
      const issued = { 'town-1': 2, 'town-2': 4, 'county-a': 1 } as Record<string, number>;
      for (const [id, n] of Object.entries(issued)) {
        const hall = id === 'county-a' ? county : towns.get(id)!;
        const kiosk = await hall.connect('/kiosk', { deviceToken: await hall.deviceToken('kiosk') });
        const clerk = await hall.connect('/window', { sessionToken: await hall.login('clerk01') });
        await command(clerk, 'window:sign-in', { windowId: 'w01' });
        for (let i = 0; i < n; i++) await command(kiosk, 'ticket:issue', { serviceId: 'general' });
        await command(clerk, 'ticket:call-next', { windowId: 'w01' });
      }
      const countyStore = new SqliteRegionStore(county.running.db);
      const cityStore = new SqliteRegionStore(city.running.db);
      await until('the county has its towns', () =>
        [...towns].every(([id, t]) => countyStore.appliedSeqs(id).length === t.running.hall.currentSeq),
      );
      await until(
        'the city has its county',
        () => cityStore.appliedSeqs('county-a').length === county.running.hall.currentSeq,
      );
      // The city listens to its county only: no town record reaches it.
      expect(cityStore.appliedSeqs('town-1')).toEqual([]);

      const day = county.running.hall.snapshot().businessDay;
      const own = (t: TestHall) => {
        const { businessDay: _d, ...kpis } = rollupDay(day, new SqliteFederationSource(t.running.db).dayFacts(day));
        return { fromDay: day, toDay: day, ...kpis };
      };
      await until('the towns’ KPIs climbed to the city', () => {
        const rows = city.running.federation.view!.kpis(day, day);
        return [...towns].every(([id, t]) => {
          const row = rows.find((r) => r.hallId === id);
          return row?.via === 'county-a' && JSON.stringify(row.kpis) === JSON.stringify(own(t));
        });
      });
      const rows = city.running.federation.view!.kpis(day, day);
      expect(rows.map((r) => [r.hallId, r.via, r.kpis.ticketsIssued])).toEqual([
        ['county-a', 'county-a', 1],
        ['town-1', 'county-a', 2],
        ['town-2', 'county-a', 4],
      ]);
      expect(rows.find((r) => r.hallId === 'county-a')!.kpis).toEqual(own(county));

      // Every hall below, the towns as their county reports them: link and live waits.
      const waiting = (t: TestHall) => t.running.hall.snapshot().services.reduce((n, s) => n + s.waiting, 0);
      await until('the towns’ live state climbed to the city', () =>
        [...towns].every(([id, t]) =>
          city.running.federation.view!.halls().some((h) => h.hallId === id && h.waiting === waiting(t)),
        ),
      );
      expect(city.running.federation.view!.halls().map((h) => [h.hallId, h.via, h.online])).toEqual([
        ['county-a', 'county-a', true],
        ['town-1', 'county-a', true],
        ['town-2', 'county-a', true],
      ]);
    }, 90_000);
  },
);
