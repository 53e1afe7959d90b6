import type { DeviceKind, HallTopicPattern } from './mqtt.js';

/**
 * Who may publish and subscribe on each MQTT topic: one table for the embedded broker's checks and the Mosquitto ACL
 * that `npm run hw -- broker-config` writes. Keyed by every pattern of the topic map, so a new topic fails `tsc`
 * until it says who may use it. Everything not granted here is refused (a display once read `#` and called numbers
 * at another window's pad).
 * The hall server reads every topic of its hall (it relays to the level above); no device reads `#`.
 */

/** The hall server itself, or a device of one kind. */
export type MqttRole = 'hall' | DeviceKind;

/**
 * Which topics of a pattern a grant covers: `any` id at the pattern's id level, or only the principal's `own` — its
 * device id on `device/{id}/…`, its window on `window/{id}/…`. Patterns without an id level take `any`.
 */
export type GrantScope = 'any' | 'own';

export interface TopicGrant {
  publish: Partial<Record<MqttRole, GrantScope>>;
  subscribe: Partial<Record<MqttRole, GrantScope>>;
}

const EVERY_DEVICE_OWN = {
  'id-reader': 'own',
  printer: 'own',
  led: 'own',
  pad: 'own',
  evaluator: 'own',
  'led-board': 'own',
  kiosk: 'own',
  display: 'own',
  gateway: 'own',
} as const satisfies Record<DeviceKind, GrantScope>;

export const MQTT_ACL: { readonly [P in HallTopicPattern]: TopicGrant } = {
  // What a window's strip shows: the strip, the pad's digits and an LED board at that window; the hall board shows all.
  'onedoor/+/window/+/display': {
    publish: { hall: 'any' },
    subscribe: { hall: 'any', led: 'own', pad: 'own', 'led-board': 'own', display: 'any' },
  },
  'onedoor/+/call': { publish: { hall: 'any' }, subscribe: { hall: 'any', display: 'any', 'led-board': 'any' } },
  'onedoor/+/queue/state': {
    publish: { hall: 'any' },
    subscribe: { hall: 'any', display: 'any', 'led-board': 'any' },
  },
  // Every hall event is for the level above, through the hall server: no device reads it.
  'onedoor/+/event': { publish: { hall: 'any' }, subscribe: { hall: 'any' } },
  'onedoor/+/device/+/state': { publish: EVERY_DEVICE_OWN, subscribe: { hall: 'any' } },
  'onedoor/+/device/+/key': { publish: { pad: 'own' }, subscribe: { hall: 'any' } },
  'onedoor/+/device/+/rating': { publish: { evaluator: 'own' }, subscribe: { hall: 'any' } },
  'onedoor/+/device/+/command': { publish: { hall: 'any' }, subscribe: { hall: 'any', ...EVERY_DEVICE_OWN } },
};

export const MQTT_TOPIC_PATTERNS = Object.keys(MQTT_ACL) as HallTopicPattern[];

/** A device as the access rules see it. */
export interface AclDevice {
  id: string;
  kind: DeviceKind;
  windowId: string | null;
  settings?: Record<string, unknown>;
}

/** Who is connected: the hall server, or a device (a gateway also speaks for the wired devices it hosts). */
export type MqttPrincipal = { role: 'hall' } | { role: 'device'; device: AclDevice; hosts: AclDevice[] };

/** Devices on a gateway's RS-485 lines or LAN: they have no connection of their own. */
export const WIRED_KINDS: readonly DeviceKind[] = ['pad', 'led', 'evaluator', 'led-board'];

/**
 * The wired devices a gateway hosts: those whose settings name it (`gatewayId`), and, in a hall with a single
 * gateway, every wired device that names none. With two gateways an unnamed device is hosted by neither.
 */
export function hostedDevices(gateway: AclDevice, devices: readonly AclDevice[]): AclDevice[] {
  const gateways = devices.filter((d) => d.kind === 'gateway');
  const onlyGateway = gateways.length === 1 && gateways[0]!.id === gateway.id;
  return devices.filter((d) => {
    if (!WIRED_KINDS.includes(d.kind)) return false;
    const named = d.settings?.gatewayId;
    return typeof named === 'string' && named !== '' ? named === gateway.id : onlyGateway;
  });
}

/** The principal of a device connection: a gateway with its hosted devices, any other device alone. */
export function devicePrincipal(device: AclDevice, devices: readonly AclDevice[]): MqttPrincipal {
  return { role: 'device', device, hosts: device.kind === 'gateway' ? hostedDevices(device, devices) : [] };
}

/** The topic filters one role-holder is granted on one pattern in this hall (none, one, or one with `+`). */
function filtersFor(pattern: HallTopicPattern, hallId: string, device: AclDevice | null, scope: GrantScope): string[] {
  const [, , ...rest] = pattern.split('/');
  const idLevel = rest.indexOf('+');
  if (idLevel < 0 || scope === 'any') return [['onedoor', hallId, ...rest].join('/')];
  const own = rest[0] === 'window' ? device?.windowId : device?.id;
  if (!own) return [];
  const levels = [...rest];
  levels[idLevel] = own;
  return [['onedoor', hallId, ...levels].join('/')];
}

/** Every topic filter a principal may publish to and subscribe to in a hall: the table above, spelled out. */
export function grantedFilters(principal: MqttPrincipal, hallId: string): { publish: string[]; subscribe: string[] } {
  const actors: { role: MqttRole; device: AclDevice | null }[] =
    principal.role === 'hall'
      ? [{ role: 'hall', device: null }]
      : [principal.device, ...principal.hosts].map((d) => ({ role: d.kind, device: d }));
  const out = { publish: new Set<string>(), subscribe: new Set<string>() };
  for (const pattern of MQTT_TOPIC_PATTERNS) {
    for (const action of ['publish', 'subscribe'] as const) {
      for (const { role, device } of actors) {
        const scope = MQTT_ACL[pattern][action][role];
        if (scope) for (const f of filtersFor(pattern, hallId, device, scope)) out[action].add(f);
      }
    }
  }
  return { publish: [...out.publish], subscribe: [...out.subscribe] };
}

/**
 * Whether the granted filter covers every topic `filter` can match: `+` covers one level (a `+` too), `#` the rest,
 * a word only itself. A publish topic is a filter without wildcards.
 */
export function filterCovers(granted: string, filter: string): boolean {
  const g = granted.split('/');
  const f = filter.split('/');
  for (let i = 0; i < g.length; i++) {
    if (g[i] === '#') return true;
    if (i >= f.length) return false;
    if (f[i] === '#') return false;
    if (g[i] !== '+' && g[i] !== f[i]) return false;
  }
  return g.length === f.length;
}

/** May this principal publish on this topic (never on a topic with a wildcard)? */
export function mayPublish(principal: MqttPrincipal, hallId: string, topic: string): boolean {
  if (topic.includes('+') || topic.includes('#')) return false;
  return grantsOf(principal, hallId).publish.some((g) => filterCovers(g, topic));
}

/** May this principal subscribe to this filter? */
export function maySubscribe(principal: MqttPrincipal, hallId: string, filter: string): boolean {
  return grantsOf(principal, hallId).subscribe.some((g) => filterCovers(g, filter));
}

/**
 * `grantedFilters`, remembered by what it depends on (the principal as it is now, and the hall): a broker checks every
 * message, and walking the topic table for each was most of the hall's own publishing cost. A device moved to another
 * window is another principal, so it is checked under its new place at once.
 */
const grants = new Map<string, { publish: string[]; subscribe: string[] }>();
const GRANTS_KEPT = 2_000;

function grantsOf(principal: MqttPrincipal, hallId: string): { publish: string[]; subscribe: string[] } {
  const key = `${hallId}|${JSON.stringify(principal)}`;
  let granted = grants.get(key);
  if (!granted) {
    if (grants.size >= GRANTS_KEPT) grants.clear();
    grants.set(key, (granted = grantedFilters(principal, hallId)));
  }
  return granted;
}
