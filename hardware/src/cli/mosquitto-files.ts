import { pbkdf2Sync, randomBytes } from 'node:crypto';
import { devicePrincipal, grantedFilters, type AclDevice, type MqttPrincipal } from '@onedoor/protocol';

/**
 * The Mosquitto side of the hall's MQTT access rules: the same table (`MQTT_ACL`) the embedded broker applies,
 * written as an `acl_file`, and a `password_file` in mosquitto_passwd's format.
 */

/** One MQTT user: its name and what it acts as. */
export interface BrokerUser {
  username: string;
  principal: MqttPrincipal;
}

/** The hall server's user and one user per paired device (a gateway also for the devices it hosts). */
export function brokerUsers(hallUser: string, devices: readonly (AclDevice & { paired: boolean })[]): BrokerUser[] {
  return [
    { username: hallUser, principal: { role: 'hall' } },
    ...devices.filter((d) => d.paired).map((d) => ({ username: d.id, principal: devicePrincipal(d, devices) })),
  ];
}

/** `acl_file` text: per user, each granted filter as `topic read|write|readwrite`; everything else is refused. */
export function mosquittoAcl(hallId: string, users: readonly BrokerUser[], generatedAt: string): string {
  const lines = [
    `# OneDoor MQTT ACL for hall ${hallId}, generated ${generatedAt} by \`npm run hw -- broker-config\`.`,
    '# Regenerate after pairing, moving or removing a device; do not edit by hand.',
  ];
  for (const { username, principal } of users) {
    const { publish, subscribe } = grantedFilters(principal, hallId);
    lines.push('', `user ${username}`);
    for (const filter of [...new Set([...subscribe, ...publish])]) {
      const access = publish.includes(filter) ? (subscribe.includes(filter) ? 'readwrite' : 'write') : 'read';
      lines.push(`topic ${access} ${filter}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

/** Mosquitto 2's default hash (`$7$`): PBKDF2-HMAC-SHA512, 101 iterations, a 12-byte salt, 64 bytes, base64. */
export function mosquittoPasswordHash(password: string, salt: Buffer = randomBytes(12), iterations = 101): string {
  const hash = pbkdf2Sync(password, salt, iterations, 64, 'sha512');
  return `$7$${iterations}$${salt.toString('base64')}$${hash.toString('base64')}`;
}

/** `password_file` text: `username:hash` per user. */
export function mosquittoPasswd(passwords: Readonly<Record<string, string>>): string {
  return Object.entries(passwords)
    .map(([user, password]) => `${user}:${mosquittoPasswordHash(password)}\n`)
    .join('');
}
