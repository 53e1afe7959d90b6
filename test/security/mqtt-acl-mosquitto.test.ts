import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { MOSQUITTO, startMosquitto } from '../helpers/mosquitto.js';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../hardware/src/cli/main.js';
import { silentLogger, type Logger } from '../../hall-server/src/app/ports.js';
import mqtt from 'mqtt';
import { topics } from '@onedoor/protocol';
import { command, startTestHall, type TestHall } from '../helpers/test-hall.js';
import { EXPECTED, refusesConnection, runMqttMatrix, type MatrixResult } from '../helpers/mqtt-acl-matrix.js';
import { until } from '../helpers/wait.js';

const sorted = (xs: string[]) => [...xs].sort();

/** A logger that keeps the warnings (the hall's word about an open broker). */
function warnings(): { log: Logger; warned: string[] } {
  const warned: string[] = [];
  return { log: { ...silentLogger, warn: (obj, msg) => warned.push(msg ?? String(obj)) }, warned };
}

describe.skipIf(!existsSync(MOSQUITTO) && process.env.CI !== 'true')(
  '`hw broker-config` files on a Mosquitto of its own: the same matrix as the embedded broker',
  () => {
    let hall: TestHall;
    let dir: string;
    let mosquitto: ChildProcess | null = null;
    let url: string;
    let credentials: Record<string, string>;
    let tokens: Record<string, string>;
    let result: MatrixResult;
    const out: string[] = [];

    beforeAll(async () => {
      hall = await startTestHall();
      const { auth } = hall.running;
      auth.saveDevice({ id: 'board-w02', kind: 'led-board', name: 'board', windowId: 'w02', settings: {} });
      auth.saveDevice({ id: 'printer-01', kind: 'printer', name: 'printer', windowId: null, settings: {} });
      auth.saveDevice({ id: 'idreader-01', kind: 'id-reader', name: 'reader', windowId: null, settings: {} });
      tokens = {};
      for (const who of Object.keys(EXPECTED)) if (who !== 'hall') tokens[who] = auth.issueDeviceToken(who);

      dir = mkdtempSync(join(tmpdir(), 'onedoor-mosquitto-'));
      process.env.ONEDOOR_PASSWORD = 'demo1234';
      const code = await runCli(['broker-config', '--hall', hall.baseUrl, '--user', 'admin', '--out', dir], {
        out: (l) => out.push(l),
        err: (l) => out.push(l),
      });
      delete process.env.ONEDOOR_PASSWORD;
      expect(code, out.join('\n')).toBe(0);
      credentials = JSON.parse(readFileSync(join(dir, 'credentials.json'), 'utf8')) as Record<string, string>;

      // Never the Mosquitto on 1883: a broker of our own on a free port, with only the generated files.
      const started = await startMosquitto(join(dir, 'mosquitto.conf'), [
        readFileSync(join(dir, 'onedoor.conf'), 'utf8'),
      ]);
      mosquitto = started.process;
      url = started.url;
      result = await runMqttMatrix({
        url,
        hallId: hall.config.hall.id,
        credentials: Object.fromEntries(
          Object.keys(EXPECTED).map((who) => {
            const username = who === 'hall' ? 'onedoor-hall' : who;
            return [who, { username, password: credentials[username]! }];
          }),
        ),
      });
    }, 180_000);
    afterAll(async () => {
      if (mosquitto?.exitCode === null) mosquitto.kill();
      await hall.close();
      rmSync(hall.dataDir, { recursive: true, force: true });
      rmSync(dir, { recursive: true, force: true });
    });

    it('writes a user per paired device and the hall, passwords 0600, in mosquitto_passwd format', () => {
      const paired = hall.running.auth.listDevices().filter((d) => d.paired);
      expect(sorted(Object.keys(credentials))).toEqual(sorted(['onedoor-hall', ...paired.map((d) => d.id)]));
      const passwd = readFileSync(join(dir, 'passwd'), 'utf8').trim().split('\n');
      expect(passwd).toHaveLength(paired.length + 1);
      for (const line of passwd) expect(line).toMatch(/^[^:]+:\$7\$101\$[A-Za-z0-9+/]{16}\$[A-Za-z0-9+/]{86}==$/);
      expect(statSync(join(dir, 'passwd')).mode & 0o777).toBe(0o600);
      expect(statSync(join(dir, 'credentials.json')).mode & 0o777).toBe(0o600);
      expect(readFileSync(join(dir, 'acl'), 'utf8')).not.toMatch(/topic \w+ #/);
    });

    it.each(Object.keys(EXPECTED))('%s publishes only its own topics', (who) => {
      expect(sorted(result.writes[who]!)).toEqual(sorted(EXPECTED[who]!.write));
    });

    it.each(Object.keys(EXPECTED))('%s reads only what it needs, also through #', (who) => {
      const publishable = new Set(Object.values(EXPECTED).flatMap((e) => e.write));
      expect(sorted(result.reads[who]!)).toEqual(sorted(EXPECTED[who]!.read.filter((t) => publishable.has(t))));
      // Mosquitto grants `#` and filters what it delivers: still nothing outside the principal's reads.
      expect(result.hashReads[who]!.filter((t) => !EXPECTED[who]!.read.includes(t))).toEqual([]);
    });

    it('refuses anonymous callers, wrong passwords, a password under another name and hall tokens', async () => {
      expect(await refusesConnection(url)).toBe(true);
      expect(await refusesConnection(url, 'display-main', 'wrong')).toBe(true);
      expect(await refusesConnection(url, 'pad-w01', credentials['display-main'])).toBe(true);
      expect(await refusesConnection(url, 'display-main', tokens['display-main'])).toBe(true);
      expect(await refusesConnection(url, 'display-main', credentials['display-main'])).toBe(false);
    });

    it('keeps the passwords on a second run and makes new ones with --rotate', async () => {
      const again = (extra: string[]) => {
        process.env.ONEDOOR_PASSWORD = 'demo1234';
        const run = runCli(['broker-config', '--hall', hall.baseUrl, '--user', 'admin', '--out', dir, ...extra], {
          out: () => undefined,
          err: (l) => out.push(l),
        });
        delete process.env.ONEDOOR_PASSWORD;
        return run;
      };
      const read = () => JSON.parse(readFileSync(join(dir, 'credentials.json'), 'utf8')) as Record<string, string>;
      expect(await again([])).toBe(0);
      expect(read()).toEqual(credentials);
      expect(await again(['--rotate'])).toBe(0);
      expect(read()['display-main']).not.toBe(credentials['display-main']);
    });

    it('runs the hall on it: a pad key through the gateway calls a number, the same key from the display does not', async () => {
      // The same hall (same data, same id) restarted against this Mosquitto as the generated hall user. Mosquitto still
      // holds the passwords it started with: the rotation above only rewrote the files (it reads them on SIGHUP).
      await hall.stop();
      const { log, warned } = warnings();
      hall = await startTestHall({
        log,
        dataDir: hall.dataDir,
        config: {
          hall: { id: hall.config.hall.id },
          mqtt: { url, username: 'onedoor-hall', password: credentials['onedoor-hall'] },
        },
      });
      const running = hall.running;
      // It asked whether this broker lets anyone in (it does not): no warning.
      expect(warned.filter((w) => w.includes('lets anyone in'))).toEqual([]);
      await until('the hall on Mosquitto', async () => {
        const health = (await (await fetch(`${hall.baseUrl}/healthz`)).json()) as { mqtt?: string };
        return health.mqtt === 'connected';
      });
      const clerk = await hall.connect('/window', { sessionToken: await hall.login('clerk01') });
      await command(clerk, 'window:sign-in', { windowId: 'w01' });
      for (let i = 0; i < 2; i++) {
        const r = await running.hall.issueTicket({ serviceId: 'general' }, 'kiosk', {
          kind: 'device',
          deviceId: 'kiosk-01',
        });
        if (!r.ok) throw new Error(r.error.messageEn);
      }
      const as = (user: string) =>
        mqtt.connectAsync(url, { username: user, password: credentials[user]!, reconnectPeriod: 0 });
      const gateway = await as('gateway-01');
      const display = await as('display-main');
      const hallId = hall.config.hall.id;
      const at = new Date().toISOString();
      const press = JSON.stringify({ key: 'call-next', at });
      await gateway.publishAsync(topics.deviceKey(hallId, 'pad-w01'), press, { qos: 1 });
      await until('A001 called at w01', () => running.hall.windowView('w01')?.currentNumber === 'A001');
      const seq = running.hall.currentSeq;

      // Mosquitto drops the display's press; the gateway's state after it proves the hall read past it.
      await display.publishAsync(topics.deviceKey(hallId, 'pad-w01'), press, { qos: 1 });
      const state = { deviceId: 'pad-w01', kind: 'pad', online: true, status: ['after-display'], at };
      await gateway.publishAsync(topics.deviceState(hallId, 'pad-w01'), JSON.stringify(state), { qos: 1 });
      await until('the pad state read', () => running.authRepo.findDevice('pad-w01')?.status[0] === 'after-display');
      expect(running.hall.currentSeq).toBe(seq);
      expect(running.hall.windowView('w01')?.currentNumber).toBe('A001');
      await gateway.endAsync(true);
      await display.endAsync(true);
    });

    it('warns at start when an external broker lets anyone in', async () => {
      const open = await startMosquitto(join(dir, 'open.conf'), ['allow_anonymous true']);
      const { log, warned } = warnings();
      const other = await startTestHall({ log, config: { mqtt: { url: open.url } } });
      try {
        expect(warned.filter((w) => w.includes('lets anyone in'))).toHaveLength(1);
      } finally {
        await other.close();
        open.process.kill();
      }
    });
  },
);
