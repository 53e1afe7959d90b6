import { randomInt } from 'node:crypto';
import type { Credentials } from '../../app/ports.js';
import { hashPassword, newToken, tokenHash, verifyPassword } from './secrets.js';

/** scrypt password hashes, random bearer tokens stored as SHA-256, 6-digit pairing codes. */
export const nodeCredentials: Credentials = {
  hashPassword,
  verifyPassword,
  newToken,
  tokenHash,
  pairingCode: () => String(randomInt(0, 1_000_000)).padStart(6, '0'),
};
