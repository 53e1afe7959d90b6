import { existsSync, readFileSync } from 'node:fs';
import { plainIssue } from '@onedoor/protocol';
import { hallConfigSchema, type HallConfig } from './config.schema.js';

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`配置有误 / invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

type Env = Record<string, string | undefined>;

/** Environment variables that override the file, and where they land. */
const ENV_OVERRIDES: { name: string; path: string[]; kind: 'string' | 'int' | 'bool' }[] = [
  { name: 'HALL_ID', path: ['hall', 'id'], kind: 'string' },
  { name: 'HALL_NAME', path: ['hall', 'name'], kind: 'string' },
  { name: 'HALL_NAME_EN', path: ['hall', 'nameEn'], kind: 'string' },
  { name: 'HALL_TIME_ZONE', path: ['hall', 'timeZone'], kind: 'string' },
  { name: 'HALL_RESET_TIME', path: ['hall', 'resetTime'], kind: 'string' },
  { name: 'HALL_PUBLIC_URL', path: ['hall', 'publicUrl'], kind: 'string' },
  { name: 'HALL_HOST', path: ['server', 'host'], kind: 'string' },
  { name: 'HALL_PORT', path: ['server', 'port'], kind: 'int' },
  { name: 'HALL_TLS_CERT', path: ['server', 'tls', 'certFile'], kind: 'string' },
  { name: 'HALL_TLS_KEY', path: ['server', 'tls', 'keyFile'], kind: 'string' },
  { name: 'HALL_WEB_DIR', path: ['server', 'webDir'], kind: 'string' },
  { name: 'HALL_DATA_DIR', path: ['dataDir'], kind: 'string' },
  { name: 'HALL_DB_SYNCHRONOUS', path: ['db', 'synchronous'], kind: 'string' },
  { name: 'HALL_MQTT_URL', path: ['mqtt', 'url'], kind: 'string' },
  { name: 'HALL_MQTT_USERNAME', path: ['mqtt', 'username'], kind: 'string' },
  { name: 'HALL_MQTT_PASSWORD', path: ['mqtt', 'password'], kind: 'string' },
  { name: 'HALL_MQTT_PORT', path: ['mqtt', 'embeddedPort'], kind: 'int' },
  { name: 'HALL_DATA_KEY', path: ['security', 'dataKey'], kind: 'string' },
  { name: 'HALL_DATA_KEY_FILE', path: ['security', 'dataKeyFile'], kind: 'string' },
  { name: 'HALL_DEMO', path: ['demo', 'seed'], kind: 'bool' },
  { name: 'HALL_VIRTUAL_DEVICES', path: ['demo', 'virtualDevices'], kind: 'bool' },
  { name: 'HALL_DEMO_OFFICE_HOURS', path: ['demo', 'officeHours'], kind: 'bool' },
  { name: 'HALL_LOG_LEVEL', path: ['log', 'level'], kind: 'string' },
  { name: 'HALL_PLATFORM_URL', path: ['platform', 'url'], kind: 'string' },
  { name: 'HALL_PLATFORM_HALL_CODE', path: ['platform', 'hallCode'], kind: 'string' },
  { name: 'HALL_PLATFORM_WEBHOOK_URL', path: ['platform', 'webhookUrl'], kind: 'string' },
  { name: 'HALL_PLATFORM_SIGNING', path: ['platform', 'signing', 'alg'], kind: 'string' },
  { name: 'HALL_PLATFORM_KEY', path: ['platform', 'signing', 'hmacKey'], kind: 'string' },
  { name: 'HALL_PLATFORM_SM2_PRIVATE_KEY', path: ['platform', 'signing', 'sm2PrivateKey'], kind: 'string' },
  { name: 'HALL_PLATFORM_PUBLIC_KEY', path: ['platform', 'signing', 'platformPublicKey'], kind: 'string' },
];

function setPath(target: Record<string, unknown>, path: string[], value: unknown): void {
  let node = target;
  for (const key of path.slice(0, -1)) {
    if (typeof node[key] !== 'object' || node[key] === null) node[key] = {};
    node = node[key] as Record<string, unknown>;
  }
  node[path[path.length - 1]!] = value;
}

/**
 * Reads the config file (HALL_CONFIG or ./onedoor.config.json when present), applies environment overrides and
 * validates the result. Throws ConfigError listing every problem with the path to fix.
 */
export function loadConfig(env: Env = process.env, overrides: Record<string, unknown> = {}): HallConfig {
  const problems: string[] = [];
  let raw: Record<string, unknown> = {};
  const file = env.HALL_CONFIG ?? (existsSync('onedoor.config.json') ? 'onedoor.config.json' : undefined);
  if (file) {
    try {
      raw = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    } catch (err) {
      throw new ConfigError([`无法读取配置文件 ${file} / cannot read config file ${file}: ${(err as Error).message}`]);
    }
  }
  for (const o of ENV_OVERRIDES) {
    const value = env[o.name];
    if (value === undefined || value === '') continue;
    if (o.kind === 'int') {
      const n = Number(value);
      if (!Number.isInteger(n)) {
        problems.push(`${o.name}=${value}: 应为整数 / must be a whole number`);
        continue;
      }
      setPath(raw, o.path, n);
    } else if (o.kind === 'bool') {
      if (!['1', '0', 'true', 'false'].includes(value)) {
        problems.push(`${o.name}=${value}: 应为 true 或 false / must be true or false`);
        continue;
      }
      setPath(raw, o.path, value === '1' || value === 'true');
    } else {
      setPath(raw, o.path, value);
    }
  }
  for (const [path, value] of Object.entries(overrides)) setPath(raw, path.split('.'), value);
  if (problems.length) throw new ConfigError(problems);
  const parsed = hallConfigSchema.safeParse(raw);
  if (!parsed.success) {
    // Plain words, not zod's: 「hall.port」不能大于 65535 / hall.port must be at most 65535.
    throw new ConfigError(parsed.error.issues.map(plainIssue).map((p) => `${p.zh} / ${p.en}`));
  }
  return parsed.data;
}
