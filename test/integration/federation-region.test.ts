import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mqtt from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { federationTopics, type FederationRecord } from '@onedoor/protocol';
import { SqliteFederationSource, SqliteRegionStore } from '../../hall-server/src/adapters/db/federation.repository.js';
import type { HallConfigInput } from '../../hall-server/src/config/config.schema.js';
import { rollupDay } from '../../hall-server/src/domain/federation/kpi-rollup.js';
import { runFederationCli } from '../../hall-server/src/federation-cli/main.js';
import { excelWorkbooks } from '../../hall-server/src/adapters/excel/workbooks.js';
import { freePort, MOSQUITTO, startMosquitto, type TestMosquitto } from '../helpers/mosquitto.js';
import { command, startTestHall, type ClientSocket, type TestHall } from '../helpers/test-hall.js';
import { until } from '../helpers/wait.js';

const TOWNS = ['town-a', 'town-b', 'town-c'] as const;
const range = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

describe.skipIf(!existsSync(MOSQUITTO) && process.env.CI !== 'true')(
  '四级联通: three halls and a city over two bridged Mosquittos, the bridge cut and back',
  () => {
    let dir: string;
    let cityBroker: TestMosquitto;
    let edgeBroker: TestMosquitto;
    let cityPort: number;
    let region: TestHall;
    const towns = new Map<string, TestHall>();
    const kiosks = new Map<string, ClientSocket>();
    const clerks = new Map<string, ClientSocket>();
    let passwords: Record<string, string>;

    /** The generated mosquitto.conf of a broker, with the test's own lines (the edge keeps only a few messages). */
    const brokerLines = (name: string, extra: string[] = []) => [
      readFileSync(join(dir, 'out', 'brokers', name, 'mosquitto.conf'), 'utf8'),
      ...extra,
    ];
    // The edge keeps at most 5 messages for the bridge while the city is away: a longer outage loses records there,
    // which the city must notice and ask the halls for.
    const EDGE_EXTRA = ['max_queued_messages 5'];
    const federationOf = (id: string) =>
      (JSON.parse(readFileSync(join(dir, 'out', 'halls', `${id}.json`), 'utf8')) as { federation: object }).federation;
    const fast = { heartbeatSeconds: 0.5, stateIntervalMs: 50, rollupIntervalMs: 100, replayTimeoutMs: 1000 };

    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), 'onedoor-federation-'));
      cityPort = await freePort();
      const edgePort = await freePort();
      writeFileSync(
        join(dir, 'plan.json'),
        JSON.stringify({
          brokers: [
            { name: 'city', host: '127.0.0.1', port: cityPort },
            { name: 'edge', host: '127.0.0.1', port: edgePort, parent: 'city' },
          ],
          halls: [
            { id: 'city-centre', name: '市政务服务中心', role: 'city', broker: 'city' },
            ...TOWNS.map((id) => ({ id, name: `${id} 便民服务中心`, broker: 'edge', region: 'city-centre' })),
          ],
        }),
      );
      const out: string[] = [];
      const code = runFederationCli(['broker-config', '--plan', join(dir, 'plan.json'), '--out', join(dir, 'out')], {
        out: (l) => out.push(l),
        err: (l) => out.push(l),
      });
      expect(code, out.join('\n')).toBe(0);
      passwords = JSON.parse(readFileSync(join(dir, 'out', 'credentials.json'), 'utf8')) as Record<string, string>;
      cityBroker = await startMosquitto(join(dir, 'city.conf'), brokerLines('city'), {
        port: cityPort,
        ownListener: true,
      });
      edgeBroker = await startMosquitto(join(dir, 'edge.conf'), brokerLines('edge', EDGE_EXTRA), {
        port: edgePort,
        ownListener: true,
      });
      region = await startTestHall({
        config: {
          hall: { id: 'city-centre', name: '市政务服务中心' },
          federation: { ...federationOf('city-centre'), ...fast },
        } as HallConfigInput,
      });
      for (const id of TOWNS) {
        const town = await startTestHall({
          config: {
            hall: { id, name: `${id} 便民服务中心` },
            federation: { ...federationOf(id), ...fast },
          } as HallConfigInput,
        });
        towns.set(id, town);
        kiosks.set(id, await town.connect('/kiosk', { deviceToken: await town.deviceToken('kiosk') }));
        const clerk = await town.connect('/window', { sessionToken: await town.login('clerk01') });
        await command(clerk, 'window:sign-in', { windowId: 'w01' });
        clerks.set(id, clerk);
      }
    }, 120_000);
    afterAll(async () => {
      for (const t of towns.values()) await t.close();
      await region?.close();
      await edgeBroker?.stop();
      await cityBroker?.stop();
      rmSync(dir, { recursive: true, force: true });
    });

    const regionStore = () => new SqliteRegionStore(region.running.db);
    const seqOf = (id: string) => towns.get(id)!.running.hall.currentSeq;
    const complete = () => TOWNS.every((id) => regionStore().appliedSeqs(id).length === seqOf(id));
    async function busy(rounds: number): Promise<void> {
      for (const id of TOWNS) {
        for (let i = 0; i < rounds; i++) await command(kiosks.get(id)!, 'ticket:issue', { serviceId: 'general' });
        await command(clerks.get(id)!, 'ticket:call-next', { windowId: 'w01' });
      }
    }

    it('ends with exactly every hall’s records and the KPIs the halls compute themselves', async () => {
      await busy(3);
      await until('the city has every record', complete, 30_000);

      // The bridge is cut: the city's broker goes away. The halls keep issuing and calling; nothing waits.
      await cityBroker.stop();
      const before = new Map(TOWNS.map((id) => [id, seqOf(id)]));
      await busy(8);
      for (const id of TOWNS) expect(seqOf(id)).toBe(before.get(id)! + 9);
      // Their own broker took the records: the halls are not behind, only the bridge is.
      await until('the halls’ uplink acknowledged', () =>
        TOWNS.every((id) => new SqliteFederationSource(towns.get(id)!.running.db).ackedSeq() === seqOf(id)),
      );

      // The link comes back (a broker that remembers nothing); the city notices what the edge dropped and asks for it.
      cityBroker = await startMosquitto(join(dir, 'city.conf'), brokerLines('city'), {
        port: cityPort,
        ownListener: true,
      });
      await busy(1);
      await until('the city has every record again', complete, 90_000);

      const store = regionStore();
      for (const id of TOWNS) {
        // None lost, none twice: exactly 1..last, once each (the key is (hall, seq)).
        expect(store.appliedSeqs(id)).toEqual(range(seqOf(id)));
        const townSource = new SqliteFederationSource(towns.get(id)!.running.db);
        const day = towns.get(id)!.running.hall.snapshot().businessDay;
        const own = rollupDay(day, townSource.dayFacts(day));
        expect(own.ticketsIssued).toBe(12);
        const {
          fromDay: _f,
          toDay: _t,
          ...recount
        } = region.running.federation.view!.kpis(day, day).find((r) => r.hallId === id)!.kpis;
        const { businessDay: _d, ...ownKpis } = own;
        expect(recount).toEqual(ownKpis);
        // And the rollup the hall reported itself, once it is through the last seq.
        await until(`${id}'s reported rollup through its last seq`, () =>
          regionStore()
            .rollups(day, day)
            .some((r) => r.hallId === id && r.throughSeq === seqOf(id)),
        );
        expect(
          regionStore()
            .rollups(day, day)
            .find((r) => r.hallId === id)!.rollup,
        ).toEqual(own);
      }
      // The edge dropped records during the outage: the city had to ask.
      expect(region.running.federation.region!.replayRequests).toBeGreaterThan(0);
      const views = region.running.federation.view!.halls();
      expect(views.map((v) => [v.hallId, v.online, v.lagRecords])).toEqual(TOWNS.map((id) => [id, true, 0]));
    }, 240_000);

    it('refuses a hall presenting another hall’s id: the broker drops it, and so does the city', async () => {
      const forger = await mqtt.connectAsync(`mqtt://127.0.0.1:${edgeBroker.port}`, {
        username: 'town-a',
        password: passwords['town-a']!,
        reconnectPeriod: 0,
      });
      const forged: FederationRecord = {
        hallId: 'town-b',
        seq: 999_999,
        businessDay: '2026-03-02',
        events: [{ type: 'ticket.issued', at: '2026-03-02T01:00:00.000Z', payload: {} }],
      };
      const mismatchBefore = region.running.federation.region!.refused('id-mismatch');
      // Under town-b's topic: the ACL lets town-a write only its own.
      await forger.publishAsync(federationTopics.up('town-b', 'record'), JSON.stringify(forged), { qos: 1 });
      // Under its own topic, naming town-b: the city refuses it. Same client, same path: it arrives after the first.
      await forger.publishAsync(federationTopics.up('town-a', 'record'), JSON.stringify(forged), { qos: 1 });
      await until(
        'the city refused the mismatched id',
        () => region.running.federation.region!.refused('id-mismatch') > mismatchBefore,
      );
      await forger.endAsync();
      expect(regionStore().appliedSeqs('town-b')).not.toContain(999_999);
      expect(regionStore().appliedSeqs('town-a')).not.toContain(999_999);
      expect(regionStore().hall('town-b').announced).toBeLessThan(999_999);
      // A wrong password for a hall is not let in at all.
      await expect(
        mqtt.connectAsync(`mqtt://127.0.0.1:${edgeBroker.port}`, {
          username: 'town-b',
          password: 'x',
          reconnectPeriod: 0,
        }),
      ).rejects.toThrow(/Not authorized|Bad username/i);
    }, 60_000);

    it('serves region managers the halls and their KPIs, as JSON and Excel; nobody else', async () => {
      const saved = await region.running.auth.saveStaff({
        id: 'region01',
        username: 'region01',
        name: '赵处长',
        roles: ['region-manager'],
        password: 'demo1234',
        enabled: true,
      });
      expect(saved.ok).toBe(true);
      const get = async (hall: TestHall, path: string, who: string) =>
        fetch(`${hall.baseUrl}${path}`, { headers: { authorization: `Bearer ${await hall.login(who)}` } });
      const day = towns.get('town-a')!.running.hall.snapshot().businessDay;

      const halls = (await (await get(region, '/api/region/halls', 'region01')).json()) as {
        ok: true;
        data: { regionId: string; halls: { hallId: string; online: boolean; waiting: number | null }[] };
      };
      expect(halls.data.regionId).toBe('city-centre');
      expect(halls.data.halls.map((h) => h.hallId)).toEqual([...TOWNS]);
      for (const h of halls.data.halls)
        expect(h.waiting).toBe(
          towns
            .get(h.hallId)!
            .running.hall.snapshot()
            .services.reduce((n, s) => n + s.waiting, 0),
        );

      const kpis = (await (await get(region, `/api/region/kpis?from=${day}&to=${day}`, 'region01')).json()) as {
        data: { hallId: string; kpis: { ticketsIssued: number } }[];
      };
      expect(kpis.data.map((r) => [r.hallId, r.kpis.ticketsIssued])).toEqual(TOWNS.map((id) => [id, 12]));

      const file = await get(region, `/api/region/kpis/export?from=${day}&to=${day}`, 'region01');
      expect(file.headers.get('content-type')).toContain('spreadsheetml');
      const book = await excelWorkbooks.read(Buffer.from(await file.arrayBuffer()));
      expect(book!['各大厅指标']!.slice(1).map((r) => [r[0], r[3]])).toEqual(TOWNS.map((id) => [id, 12]));

      // A hall manager is not a region manager; a backwards range is refused in both languages.
      expect((await get(region, '/api/region/halls', 'manager01')).status).toBe(403);
      const backwards = await get(region, '/api/region/kpis?from=2026-03-02&to=2026-03-01', 'region01');
      expect(backwards.status).toBe(400);
      expect(JSON.stringify(await backwards.json())).toContain('from must not be after to');
      // A town is no region.
      await towns.get('town-a')!.running.auth.saveStaff({
        id: 'region01',
        username: 'region01',
        name: '赵处长',
        roles: ['region-manager'],
        password: 'demo1234',
        enabled: true,
      });
      const notRegion = await get(towns.get('town-a')!, '/api/region/halls', 'region01');
      expect(notRegion.status).toBe(404);
      expect(((await notRegion.json()) as { error: { messageEn: string } }).error.messageEn).toContain(
        'not a county or city region',
      );
    }, 60_000);
  },
);
