/**
 * Issue 15's growth curves, each figure beside a baseline measured in the same run:
 *   1. clients: call → display latency with 100, 300 and 1,000 windows' worth of clients (W signed-in clerk sockets,
 *      W/5 boards, W/10 kiosks, 20 tickets/s of background), beside the durable floor (bare-server.ts with its SQLite
 *      file) with the same crowd. The fan-out grows with the sockets; the ratio should not.
 *   2. tickets in the day: 1,000, 10,000 and 50,000 tickets already in the day (seed-day.ts: all but about 200 done,
 *      no-show or abandoned), beside a fresh day (the 200 waiting only), each with the 100-window crowd: call → display,
 *      a kiosk's ticket:issue round trip, and a board's snapshot on connect (time from the connect to the snapshot, and
 *      its JSON size). What may grow with the day: the hall's start and memory; a call, an issue, a snapshot must not.
 * `--quick` runs smaller sets; `npm run bench -- --only growth` runs these alone.
 */
import { performance } from 'node:perf_hooks';
import { io } from 'socket.io-client';
import {
  emit,
  floorCallLatency,
  hallCallLatency,
  hallCalls,
  p50p99,
  round,
  rssOf,
  sleep,
  withBenchHall,
  type BenchHall,
  type CrowdReport,
  type CrowdSize,
} from './bench-clients.js';

/** W windows' worth of clients around the measuring ones. */
const crowdOf = (windows: number): CrowdSize => ({ windows, displays: windows / 5, kiosks: windows / 10 });
/** The fresh day the tickets curve is measured against: the 200 waiting (and the few the first calls took). */
const FRESH_DAY = 220;

function plan(quick: boolean) {
  return quick
    ? { windows: [30, 100, 300], tickets: [1_000, 3_000, 10_000], dayCrowd: 30, calls: 30, issues: 30, snapshots: 10 }
    : {
        windows: [100, 300, 1_000],
        tickets: [1_000, 10_000, 50_000],
        dayCrowd: 100,
        calls: 100,
        issues: 100,
        snapshots: 20,
      };
}

const ratios = (of: { p50: number; p99: number }, to: { p50: number; p99: number }) => ({
  p50: round(of.p50 / to.p50),
  p99: round(of.p99 / to.p99),
});

/** A board connecting: from the connect to its snapshot, and the snapshot's JSON size. */
async function snapshotOnConnect(hall: BenchHall): Promise<{ ms: number; bytes: number }> {
  const t0 = performance.now();
  const socket = io(`${hall.base}/display`, {
    auth: { deviceToken: hall.ready.tokens!.display },
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
  });
  try {
    const snapshot = await new Promise<unknown>((resolve, reject) => {
      socket.once('hall:snapshot', resolve);
      socket.once('connect_error', reject);
    });
    return { ms: performance.now() - t0, bytes: Buffer.byteLength(JSON.stringify(snapshot)) };
  } finally {
    socket.close();
  }
}

async function dayPoint(tickets: number, p: ReturnType<typeof plan>) {
  const { value, crowd } = await withBenchHall({ size: crowdOf(p.dayCrowd), tickets }, async (hall) => {
    const issues: number[] = [];
    let refused = 0;
    for (let i = 0; i < p.issues; i++) {
      const t0 = performance.now();
      const ack = await emit(hall.kiosk, 'ticket:issue', { serviceId: 'general' });
      issues.push(performance.now() - t0);
      if (!ack.ok) refused++;
      await sleep(5);
    }
    const calls = await hallCalls(hall, p.calls);
    const snapshots: { ms: number; bytes: number }[] = [];
    for (let i = 0; i < p.snapshots; i++) {
      snapshots.push(await snapshotOnConnect(hall));
      await sleep(20);
    }
    const ms = snapshots.map((s) => s.ms);
    return {
      tickets,
      seeded: hall.ready.seeded,
      hallStartMs: round(hall.ready.startMs ?? 0, 0),
      callToDisplayMs: p50p99(calls),
      issueAckMs: p50p99(issues),
      issuesRefused: refused,
      snapshotOnConnectMs: p50p99(ms),
      snapshotBytes: Math.max(...snapshots.map((s) => s.bytes)),
      rssMb: round(rssOf(hall.pid), 1),
    };
  });
  return { ...value, crowd };
}

export async function growthBench(quick: boolean) {
  const p = plan(quick);
  const t0 = performance.now();
  const clients = [];
  for (const windows of p.windows) {
    const size = crowdOf(windows);
    const bare = await floorCallLatency(true, size, p.calls);
    const floor = p50p99(bare.latencies);
    const { latencies, rss, crowd } = await hallCallLatency(size, p.calls);
    const hall = p50p99(latencies);
    clients.push({
      windows,
      sockets: size.windows + size.displays + size.kiosks + 12,
      callToDisplayMs: hall,
      durableFloorMs: floor,
      ratioToDurableFloor: ratios(hall, floor),
      rssMb: round(rss, 1),
      crowd: { hall: crowd, durableFloor: bare.crowd },
    });
  }
  const freshDay = await dayPoint(FRESH_DAY, p);
  const day = [];
  for (const tickets of p.tickets) {
    const point = await dayPoint(tickets, p);
    day.push({
      ...point,
      ratioToFreshDay: {
        callToDisplay: ratios(point.callToDisplayMs, freshDay.callToDisplayMs),
        issueAck: ratios(point.issueAckMs, freshDay.issueAckMs),
        snapshotOnConnect: ratios(point.snapshotOnConnectMs, freshDay.snapshotOnConnectMs),
        snapshotBytes: round(point.snapshotBytes / freshDay.snapshotBytes),
      },
    });
  }
  return {
    setup: {
      calls: p.calls,
      issues: p.issues,
      snapshots: p.snapshots,
      backgroundTicketsPerSecond: 20,
      dayCrowdWindows: p.dayCrowd,
      note: 'clients: W clerk sockets signed in, W/5 boards, W/10 kiosks, plus the 10 measuring clerks, a board and a kiosk; tickets: the day seeded through the queue domain onto the hall’s rows before it starts (seed-day.ts)',
    },
    clients,
    freshDay,
    day,
    seconds: round((performance.now() - t0) / 1000, 0),
  };
}

type Growth = Awaited<ReturnType<typeof growthBench>>;

/** A row only when the crowd lost sockets or had commands refused: the figures above it were not taken at full load. */
const crowdTrouble = (who: string, c: CrowdReport): string[][] => {
  const lost = c.sockets - c.connected;
  const refused = Object.entries(c.refused).map(([what, n]) => `${n} ${what}`);
  if (lost === 0 && refused.length === 0) return [];
  const reasons = Object.entries(c.disconnects).map(([why, n]) => `${n} ${why}`);
  const text = [lost > 0 ? `lost ${lost}/${c.sockets} (${reasons.join(', ')})` : '', ...refused].filter(Boolean);
  return [[`  ! ${who} crowd: ${text.join('; ')}`, '', '', '', '']];
};

const pair = (v: { p50: number; p99: number }, unit = '') => `${v.p50}${unit} / ${v.p99}${unit}`;

/** Rows for the bench table: measure, OneDoor, baseline, ratio, target (p50 / p99 in one cell). */
export function growthRows(g: Growth): string[][] {
  const fresh = g.freshDay;
  return [
    ['growth: clients (p50 / p99 ms)', '', 'durable floor', '', ''],
    ...g.clients.flatMap((c) => [
      [
        `  call → display, ${c.windows} windows`,
        pair(c.callToDisplayMs),
        pair(c.durableFloorMs),
        pair(c.ratioToDurableFloor, '×'),
        'ratio flat',
      ],
      ...crowdTrouble(`${c.windows} windows, hall`, c.crowd.hall),
      ...crowdTrouble(`${c.windows} windows, floor`, c.crowd.durableFloor),
    ]),
    [`growth: tickets in the day`, '', `fresh (${fresh.tickets})`, '', ''],
    ...g.day
      .flatMap((d) => [
        [
          `  call → display, ${d.tickets} (ms)`,
          pair(d.callToDisplayMs),
          pair(fresh.callToDisplayMs),
          pair(d.ratioToFreshDay.callToDisplay, '×'),
          'flat',
        ],
        [
          `  issue ack, ${d.tickets} (ms)`,
          pair(d.issueAckMs),
          pair(fresh.issueAckMs),
          pair(d.ratioToFreshDay.issueAck, '×'),
          'flat',
        ],
        [
          `  snapshot on connect, ${d.tickets}`,
          pair(d.snapshotOnConnectMs),
          pair(fresh.snapshotOnConnectMs),
          pair(d.ratioToFreshDay.snapshotOnConnect, '×'),
          'flat',
        ],
        [
          `  snapshot bytes, ${d.tickets}`,
          d.snapshotBytes,
          fresh.snapshotBytes,
          `${d.ratioToFreshDay.snapshotBytes}×`,
          'flat',
        ],
        [
          `  hall start ms / RSS MB, ${d.tickets}`,
          `${d.hallStartMs} / ${d.rssMb}`,
          `${fresh.hallStartMs} / ${fresh.rssMb}`,
          '',
          'may grow',
        ],
      ])
      .map((r) => r.map(String)),
  ];
}
