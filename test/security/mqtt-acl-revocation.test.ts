import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import mqtt, { type MqttClient } from 'mqtt';
import { startTestHall, type TestHall } from '../helpers/test-hall.js';
import { refusesConnection } from '../helpers/mqtt-acl-matrix.js';
import { until } from '../helpers/wait.js';
import { topics } from '@onedoor/protocol';

/** A connection that records when the broker closed it (no reconnects: a cut stays visible). */
async function connectAs(hall: TestHall, username: string, password: string) {
  const client: MqttClient = await mqtt.connectAsync(hall.running.mqttUrl, { username, password, reconnectPeriod: 0 });
  const closed = new Promise<true>((resolve) => client.once('close', () => resolve(true)));
  return { client, closed };
}

describe('revocation reaches open MQTT connections (issue 12: sessions revoked at once)', () => {
  let hall: TestHall;
  beforeEach(async () => {
    hall = await startTestHall();
  });
  afterEach(async () => {
    await hall.close();
  });

  it('cuts a re-paired display and every connection of a re-paired gateway, and keeps the others', async () => {
    const { auth } = hall.running;
    const displayToken = auth.issueDeviceToken('display-main');
    const gatewayToken = auth.issueDeviceToken('gateway-01');
    const kioskToken = auth.issueDeviceToken('kiosk-01');
    const display = await connectAs(hall, 'display-main', displayToken);
    // The gateway opens one connection per device it hosts, all under its own id.
    const gateway = [
      await connectAs(hall, 'gateway-01', gatewayToken),
      await connectAs(hall, 'gateway-01', gatewayToken),
    ];
    const kiosk = await connectAs(hall, 'kiosk-01', kioskToken);

    // Re-pairing through the console's flow: a new code, the device exchanges it, the old token is gone.
    const code = auth.createPairingCode('display-main');
    if (!code.ok) throw new Error(code.error.messageEn);
    const paired = auth.pair(code.value.code);
    if (!paired.ok) throw new Error(paired.error.messageEn);
    expect(await display.closed).toBe(true);
    expect(await refusesConnection(hall.running.mqttUrl, 'display-main', displayToken)).toBe(true);
    expect(await refusesConnection(hall.running.mqttUrl, 'display-main', paired.value.deviceToken)).toBe(false);

    auth.issueDeviceToken('gateway-01');
    expect(await Promise.all(gateway.map((g) => g.closed))).toEqual([true, true]);

    // The kiosk kept its token: its connection still carries messages.
    expect(kiosk.client.connected).toBe(true);
    const echoed = new Promise<string>((resolve) => kiosk.client.once('message', (_t, p) => resolve(p.toString())));
    const own = `onedoor/${hall.config.hall.id}/device/kiosk-01/command`;
    await kiosk.client.subscribeAsync(own, { qos: 1 });
    const hallSide = await mqtt.connectAsync(hall.running.mqttUrl, {
      ...hall.running.mqttInternal,
      reconnectPeriod: 0,
    });
    await hallSide.publishAsync(own, JSON.stringify({ type: 'beep' }), { qos: 1 });
    expect(await echoed).toBe('{"type":"beep"}');
    await hallSide.endAsync(true);
    await kiosk.client.endAsync(true);
  });

  it('checks every delivery: a strip moved to another window stops getting the old window at once', async () => {
    const { auth } = hall.running;
    const hallId = hall.config.hall.id;
    const led = await connectAs(hall, 'led-w01', auth.issueDeviceToken('led-w01'));
    const seen: string[] = [];
    led.client.on('message', (topic, payload) => seen.push(`${topic} ${payload.toString()}`));
    await led.client.subscribeAsync(topics.windowDisplay(hallId, 'w01'), { qos: 1 });
    const hallSide = await mqtt.connectAsync(hall.running.mqttUrl, {
      ...hall.running.mqttInternal,
      reconnectPeriod: 0,
    });
    await hallSide.publishAsync(topics.windowDisplay(hallId, 'w01'), 'before-move', { qos: 1 });
    await until('the strip gets its window', () => seen.some((m) => m.endsWith('before-move')));

    // Moved to window 2 in the console: its subscription to window 1 stays in the broker, but nothing more comes.
    const device = auth.device('led-w01')!;
    auth.saveDevice({
      id: device.id,
      kind: device.kind,
      name: device.name,
      windowId: 'w02',
      settings: device.settings,
    });
    await hallSide.publishAsync(topics.windowDisplay(hallId, 'w01'), 'after-move', { qos: 1 });
    await led.client.subscribeAsync(topics.windowDisplay(hallId, 'w02'), { qos: 1 });
    await hallSide.publishAsync(topics.windowDisplay(hallId, 'w02'), 'new-window', { qos: 1 });
    // In order from one sender: once window 2's text is here, window 1's would have been too.
    await until('the strip gets its new window', () => seen.some((m) => m.endsWith('new-window')));
    expect(seen.filter((m) => m.endsWith('after-move'))).toEqual([]);
    await hallSide.endAsync(true);
    await led.client.endAsync(true);
  });
});
