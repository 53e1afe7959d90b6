import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import mqtt, { type MqttClient } from 'mqtt';
import { topics, type CallView, type WindowDisplayPayload } from '@onedoor/protocol';
import { command, startTestHall, type TestHall } from '../helpers/test-hall.js';

/** Connects as a paired device (username = device id, password = its token) to the hall's embedded broker. */
async function connectDevice(hall: TestHall, deviceId: string, token: string): Promise<MqttClient> {
  const client = mqtt.connect(hall.running.mqttUrl, { username: deviceId, password: token, reconnectPeriod: 0 });
  await new Promise<void>((resolve, reject) => {
    client.once('connect', () => resolve());
    client.once('error', reject);
  });
  return client;
}

function nextMessage<T>(client: MqttClient, topic: string, match: (p: T) => boolean = () => true): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`nothing on ${topic}`)), 5000);
    const onMessage = (t: string, payload: Buffer) => {
      if (t !== topic) return;
      const p = JSON.parse(payload.toString()) as T;
      if (!match(p)) return;
      clearTimeout(timer);
      client.off('message', onMessage);
      resolve(p);
    };
    client.on('message', onMessage);
    client.subscribe(topic);
  });
}

describe('MQTT bridge on the embedded broker', () => {
  let hall: TestHall;
  const clients: MqttClient[] = [];
  beforeEach(async () => {
    hall = await startTestHall();
  });
  afterEach(async () => {
    for (const c of clients.splice(0)) await c.endAsync();
    await hall.close();
  });

  it('refuses a device without a valid token', async () => {
    const client = mqtt.connect(hall.running.mqttUrl, { username: 'pad-w01', password: 'wrong', reconnectPeriod: 0 });
    const err = await new Promise<Error>((resolve) => client.once('error', resolve));
    expect(err.message).toMatch(/Bad username or password|Not authorized/i);
    await client.endAsync(true);
  });

  it('turns a call-pad key press into a call and shows it on the window LED topic', async () => {
    const padToken = await hall.deviceToken('pad', 'pad-w01', 'w01');
    const pad = await connectDevice(hall, 'pad-w01', padToken);
    clients.push(pad);
    const clerk = await hall.connect('/window', { sessionToken: await hall.login('clerk01') });
    await command(clerk, 'window:sign-in', { windowId: 'w01' });
    const kiosk = await hall.connect('/kiosk', { deviceToken: await hall.deviceToken('kiosk') });
    await command(kiosk, 'ticket:issue', { serviceId: 'general' });

    const hallId = hall.config.hall.id;
    // A pad reads only its own window and commands; the hall's calls are for boards (MQTT_ACL).
    const board = await connectDevice(hall, 'display-mqtt', await hall.deviceToken('display', 'display-mqtt'));
    clients.push(board);
    const call = nextMessage<CallView>(board, topics.call(hallId));
    const led = nextMessage<WindowDisplayPayload>(pad, topics.windowDisplay(hallId, 'w01'), (p) => p.number === 'A001');
    await new Promise((r) => setTimeout(r, 100));
    pad.publish(
      topics.deviceKey(hallId, 'pad-w01'),
      JSON.stringify({ key: 'call-next', at: new Date().toISOString() }),
      { qos: 1 },
    );
    expect(await call).toMatchObject({ number: 'A001', windowId: 'w01', text: '请 A001 号 到 1 号窗口办理' });
    expect(await led).toMatchObject({ windowId: 'w01', number: 'A001', text: 'A001 1号窗口' });
    expect(hall.running.hall.windowView('w01')?.currentNumber).toBe('A001');
  });

  it('ignores malformed device messages and records device state', async () => {
    const padToken = await hall.deviceToken('pad', 'pad-w02', 'w02');
    const pad = await connectDevice(hall, 'pad-w02', padToken);
    clients.push(pad);
    const hallId = hall.config.hall.id;
    const before = hall.running.hall.currentSeq;
    pad.publish(topics.deviceKey(hallId, 'pad-w02'), 'not json');
    pad.publish(topics.deviceKey(hallId, 'pad-w02'), JSON.stringify({ key: 'explode' }));
    pad.publish(
      topics.deviceState(hallId, 'pad-w02'),
      JSON.stringify({ deviceId: 'pad-w02', kind: 'pad', online: true, status: ['ok'], at: new Date().toISOString() }),
      { qos: 1 },
    );
    await expect.poll(() => hall.running.authRepo.findDevice('pad-w02')?.online).toBe(true);
    expect(hall.running.hall.currentSeq).toBe(before);
  });
});

describe('MQTT bridge against Mosquitto on 127.0.0.1:1883', () => {
  it('publishes calls to an external broker and takes key presses from it', async (ctx) => {
    const reachable = await new Promise<boolean>((resolve) => {
      const probe = mqtt.connect('mqtt://127.0.0.1:1883', { reconnectPeriod: 0, connectTimeout: 2000 });
      probe.once('connect', () => {
        probe.end(true);
        resolve(true);
      });
      probe.once('error', () => resolve(false));
    });
    if (!reachable) {
      if (process.env.CI === 'true') throw new Error('Mosquitto is not reachable on 127.0.0.1:1883 (CI must start it)');
      ctx.skip(
        'Mosquitto not reachable on 127.0.0.1:1883; start it with `mosquitto -d -c /etc/mosquitto/mosquitto.conf`',
      );
    }
    const hall = await startTestHall({ config: { mqtt: { url: 'mqtt://127.0.0.1:1883' } } });
    const hallId = hall.config.hall.id;
    const device = mqtt.connect('mqtt://127.0.0.1:1883', { reconnectPeriod: 0 });
    try {
      await new Promise<void>((r) => device.once('connect', () => r()));
      await hall.deviceToken('pad', 'pad-ext', 'w03');
      const clerk = await hall.connect('/window', { sessionToken: await hall.login('clerk03') });
      await command(clerk, 'window:sign-in', { windowId: 'w03' });
      const kiosk = await hall.connect('/kiosk', { deviceToken: await hall.deviceToken('kiosk') });
      await command(kiosk, 'ticket:issue', { serviceId: 'general' });
      const call = nextMessage<CallView>(device, topics.call(hallId));
      await new Promise((r) => setTimeout(r, 200));
      device.publish(
        topics.deviceKey(hallId, 'pad-ext'),
        JSON.stringify({ key: 'call-next', at: new Date().toISOString() }),
        { qos: 1 },
      );
      expect(await call).toMatchObject({ number: 'A001', windowNumber: '3' });
    } finally {
      await device.endAsync();
      await hall.close();
    }
  });
});
