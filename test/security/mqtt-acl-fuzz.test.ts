import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import mqtt, { type MqttClient } from 'mqtt';
import { devicePayloadSchemas, PAD_KEYS, topics, DEVICE_KINDS, windowDisplayPayloadSchema } from '@onedoor/protocol';
import { command, startTestHall, type TestHall } from '../helpers/test-hall.js';
import { until } from '../helpers/wait.js';

/**
 * Fuzz of what devices may send the hall over MQTT (issue 12): 10,000 malformed payloads on each device topic the
 * hall reads (key, rating, state), from the devices allowed to publish there, through the embedded broker into the
 * hall's MQTT adapter. Nothing may crash and nothing may change; a valid message sent after them on the same
 * connection is then the proof that every one of them was read.
 */
const RUNS = 10_000;
const SEED = 20261202;

type Kind = 'key' | 'rating' | 'state' | 'command' | 'display';

/** Near misses of each payload shape: right keys, wrong values, missing or extra fields. */
const nearMiss: Record<Kind, fc.Arbitrary<unknown>> = {
  key: fc.record(
    {
      key: fc.oneof(fc.constantFrom(...PAD_KEYS), fc.string(), fc.integer(), fc.constant(null)),
      at: fc.oneof(fc.string(), fc.integer(), fc.constant(null), fc.constant([])),
      extra: fc.jsonValue(),
    },
    { requiredKeys: [] },
  ),
  rating: fc.record(
    {
      level: fc.oneof(fc.integer({ min: -10, max: 10 }), fc.double(), fc.string(), fc.constant(null)),
      at: fc.oneof(fc.string(), fc.integer()),
      reason: fc.oneof(fc.string({ maxLength: 400 }), fc.integer(), fc.constant('')),
    },
    { requiredKeys: [] },
  ),
  command: fc.record(
    {
      type: fc.oneof(fc.constantFrom('display', 'beep', 'start-evaluation', 'show-waiting'), fc.string()),
      text: fc.oneof(fc.integer(), fc.constant(null), fc.array(fc.string())),
      count: fc.oneof(fc.integer({ min: -5, max: -1 }), fc.double(), fc.string()),
      ticketId: fc.oneof(fc.integer(), fc.constant(null)),
    },
    { requiredKeys: [] },
  ),
  display: fc.record(
    {
      windowId: fc.oneof(fc.string(), fc.integer()),
      windowNumber: fc.oneof(fc.string(), fc.integer()),
      number: fc.oneof(fc.string(), fc.integer(), fc.constant(null)),
      text: fc.oneof(fc.integer(), fc.constant(null)),
      at: fc.oneof(fc.string(), fc.integer()),
    },
    { requiredKeys: [] },
  ),
  state: fc.record(
    {
      deviceId: fc.oneof(fc.string(), fc.integer()),
      kind: fc.oneof(fc.constantFrom(...DEVICE_KINDS), fc.string()),
      online: fc.oneof(fc.boolean(), fc.string(), fc.integer(), fc.constant(null)),
      status: fc.oneof(fc.array(fc.string()), fc.string(), fc.array(fc.integer())),
      at: fc.oneof(fc.string(), fc.integer()),
    },
    { requiredKeys: [] },
  ),
};

/** Bytes, text, any JSON, deep nesting, near misses — only those the topic's schema refuses. */
function payloads(kind: Kind): Buffer[] {
  const any = fc.oneof(
    fc.uint8Array({ maxLength: 300 }).map((b) => Buffer.from(b)),
    fc.string({ unit: 'binary', maxLength: 300 }).map((s) => Buffer.from(s)),
    fc.jsonValue().map((v) => Buffer.from(JSON.stringify(v) ?? 'null')),
    fc.integer({ min: 1, max: 3_000 }).map((d) => Buffer.from(`{"key":${'['.repeat(d)}${']'.repeat(d)}}`)),
    nearMiss[kind].map((v) => Buffer.from(JSON.stringify(v))),
  );
  const schema = kind === 'display' ? windowDisplayPayloadSchema : devicePayloadSchemas[kind];
  const refused = (b: Buffer) => {
    try {
      return !schema.safeParse(JSON.parse(b.toString('utf8'))).success;
    } catch {
      return true;
    }
  };
  return fc.sample(any.filter(refused), { numRuns: RUNS, seed: SEED });
}

describe('MQTT payload fuzz through the embedded broker (issue 12)', () => {
  let hall: TestHall;
  let pad: MqttClient;
  let evaluator: MqttClient;

  beforeAll(async () => {
    hall = await startTestHall();
    const { auth } = hall.running;
    const connect = (id: string) =>
      mqtt.connectAsync(hall.running.mqttUrl, {
        username: id,
        password: auth.issueDeviceToken(id),
        reconnectPeriod: 0,
      });
    pad = await connect('pad-w01');
    evaluator = await connect('eval-w01');
    const clerk = await hall.connect('/window', { sessionToken: await hall.login('clerk01') });
    await command(clerk, 'window:sign-in', { windowId: 'w01' });
    const r = await hall.running.hall.issueTicket({ serviceId: 'general' }, 'kiosk', {
      kind: 'device',
      deviceId: 'kiosk-01',
    });
    if (!r.ok) throw new Error(r.error.messageEn);
  });
  afterAll(async () => {
    await pad.endAsync(true);
    await evaluator.endAsync(true);
    await hall.close();
  });

  it(`reads ${RUNS} refused payloads on each of key, rating and state and changes nothing`, async () => {
    const { hall: queue, authRepo, db } = hall.running;
    const hallId = hall.config.hall.id;
    const evaluations = () => db.prepare('SELECT COUNT(*) AS n FROM evaluations').get();
    const before = {
      seq: queue.currentSeq,
      evaluations: evaluations(),
      pad: authRepo.findDevice('pad-w01'),
      window: queue.windowView('w01'),
    };
    const sent = { key: payloads('key'), rating: payloads('rating'), state: payloads('state') };
    // And once each, a payload 200,000 levels deep (a REST body that deep once answered 500).
    const deep = Buffer.from(`{"at":${'['.repeat(200_000)}${']'.repeat(200_000)}}`);
    for (const list of Object.values(sent)) list.push(deep);
    expect(sent.key).toHaveLength(RUNS + 1);

    for (const p of sent.rating) evaluator.publish(topics.deviceRating(hallId, 'eval-w01'), p, { qos: 0 });
    // The evaluator's own valid state behind its 10,000 ratings: once it shows, every rating was read.
    const at = new Date().toISOString();
    const done = { deviceId: 'eval-w01', kind: 'evaluator', online: true, status: ['fuzz-done'], at };
    evaluator.publish(topics.deviceState(hallId, 'eval-w01'), JSON.stringify(done), { qos: 1 });
    await until(
      'the evaluator’s last message read',
      () => authRepo.findDevice('eval-w01')?.status[0] === 'fuzz-done',
      60_000,
    );
    expect(evaluations()).toEqual(before.evaluations);

    for (const p of sent.key) pad.publish(topics.deviceKey(hallId, 'pad-w01'), p, { qos: 0 });
    for (const p of sent.state) pad.publish(topics.deviceState(hallId, 'pad-w01'), p, { qos: 0 });
    expect(queue.currentSeq).toBe(before.seq);
    // One real key press behind the 20,000: it calls A001, and that is the only change.
    pad.publish(topics.deviceKey(hallId, 'pad-w01'), JSON.stringify({ key: 'call-next', at }), { qos: 1 });
    await until('the pad’s last key press read', () => queue.currentSeq === before.seq + 1, 60_000);
    expect(before.window?.currentNumber).toBeNull();
    expect(queue.windowView('w01')?.currentNumber).toBe('A001');
    expect(authRepo.findDevice('pad-w01')).toEqual(before.pad);
    expect(evaluations()).toEqual(before.evaluations);
    expect(pad.connected && evaluator.connected).toBe(true);
  }, 180_000);
});

describe('MQTT payload fuzz towards the device gateway (issue 12)', () => {
  let hall: TestHall;
  beforeAll(async () => {
    hall = await startTestHall({ config: { demo: { virtualDevices: true } } });
  });
  afterAll(async () => {
    await hall.close();
  });

  it(`drives nothing on ${RUNS} refused commands and ${RUNS} refused window displays, then the next valid one`, async () => {
    const devices = hall.running.virtualDevices!;
    const { authRepo } = hall.running;
    await until('the gateway’s strip online', () => authRepo.findDevice('led-w01')?.online === true);
    const hallSide = await mqtt.connectAsync(hall.running.mqttUrl, {
      ...hall.running.mqttInternal,
      reconnectPeriod: 0,
    });
    const hallId = hall.config.hall.id;
    const before = devices.shown();
    for (const p of payloads('command')) hallSide.publish(topics.deviceCommand(hallId, 'led-w01'), p, { qos: 0 });
    for (const p of payloads('display')) hallSide.publish(topics.windowDisplay(hallId, 'w01'), p, { qos: 0 });
    // A valid command behind them on the same connection: once the strip shows it, the gateway read them all.
    hallSide.publish(topics.deviceCommand(hallId, 'led-w01'), JSON.stringify({ type: 'display', text: 'FUZZ-OK' }), {
      qos: 1,
    });
    await until(
      'the strip shows the valid command',
      () => devices.shown().some((d) => d.deviceId === 'led-w01' && d.shows?.includes('FUZZ-OK') === true),
      60_000,
    );
    const after = devices.shown();
    expect(after.filter((d) => d.deviceId !== 'led-w01')).toEqual(before.filter((d) => d.deviceId !== 'led-w01'));
    expect(authRepo.findDevice('gateway-01')?.online).toBe(true);
    await hallSide.endAsync(true);
  }, 180_000);
});
