/**
 * `npm run platform-sim -- --port 9090` — the online platform simulator for demos and tests (README.md beside this).
 *
 *   --port N            listen here (default 9090)
 *   --host H            default 127.0.0.1
 *   --sign hmac|sm2     how requests and answers are signed (default hmac)
 *   --key K             HMAC key shared with the hall (default: the demo key, as `npm start` uses)
 *   --sm2-private HEX   the platform's SM2 private key (a key pair is made and printed when missing)
 *   --hall-public HEX   the hall's SM2 public key (required with --sign sm2)
 *   --webhook URL       where webhooks go before a hall registers its own URL
 *   --slow-ms N         how long `slow` holds each answer (default 8000)
 *   --max-skew S        clock skew allowed on signed requests, seconds (default 300)
 */
import { pathToFileURL } from 'node:url';
import smCrypto from 'sm-crypto';
import { DEMO_PLATFORM_KEY } from '../app/demo/demo-platform.js';
import type { SigningKeys } from '../adapters/platform/signing.js';
import { startPlatformSim } from './server.js';

function parseArgs(argv: readonly string[]): Map<string, string> {
  const out = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (!a.startsWith('--')) throw new Error(`unexpected argument ${a}`);
    const [name, inline] = a.slice(2).split('=', 2) as [string, string | undefined];
    const value = inline ?? argv[++i];
    if (value === undefined) throw new Error(`--${name} needs a value`);
    out.set(name, value);
  }
  return out;
}

const KNOWN = ['port', 'host', 'sign', 'key', 'sm2-private', 'hall-public', 'webhook', 'slow-ms', 'max-skew'];

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const unknown = [...args.keys()].filter((k) => !KNOWN.includes(k));
  if (unknown.length > 0) throw new Error(`unknown option --${unknown.join(', --')} (known: --${KNOWN.join(', --')})`);
  const int = (name: string, fallback: number) => {
    const v = args.get(name);
    if (v === undefined) return fallback;
    const n = Number(v);
    if (!Number.isInteger(n) || n < 0) throw new Error(`--${name} must be a whole number`);
    return n;
  };
  const sign = args.get('sign') ?? 'hmac';
  let keys: SigningKeys;
  if (sign === 'hmac') {
    keys = { alg: 'hmac-sha256', hmacKey: args.get('key') ?? DEMO_PLATFORM_KEY, userId: '1234567812345678' };
  } else if (sign === 'sm2') {
    const hallPublic = args.get('hall-public');
    if (!hallPublic) throw new Error('--sign sm2 needs --hall-public (the hall’s SM2 public key, 130 hex)');
    let privateKey = args.get('sm2-private');
    if (!privateKey) {
      const pair = smCrypto.sm2.generateKeyPairHex();
      privateKey = pair.privateKey;
      console.log(
        `  新生成的平台 SM2 密钥 / a new platform SM2 key pair:\n    公钥 public (HALL_PLATFORM_PUBLIC_KEY): ${pair.publicKey}`,
      );
    }
    keys = { alg: 'sm2', privateKey, peerPublicKey: hallPublic, userId: '1234567812345678' };
  } else throw new Error('--sign is hmac or sm2');
  const webhookUrl = args.get('webhook');
  const sim = await startPlatformSim({
    port: int('port', 9090),
    host: args.get('host') ?? '127.0.0.1',
    keys,
    slowMs: int('slow-ms', 8000),
    maxSkewSeconds: int('max-skew', 300),
    ...(webhookUrl ? { webhookUrl } : {}),
    log: (line) => console.log(`  [platform-sim] ${line}`),
  });
  console.log(
    [
      '',
      `  一网通办平台模拟器 / online platform simulator: ${sim.url} (${sign === 'hmac' ? 'HMAC-SHA256' : 'SM2-SM3'})`,
      `  控制接口 control API: GET ${sim.url}/sim/healthz · GET /sim/received · POST /sim/faults · POST /sim/appointments · POST /sim/webhooks/replay`,
      `  大厅 hall: HALL_PLATFORM_URL=${sim.url} npm start`,
      '',
    ].join('\n'),
  );
  const stop = () => void sim.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().catch((err: unknown) => {
    console.error(
      '平台模拟器启动失败 / the platform simulator failed to start:',
      err instanceof Error ? err.message : err,
    );
    process.exit(2);
  });
}
