/**
 * Issue 13's federation benchmark: 50 simulated halls publish up to one Mosquitto (the real HallUplink over the real
 * FederationLink, each hall's log kept in memory), a region applies them (the real Region over SQLite, FULL sync).
 *   1. records/s the region applies while every hall sends its backlog at once;
 *   2. a 10-minute outage: the region is away while every hall writes 10 minutes of a busy hall's records (one a
 *      second), the broker keeps only 100 messages for it (an outage longer than the broker kept), the region comes
 *      back and asks for the rest; the time until it has every record, against the issue's bound of a minute.
 * `tsx test/bench/federation.ts [--quick]` runs it alone; `npm run bench` runs it with the others.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { FederationRecord, HallSnapshot } from '@onedoor/protocol';
import { openDatabase } from '../../hall-server/src/adapters/db/database.js';
import { SqliteRegionStore } from '../../hall-server/src/adapters/db/federation.repository.js';
import { FederationLink } from '../../hall-server/src/adapters/mqtt/federation-link.js';
import type { FederationSource } from '../../hall-server/src/app/federation/federation-ports.js';
import { HallUplink } from '../../hall-server/src/app/federation/hall-uplink.js';
import { Region } from '../../hall-server/src/app/federation/region.js';
import { silentLogger, systemClock } from '../../hall-server/src/app/ports.js';
import type { RollupFact } from '../../hall-server/src/domain/federation/kpi-rollup.js';
import { MOSQUITTO, startMosquitto } from '../helpers/mosquitto.js';
import { waitForValue } from '../helpers/wait.js';

const DAY = '2026-03-02';

/** A hall's event log in memory: seq n is a ticket issued at second n of the day. */
class MemoryHall implements FederationSource {
  lastSeq = 0;
  private acked = 0;
  constructor(readonly hallId: string) {}

  private record(seq: number): FederationRecord {
    const at = new Date(Date.parse(`${DAY}T01:00:00.000Z`) + seq * 1000).toISOString();
    const ticket = { id: `${this.hallId}-t${seq}`, issuedAt: at, number: `A${seq}`, serviceId: 'general' };
    return { hallId: this.hallId, seq, businessDay: DAY, events: [{ type: 'ticket.issued', at, payload: { ticket } }] };
  }

  records(hallId: string, afterSeq: number, upTo: number): FederationRecord[] {
    return Array.from({ length: Math.max(0, upTo - afterSeq) }, (_, i) => this.record(afterSeq + 1 + i));
  }
  dayFacts(businessDay: string): RollupFact[] {
    return this.records(this.hallId, 0, this.lastSeq)
      .filter((r) => r.businessDay === businessDay)
      .flatMap((r) => r.events.map((e) => ({ ...e, businessDay: r.businessDay })));
  }
  ackedSeq(): number {
    return this.acked;
  }
  setAckedSeq(seq: number): void {
    this.acked = Math.max(this.acked, seq);
  }
}

const snapshotOf = (h: MemoryHall): HallSnapshot => ({
  seq: h.lastSeq,
  hallId: h.hallId,
  hallName: h.hallId,
  businessDay: DAY,
  serverTime: new Date().toISOString(),
  timeZone: 'Asia/Shanghai',
  notice: '',
  services: [],
  windows: [],
  tickets: [],
  recentCalls: [],
});

export interface FederationBenchResult {
  halls: number;
  backlogRecords: number;
  appliedPerSecond: number;
  outage: {
    minutes: number;
    recordsDuringOutage: number;
    brokerKept: number;
    catchUpSeconds: number;
    underAMinute: boolean;
  };
}

export async function federationBench(quick: boolean): Promise<FederationBenchResult> {
  const HALLS = quick ? 10 : 50;
  const BACKLOG = quick ? 100 : 400;
  const OUTAGE_MINUTES = quick ? 2 : 10;
  const PER_SECOND = 1;
  const KEPT = 100;
  const dir = mkdtempSync(join(tmpdir(), 'onedoor-fed-bench-'));
  const broker = await startMosquitto(join(dir, 'mq.conf'), ['allow_anonymous true', `max_queued_messages ${KEPT}`]);
  const db = openDatabase({ file: join(dir, 'region.sqlite') });
  const store = new SqliteRegionStore(db);
  const halls = Array.from({ length: HALLS }, (_, i) => new MemoryHall(`hall-${String(i + 1).padStart(2, '0')}`));
  const uplinks = halls.map(
    (h) =>
      new HallUplink({
        hallId: h.hallId,
        hallName: h.hallId,
        role: 'hall',
        source: h,
        transport: new FederationLink({ url: broker.url, clientId: `bench-${h.hallId}`, log: silentLogger }),
        currentSeq: () => h.lastSeq,
        snapshot: () => snapshotOf(h),
        openAlarms: () => [],
        clock: systemClock,
        log: silentLogger,
        stateIntervalMs: 200,
        heartbeatMs: 1000,
        rollupIntervalMs: 5000,
      }),
  );
  const startRegion = () => {
    const region = new Region({
      regionId: 'city',
      halls: halls.map((h) => ({ id: h.hallId, name: h.hallId })),
      store,
      transport: new FederationLink({ url: broker.url, clientId: 'bench-region', log: silentLogger }),
      clock: systemClock,
      log: silentLogger,
      replayTimeoutMs: 2000,
    });
    region.start();
    return region;
  };
  const applied = () => halls.reduce((n, h) => n + store.hall(h.hallId).ledger.contiguous, 0);
  const total = () => halls.reduce((n, h) => n + h.lastSeq, 0);
  try {
    // 1. Every hall's backlog at once.
    let region = startRegion();
    await new Promise((r) => setTimeout(r, 500)); // its subscriptions in place
    for (const h of halls) h.lastSeq = BACKLOG;
    const t0 = performance.now();
    for (const u of uplinks) u.start();
    await waitForValue('the backlog applied', applied, (n) => n === total(), 300_000);
    const appliedPerSecond = Math.round(total() / ((performance.now() - t0) / 1000));

    // 2. The region away for a 10-minute outage; the halls go on, their broker keeps only KEPT messages for it.
    await region.stop();
    const during = OUTAGE_MINUTES * 60 * PER_SECOND;
    for (const h of halls) h.lastSeq += during;
    for (const u of uplinks) u.changed();
    await waitForValue(
      'the halls sent their outage',
      () => halls.every((h) => h.ackedSeq() === h.lastSeq),
      (v) => v,
      300_000,
    );
    const t1 = performance.now();
    region = startRegion();
    await waitForValue('caught up', applied, (n) => n === total(), 300_000);
    const catchUpSeconds = Math.round((performance.now() - t1) / 100) / 10;
    await region.stop();
    return {
      halls: HALLS,
      backlogRecords: HALLS * BACKLOG,
      appliedPerSecond,
      outage: {
        minutes: OUTAGE_MINUTES,
        recordsDuringOutage: HALLS * during,
        brokerKept: KEPT,
        catchUpSeconds,
        underAMinute: catchUpSeconds < 60,
      },
    };
  } finally {
    for (const u of uplinks) await u.stop();
    db.close();
    await broker.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1]?.endsWith('federation.ts')) {
  const { existsSync } = await import('node:fs');
  if (!existsSync(MOSQUITTO)) {
    console.log(`federation bench skipped: no ${MOSQUITTO}`);
  } else {
    console.log(JSON.stringify(await federationBench(process.argv.includes('--quick')), null, 2));
  }
}
