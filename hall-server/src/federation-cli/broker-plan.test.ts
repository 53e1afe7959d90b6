import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  brokerPlanSchema,
  federationAcl,
  federationConf,
  hallFederationConfig,
  planUsers,
  type BrokerPlan,
} from './broker-plan.js';
import { runFederationCli } from './main.js';

const TLS = (name: string) => ({
  cafile: '/etc/onedoor/ca.pem',
  certfile: `/etc/onedoor/${name}.pem`,
  keyfile: `/etc/onedoor/${name}.key`,
});

/** A city, one county with its own broker, two towns below the county. */
const plan: BrokerPlan = brokerPlanSchema.parse({
  brokers: [
    { name: 'city', host: 'mq.city.example', port: 8883, tls: TLS('city') },
    { name: 'county-a', host: '10.1.0.2', port: 8883, parent: 'city', tls: TLS('county-a') },
  ],
  halls: [
    { id: 'city-centre', name: '市政务服务中心', role: 'city', broker: 'city' },
    { id: 'county-a', name: '甲县政务服务中心', role: 'county', broker: 'county-a', region: 'city-centre' },
    { id: 'town-1', name: '一镇便民服务中心', broker: 'county-a', region: 'county-a' },
    { id: 'town-2', name: '二镇便民服务中心', broker: 'county-a', region: 'county-a' },
  ],
});
const passwords = Object.fromEntries(planUsers(plan).map((u) => [u, `pw-${u}`]));
const AT = '2026-03-02T08:00:00.000Z';

describe('federation broker config', () => {
  it('the county broker: TLS listener, its users, and a bridge forwarding only the county’s own topics to the city', () => {
    expect(federationConf(plan, 'county-a', { dir: '/etc/mosquitto/county-a', passwords })).toBe(
      [
        '# OneDoor federation broker county-a: `mosquitto -c /etc/mosquitto/county-a/mosquitto.conf`.',
        'listener 8883',
        'cafile /etc/onedoor/ca.pem',
        'certfile /etc/onedoor/county-a.pem',
        'keyfile /etc/onedoor/county-a.key',
        'tls_version tlsv1.2',
        'allow_anonymous false',
        'password_file /etc/mosquitto/county-a/passwd',
        'acl_file /etc/mosquitto/county-a/acl',
        '',
        '# Bridge to city: only the halls below a region there; records up, replay requests down, QoS 1.',
        'connection onedoor-county-a-to-city',
        'address mq.city.example:8883',
        'remote_clientid onedoor-bridge-county-a',
        'remote_username bridge-county-a',
        'remote_password pw-bridge-county-a',
        'cleansession false',
        'bridge_protocol_version mqttv311',
        'try_private true',
        'notifications false',
        'start_type automatic',
        'restart_timeout 2 30',
        'bridge_cafile /etc/onedoor/ca.pem',
        'bridge_insecure false',
        'bridge_certfile /etc/onedoor/county-a.pem',
        'bridge_keyfile /etc/onedoor/county-a.key',
        'topic onedoor/county-a/fed/up/# out 1',
        'topic onedoor/county-a/fed/down/# in 1',
        '',
      ].join('\n'),
    );
  });

  it('the county broker’s ACL: each hall under its own id only, the county’s region over its towns', () => {
    expect(federationAcl(plan, 'county-a', AT)).toBe(
      [
        '# OneDoor federation ACL for broker county-a, generated 2026-03-02T08:00:00.000Z by `npm run federation -- broker-config`.',
        "# A hall writes only under its own id: one presenting another hall's id is refused here. Do not edit by hand.",
        '',
        'user county-a',
        'topic write onedoor/county-a/fed/up/#',
        'topic read onedoor/county-a/fed/down/#',
        '',
        'user town-1',
        'topic write onedoor/town-1/fed/up/#',
        'topic read onedoor/town-1/fed/down/#',
        '',
        'user town-2',
        'topic write onedoor/town-2/fed/up/#',
        'topic read onedoor/town-2/fed/down/#',
        '',
        'user region-county-a',
        'topic read onedoor/town-1/fed/up/#',
        'topic write onedoor/town-1/fed/down/#',
        'topic read onedoor/town-2/fed/up/#',
        'topic write onedoor/town-2/fed/down/#',
        '',
      ].join('\n'),
    );
  });

  it('the city broker: no bridge of its own; the city reads the county, the county’s bridge writes only the county', () => {
    const conf = federationConf(plan, 'city', { dir: '/etc/mosquitto/city', passwords });
    expect(conf).not.toContain('connection ');
    expect(federationAcl(plan, 'city', AT).split('\n').slice(2).join('\n')).toBe(
      [
        '',
        'user city-centre',
        'topic write onedoor/city-centre/fed/up/#',
        'topic read onedoor/city-centre/fed/down/#',
        '',
        'user region-city-centre',
        'topic read onedoor/county-a/fed/up/#',
        'topic write onedoor/county-a/fed/down/#',
        '',
        'user bridge-county-a',
        'topic write onedoor/county-a/fed/up/#',
        'topic read onedoor/county-a/fed/down/#',
        '',
      ].join('\n'),
    );
  });

  it('each hall’s federation section: uplink under its own id, a region’s downlink and halls', () => {
    expect(hallFederationConfig(plan, 'county-a', passwords)).toEqual({
      role: 'county',
      uplink: {
        url: 'mqtts://10.1.0.2:8883',
        username: 'county-a',
        password: 'pw-county-a',
        caFile: '/etc/onedoor/ca.pem',
      },
      downlink: {
        url: 'mqtts://10.1.0.2:8883',
        username: 'region-county-a',
        password: 'pw-region-county-a',
        caFile: '/etc/onedoor/ca.pem',
      },
      halls: [
        { id: 'town-1', name: '一镇便民服务中心' },
        { id: 'town-2', name: '二镇便民服务中心' },
      ],
    });
    expect(hallFederationConfig(plan, 'city-centre', passwords)).not.toHaveProperty('uplink');
    expect(hallFederationConfig(plan, 'town-1', passwords)).toEqual({
      role: 'hall',
      uplink: {
        url: 'mqtts://10.1.0.2:8883',
        username: 'town-1',
        password: 'pw-town-1',
        caFile: '/etc/onedoor/ca.pem',
      },
    });
  });

  it('refuses a plan with a hall id twice, an unknown region, or a hall its region cannot hear', () => {
    const bad = brokerPlanSchema.safeParse({
      brokers: [
        { name: 'city', host: 'a', port: 1883 },
        { name: 'far', host: 'b', port: 1883 },
      ],
      halls: [
        { id: 'city-centre', name: 'c', role: 'city', broker: 'city' },
        { id: 'town-1', name: 't', broker: 'far', region: 'city-centre' },
        { id: 'town-1', name: 't', broker: 'city', region: 'nowhere' },
      ],
    });
    expect(bad.success).toBe(false);
    const messages = bad.error!.issues.map((i) => i.message);
    expect(messages).toContain('大厅编号重复 / hall ids must be unique in the region');
    expect(messages).toContain('nowhere 不是县或市 / nowhere is not a county or city in the plan');
    expect(messages).toContain(
      "town-1 的代理既不是 city-centre 的代理，也不直接桥接到它 / town-1's broker is neither city-centre's broker nor bridged straight to it",
    );
  });
});

describe('npm run federation -- broker-config', () => {
  it('writes every broker’s files and keeps the passwords across runs; a bad plan writes nothing and says why', () => {
    const dir = mkdtempSync(join(tmpdir(), 'onedoor-fed-cli-'));
    try {
      writeFileSync(join(dir, 'plan.json'), JSON.stringify(plan));
      const out: string[] = [];
      const io = { out: (l: string) => out.push(l), err: (l: string) => out.push(l) };
      const run = () =>
        runFederationCli(['broker-config', '--plan', join(dir, 'plan.json'), '--out', join(dir, 'out')], io);
      expect(run(), out.join('\n')).toBe(0);
      const credentials = () => readFileSync(join(dir, 'out', 'credentials.json'), 'utf8');
      const first = credentials();
      expect(Object.keys(JSON.parse(first) as object).sort()).toEqual([...planUsers(plan)].sort());
      expect(readFileSync(join(dir, 'out', 'brokers', 'county-a', 'passwd'), 'utf8')).toMatch(/^county-a:\$7\$101\$/m);
      expect(statSync(join(dir, 'out', 'brokers', 'county-a', 'mosquitto.conf')).mode & 0o777).toBe(0o600);
      expect(run()).toBe(0);
      expect(credentials()).toBe(first);

      writeFileSync(
        join(dir, 'bad.json'),
        JSON.stringify({ brokers: [{ name: 'x', host: 'h', port: 1 }], halls: [{ id: 'a', name: 'a', broker: 'y' }] }),
      );
      out.length = 0;
      expect(runFederationCli(['broker-config', '--plan', join(dir, 'bad.json'), '--out', join(dir, 'bad')], io)).toBe(
        2,
      );
      expect(out.join('\n')).toContain('未知的代理 y / unknown broker y');
      expect(existsSync(join(dir, 'bad'))).toBe(false);
      expect(runFederationCli(['nonsense'], io)).toBe(2);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
