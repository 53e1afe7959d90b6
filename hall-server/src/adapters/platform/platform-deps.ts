import { ConfigError } from '../../config/config.loader.js';
import type { HallConfig } from '../../config/config.schema.js';
import type { PlatformDeps } from '../../app/hall-app.js';
import { platformCodes } from '../../app/platform/codes.js';
import type { Clock } from '../../app/ports.js';
import type { Db } from '../db/database.js';
import { HttpPlatformConnector } from './http-connector.js';
import { sqlitePlatformStores } from './platform.repository.js';
import { createSigner } from './signing.js';

/**
 * The platform sync's adapters for a hall with `platform.url`: the reference HTTP connector (signing from the config),
 * its stores over the hall database, the code tables with the config's overrides (refused at start with what to fix).
 */
export function platformDeps(config: HallConfig, db: Db, clock: Clock): PlatformDeps {
  const p = config.platform;
  if (!p.url) throw new Error('platformDeps needs platform.url');
  const codes = platformCodes(p.codes);
  if (!codes.ok) throw new ConfigError([codes.error.message]);
  const hallCode = p.hallCode ?? config.hall.id;
  const stores = sqlitePlatformStores(db);
  const signer = createSigner({
    keys: {
      alg: p.signing.alg,
      hmacKey: p.signing.hmacKey,
      privateKey: p.signing.sm2PrivateKey,
      peerPublicKey: p.signing.platformPublicKey,
      userId: p.signing.userId,
    },
    appId: hallCode,
    now: () => clock.now(),
    maxSkewSeconds: p.signing.maxSkewSeconds,
    nonces: stores.nonces,
  });
  return {
    connector: new HttpPlatformConnector({ baseUrl: p.url, hallCode, signer, timeoutMs: p.timeoutMs }),
    stores,
    codes: codes.value,
  };
}
