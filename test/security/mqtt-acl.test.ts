import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import mqtt from 'mqtt';
import {
  DEVICE_KINDS,
  MQTT_TOPIC_PATTERNS,
  devicePrincipal,
  maySubscribe,
  topics,
  type DeviceKind,
} from '@onedoor/protocol';
import { command, startTestHall, type TestHall } from '../helpers/test-hall.js';
import {
  EXPECTED,
  matrixTopics,
  refusesConnection,
  runMqttMatrix,
  subscribeGranted,
  type MatrixResult,
} from '../helpers/mqtt-acl-matrix.js';
import { until } from '../helpers/wait.js';

/** The devices of the matrix beyond the demo hall's own (kiosk, display, gateway, pads, strips, evaluators). */
const EXTRA_DEVICES: { id: string; kind: DeviceKind; windowId: string | null }[] = [
  { id: 'board-w02', kind: 'led-board', windowId: 'w02' },
  { id: 'printer-01', kind: 'printer', windowId: null },
  { id: 'idreader-01', kind: 'id-reader', windowId: null },
];

const sorted = (xs: string[]) => [...xs].sort();

describe('MQTT access control on the embedded broker (finding 2)', () => {
  let hall: TestHall;
  let tokens: Record<string, string>;
  let result: MatrixResult;

  beforeAll(async () => {
    hall = await startTestHall();
    const { auth } = hall.running;
    for (const d of EXTRA_DEVICES) auth.saveDevice({ ...d, name: d.id, settings: {} });
    tokens = {};
    for (const who of Object.keys(EXPECTED)) if (who !== 'hall') tokens[who] = auth.issueDeviceToken(who);
    const credentials = Object.fromEntries(
      Object.keys(EXPECTED).map((who) => [
        who,
        who === 'hall' ? hall.running.mqttInternal : { username: who, password: tokens[who]! },
      ]),
    );
    result = await runMqttMatrix({ url: hall.running.mqttUrl, hallId: hall.config.hall.id, credentials });
  }, 120_000);
  afterAll(async () => {
    await hall.close();
  });

  it('covers every topic of the topic map and every device kind', () => {
    const kinds = new Set(Object.keys(EXPECTED).map((who) => hall.running.auth.device(who)?.kind ?? who));
    expect(sorted([...kinds])).toEqual(sorted(['hall', ...DEVICE_KINDS]));
    for (const pattern of MQTT_TOPIC_PATTERNS) {
      const level = pattern.split('/').slice(2, 3)[0]!;
      expect(matrixTopics().some((t) => t.startsWith(level))).toBe(true);
    }
  });

  it.each(Object.keys(EXPECTED))('%s publishes only its own topics', (who) => {
    expect(sorted(result.writes[who]!)).toEqual(sorted(EXPECTED[who]!.write));
  });

  it.each(Object.keys(EXPECTED))('%s reads only what it needs', (who) => {
    // Topics nobody may publish on cannot be read by anyone; every readable one is in the spec.
    const publishable = new Set(Object.values(EXPECTED).flatMap((e) => e.write));
    expect(sorted(result.reads[who]!)).toEqual(sorted(EXPECTED[who]!.read.filter((t) => publishable.has(t))));
    expect(result.hashReads[who]!.filter((t) => !EXPECTED[who]!.read.includes(t))).toEqual([]);
  });

  it('refuses anonymous callers, wrong tokens and a token under another device id', async () => {
    const url = hall.running.mqttUrl;
    expect(await refusesConnection(url)).toBe(true);
    expect(await refusesConnection(url, 'display-main', 'wrong')).toBe(true);
    expect(await refusesConnection(url, 'pad-w01', tokens['display-main'])).toBe(true);
    expect(await refusesConnection(url, 'onedoor-hall', tokens['gateway-01'])).toBe(true);
    expect(await refusesConnection(url, 'display-main', tokens['display-main'])).toBe(false);
  });

  it('answers a display subscribing to # (or another hall) with a refused SUBACK', async () => {
    const display = await mqtt.connectAsync(hall.running.mqttUrl, {
      username: 'display-main',
      password: tokens['display-main']!,
      reconnectPeriod: 0,
    });
    const hallId = hall.config.hall.id;
    const granted = await subscribeGranted(display, [
      '#',
      `onedoor/${hallId}/#`,
      `onedoor/+/call`,
      `onedoor/other-hall/call`,
      `$SYS/#`,
      topics.call(hallId),
    ]);
    expect(granted).toEqual([128, 128, 128, 128, 128, 1]);
    // The pure rules say the same for every device kind: nobody but the hall reads the whole hall.
    for (const kind of DEVICE_KINDS) {
      const p = devicePrincipal({ id: `x-${kind}`, kind, windowId: 'w01' }, []);
      expect(maySubscribe(p, hallId, '#')).toBe(false);
      expect(maySubscribe(p, hallId, `onedoor/${hallId}/#`)).toBe(false);
      expect(maySubscribe(p, hallId, topics.event(hallId))).toBe(false);
    }
    await display.endAsync(true);
  });

  it("with the display's token: no call, pause, rating, kiosk offline or LED text changes anything", async () => {
    const hallId = hall.config.hall.id;
    const clerk = await hall.connect('/window', { sessionToken: await hall.login('clerk01') });
    await command(clerk, 'window:sign-in', { windowId: 'w01' });
    const kiosk = await hall.connect('/kiosk', { deviceToken: tokens['kiosk-01']! });
    await command(kiosk, 'ticket:issue', { serviceId: 'general' });
    const { auth, hall: queue } = hall.running;
    auth.reportDeviceState('kiosk-01', true, []);
    const led = await mqtt.connectAsync(hall.running.mqttUrl, {
      username: 'led-w01',
      password: tokens['led-w01']!,
      reconnectPeriod: 0,
    });
    const ledTexts: string[] = [];
    led.on('message', (_t, p) => ledTexts.push(p.toString()));
    await led.subscribeAsync(topics.windowDisplay(hallId, 'w01'), { qos: 1 });
    await until('the retained w01 display', () => ledTexts.length > 0);
    const seqBefore = queue.currentSeq;
    const now = new Date().toISOString();
    const attacks: [string, unknown][] = [
      [topics.deviceKey(hallId, 'pad-w01'), { key: 'call-next', at: now }],
      [topics.deviceKey(hallId, 'pad-w01'), { key: 'pause', at: now }],
      [topics.deviceRating(hallId, 'eval-w01'), { level: 1, at: now }],
      [topics.deviceState(hallId, 'kiosk-01'), { deviceId: 'kiosk-01', kind: 'kiosk', online: false, at: now }],
      [
        topics.windowDisplay(hallId, 'w01'),
        { windowId: 'w01', windowNumber: '1', number: null, text: '伪造', at: now },
      ],
    ];
    for (const [topic, payload] of attacks) {
      const display = await mqtt.connectAsync(hall.running.mqttUrl, {
        username: 'display-main',
        password: tokens['display-main']!,
        reconnectPeriod: 0,
      });
      const closed = new Promise<void>((r) => display.once('close', () => r()));
      display.publish(topic, JSON.stringify(payload), { qos: 1 });
      // The broker answers a publish off the display's topics by closing its connection.
      await closed;
    }
    // The hall's own next publish on the strip comes after anything the display's could have: only the hall's text.
    await command(clerk, 'ticket:call-next', { windowId: 'w01' });
    await until('the call on the w01 strip', () => ledTexts.some((t) => t.includes('A001')));
    expect(ledTexts.some((t) => t.includes('伪造'))).toBe(false);
    expect(queue.currentSeq).toBe(seqBefore + 1);
    expect(queue.windowView('w01')?.currentNumber).toBe('A001');
    expect(auth.device('kiosk-01')?.online).toBe(true);
    expect(hall.running.db.prepare('SELECT COUNT(*) AS n FROM evaluations').get()).toEqual({ n: 0 });
    await led.endAsync(true);
  });
});
