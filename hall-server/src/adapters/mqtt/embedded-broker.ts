import { Aedes, type Client } from 'aedes';
import { createServer, type Server, type Socket } from 'node:net';
import { createServer as createTlsServer } from 'node:tls';

export interface EmbeddedBroker {
  port: number;
  /** Cuts every connection whose session is no longer valid (a re-paired or removed device); how many were cut. */
  recheck(): number;
  close(): Promise<void>;
}

/**
 * Who may connect, publish and subscribe. `S` is what a connection is remembered as (its principal); the checks run
 * on every publish and subscribe, not only at the handshake.
 */
export interface BrokerAccess<S> {
  /** The session a username and password open, or null to refuse the connection. */
  authenticate(username: string | undefined, password: string | undefined): S | null;
  mayPublish(session: S, topic: string): boolean;
  maySubscribe(session: S, filter: string): boolean;
  /** Checked on every delivery: a device moved to another window keeps its old subscription, but gets nothing on it. */
  mayReceive(session: S, topic: string): boolean;
  /** False once the credentials behind the session are revoked: {@link EmbeddedBroker.recheck} cuts it. */
  stillValid(session: S): boolean;
}

export interface EmbeddedBrokerOptions<S> {
  host: string;
  /** 0 picks a free port (tests). */
  port: number;
  access: BrokerAccess<S>;
  /** PEM key and certificate: the broker speaks MQTT over TLS (mqtts://) on its port. */
  tls?: { key: Buffer; cert: Buffer } | undefined;
}

export class PortInUseError extends Error {}

const refused = (message: string, returnCode: number) => Object.assign(new Error(message), { returnCode });

/** The hall's own MQTT broker (aedes), for a hall that runs without Mosquitto/EMQX. */
export async function startEmbeddedBroker<S>(options: EmbeddedBrokerOptions<S>): Promise<EmbeddedBroker> {
  const { access } = options;
  const sessions = new WeakMap<Client, S>();
  const aedes = await Aedes.createBroker({
    authenticate: (client, username, password, done) => {
      const session = access.authenticate(username, password?.toString('utf8'));
      if (session === null) return done(refused('bad username or password', 4) as never, false);
      sessions.set(client, session);
      done(null, true);
    },
    // A refused publish closes the connection (aedes has no silent drop): a device never publishes off its topics.
    // The last will goes through here too, when the broker publishes it for a dead connection.
    authorizePublish: (client, packet, done) => {
      const session = client ? sessions.get(client) : undefined;
      if (session !== undefined && access.mayPublish(session, packet.topic)) return done(null);
      done(new Error(`not allowed to publish on ${packet.topic}`));
    },
    // A refused subscription is answered 0x80 in the SUBACK and the connection stays.
    authorizeSubscribe: (client, sub, done) => {
      const session = sessions.get(client);
      done(null, session !== undefined && access.maySubscribe(session, sub.topic) ? sub : null);
    },
    authorizeForward: (client, packet) => {
      const session = sessions.get(client);
      return session !== undefined && access.mayReceive(session, packet.topic) ? packet : null;
    },
  });
  const onConnection = (socket: Socket) => {
    // Small packets at once (no Nagle): a key press or a call waits for nothing.
    socket.setNoDelay(true);
    aedes.handle(socket);
  };
  const server: Server = options.tls
    ? createTlsServer({ key: options.tls.key, cert: options.tls.cert }, onConnection)
    : createServer(onConnection);
  await new Promise<void>((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) =>
      reject(err.code === 'EADDRINUSE' ? new PortInUseError(`MQTT port ${options.port} is in use`) : err),
    );
    server.listen(options.port, options.host, () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  const connected = new Set<Client>();
  aedes.on('client', (client) => connected.add(client));
  aedes.on('clientDisconnect', (client) => connected.delete(client));
  return {
    port,
    recheck: () => {
      let cut = 0;
      for (const client of [...connected]) {
        const session = sessions.get(client);
        if (session !== undefined && access.stillValid(session)) continue;
        connected.delete(client);
        client.close();
        cut += 1;
      }
      return cut;
    },
    close: async () => {
      await new Promise<void>((resolve) => aedes.close(() => resolve()));
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
