/**
 * `npm run federation -- broker-config --plan plan.json --out DIR [--rotate]`: the Mosquitto files of every broker of
 * a federation plan (四级联通) and each hall's `federation` config section. Exit codes: 0 OK, 2 bad plan or command line.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { mosquittoPasswd } from '../../../hardware/src/cli/mosquitto-files.js';
import {
  brokerPlanSchema,
  bridgeUser,
  federationAcl,
  federationConf,
  hallFederationConfig,
  planUsers,
  regionUser,
} from './broker-plan.js';

export const USAGE = `一门 联通工具 / OneDoor federation

用法 / usage: npm run federation -- broker-config --plan PLAN.json --out DIR [--rotate]
  为计划中的每个 Mosquitto 代理写 mosquitto.conf、acl、passwd，为每个大厅写 federation 配置段；
  密码保存在 DIR/credentials.json，再次运行时沿用（--rotate 换新） /
  writes mosquitto.conf, acl and passwd for every broker of the plan and each hall's federation config section;
  passwords are kept in DIR/credentials.json across runs (--rotate makes new ones)`;

export interface FederationCliIo {
  out(line: string): void;
  err(line: string): void;
}

const credentialsSchema = z.record(z.string(), z.string().min(1));

export function runFederationCli(
  argv: readonly string[],
  io: FederationCliIo,
  now: () => Date = () => new Date(),
): number {
  const [command, ...rest] = argv;
  if (command !== 'broker-config') {
    io.err(USAGE);
    return 2;
  }
  let values: { plan?: string; out?: string; rotate?: boolean };
  try {
    ({ values } = parseArgs({
      args: [...rest],
      options: { plan: { type: 'string' }, out: { type: 'string' }, rotate: { type: 'boolean' } },
    }));
  } catch (err) {
    io.err(`${(err as Error).message}\n${USAGE}`);
    return 2;
  }
  if (!values.plan || !values.out) {
    io.err(`需要 --plan 和 --out / --plan and --out are required\n${USAGE}`);
    return 2;
  }
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(values.plan, 'utf8'));
  } catch (err) {
    io.err(`读不了计划文件 / cannot read the plan: ${(err as Error).message}`);
    return 2;
  }
  const parsed = brokerPlanSchema.safeParse(raw);
  if (!parsed.success) {
    for (const i of parsed.error.issues) io.err(`计划有误 / bad plan: ${i.path.join('.')}: ${i.message}`);
    return 2;
  }
  const plan = parsed.data;
  const outDir = resolve(values.out);
  mkdirSync(outDir, { recursive: true, mode: 0o700 });
  const credentialsFile = join(outDir, 'credentials.json');
  const kept =
    !values.rotate && existsSync(credentialsFile)
      ? credentialsSchema.parse(JSON.parse(readFileSync(credentialsFile, 'utf8')))
      : {};
  const passwords = Object.fromEntries(
    planUsers(plan).map((u) => [u, kept[u] ?? randomBytes(18).toString('base64url')]),
  );
  writeFileSync(credentialsFile, `${JSON.stringify(passwords, null, 2)}\n`, { mode: 0o600 });
  const generatedAt = now().toISOString();
  for (const b of plan.brokers) {
    const dir = join(outDir, 'brokers', b.name);
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    // Who logs in here: its halls, its regions, the bridges of the brokers below.
    const users = [
      ...plan.halls.filter((h) => h.broker === b.name).map((h) => h.id),
      ...plan.halls.filter((h) => h.broker === b.name && h.role !== 'hall').map((h) => regionUser(h.id)),
      ...plan.brokers.filter((c) => c.parent === b.name).map((c) => bridgeUser(c.name)),
    ];
    writeFileSync(join(dir, 'acl'), federationAcl(plan, b.name, generatedAt), { mode: 0o644 });
    writeFileSync(join(dir, 'passwd'), mosquittoPasswd(Object.fromEntries(users.map((u) => [u, passwords[u]!]))), {
      mode: 0o600,
    });
    // It holds the bridge's password: owner only.
    writeFileSync(join(dir, 'mosquitto.conf'), federationConf(plan, b.name, { dir, passwords }), { mode: 0o600 });
  }
  const hallsDir = join(outDir, 'halls');
  mkdirSync(hallsDir, { recursive: true, mode: 0o700 });
  for (const h of plan.halls)
    writeFileSync(
      join(hallsDir, `${h.id}.json`),
      `${JSON.stringify({ federation: hallFederationConfig(plan, h.id, passwords) }, null, 2)}\n`,
      { mode: 0o600 },
    );
  io.out(
    `已为 ${plan.brokers.length} 个代理、${plan.halls.length} 个大厅生成联通配置 / federation files for ${plan.brokers.length} brokers and ${plan.halls.length} halls`,
  );
  io.out(`  ${outDir}/brokers/<代理 broker>/{mosquitto.conf,acl,passwd}`);
  io.out(`  ${outDir}/halls/<大厅 hall>.json: 合并进大厅配置 / merge into the hall's config file`);
  return 0;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = runFederationCli(process.argv.slice(2), {
    out: (l) => console.log(l),
    err: (l) => console.error(l),
  });
}
