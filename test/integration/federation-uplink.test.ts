import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mqtt, { type MqttClient } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  federationTopics,
  type FederationRecord,
  type FederationRollup,
  type FederationState,
} from '@onedoor/protocol';
import { SqliteFederationSource } from '../../hall-server/src/adapters/db/federation.repository.js';
import { rollupDay } from '../../hall-server/src/domain/federation/kpi-rollup.js';
import { MOSQUITTO, startMosquitto, type TestMosquitto } from '../helpers/mosquitto.js';
import { command, startTestHall, type TestHall } from '../helpers/test-hall.js';
import { until } from '../helpers/wait.js';

describe.skipIf(!existsSync(MOSQUITTO) && process.env.CI !== 'true')('a hall publishes upward (四级联通)', () => {
  let dir: string;
  let broker: TestMosquitto;
  let hall: TestHall;
  let watcher: MqttClient;
  const records = new Map<number, FederationRecord>();
  const copies: number[] = [];
  let state: FederationState | null = null;
  let rollup: FederationRollup | null = null;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'onedoor-uplink-'));
    broker = await startMosquitto(join(dir, 'up.conf'), ['allow_anonymous true']);
    watcher = mqtt.connect(broker.url, { reconnectPeriod: 100 });
    watcher.on('message', (topic, payload) => {
      const body = JSON.parse(payload.toString()) as unknown;
      if (topic.endsWith('/record')) {
        const r = body as FederationRecord;
        copies.push(r.seq);
        records.set(r.seq, r);
      }
      if (topic.endsWith('/state')) state = body as FederationState;
      if (topic.endsWith('/rollup')) rollup = body as FederationRollup;
    });
    // Subscribed before the hall starts: its first records go out at once. A persistent session keeps what comes
    // while the watcher is away with the broker.
    await new Promise<void>((subscribed) =>
      watcher.on('connect', () => watcher.subscribe(federationTopics.upAll('town-a'), { qos: 1 }, () => subscribed())),
    );
    hall = await startTestHall({
      config: {
        hall: { id: 'town-a', name: '甲镇便民服务中心' },
        federation: { uplink: { url: broker.url }, stateIntervalMs: 20, rollupIntervalMs: 20, heartbeatSeconds: 0.2 },
      },
    });
  }, 60_000);
  afterAll(async () => {
    await watcher?.endAsync(true);
    await hall?.close();
    await broker?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const source = () => new SqliteFederationSource(hall.running.db);
  const seq = () => hall.running.hall.currentSeq;

  it('every record under its own gap-free seq, then the state and the day’s KPIs; an outage loses nothing', async () => {
    const kiosk = await hall.connect('/kiosk', { deviceToken: await hall.deviceToken('kiosk') });
    const clerk = await hall.connect('/window', { sessionToken: await hall.login('clerk01') });
    await command(clerk, 'window:sign-in', { windowId: 'w01' });
    for (let i = 0; i < 3; i++) await command(kiosk, 'ticket:issue', { serviceId: 'general' });
    await command(clerk, 'ticket:call-next', { windowId: 'w01' });
    await until('records up to the last seq', () => records.size === seq() && source().ackedSeq() === seq());
    expect([...records.keys()].sort((a, b) => a - b)).toEqual(Array.from({ length: seq() }, (_, i) => i + 1));
    expect(records.get(seq())?.events.map((e) => e.type)).toContain('ticket.called');
    await until('the state with the last seq', () => state?.lastSeq === seq());
    expect(state).toMatchObject({ hallId: 'town-a', name: '甲镇便民服务中心', role: 'hall' });
    expect(state!.waiting).toBe(state!.services.reduce((n, s) => n + s.waiting, 0));

    // The uplink broker goes away: the hall keeps issuing and calling, nothing waits for the link.
    await broker.stop();
    const before = seq();
    for (let i = 0; i < 5; i++) await command(kiosk, 'ticket:issue', { serviceId: 'general' });
    await command(clerk, 'ticket:call-next', { windowId: 'w01' });
    expect(seq()).toBe(before + 6);
    expect(source().ackedSeq()).toBeLessThanOrEqual(before);

    // Back on the same port (its memory gone): the hall goes on from its watermark.
    broker = await startMosquitto(join(dir, 'up.conf'), ['allow_anonymous true'], { port: broker.port });
    await until('every record after the outage', () => records.size === seq() && source().ackedSeq() === seq(), 30_000);
    expect([...records.keys()].sort((a, b) => a - b)).toEqual(Array.from({ length: seq() }, (_, i) => i + 1));
    const day = hall.running.hall.snapshot().businessDay;
    const own = rollupDay(day, source().dayFacts(day));
    await until('the day’s rollup through the last seq', () => rollup?.throughSeq === seq());
    expect(rollup!.rollup).toEqual(own);
    expect(own.ticketsIssued).toBe(8);
  }, 90_000);
});
