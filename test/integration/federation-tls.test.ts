/**
 * The generated federation config with certificates: both Mosquittos listen with TLS, the edge bridges to the city
 * over TLS (verifying it against the CA, presenting its own certificate), the hall and the city connect with mqtts://
 * and the CA file from their generated config sections. Throw-away CA and certificates for 127.0.0.1 from openssl.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mqtt from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SqliteRegionStore } from '../../hall-server/src/adapters/db/federation.repository.js';
import type { HallConfigInput } from '../../hall-server/src/config/config.schema.js';
import { runFederationCli } from '../../hall-server/src/federation-cli/main.js';
import { freePort, MOSQUITTO, startMosquitto, type TestMosquitto } from '../helpers/mosquitto.js';
import { command, startTestHall, type TestHall } from '../helpers/test-hall.js';
import { until } from '../helpers/wait.js';

const openssl = (args: string[]) => execFileSync('openssl', args, { stdio: 'pipe' });

/** A CA, and a certificate for 127.0.0.1 per broker signed by it. */
function makeCertificates(
  dir: string,
  names: string[],
): Record<string, { cafile: string; certfile: string; keyfile: string }> {
  const ca = { cert: join(dir, 'ca.pem'), key: join(dir, 'ca.key') };
  openssl([
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-days',
    '2',
    '-keyout',
    ca.key,
    '-out',
    ca.cert,
    '-subj',
    '/CN=onedoor-test-ca',
  ]);
  const ext = join(dir, 'san.ext');
  writeFileSync(ext, 'subjectAltName=IP:127.0.0.1\n');
  return Object.fromEntries(
    names.map((n) => {
      const [key, csr, cert] = [join(dir, `${n}.key`), join(dir, `${n}.csr`), join(dir, `${n}.pem`)];
      openssl(['req', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', csr, '-subj', '/CN=127.0.0.1']);
      openssl([
        'x509',
        '-req',
        '-in',
        csr,
        '-CA',
        ca.cert,
        '-CAkey',
        ca.key,
        '-CAcreateserial',
        '-days',
        '2',
        '-out',
        cert,
        '-extfile',
        ext,
      ]);
      return [n, { cafile: ca.cert, certfile: cert, keyfile: key }];
    }),
  );
}

describe.skipIf(!existsSync(MOSQUITTO) && process.env.CI !== 'true')(
  '四级联通 over TLS with the generated config',
  () => {
    let dir: string;
    const brokers: TestMosquitto[] = [];
    let city: TestHall;
    let town: TestHall;

    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), 'onedoor-fed-tls-'));
      const tls = makeCertificates(dir, ['city', 'edge']);
      const [cityPort, edgePort] = [await freePort(), await freePort()];
      writeFileSync(
        join(dir, 'plan.json'),
        JSON.stringify({
          brokers: [
            { name: 'city', host: '127.0.0.1', port: cityPort, tls: tls.city },
            { name: 'edge', host: '127.0.0.1', port: edgePort, parent: 'city', tls: tls.edge },
          ],
          halls: [
            { id: 'city-centre', name: '市政务服务中心', role: 'city', broker: 'city' },
            { id: 'town-a', name: '甲镇', broker: 'edge', region: 'city-centre' },
          ],
        }),
      );
      const out: string[] = [];
      expect(
        runFederationCli(['broker-config', '--plan', join(dir, 'plan.json'), '--out', join(dir, 'out')], {
          out: (l) => out.push(l),
          err: (l) => out.push(l),
        }),
        out.join('\n'),
      ).toBe(0);
      for (const [name, port] of [
        ['city', cityPort],
        ['edge', edgePort],
      ] as const)
        brokers.push(
          await startMosquitto(
            join(dir, `${name}.conf`),
            [readFileSync(join(dir, 'out', 'brokers', name, 'mosquitto.conf'), 'utf8')],
            {
              port,
              ownListener: true,
            },
          ),
        );
      const section = (id: string) =>
        (JSON.parse(readFileSync(join(dir, 'out', 'halls', `${id}.json`), 'utf8')) as { federation: object })
          .federation;
      city = await startTestHall({
        config: {
          hall: { id: 'city-centre' },
          federation: { ...section('city-centre'), replayTimeoutMs: 1000 },
        } as HallConfigInput,
      });
      town = await startTestHall({
        config: {
          hall: { id: 'town-a' },
          federation: { ...section('town-a'), heartbeatSeconds: 0.5 },
        } as HallConfigInput,
      });
    }, 120_000);
    afterAll(async () => {
      await town?.close();
      await city?.close();
      for (const b of brokers) await b.stop();
      rmSync(dir, { recursive: true, force: true });
    });

    it('the hall’s records reach the city through the TLS bridge, every one', async () => {
      expect(readFileSync(join(dir, 'out', 'halls', 'town-a.json'), 'utf8')).toContain('mqtts://127.0.0.1');
      const kiosk = await town.connect('/kiosk', { deviceToken: await town.deviceToken('kiosk') });
      for (let i = 0; i < 3; i++) await command(kiosk, 'ticket:issue', { serviceId: 'general' });
      const store = new SqliteRegionStore(city.running.db);
      await until(
        'the city has every record',
        () => store.appliedSeqs('town-a').length === town.running.hall.currentSeq,
        30_000,
      );
      expect(store.appliedSeqs('town-a')).toEqual(
        Array.from({ length: town.running.hall.currentSeq }, (_, i) => i + 1),
      );
      // The listeners speak TLS only: a plain connection with the hall's own password gets nowhere.
      const passwords = JSON.parse(readFileSync(join(dir, 'out', 'credentials.json'), 'utf8')) as Record<
        string,
        string
      >;
      await expect(
        mqtt.connectAsync(`mqtt://127.0.0.1:${brokers[1]!.port}`, {
          username: 'town-a',
          password: passwords['town-a']!,
          reconnectPeriod: 0,
          connectTimeout: 3000,
        }),
      ).rejects.toThrow();
    }, 60_000);
  },
);
