/**
 * Device alarms over a real hall and its MQTT broker (issue 10): devices report their state as the device gateway
 * does (`onedoor/{hall}/device/{id}/state`); a printer out of paper, an ID-card reader that stops answering and a
 * device that goes away each raise their alarm on the managers' list; a printer given paper again clears its alarm.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import mqtt, { type MqttClient } from 'mqtt';
import { topics, type Ack, type AlarmList, type DeviceStatePayload } from '@onedoor/protocol';
import { startTestHall, type TestHall } from '../helpers/test-hall.js';
import { waitForValue } from '../helpers/wait.js';

describe('device alarms (real hall, real MQTT)', () => {
  let hall: TestHall;
  let manager = '';
  const clients: MqttClient[] = [];

  const alarms = async () => {
    const res = await fetch(`${hall.baseUrl}/api/alarms`, { headers: { authorization: `Bearer ${manager}` } });
    const body = (await res.json()) as Ack<AlarmList>;
    if (!body.ok) throw new Error(body.error.messageEn);
    return body.data.open;
  };
  const device = async (kind: 'printer' | 'id-reader', id: string) => {
    const token = await hall.deviceToken(kind, id);
    hall.running.auth.saveDevice({
      id,
      kind,
      name: kind === 'printer' ? '1号取号机打印机' : '1号窗口读卡器',
      windowId: null,
      settings: {},
    });
    const client = mqtt.connect(hall.running.mqttUrl, { username: id, password: token, reconnectPeriod: 0 });
    await new Promise<void>((resolve, reject) => {
      client.once('connect', () => resolve());
      client.once('error', reject);
    });
    clients.push(client);
    const report = (online: boolean, status: string[]) => {
      const payload: DeviceStatePayload = { deviceId: id, kind, online, status, at: new Date().toISOString() };
      return client.publishAsync(topics.deviceState(hall.config.hall.id, id), JSON.stringify(payload), { qos: 1 });
    };
    return report;
  };

  beforeAll(async () => {
    hall = await startTestHall({ config: { alarms: { scanSeconds: 0.2 } } });
    manager = await hall.login('manager01');
  });
  afterAll(async () => {
    for (const c of clients) await c.endAsync();
    await hall.close();
  });

  it('paper out, a reader that does not answer, a device gone: each an alarm; paper again clears it', async () => {
    const printer = await device('printer', 'printer-k1');
    const reader = await device('id-reader', 'reader-w01');
    await printer(true, []);
    await reader(true, []);
    await printer(true, ['paper-out']);
    await reader(false, ['no-reply']);
    const raised = await waitForValue(
      'the printer and reader alarms',
      async () => (await alarms()).filter((a) => a.key.endsWith('printer-k1') || a.key.endsWith('reader-w01')),
      (list) => list.length === 2,
    );
    expect(raised.map((a) => [a.kind, a.message]).sort()).toEqual([
      ['device-fault', '设备「1号窗口读卡器」故障：无响应'],
      ['printer-paper', '「1号取号机打印机」打印机缺纸'],
    ]);

    await printer(true, []);
    await waitForValue(
      'the paper alarm cleared',
      async () => (await alarms()).find((a) => a.key === 'printer-paper:printer-k1'),
      (a) => a?.clearedAt !== null,
    );
    await printer(false, ['gateway-offline']);
    const offline = await waitForValue(
      'the offline alarm',
      async () => (await alarms()).find((a) => a.key === 'device-offline:printer-k1'),
      (a) => a !== undefined,
    );
    expect(offline).toMatchObject({ severity: 'critical', message: '设备「1号取号机打印机」离线' });
  });
});
