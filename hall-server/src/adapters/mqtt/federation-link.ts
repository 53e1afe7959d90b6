import { readFileSync } from 'node:fs';
import mqtt, { type MqttClient } from 'mqtt';
import type { FederationTransport } from '../../app/federation/federation-ports.js';
import type { Logger } from '../../app/ports.js';

export interface FederationLinkOptions {
  url: string;
  username?: string | undefined;
  password?: string | undefined;
  caFile?: string | undefined;
  /** Stable across restarts: the broker keeps the session (subscriptions, QoS 1 messages) under it. */
  clientId: string;
  /** Retained on this topic when the link drops without a goodbye. */
  will?: { topic: string; payload: unknown };
  log: Logger;
  reconnectMs?: number;
}

/**
 * One MQTT connection of the federation over mqtt.js: a persistent session (clean: false) and QoS 1, so the broker
 * keeps what was sent to us while we were away and we resend what it had not acknowledged. Never blocks a caller:
 * the connection comes and goes in the background.
 */
export class FederationLink implements FederationTransport {
  private client: MqttClient | null = null;
  private readonly connectListeners: (() => void)[] = [];
  private readonly messageListeners: ((topic: string, payload: Buffer) => void)[] = [];

  constructor(private readonly options: FederationLinkOptions) {}

  get connected(): boolean {
    return this.client?.connected ?? false;
  }

  onConnect(listener: () => void): void {
    this.connectListeners.push(listener);
  }

  onMessage(listener: (topic: string, payload: Buffer) => void): void {
    this.messageListeners.push(listener);
  }

  start(subscriptions: readonly string[]): void {
    const { url, username, password, caFile, clientId, will, log } = this.options;
    const client = mqtt.connect(url, {
      clientId,
      username,
      password,
      clean: false,
      reconnectPeriod: this.options.reconnectMs ?? 2000,
      connectTimeout: 5000,
      // No 65,536-Buffer number cache in mqtt-packet (see HallMqtt.start).
      writeCache: false,
      ...(caFile ? { ca: readFileSync(caFile) } : {}),
      ...(will
        ? { will: { topic: will.topic, payload: Buffer.from(JSON.stringify(will.payload)), qos: 1, retain: true } }
        : {}),
    });
    this.client = client;
    client.on('error', (err) => log.warn({ err: err.message, url }, 'federation link error'));
    client.on('connect', () => {
      // Every time: a broker that lost our session (restarted without persistence) needs the subscriptions again.
      if (subscriptions.length > 0)
        client.subscribe([...subscriptions], { qos: 1 }, (err) => {
          if (err) log.warn({ err: err.message }, 'federation subscribe failed');
        });
      for (const l of this.connectListeners) l();
    });
    client.on('message', (topic, payload) => {
      for (const l of this.messageListeners) l(topic, payload);
    });
  }

  publish(topic: string, payload: unknown, options: { retain?: boolean } = {}): Promise<void> {
    const client = this.client;
    if (!client) return Promise.reject(new Error('federation link not started'));
    return new Promise((resolve, reject) => {
      client.publish(topic, JSON.stringify(payload), { qos: 1, retain: options.retain ?? false }, (err) =>
        err ? reject(err) : resolve(),
      );
    });
  }

  async stop(): Promise<void> {
    const client = this.client;
    this.client = null;
    // A clean goodbye: the will is not sent, so the hall says itself that it is going.
    await client?.endAsync().catch(() => undefined);
  }
}
