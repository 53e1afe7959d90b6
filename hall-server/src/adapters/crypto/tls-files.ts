import { readFileSync } from 'node:fs';
import type { HallConfig } from '../../config/config.schema.js';
import { ConfigError } from '../../config/config.loader.js';

export interface TlsFiles {
  key: Buffer;
  cert: Buffer;
  /** What the hall's own loopback clients trust: the CA file if given, else the certificate itself. */
  ca: Buffer;
}

/** The hall's certificate and key from `server.tls`, or null for plain HTTP/MQTT; a file that cannot be read stops the start. */
export function loadTlsFiles(config: HallConfig): TlsFiles | null {
  const tls = config.server.tls;
  if (!tls) return null;
  const read = (what: string, file: string) => {
    try {
      return readFileSync(file);
    } catch (err) {
      throw new ConfigError([
        `server.tls.${what}=${file}: 无法读取证书文件（${(err as NodeJS.ErrnoException).code ?? 'error'}） / cannot read the file`,
      ]);
    }
  };
  const cert = read('certFile', tls.certFile);
  return { cert, key: read('keyFile', tls.keyFile), ca: tls.caFile ? read('caFile', tls.caFile) : cert };
}
