import { z } from 'zod';
import { federationHallIdSchema, FEDERATION_ROLES, federationTopics } from '@onedoor/protocol';

/**
 * The federation's broker plan (四级联通, issue 13) and the Mosquitto files it gives, as pure text: which broker each
 * hall publishes to, which region each hall is below, which broker bridges to which. `npm run federation --
 * broker-config` reads a plan file and writes these files; the README shows a three-level plan.
 *
 * One broker per level or per site: a hall publishes to its broker; a region listens on its broker; a broker whose
 * halls are below a region on another broker bridges to it, forwarding only those halls' topics (`up` out, `down` in),
 * so a city sees its counties, not every village.
 */

const tlsSchema = z.object({
  /** The CA that signed the broker certificates (bridges and halls verify the broker with it). */
  cafile: z.string().min(1),
  /** This broker's listener certificate and key. */
  certfile: z.string().min(1),
  keyfile: z.string().min(1),
});

export const brokerPlanSchema = z
  .object({
    brokers: z
      .array(
        z.object({
          name: z.string().regex(/^[a-z0-9-]{1,40}$/, 'broker name: lower-case letters, digits, dashes'),
          /** Where halls and bridges reach it. */
          host: z.string().min(1),
          port: z.number().int().min(1).max(65535),
          /** The broker of the level above, which this one bridges to. */
          parent: z.string().optional(),
          /** With certificates the listener speaks TLS, and bridges to it verify it. */
          tls: tlsSchema.optional(),
        }),
      )
      .min(1),
    halls: z
      .array(
        z.object({
          id: federationHallIdSchema,
          name: z.string().min(1),
          role: z.enum(FEDERATION_ROLES).default('hall'),
          /** The broker the hall publishes to (and, for a county or city, listens on). */
          broker: z.string(),
          /** The county or city directly above; none for the top. */
          region: federationHallIdSchema.optional(),
        }),
      )
      .min(1),
  })
  .superRefine((plan, ctx) => {
    const issue = (path: (string | number)[], zh: string, en: string) =>
      ctx.addIssue({ code: 'custom', path, message: `${zh} / ${en}` });
    const brokers = new Map(plan.brokers.map((b) => [b.name, b]));
    const halls = new Map(plan.halls.map((h) => [h.id, h]));
    if (brokers.size !== plan.brokers.length) issue(['brokers'], '代理名称重复', 'broker names must be unique');
    if (halls.size !== plan.halls.length) issue(['halls'], '大厅编号重复', 'hall ids must be unique in the region');
    plan.brokers.forEach((b, i) => {
      if (b.parent && !brokers.has(b.parent))
        issue(['brokers', i, 'parent'], `未知的上级代理 ${b.parent}`, `unknown parent broker ${b.parent}`);
      // No loops: following parents ends.
      const seen = new Set<string>();
      for (let at: string | undefined = b.name; at; at = brokers.get(at)?.parent) {
        if (seen.has(at)) {
          issue(['brokers', i, 'parent'], '代理桥接成环', 'the broker bridges form a loop');
          break;
        }
        seen.add(at);
      }
    });
    plan.halls.forEach((h, i) => {
      if (!brokers.has(h.broker)) issue(['halls', i, 'broker'], `未知的代理 ${h.broker}`, `unknown broker ${h.broker}`);
      if (!h.region) return;
      const region = halls.get(h.region);
      if (!region || region.role === 'hall') {
        issue(['halls', i, 'region'], `${h.region} 不是县或市`, `${h.region} is not a county or city in the plan`);
        return;
      }
      // The region listens on its own broker: the hall publishes there, or to a broker bridged straight to it.
      if (h.broker !== region.broker && brokers.get(h.broker)?.parent !== region.broker)
        issue(
          ['halls', i, 'broker'],
          `${h.id} 的代理既不是 ${region.id} 的代理，也不直接桥接到它`,
          `${h.id}'s broker is neither ${region.id}'s broker nor bridged straight to it`,
        );
    });
  });
export type BrokerPlan = z.infer<typeof brokerPlanSchema>;
type PlanBroker = BrokerPlan['brokers'][number];
type PlanHall = BrokerPlan['halls'][number];

/** The MQTT users of the plan: the halls (their uplink), the regions (their downlink), the bridges. */
export const regionUser = (regionId: string) => `region-${regionId}`;
export const bridgeUser = (broker: string) => `bridge-${broker}`;

/** Every user the plan needs a password for. */
export function planUsers(plan: BrokerPlan): string[] {
  return [
    ...plan.halls.map((h) => h.id),
    ...plan.halls.filter((h) => h.role !== 'hall').map((h) => regionUser(h.id)),
    ...plan.brokers.filter((b) => b.parent).map((b) => bridgeUser(b.name)),
  ];
}

const brokerUrl = (b: PlanBroker) => `${b.tls ? 'mqtts' : 'mqtt'}://${b.host}:${b.port}`;

/** Halls on `child` whose region listens on `parent`: the topics a bridge child → parent forwards. */
function forwarded(plan: BrokerPlan, child: string, parent: string): PlanHall[] {
  const byId = new Map(plan.halls.map((h) => [h.id, h]));
  return plan.halls.filter((h) => h.broker === child && h.region && byId.get(h.region)!.broker === parent);
}

/** An ACL block: a user and its topics (up: what it writes or reads going up; down: the other way). */
function aclBlock(user: string, lines: string[]): string[] {
  return ['', `user ${user}`, ...lines];
}

/** `acl_file` of one broker: each user only its halls' topics; everything else refused. */
export function federationAcl(plan: BrokerPlan, broker: string, generatedAt: string): string {
  const lines = [
    `# OneDoor federation ACL for broker ${broker}, generated ${generatedAt} by \`npm run federation -- broker-config\`.`,
    "# A hall writes only under its own id: one presenting another hall's id is refused here. Do not edit by hand.",
  ];
  for (const h of plan.halls.filter((x) => x.broker === broker))
    lines.push(
      ...aclBlock(h.id, [
        `topic write ${federationTopics.upAll(h.id)}`,
        `topic read ${federationTopics.downAll(h.id)}`,
      ]),
    );
  for (const r of plan.halls.filter((x) => x.broker === broker && x.role !== 'hall')) {
    const below = plan.halls.filter((h) => h.region === r.id);
    lines.push(
      ...aclBlock(
        regionUser(r.id),
        below.flatMap((h) => [
          `topic read ${federationTopics.upAll(h.id)}`,
          `topic write ${federationTopics.downAll(h.id)}`,
        ]),
      ),
    );
  }
  for (const child of plan.brokers.filter((b) => b.parent === broker))
    lines.push(
      ...aclBlock(
        bridgeUser(child.name),
        forwarded(plan, child.name, broker).flatMap((h) => [
          `topic write ${federationTopics.upAll(h.id)}`,
          `topic read ${federationTopics.downAll(h.id)}`,
        ]),
      ),
    );
  return `${lines.join('\n')}\n`;
}

/** `mosquitto.conf` lines of one broker: its listener, the password and ACL files, and its bridge up, if any. */
export function federationConf(
  plan: BrokerPlan,
  broker: string,
  files: { dir: string; passwords: Readonly<Record<string, string>> },
): string {
  const b = plan.brokers.find((x) => x.name === broker)!;
  const lines = [
    `# OneDoor federation broker ${broker}: \`mosquitto -c ${files.dir}/mosquitto.conf\`.`,
    `listener ${b.port}`,
    ...(b.tls
      ? [`cafile ${b.tls.cafile}`, `certfile ${b.tls.certfile}`, `keyfile ${b.tls.keyfile}`, 'tls_version tlsv1.2']
      : []),
    'allow_anonymous false',
    `password_file ${files.dir}/passwd`,
    `acl_file ${files.dir}/acl`,
  ];
  const parent = b.parent ? plan.brokers.find((x) => x.name === b.parent)! : null;
  const halls = parent ? forwarded(plan, broker, parent.name) : [];
  if (parent && halls.length > 0) {
    lines.push(
      '',
      `# Bridge to ${parent.name}: only the halls below a region there; records up, replay requests down, QoS 1.`,
      `connection onedoor-${broker}-to-${parent.name}`,
      `address ${parent.host}:${parent.port}`,
      `remote_clientid onedoor-bridge-${broker}`,
      `remote_username ${bridgeUser(broker)}`,
      `remote_password ${files.passwords[bridgeUser(broker)]}`,
      // A persistent session on both sides: what the bridge had not delivered waits for it (up to max_queued_messages).
      'cleansession false',
      'bridge_protocol_version mqttv311',
      'try_private true',
      'notifications false',
      'start_type automatic',
      'restart_timeout 2 30',
      ...(parent.tls ? [`bridge_cafile ${parent.tls.cafile}`, 'bridge_insecure false'] : []),
      ...(parent.tls && b.tls ? [`bridge_certfile ${b.tls.certfile}`, `bridge_keyfile ${b.tls.keyfile}`] : []),
      ...halls.flatMap((h) => [
        `topic ${federationTopics.upAll(h.id)} out 1`,
        `topic ${federationTopics.downAll(h.id)} in 1`,
      ]),
    );
  }
  return `${lines.join('\n')}\n`;
}

/** The `federation` config section of one hall of the plan (its uplink, and its downlink and halls for a region). */
export function hallFederationConfig(plan: BrokerPlan, hallId: string, passwords: Readonly<Record<string, string>>) {
  const h = plan.halls.find((x) => x.id === hallId)!;
  const broker = plan.brokers.find((x) => x.name === h.broker)!;
  const link = (username: string) => ({
    url: brokerUrl(broker),
    username,
    password: passwords[username]!,
    ...(broker.tls ? { caFile: broker.tls.cafile } : {}),
  });
  return {
    role: h.role,
    // The top of the plan publishes to nobody.
    ...(h.region ? { uplink: link(h.id) } : {}),
    ...(h.role !== 'hall'
      ? {
          downlink: link(regionUser(h.id)),
          halls: plan.halls.filter((x) => x.region === h.id).map((x) => ({ id: x.id, name: x.name })),
        }
      : {}),
  };
}
