import {
  createCipheriv,
  createDecipheriv,
  createHmac,
  randomBytes,
  scrypt,
  timingSafeEqual,
  createHash,
} from 'node:crypto';
import { promisify } from 'node:util';
import type { PersonalDataVault as Vault } from '../../app/ports.js';

const scryptAsync = promisify(scrypt) as (
  password: string,
  salt: Buffer,
  keylen: number,
  options: object,
) => Promise<Buffer>;

const SCRYPT = { N: 16384, r: 8, p: 1, keylen: 32 };

/** scrypt$N$r$p$salt$hash — parameters travel with the hash so they can be raised later. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const hash = await scryptAsync(password, salt, SCRYPT.keylen, { N: SCRYPT.N, r: SCRYPT.r, p: SCRYPT.p });
  return ['scrypt', SCRYPT.N, SCRYPT.r, SCRYPT.p, salt.toString('base64'), hash.toString('base64')].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64');
  const actual = await scryptAsync(password, Buffer.from(salt, 'base64'), expected.length, {
    N: Number(n),
    r: Number(r),
    p: Number(p),
  });
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/** A random bearer token (session or device). Only its SHA-256 is stored. */
export function newToken(): string {
  return randomBytes(24).toString('base64url');
}

export function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/**
 * Personal data at rest: SM4-CBC with a random IV (sealed = base64(iv|ciphertext)); lookups go through an
 * HMAC-SM3 keyed hash so an ID number can be found without being stored in clear.
 */
export class PersonalDataVault implements Vault {
  private readonly key: Buffer;

  constructor(hexKey: string) {
    this.key = Buffer.from(hexKey, 'hex');
    if (this.key.length !== 16) throw new Error('SM4 key must be 16 bytes (32 hex characters)');
  }

  seal(value: unknown): string {
    const iv = randomBytes(16);
    const cipher = createCipheriv('sm4-cbc', this.key, iv);
    const body = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()]);
    return Buffer.concat([iv, body]).toString('base64');
  }

  open<T>(sealed: string): T {
    const raw = Buffer.from(sealed, 'base64');
    const decipher = createDecipheriv('sm4-cbc', this.key, raw.subarray(0, 16));
    const text = Buffer.concat([decipher.update(raw.subarray(16)), decipher.final()]).toString('utf8');
    return JSON.parse(text) as T;
  }

  lookupKey(idNumber: string): string {
    return createHmac('sm3', this.key).update(idNumber.trim().toUpperCase()).digest('hex');
  }
}

export function newDataKey(): string {
  return randomBytes(16).toString('hex');
}
