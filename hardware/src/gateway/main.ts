/**
 * `npm run gateway -- --config gateway.json`: the device gateway as its own process (composition root).
 * Exit codes: 0 after Ctrl-C / SIGTERM, 2 for a bad config, 1 for anything else.
 */
import { readFileSync } from 'node:fs';
import { GATEWAY_USAGE, GatewayConfigError, resolveGatewayConfig } from './config.js';
import { createGateway } from './gateway.js';

async function main(): Promise<number> {
  const argv = process.argv.slice(2);
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(`${GATEWAY_USAGE}\n`);
    return 0;
  }
  const config = resolveGatewayConfig({ argv, env: process.env, readFile: (p) => readFileSync(p, 'utf8') });
  const gateway = createGateway(config);
  await gateway.start();
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await gateway.stop();
  return 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    if (err instanceof GatewayConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(2);
    }
    process.stderr.write(`网关启动失败 / gateway failed: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  },
);
