/** Hall server for benchmarks: argv <dataDir> <windows>. Prints its port and bench credentials when ready. */
import { hallConfigSchema } from '../../hall-server/src/config/config.schema.js';
import { startHall } from '../../hall-server/src/main.js';
import { silentLogger } from '../../hall-server/src/app/ports.js';
import { DEMO_SERVICES } from '../../hall-server/src/app/demo/demo-hall.js';
import { windowConfigSchema } from '@onedoor/protocol';

const [dataDir, windowCount] = process.argv.slice(2);
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
const running = await startHall(config, { log: silentLogger });
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
await running.hall.saveConfiguration({ services, windows }, { kind: 'system', reason: 'bench' });
const passwordHash = await running.auth.hashPassword('bench-password');
const clerks: string[] = [];
for (let i = 0; i < n; i++) {
  running.auth.upsertStaffRecord({
    id: `c${i}`,
    username: `c${i}`,
    name: `窗口${i}`,
    roles: ['clerk'],
    passwordHash,
    enabled: true,
  });
  const r = await running.auth.login(`c${i}`, 'bench-password');
  if (r.ok) clerks.push(r.value.sessionToken);
}
running.auth.saveDevice({ id: 'bench-display', kind: 'display', name: 'bench', windowId: null, settings: {} });
running.auth.saveDevice({ id: 'bench-kiosk', kind: 'kiosk', name: 'bench', windowId: null, settings: {} });
const tokens = {
  clerks,
  display: running.auth.issueDeviceToken('bench-display'),
  kiosk: running.auth.issueDeviceToken('bench-kiosk'),
};
process.stdout.write(JSON.stringify({ ready: true, port: running.port, tokens }) + '\n');
// Exit through process.exit so `--cpu-prof` (BENCH_CPU_PROF) gets to write its profile.
process.once('SIGTERM', () => process.exit(0));
