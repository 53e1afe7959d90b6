import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import mqtt, { type MqttClient } from 'mqtt';
import { topics } from '@onedoor/protocol';
import { DEVICE_PRESS_RATE } from '../../hall-server/src/adapters/mqtt/hall-mqtt.js';
import { command, startTestHall, type TestHall } from '../helpers/test-hall.js';
import { until } from '../helpers/wait.js';

/**
 * A pad token pressing call-next as fast as it can must not call the whole queue (issue 12: per-device rate limits).
 * The hall's clock stands still here, so the bucket never refills: exactly its burst gets through.
 */
describe('MQTT key presses are rate-limited per device', () => {
  let hall: TestHall;
  let pad: MqttClient;
  const clock = { now: () => Date.parse('2026-12-02T02:00:00.000Z') };

  beforeAll(async () => {
    hall = await startTestHall({ clock });
    const clerk = await hall.connect('/window', { sessionToken: await hall.login('clerk01') });
    await command(clerk, 'window:sign-in', { windowId: 'w01' });
    for (let i = 0; i < 60; i++) {
      const r = await hall.running.hall.issueTicket({ serviceId: 'general' }, 'kiosk', {
        kind: 'device',
        deviceId: 'kiosk-01',
      });
      if (!r.ok) throw new Error(r.error.messageEn);
    }
    pad = await mqtt.connectAsync(hall.running.mqttUrl, {
      username: 'pad-w01',
      password: hall.running.auth.issueDeviceToken('pad-w01'),
      reconnectPeriod: 0,
    });
  });
  afterAll(async () => {
    await pad.endAsync(true);
    await hall.close();
  });

  it(`lets ${DEVICE_PRESS_RATE.burst} of 50 presses in a burst through, and the pad's state still gets in`, async () => {
    const { hall: queue, authRepo } = hall.running;
    const hallId = hall.config.hall.id;
    const at = new Date(clock.now()).toISOString();
    const calls: { number: string; recall: boolean }[] = [];
    const watcher = await hall.connect('/display', { deviceToken: await hall.deviceToken('display') });
    watcher.on('hall:event', (e) => {
      if (e.call) calls.push({ number: e.call.number, recall: e.call.recall });
    });
    for (let i = 0; i < 50; i++) {
      pad.publish(topics.deviceKey(hallId, 'pad-w01'), JSON.stringify({ key: 'call-next', at }), { qos: 1 });
    }
    // The pad's state behind the presses is not a press: it gets in, and shows every press was read.
    const state = { deviceId: 'pad-w01', kind: 'pad', online: true, status: ['after-flood'], at };
    pad.publish(topics.deviceState(hallId, 'pad-w01'), JSON.stringify(state), { qos: 1 });
    await until('the pad state read', () => authRepo.findDevice('pad-w01')?.status[0] === 'after-flood');
    // The pipeline runs commands in order: a recall submitted now commits after every press that got in.
    const recall = await queue.runQueueCommand(
      { type: 'recall', windowId: 'w01' },
      { kind: 'staff', staffId: 'clerk01' },
    );
    expect(recall.ok).toBe(true);
    await until('the recall broadcast', () => calls.some((c) => c.recall));
    const called = calls.filter((c) => !c.recall).map((c) => c.number);
    expect(called).toEqual(
      Array.from({ length: DEVICE_PRESS_RATE.burst }, (_, i) => `A${String(i + 1).padStart(3, '0')}`),
    );
    expect(queue.windowView('w01')?.currentNumber).toBe(`A0${DEVICE_PRESS_RATE.burst}`);
  });
});
