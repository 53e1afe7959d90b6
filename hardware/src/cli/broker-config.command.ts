import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { createRestClient, type RestAnswer } from '@onedoor/protocol';
import { EXIT, type CliIo } from './ports.command.js';
import { brokerUsers, mosquittoAcl, mosquittoPasswd } from './mosquitto-files.js';

/** Options for {@link runBrokerConfig}. */
export interface BrokerConfigOptions {
  /** The hall server, `http://hall:8080`. */
  hallUrl: string;
  /** A manager's or admin's sign-in: the device list is theirs to read. */
  username: string;
  password: string;
  outDir: string;
  /** The MQTT user the hall server connects as (its `mqtt.username`), default `onedoor-hall`. */
  hallUser?: string;
  /** New passwords for every user, instead of keeping those already in `credentials.json`. */
  rotate?: boolean;
  fetch?: typeof fetch;
  now?: () => Date;
}

const credentialsSchema = z.record(z.string(), z.string().min(1));

function answer<T>(r: RestAnswer<T>, what: string): T {
  if (r.ok) return r.data;
  throw new Error(`${what}：${r.error.message} / ${what}: ${r.error.messageEn}`);
}

/**
 * `broker-config`: writes the Mosquitto files for an external broker from the hall's paired devices — `acl` (the
 * same rules the embedded broker applies), `passwd` (mosquitto_passwd format), `credentials.json` (each user's
 * password, for the hall's `mqtt.password` and each device's or gateway's config; kept across runs unless rotated)
 * and `onedoor.conf` to include from mosquitto.conf.
 */
export async function runBrokerConfig(options: BrokerConfigOptions, io: CliIo): Promise<number> {
  const rest = (token: string | null) =>
    createRestClient({
      origin: options.hallUrl.replace(/\/$/, ''),
      token: () => token,
      ...(options.fetch ? { fetch: options.fetch } : {}),
    });
  const session = answer(
    await rest(null).call('POST /api/auth/login', { body: { username: options.username, password: options.password } }),
    '登录大厅服务器失败',
  );
  const hall = rest(session.sessionToken);
  const snapshot = answer(await hall.call('GET /api/snapshot', {}), '读取大厅失败');
  const devices = answer(await hall.call('GET /api/devices', {}), '读取设备失败');

  const outDir = resolve(options.outDir);
  mkdirSync(outDir, { recursive: true });
  const credentialsFile = join(outDir, 'credentials.json');
  const kept =
    !options.rotate && existsSync(credentialsFile)
      ? credentialsSchema.parse(JSON.parse(readFileSync(credentialsFile, 'utf8')))
      : {};
  const users = brokerUsers(options.hallUser ?? 'onedoor-hall', devices);
  const passwords = Object.fromEntries(
    users.map((u) => [u.username, kept[u.username] ?? randomBytes(18).toString('base64url')]),
  );
  const generatedAt = (options.now ?? (() => new Date()))().toISOString();
  writeFileSync(join(outDir, 'acl'), mosquittoAcl(snapshot.hallId, users, generatedAt), { mode: 0o644 });
  writeFileSync(join(outDir, 'passwd'), mosquittoPasswd(passwords), { mode: 0o600 });
  writeFileSync(credentialsFile, `${JSON.stringify(passwords, null, 2)}\n`, { mode: 0o600 });
  writeFileSync(
    join(outDir, 'onedoor.conf'),
    [
      `# OneDoor hall ${snapshot.hallId}: include from mosquitto.conf next to your listener.`,
      'allow_anonymous false',
      `password_file ${join(outDir, 'passwd')}`,
      `acl_file ${join(outDir, 'acl')}`,
      '',
    ].join('\n'),
  );
  io.out(
    `已为大厅 ${snapshot.hallId} 生成 ${users.length} 个 MQTT 用户 / ${users.length} MQTT users for hall ${snapshot.hallId}`,
  );
  io.out(`  ${outDir}/acl, passwd, onedoor.conf, credentials.json (0600)`);
  io.out(
    `大厅服务器 mqtt.username=${users[0]!.username}，mqtt.password 见 credentials.json；网关用自己的编号和密码 / ` +
      `hall: mqtt.username=${users[0]!.username}, mqtt.password from credentials.json; each gateway its own id and password`,
  );
  return EXIT.OK;
}
