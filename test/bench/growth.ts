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
  ANSWER_TIMEOUT_MS,
  type BenchHall,
  type HallRun,
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
      const timer = setTimeout(
        () => reject(new Error(`no snapshot within ${ANSWER_TIMEOUT_MS / 1000} s of connecting`)),
        ANSWER_TIMEOUT_MS,
      );
      socket.once('hall:snapshot', (s: unknown) => {
        clearTimeout(timer);
        resolve(s);
      });
      socket.once('connect_error', (err) => {
        clearTimeout(timer);
        reject(new Error(`a board connecting: ${err.message}`));
      });
    });
    return { ms: performance.now() - t0, bytes: Buffer.byteLength(JSON.stringify(snapshot)) };
  } finally {
    socket.close();
  }
}

/** A point the hall did not get through: why, and what its crowd saw. */
interface Failed {
  error: string;
  crowd: CrowdReport | null;
}
const failed = (run: HallRun<unknown>): Failed => ({ error: run.error ?? 'no value', crowd: run.crowd });

async function dayPoint(tickets: number, p: ReturnType<typeof plan>) {
  const run = await withBenchHall({ size: crowdOf(p.dayCrowd), tickets }, async (hall) => {
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
    return {
      callToDisplayMs: p50p99(calls),
      issueAckMs: p50p99(issues),
      issuesRefused: refused,
      snapshotOnConnectMs: p50p99(snapshots.map((s) => s.ms)),
      snapshotBytes: Math.max(...snapshots.map((s) => s.bytes)),
      rssMb: round(rssOf(hall.pid), 1),
    };
  });
  const day = { tickets, seeded: run.ready.seeded ?? null, hallStartMs: round(run.ready.startMs ?? 0, 0) };
  return run.value ? { ...day, ...run.value, error: null, crowd: run.crowd } : { ...day, ...failed(run) };
}

export async function growthBench(quick: boolean) {
  const p = plan(quick);
  const t0 = performance.now();
  // A long run: say where it is (stderr, the table stays on stdout).
  const progress = (what: string) => console.error(`growth ${round((performance.now() - t0) / 1000, 0)} s: ${what}`);
  const clients = [];
  for (const windows of p.windows) {
    const size = crowdOf(windows);
    progress(`${windows} windows, durable floor`);
    const bare = await floorCallLatency(true, size, p.calls);
    const floor = p50p99(bare.latencies);
    progress(`${windows} windows, hall`);
    const run = await hallCallLatency(size, p.calls);
    const point = { windows, sockets: size.windows + size.displays + size.kiosks + 12, durableFloorMs: floor };
    const crowds = { hall: run.crowd, durableFloor: bare.crowd };
    if (!run.value) {
      clients.push({ ...point, ...failed(run), crowd: crowds });
      continue;
    }
    const hall = p50p99(run.value.latencies);
    clients.push({
      ...point,
      callToDisplayMs: hall,
      ratioToDurableFloor: ratios(hall, floor),
      rssMb: round(run.value.rss, 1),
      error: null,
      crowd: crowds,
    });
  }
  progress('fresh day');
  const freshDay = await dayPoint(FRESH_DAY, p);
  if (freshDay.error !== null)
    throw new Error(`the fresh day, the tickets curve's baseline, failed: ${freshDay.error}`);
  const day = [];
  for (const tickets of p.tickets) {
    progress(`${tickets} tickets`);
    const point = await dayPoint(tickets, p);
    day.push(
      point.error === null
        ? {
            ...point,
            ratioToFreshDay: {
              callToDisplay: ratios(point.callToDisplayMs, freshDay.callToDisplayMs),
              issueAck: ratios(point.issueAckMs, freshDay.issueAckMs),
              snapshotOnConnect: ratios(point.snapshotOnConnectMs, freshDay.snapshotOnConnectMs),
              snapshotBytes: round(point.snapshotBytes / freshDay.snapshotBytes),
            },
          }
        : point,
    );
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
const crowdTrouble = (who: string, c: CrowdReport | null): string[][] => {
  if (!c) return [];
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
      c.error === null
        ? [
            `  call → display, ${c.windows} windows`,
            pair(c.callToDisplayMs),
            pair(c.durableFloorMs),
            pair(c.ratioToDurableFloor, '×'),
            'ratio flat',
          ]
        : [`  ! ${c.windows} windows: ${c.error}`, '', pair(c.durableFloorMs), '', 'ratio flat'],
      ...crowdTrouble(`${c.windows} windows, hall`, c.crowd.hall),
      ...crowdTrouble(`${c.windows} windows, floor`, c.crowd.durableFloor),
    ]),
    [`growth: tickets in the day`, '', `fresh (${fresh.tickets})`, '', ''],
    ...crowdTrouble('fresh day', fresh.crowd),
    ...g.day.flatMap((d) => [
      ...(d.error === null
        ? [
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
              String(d.snapshotBytes),
              String(fresh.snapshotBytes),
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
            ...(d.issuesRefused > 0
              ? [[`  ! ${d.tickets}: ${d.issuesRefused} measured issues refused`, '', '', '', '']]
              : []),
          ]
        : [
            [`  ! ${d.tickets} tickets: ${d.error}`, '', '', '', 'flat'],
            [`  hall start ms, ${d.tickets}`, String(d.hallStartMs), String(fresh.hallStartMs), '', 'may grow'],
          ]),
      ...crowdTrouble(`${d.tickets} tickets`, d.crowd),
    ]),
  ];
}
