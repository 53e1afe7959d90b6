/**
 * A hall server with a platform in its own process, for fault tests that kill it with SIGKILL.
 * argv: <dataDir> <port> <platform config as JSON>. Prints one JSON line {"ready":true,...} when it listens.
 */
import { hallConfigSchema } from '../../hall-server/src/config/config.schema.js';
import { startHall } from '../../hall-server/src/main.js';
import { silentLogger } from '../../hall-server/src/app/ports.js';

const [dataDir, port, platform] = process.argv.slice(2);
const config = hallConfigSchema.parse({
  hall: { id: 'fault-platform-hall' },
  dataDir,
  server: { host: '127.0.0.1', port: Number(port) },
  mqtt: { embeddedPort: 0, embeddedHost: '127.0.0.1' },
  db: { synchronous: 'FULL' },
  demo: { seed: true },
  log: { level: 'silent' },
  platform: JSON.parse(platform ?? '{}') as unknown,
});
const running = await startHall(config, { log: silentLogger });
process.stdout.write(JSON.stringify({ ready: true, port: running.port, pid: process.pid }) + '\n');
