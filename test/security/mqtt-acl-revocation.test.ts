import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import mqtt, { type MqttClient } from 'mqtt';
import { startTestHall, type TestHall } from '../helpers/test-hall.js';
import { refusesConnection } from '../helpers/mqtt-acl-matrix.js';

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
});
