import { timingSafeEqual } from 'node:crypto';
import { devicePrincipal, mayPublish, maySubscribe, type MqttPrincipal } from '@onedoor/protocol';
import type { AuthService } from '../../app/auth/auth.js';
import type { BrokerAccess } from './embedded-broker.js';

/** Compares secrets in constant time (the hall's own MQTT password). */
function sameSecret(given: string | undefined, expected: string): boolean {
  const a = Buffer.from(given ?? '');
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** A connection to the embedded broker: the hall server itself, or a device under its own id and token. */
export type BrokerSession = { kind: 'hall' } | { kind: 'device'; deviceId: string; token: string };

/**
 * The embedded broker's rules over the hall's devices: the username must be the token's own device, and every
 * publish and subscribe is checked against the protocol's topic table (`MQTT_ACL`) for that device — a gateway for
 * the devices it hosts. The principal is looked up on each check, so a device moved to another window or gateway is
 * checked under its new place at once.
 */
export function hallBrokerAccess(
  auth: AuthService,
  hallId: string,
  internal: { username: string; password: string },
): BrokerAccess<BrokerSession> {
  const principal = (session: BrokerSession): MqttPrincipal | null => {
    if (session.kind === 'hall') return { role: 'hall' };
    const device = auth.device(session.deviceId);
    return device ? devicePrincipal(device, device.kind === 'gateway' ? auth.listDevices() : []) : null;
  };
  return {
    authenticate: (username, password) => {
      if (username === internal.username) return sameSecret(password, internal.password) ? { kind: 'hall' } : null;
      const device = auth.deviceForToken(password);
      // A gateway token works only under the gateway's own id, never under any name.
      return device && password && device.id === username
        ? { kind: 'device', deviceId: device.id, token: password }
        : null;
    },
    mayPublish: (session, topic) => {
      const p = principal(session);
      return p !== null && mayPublish(p, hallId, topic);
    },
    maySubscribe: (session, filter) => {
      const p = principal(session);
      return p !== null && maySubscribe(p, hallId, filter);
    },
    mayReceive: (session, topic) => {
      const p = principal(session);
      return p !== null && maySubscribe(p, hallId, topic);
    },
    stillValid: (session) => session.kind === 'hall' || auth.deviceForToken(session.token)?.id === session.deviceId,
  };
}
