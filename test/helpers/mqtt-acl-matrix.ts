import { connect as netConnect } from 'node:net';
import mqtt, { MqttClient } from 'mqtt';
import { MQTT_TOPIC_PATTERNS } from '@onedoor/protocol';
import { until } from './wait.js';

/**
 * The MQTT access matrix, run through a real broker with real mqtt.js clients: every topic of the protocol's topic
 * map (each id level filled with the principals' own and other ids) × every principal, published and read. The same
 * run serves the embedded broker and a Mosquitto started with the files `hw broker-config` writes.
 */

export const MATRIX_WINDOWS = ['w01', 'w02', 'w09'] as const;
/** Every principal's device id, and one that belongs to nobody. */
export const MATRIX_DEVICES = [
  'gateway-01',
  'pad-w01',
  'led-w01',
  'eval-w01',
  'board-w02',
  'kiosk-01',
  'display-main',
  'printer-01',
  'idreader-01',
  'pad-w09',
] as const;

/** Every concrete topic of the topic map, relative to `onedoor/{hall}/`. */
export function matrixTopics(): string[] {
  return MQTT_TOPIC_PATTERNS.flatMap((pattern) => {
    const rest = pattern.split('/').slice(2);
    const id = rest.indexOf('+');
    if (id < 0) return [rest.join('/')];
    const ids: readonly string[] = rest[0] === 'window' ? MATRIX_WINDOWS : MATRIX_DEVICES;
    return ids.map((v) => rest.map((level, i) => (i === id ? v : level)).join('/'));
  });
}

const own = (id: string, ...kinds: string[]) => kinds.map((k) => `device/${id}/${k}`);
const windows = (...ws: string[]) => ws.map((w) => `window/${w}/display`);

/**
 * What each principal may do, written out by hand (the spec the broker is held to); every other cell is refused.
 * The demo gateway is the hall's only gateway, so it hosts the demo's pads, strips and evaluators and the board.
 */
export const EXPECTED: Record<string, { write: string[]; read: string[] }> = {
  hall: {
    write: [
      ...windows(...MATRIX_WINDOWS),
      'call',
      'queue/state',
      'event',
      ...MATRIX_DEVICES.map((d) => `device/${d}/command`),
    ],
    read: matrixTopics(),
  },
  'gateway-01': {
    write: [
      ...own('gateway-01', 'state'),
      ...own('pad-w01', 'state', 'key'),
      ...own('led-w01', 'state'),
      ...own('eval-w01', 'state', 'rating'),
      ...own('board-w02', 'state'),
    ],
    read: [
      ...['gateway-01', 'pad-w01', 'led-w01', 'eval-w01', 'board-w02'].map((d) => `device/${d}/command`),
      ...windows('w01', 'w02'),
      'call',
      'queue/state',
    ],
  },
  'pad-w01': { write: own('pad-w01', 'state', 'key'), read: [...own('pad-w01', 'command'), ...windows('w01')] },
  'led-w01': { write: own('led-w01', 'state'), read: [...own('led-w01', 'command'), ...windows('w01')] },
  'eval-w01': { write: own('eval-w01', 'state', 'rating'), read: own('eval-w01', 'command') },
  'board-w02': {
    write: own('board-w02', 'state'),
    read: [...own('board-w02', 'command'), ...windows('w02'), 'call', 'queue/state'],
  },
  'kiosk-01': { write: own('kiosk-01', 'state'), read: own('kiosk-01', 'command') },
  'display-main': {
    write: own('display-main', 'state'),
    read: [...own('display-main', 'command'), ...windows(...MATRIX_WINDOWS), 'call', 'queue/state'],
  },
  'printer-01': { write: own('printer-01', 'state'), read: own('printer-01', 'command') },
  'idreader-01': { write: own('idreader-01', 'state'), read: own('idreader-01', 'command') },
};

export interface MatrixBroker {
  url: string;
  hallId: string;
  /** Credentials per principal of {@link EXPECTED}. */
  credentials: Record<string, { username: string; password: string }>;
}

export interface MatrixResult {
  writes: Record<string, string[]>;
  reads: Record<string, string[]>;
  /** What a subscription to `#` delivered to each principal. */
  hashReads: Record<string, string[]>;
}

let clientCounter = 0;

/** Subscribes and resolves with the SUBACK's code per filter (0x80 = refused), where mqtt.js would reject. */
export function subscribeGranted(client: MqttClient, filters: string[]): Promise<number[]> {
  return new Promise((resolve, reject) => {
    client.subscribe(filters, { qos: 1 }, (err, _subs, packet) => {
      if (packet && 'granted' in packet) resolve(packet.granted.map((g) => (typeof g === 'number' ? g : 0x80)));
      else reject(err ?? new Error('no SUBACK'));
    });
  });
}

/** A client whose TCP socket sends at once (no Nagle), so each barrier costs a round trip, not a delayed ACK. */
async function connect(broker: MatrixBroker, who: string): Promise<MqttClient> {
  const c = broker.credentials[who]!;
  const { hostname, port } = new URL(broker.url);
  const client = new MqttClient(
    () => {
      const socket = netConnect(Number(port), hostname);
      socket.setNoDelay(true);
      return socket;
    },
    {
      username: c.username,
      password: c.password,
      reconnectPeriod: 0,
      clientId: `matrix-${process.pid}-${++clientCounter}`,
      protocolVersion: 4,
    },
  );
  await new Promise<void>((resolve, reject) => {
    client.once('connect', () => resolve());
    client.once('error', reject);
    client.once('close', () => reject(new Error(`${who}: connection closed`)));
  });
  return client;
}

/** Publishes at QoS 1 and resolves once the broker acked it or closed the connection (its answer to a refusal). */
function publishOrClose(client: MqttClient, topic: string, payload: string): Promise<'acked' | 'closed'> {
  return new Promise((resolve) => {
    if (!client.connected) return resolve('closed');
    const onClose = () => resolve('closed');
    client.once('close', onClose);
    client.publish(topic, payload, { qos: 1 }, (err) => {
      client.off('close', onClose);
      resolve(err ? 'closed' : 'acked');
    });
  });
}

/** Collects what a client receives, and waits for a barrier message behind everything sent before it. */
function collector(client: MqttClient) {
  const seen: { topic: string; payload: string }[] = [];
  const waiters = new Map<string, () => void>();
  client.on('message', (topic, payload) => {
    const text = payload.toString();
    seen.push({ topic, payload: text });
    waiters.get(text)?.();
  });
  const has = (payload: string) => seen.some((m) => m.payload === payload);
  return {
    seen,
    has,
    /** Resolves true once `payload` arrived, false after `ms` without it. */
    arrives: (payload: string, ms: number) =>
      new Promise<boolean>((resolve) => {
        if (has(payload)) return resolve(true);
        const timer = setTimeout(() => {
          waiters.delete(payload);
          resolve(false);
        }, ms);
        waiters.set(payload, () => {
          clearTimeout(timer);
          waiters.delete(payload);
          resolve(true);
        });
      }),
  };
}

export async function runMqttMatrix(broker: MatrixBroker): Promise<MatrixResult> {
  const prefix = `onedoor/${broker.hallId}/`;
  const topics = matrixTopics();
  const principals = Object.keys(EXPECTED);
  const result: MatrixResult = { writes: {}, reads: {}, hashReads: {} };
  let n = 0;

  // The hall reads every topic of its hall: it is the witness of every publish.
  const witness = await connect(broker, 'hall');
  const seenByWitness = collector(witness);
  await witness.subscribeAsync(
    MQTT_TOPIC_PATTERNS.map((p) => p.replace('+', broker.hallId)),
    { qos: 1 },
  );
  // Messages from one sender reach one receiver in order: once the witness's barrier arrived, so did all before it.
  const barrier = async (seen: ReturnType<typeof collector>, topic: string) => {
    const mark = `barrier-${++n}`;
    const arrived = seen.arrives(mark, 5000);
    await witness.publishAsync(topic, mark, { qos: 1 });
    if (!(await arrived)) throw new Error(`barrier ${mark} on ${topic} never arrived`);
  };

  // --- write: each principal publishes on every topic; the witness sees what got through ---
  for (const who of principals) {
    const allowed = new Set(EXPECTED[who]!.write);
    let client = await connect(broker, who);
    const got: string[] = [];
    for (const t of topics) {
      if (!client.connected) client = await connect(broker, who);
      const mark = `probe-${++n}`;
      await publishOrClose(client, prefix + t, mark);
      // A refused publish must not arrive before a later one from the witness; an allowed one arrives.
      if (allowed.has(t)) await seenByWitness.arrives(mark, 3000);
      else await barrier(seenByWitness, `${prefix}call`);
      if (seenByWitness.has(mark)) got.push(t);
    }
    await client.endAsync(true);
    result.writes[who] = got;
  }

  // --- read: each principal subscribes to every topic (and, apart, to `#`); the topic's writer publishes on it ---
  const writers = new Map<string, MqttClient>();
  const writerOf = (t: string) => principals.find((p) => EXPECTED[p]!.write.includes(t));
  for (const who of principals) {
    const reader = await connect(broker, who);
    const hash = await connect(broker, who);
    const seen = collector(reader);
    const seenHash = collector(hash);
    const barrierTopic =
      who === 'hall' ? `${prefix}call` : `${prefix}device/${broker.credentials[who]!.username}/command`;
    await subscribeGranted(
      reader,
      topics.map((t) => prefix + t),
    );
    await subscribeGranted(hash, ['#', barrierTopic]);
    const marks = new Map<string, string>();
    for (const t of topics) {
      const w = writerOf(t);
      if (!w) continue; // nobody may publish there: nothing to read
      let client = writers.get(w);
      if (!client?.connected) {
        client = await connect(broker, w);
        writers.set(w, client);
      }
      const mark = `read-${++n}`;
      marks.set(mark, t);
      await publishOrClose(client, prefix + t, mark);
    }
    await barrier(seen, barrierTopic);
    await until(`# barrier for ${who}`, () => seenHash.seen.some((m) => m.payload.startsWith('barrier-')), 5000);
    const readable = (s: ReturnType<typeof collector>) => [
      ...new Set(s.seen.flatMap((m) => (marks.has(m.payload) ? [marks.get(m.payload)!] : []))),
    ];
    result.reads[who] = readable(seen);
    result.hashReads[who] = readable(seenHash);
    await reader.endAsync(true);
    await hash.endAsync(true);
  }
  for (const c of writers.values()) await c.endAsync(true);
  await witness.endAsync(true);
  return result;
}

/** Whether the broker refuses a connection with these credentials (or none). */
export async function refusesConnection(url: string, username?: string, password?: string): Promise<boolean> {
  try {
    const c = await mqtt.connectAsync(url, {
      reconnectPeriod: 0,
      connectTimeout: 5000,
      ...(username !== undefined ? { username } : {}),
      ...(password !== undefined ? { password } : {}),
    });
    await c.endAsync(true);
    return false;
  } catch {
    return true;
  }
}
