import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import smCrypto from 'sm-crypto';
import { appError, type AppError } from '@onedoor/protocol';

/**
 * Request and answer signing between the hall and the platform, both ways (the hall's requests and the platform's
 * answers; the platform's webhooks and the hall's answers):
 *
 * - HMAC-SHA256 over a shared key (default), or an SM2 signature over the SM3 digest (国密, GM/T 0003; the signer's
 *   own private key, the peer's public key, the distinguishing identifier `userId`).
 * - What is signed is one text: a version line, the method and path (or, for an answer, the status and the nonce of
 *   the request it answers — an answer cannot be replayed to another request), the app id, the timestamp, a fresh
 *   nonce and the digest of the exact body bytes (SHA-256, or SM3 for SM2).
 * - The receiver refuses a timestamp further than `maxSkewSeconds` from its own clock and a nonce it has seen within
 *   that window (a captured request cannot be sent again).
 */

export const SIGN_HEADERS = {
  app: 'x-onedoor-app',
  timestamp: 'x-onedoor-timestamp',
  nonce: 'x-onedoor-nonce',
  alg: 'x-onedoor-sign-alg',
  signature: 'x-onedoor-signature',
  idempotencyKey: 'idempotency-key',
} as const;

export type SigningAlg = 'hmac-sha256' | 'sm2';
export const ALG_NAMES: Record<SigningAlg, string> = { 'hmac-sha256': 'HMAC-SHA256', sm2: 'SM2-SM3' };

export interface SigningKeys {
  alg: SigningAlg;
  /** HMAC: the shared key. */
  hmacKey?: string | undefined;
  /** SM2: our private key (64 hex) to sign with. */
  privateKey?: string | undefined;
  /** SM2: the peer's public key (130 hex, 04‖x‖y) to verify with. */
  peerPublicKey?: string | undefined;
  /** SM2 distinguishing identifier (both sides use the same). */
  userId: string;
}

/** Nonces seen recently: `remember` answers false for one seen before (a replay). */
export interface NonceStore {
  remember(nonce: string, nowMs: number, keepMs: number): boolean;
}

/** A nonce store in memory (the simulator; answers to the hall's own requests). */
export class MemoryNonceStore implements NonceStore {
  private readonly seen = new Map<string, number>();

  remember(nonce: string, nowMs: number, keepMs: number): boolean {
    for (const [n, at] of this.seen) if (at < nowMs - keepMs) this.seen.delete(n);
    if (this.seen.has(nonce)) return false;
    this.seen.set(nonce, nowMs);
    return true;
  }
}

const VERSION = 'ONEDOOR-SIGN-1';

/** Hex digest of the exact body bytes: SHA-256, or SM3 with SM2 (GB/T 32905). */
export function bodyDigest(alg: SigningAlg, body: Buffer | string): string {
  return createHash(alg === 'sm2' ? 'sm3' : 'sha256')
    .update(body)
    .digest('hex');
}

export interface RequestParts {
  method: string;
  /** Path with the query, as sent. */
  path: string;
  appId: string;
  timestamp: string;
  nonce: string;
  digest: string;
}

export interface AnswerParts {
  status: number;
  /** The nonce of the request this answers. */
  requestNonce: string;
  appId: string;
  timestamp: string;
  nonce: string;
  digest: string;
}

export const requestText = (p: RequestParts): string =>
  [VERSION, p.method.toUpperCase(), p.path, p.appId, p.timestamp, p.nonce, p.digest].join('\n');

export const answerText = (p: AnswerParts): string =>
  [`${VERSION}-ANSWER`, String(p.status), p.requestNonce, p.appId, p.timestamp, p.nonce, p.digest].join('\n');

/** Signs `text` with our key: HMAC-SHA256 hex, or the SM2 signature r‖s (hex) over SM3(Z‖text). */
export function signText(keys: SigningKeys, text: string): string {
  if (keys.alg === 'hmac-sha256') {
    if (!keys.hmacKey) throw new Error('HMAC signing needs a key');
    return createHmac('sha256', keys.hmacKey).update(text, 'utf8').digest('hex');
  }
  if (!keys.privateKey) throw new Error('SM2 signing needs a private key');
  return smCrypto.sm2.doSignature(text, keys.privateKey, { hash: true, userId: keys.userId });
}

/** Checks a signature made by the peer over `text`. */
export function verifyText(keys: SigningKeys, text: string, signature: string): boolean {
  if (!/^[0-9a-f]+$/i.test(signature)) return false;
  if (keys.alg === 'hmac-sha256') {
    if (!keys.hmacKey) return false;
    const expected = Buffer.from(createHmac('sha256', keys.hmacKey).update(text, 'utf8').digest('hex'), 'hex');
    const given = Buffer.from(signature, 'hex');
    return given.length === expected.length && timingSafeEqual(given, expected);
  }
  if (!keys.peerPublicKey || signature.length !== 128) return false;
  try {
    return smCrypto.sm2.doVerifySignature(text, signature.toLowerCase(), keys.peerPublicKey, {
      hash: true,
      userId: keys.userId,
    });
  } catch {
    return false;
  }
}

export const newNonce = (): string => randomBytes(16).toString('hex');

type Headers = Record<string, string | string[] | undefined>;
const header = (h: Headers, name: string): string | undefined => {
  const v = h[name] ?? h[name.toLowerCase()];
  return Array.isArray(v) ? v[0] : v;
};

const refused = (message: string, messageEn: string): AppError => appError('UNAUTHENTICATED', message, messageEn);

export interface Signer {
  readonly alg: SigningAlg;
  /** Headers of a signed request (the idempotency key, if any, is the caller's). */
  signRequest(method: string, path: string, body: Buffer | string): Record<string, string>;
  /** Headers of a signed answer to the request that carried `requestNonce`. */
  signAnswer(requestNonce: string, status: number, body: Buffer | string): Record<string, string>;
  /** Checks a signed request: answers the nonce it carries (for the answer), or why it is refused. */
  verifyRequest(req: {
    method: string;
    path: string;
    headers: Headers;
    body: Buffer;
  }): { ok: true; nonce: string; appId: string } | { ok: false; error: AppError };
  /** Checks the answer to our request `requestNonce`: null when it is genuine, else why not. */
  verifyAnswer(requestNonce: string, status: number, headers: Headers, body: Buffer): string | null;
}

/**
 * Signs and verifies for one side. `appId` is who we are (the hall's app id on the platform, or the platform's);
 * `peerAppId`, when given, is who the other side must be.
 */
export function createSigner(options: {
  keys: SigningKeys;
  appId: string;
  peerAppId?: string;
  now: () => number;
  maxSkewSeconds: number;
  nonces: NonceStore;
}): Signer {
  const { keys, appId, now, maxSkewSeconds, nonces } = options;
  const timestamp = () => String(Math.floor(now() / 1000));
  const skewOk = (ts: string | undefined): boolean => {
    if (!ts || !/^\d{1,12}$/.test(ts)) return false;
    return Math.abs(Number(ts) * 1000 - now()) <= maxSkewSeconds * 1000;
  };
  const headersFor = (signature: string, ts: string, nonce: string): Record<string, string> => ({
    [SIGN_HEADERS.app]: appId,
    [SIGN_HEADERS.timestamp]: ts,
    [SIGN_HEADERS.nonce]: nonce,
    [SIGN_HEADERS.alg]: ALG_NAMES[keys.alg],
    [SIGN_HEADERS.signature]: signature,
  });
  return {
    alg: keys.alg,
    signRequest(method, path, body) {
      const ts = timestamp();
      const nonce = newNonce();
      const text = requestText({ method, path, appId, timestamp: ts, nonce, digest: bodyDigest(keys.alg, body) });
      return headersFor(signText(keys, text), ts, nonce);
    },
    signAnswer(requestNonce, status, body) {
      const ts = timestamp();
      const nonce = newNonce();
      const text = answerText({
        status,
        requestNonce,
        appId,
        timestamp: ts,
        nonce,
        digest: bodyDigest(keys.alg, body),
      });
      return headersFor(signText(keys, text), ts, nonce);
    },
    verifyRequest(req) {
      const h = req.headers;
      const sender = header(h, SIGN_HEADERS.app);
      const ts = header(h, SIGN_HEADERS.timestamp);
      const nonce = header(h, SIGN_HEADERS.nonce);
      const alg = header(h, SIGN_HEADERS.alg);
      const signature = header(h, SIGN_HEADERS.signature);
      if (!sender || !ts || !nonce || !alg || !signature)
        return { ok: false, error: refused('请求未签名', 'the request is not signed') };
      if (options.peerAppId && sender !== options.peerAppId)
        return { ok: false, error: refused(`未知的调用方 ${sender}`, `unknown caller ${sender}`) };
      // No downgrade: the algorithm is the one configured, whatever the header asks for.
      if (alg !== ALG_NAMES[keys.alg])
        return {
          ok: false,
          error: refused(`签名算法应为 ${ALG_NAMES[keys.alg]}`, `the signature must be ${ALG_NAMES[keys.alg]}`),
        };
      if (!skewOk(ts))
        return {
          ok: false,
          error: refused(
            `请求时间与本机时钟相差超过 ${maxSkewSeconds} 秒，请校准时钟`,
            `the request time is more than ${maxSkewSeconds} s off this clock`,
          ),
        };
      const text = requestText({
        method: req.method,
        path: req.path,
        appId: sender,
        timestamp: ts,
        nonce,
        digest: bodyDigest(keys.alg, req.body),
      });
      if (!verifyText(keys, text, signature))
        return { ok: false, error: refused('签名校验未通过', 'the signature does not verify') };
      // Checked last, so a forged request cannot use up a genuine nonce.
      if (!nonces.remember(`${sender}:${nonce}`, now(), 2 * maxSkewSeconds * 1000))
        return {
          ok: false,
          error: appError('CONFLICT', '重复的请求（nonce 已使用过），已拒绝', 'a replayed request (nonce seen before)'),
        };
      return { ok: true, nonce, appId: sender };
    },
    verifyAnswer(requestNonce, status, headers, body) {
      const sender = header(headers, SIGN_HEADERS.app);
      const ts = header(headers, SIGN_HEADERS.timestamp);
      const nonce = header(headers, SIGN_HEADERS.nonce);
      const alg = header(headers, SIGN_HEADERS.alg);
      const signature = header(headers, SIGN_HEADERS.signature);
      if (!sender || !ts || !nonce || !alg || !signature) return '平台的应答未签名 / the answer is not signed';
      if (options.peerAppId && sender !== options.peerAppId) return `应答来自未知的一方 ${sender}`;
      if (alg !== ALG_NAMES[keys.alg]) return `应答签名算法应为 ${ALG_NAMES[keys.alg]}`;
      if (!skewOk(ts)) return `应答时间与本机时钟相差超过 ${maxSkewSeconds} 秒 / the answer's clock is off`;
      const text = answerText({
        status,
        requestNonce,
        appId: sender,
        timestamp: ts,
        nonce,
        digest: bodyDigest(keys.alg, body),
      });
      if (!verifyText(keys, text, signature)) return '平台应答的签名校验未通过 / the answer signature does not verify';
      return null;
    },
  };
}
