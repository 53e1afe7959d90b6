/**
 * Hall server for benchmarks: argv <dataDir> <windows> [<tickets>]. Prints its port and bench credentials when ready.
 * With <tickets>, the day is seeded first (seed-day.ts: that many tickets, all but 200 through the first windows).
 */
import { join } from 'node:path';
import { hallConfigSchema } from '../../hall-server/src/config/config.schema.js';
import { startHall } from '../../hall-server/src/main.js';
import { silentLogger } from '../../hall-server/src/app/ports.js';
import { DEMO_SERVICES } from '../../hall-server/src/app/demo/demo-hall.js';
import { newToken, tokenHash } from '../../hall-server/src/adapters/crypto/secrets.js';
import { windowConfigSchema } from '@onedoor/protocol';
import { openSqliteHall } from '../helpers/sqlite-hall.js';
import { seedDay, type SeededDay } from './seed-day.js';

const [dataDir, windowCount, ticketCount] = process.argv.slice(2);
const n = Number(windowCount);
const config = hallConfigSchema.parse({
  hall: { id: 'bench-hall' },
  dataDir,
  server: { host: '127.0.0.1', port: 0 },
  mqtt: { embeddedPort: 0, embeddedHost: '127.0.0.1' },
  db: { synchronous: 'FULL' },
  log: { level: 'silent' },
  // Load drives the kiosk at machine speed, far past a kiosk's issue rate.
  limits: { kioskIssue: { burst: 100_000, perMinute: 1_000_000 } },
});
const services = DEMO_SERVICES.map((s) => ({
  ...s,
  rangeEnd: 99999,
  width: 5,
  dailyCap: 0,
  realName: false,
  perPersonDailyLimit: 0,
}));
const windows = Array.from({ length: n }, (_, i) =>
  windowConfigSchema.parse({
    id: `w${i}`,
    number: String(i + 1),
    name: `${i + 1}号窗口`,
    kind: 'comprehensive',
    services: [{ serviceId: 'general' }],
  }),
);
const system = { kind: 'system', reason: 'bench' } as const;
const clerkName = (i: number) => `窗口${i}`;
/** The windows the bench's measuring clerks sit at (run.ts's MEASURED_WINDOWS): the seeded day went through them. */
const SEEDED_WINDOWS = 10;

let seeded: SeededDay | null = null;
if (ticketCount) {
  // Before the hall starts, over its database file: the hall then loads the seeded day as after a restart.
  const before = openSqliteHall({ file: join(dataDir!, config.db.file), config, synchronous: 'FULL' });
  await before.app.hall.saveConfiguration({ services, windows }, system);
  seeded = seedDay(before, {
    tickets: Number(ticketCount),
    waiting: 200,
    windows: windows
      .slice(0, SEEDED_WINDOWS)
      .map((w, i) => ({ windowId: w.id, clerkId: `c${i}`, clerkName: clerkName(i) })),
  });
  before.close();
}
const startedAt = performance.now();
const running = await startHall(config, { log: silentLogger });
const startMs = performance.now() - startedAt;
await running.hall.saveConfiguration({ services, windows }, system);
const passwordHash = await running.auth.hashPassword('bench-password');
// Each clerk's session is written as a sign-in writes it, without the sign-in's scrypt: 1,000 sign-ins took 127 s here.
const now = new Date();
const expiresAt = new Date(now.getTime() + config.security.sessionHours * 3_600_000).toISOString();
const clerks: string[] = [];
for (let i = 0; i < n; i++) {
  running.auth.upsertStaffRecord({
    id: `c${i}`,
    username: `c${i}`,
    name: clerkName(i),
    roles: ['clerk'],
    passwordHash,
    enabled: true,
  });
  const token = newToken();
  running.authRepo.createSession(tokenHash(token), `c${i}`, now.toISOString(), expiresAt);
  clerks.push(token);
}
// Every clerk signed in at their window before anyone connects (one transaction; the crowd's own sign-ins then change
// nothing): signed in by the crowd, each sign-in went to every socket already there — 1,000 windows took 34 s.
const signedIn = await Promise.all(
  Array.from({ length: n }, (_, i) =>
    running.hall.runWindowCommand(
      { type: 'sign-in', windowId: `w${i}`, clerkId: `c${i}`, clerkName: clerkName(i) },
      { kind: 'staff', staffId: `c${i}` },
    ),
  ),
);
for (const r of signedIn) if (!r.ok) throw new Error(`sign-in refused: ${r.error.messageEn}`);
running.auth.saveDevice({ id: 'bench-display', kind: 'display', name: 'bench', windowId: null, settings: {} });
running.auth.saveDevice({ id: 'bench-kiosk', kind: 'kiosk', name: 'bench', windowId: null, settings: {} });
const tokens = {
  clerks,
  display: running.auth.issueDeviceToken('bench-display'),
  kiosk: running.auth.issueDeviceToken('bench-kiosk'),
};
process.stdout.write(JSON.stringify({ ready: true, port: running.port, tokens, seeded, startMs }) + '\n');
// Exit through process.exit so `--cpu-prof` (BENCH_CPU_PROF) gets to write its profile.
process.once('SIGTERM', () => process.exit(0));
