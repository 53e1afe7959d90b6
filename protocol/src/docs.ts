import { z } from 'zod';
import { SOCKET_CATALOG } from './socket/catalog.js';
import { ERROR_CODES } from './errors.js';
import { hallEventSchema, hallSnapshotSchema } from './dto/queue.js';
import { devicePayloadSchemas, windowDisplayPayloadSchema, queueStatePayloadSchema } from './mqtt.js';
import { REST_ROUTES, type RouteSpec } from './rest/routes.js';
import { MQTT_ACL, MQTT_TOPIC_PATTERNS, type TopicGrant } from './mqtt-acl.js';

const schemaBlock = (schema: z.ZodType) =>
  '```json\n' + JSON.stringify(z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }), null, 2) + '\n```';

/** Who may publish and read each topic, from `MQTT_ACL` (the embedded broker's rules and the Mosquitto ACL's). */
function mqttAccessTable(): string[] {
  const who = (grants: TopicGrant['publish']) =>
    Object.entries(grants)
      .map(([role, scope]) => (scope === 'own' ? `${role} (own)` : role))
      .join(', ');
  return [
    '### Who may use each topic',
    '',
    'Checked on every publish and subscribe (`MQTT_ACL`); everything else is refused. "own" is the device\'s own id, or',
    'its own window on `window/…`; a gateway acts for the wired devices it hosts. A refused publish closes the connection',
    'on the embedded broker; `npm run hw -- broker-config` writes the same rules for Mosquitto.',
    '',
    '| topic | publish | subscribe |',
    '|---|---|---|',
    ...MQTT_TOPIC_PATTERNS.map((p) => `| \`${p}\` | ${who(MQTT_ACL[p].publish)} | ${who(MQTT_ACL[p].subscribe)} |`),
    '',
  ];
}

/** Renders docs/protocol.md from the schemas themselves, so the reference cannot drift from the code. */
export function renderProtocolDocs(): string {
  const out: string[] = [
    '# OneDoor protocol reference (一门 协议参考)',
    '',
    '_Generated from `protocol/src` by `UPDATE_DOCS=1 npx vitest run test/integration/protocol-docs.test.ts`; do not edit by hand._',
    '',
    '## socket.io',
    '',
    'Namespaces `/kiosk` and `/display` take a paired device token (`auth: { deviceToken }`), `/window` and `/console` a staff',
    'session token (`auth: { sessionToken }` from `POST /api/auth/login`). Without one the connection is refused with',
    '`connect_error` whose `data` is `{ code: "UNAUTHENTICATED", message, messageEn }`.',
    '',
    'Server → client on every namespace: `hall:snapshot` (right after connecting) and `hall:event` (each committed change,',
    'numbered by `seq`). A client applies events with `applyHallEvent`; when `event.seq !== state.seq + 1` it emits',
    '`hall:snapshot` and continues from the answer (`SequenceTracker`).',
    '',
    'Every command is acknowledged with `{ ok: true, data } | { ok: false, error: { code, message, messageEn, details? } }`.',
    'A `requestId` makes a command idempotent: a retry returns the first result.',
    '',
  ];
  for (const [ns, events] of Object.entries(SOCKET_CATALOG)) {
    out.push(`### \`${ns}\``, '');
    for (const [name, e] of Object.entries(events)) {
      out.push(`#### \`${name}\` → \`${e.returns}\``, '', e.doc, '', schemaBlock(e.schema), '');
    }
  }
  out.push(
    '### `hall:snapshot` payload',
    '',
    schemaBlock(hallSnapshotSchema),
    '',
    '### `hall:event` payload',
    '',
    schemaBlock(hallEventSchema),
    '',
  );
  out.push(
    '## MQTT topics',
    '',
    'All under `onedoor/{hallId}/`, JSON payloads, QoS 1. S = the hall server publishes, D = a device or gateway publishes.',
    '',
    '| topic | dir | retained | payload |',
    '|---|---|---|---|',
    '| `onedoor/{hall}/window/{windowId}/display` | S | yes | what the window LED strip shows (below) |',
    '| `onedoor/{hall}/call` | S | no | `CallView` (as in `hall:event.call`) |',
    '| `onedoor/{hall}/queue/state` | S | yes | waiting per service (below) |',
    '| `onedoor/{hall}/event` | S | no | every `HallEvent`, for the level above |',
    '| `onedoor/{hall}/device/{deviceId}/state` | D | yes | device state; also the MQTT last will (`online: false`) |',
    '| `onedoor/{hall}/device/{deviceId}/key` | D | no | a call-pad key press |',
    '| `onedoor/{hall}/device/{deviceId}/rating` | D | no | an evaluator rating 1–5 |',
    '| `onedoor/{hall}/device/{deviceId}/command` | S | no | a command for one device |',
    '',
  );
  out.push(...mqttAccessTable());
  for (const [kind, schema] of Object.entries(devicePayloadSchemas))
    out.push(`### device/{id}/${kind}`, '', schemaBlock(schema), '');
  out.push(
    '### window/{id}/display',
    '',
    schemaBlock(windowDisplayPayloadSchema),
    '',
    '### queue/state',
    '',
    schemaBlock(queueStatePayloadSchema),
    '',
  );
  out.push(
    '## REST',
    '',
    "Every route answers `{ ok: true, data }` or `{ ok: false, error }` with the error's HTTP status; staff routes take",
    '`Authorization: Bearer <sessionToken>`. The map is `REST_ROUTES` in `protocol/src/rest/routes.ts`; clients call it',
    'through `createRestClient`. Also: `GET /healthz`, `GET /metrics`, `GET /api/openapi.json`, `GET /t/:id` (ticket page).',
    '',
    '| route | who | what |',
    '|---|---|---|',
    ...Object.entries(REST_ROUTES).map(([key, spec]: [string, RouteSpec]) => {
      const who = spec.access === 'public' ? 'anyone' : spec.access.join(', ');
      return `| \`${key}\` | ${who} | ${spec.summary.replace(/\|/g, '\\|')} |`;
    }),
    '',
  );
  out.push('## Error codes', '', ERROR_CODES.map((c) => `- \`${c}\``).join('\n'), '');
  return out.join('\n');
}
