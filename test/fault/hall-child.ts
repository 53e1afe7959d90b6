/**
 * A hall server in its own process, for fault tests that kill it with SIGKILL.
 * argv: <dataDir> <port>. Prints one JSON line {"ready":true,...} when it listens.
 */
import { hallConfigSchema } from '../../hall-server/src/config/config.schema.js';
import { startHall } from '../../hall-server/src/main.js';
import { silentLogger } from '../../hall-server/src/app/ports.js';

const [dataDir, port] = process.argv.slice(2);
const config = hallConfigSchema.parse({
  hall: { id: 'fault-hall' },
  dataDir,
  server: { host: '127.0.0.1', port: Number(port) },
  mqtt: { embeddedPort: 0, embeddedHost: '127.0.0.1' },
  db: { synchronous: 'FULL' },
  demo: { seed: true },
  log: { level: 'silent' },
  // Load drives the kiosk at machine speed, far past a kiosk's issue rate.
  limits: { kioskIssue: { burst: 100_000, perMinute: 1_000_000 } },
});
const running = await startHall(config, { log: silentLogger });
process.stdout.write(JSON.stringify({ ready: true, port: running.port, pid: process.pid }) + '\n');
