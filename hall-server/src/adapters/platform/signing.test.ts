import { describe, expect, it } from 'vitest';
import smCrypto from 'sm-crypto';
import {
  bodyDigest,
  createSigner,
  MemoryNonceStore,
  requestText,
  SIGN_HEADERS,
  verifyText,
  type SigningKeys,
} from './signing.js';

/**
 * Published test vectors:
 * - SM3: GB/T 32905-2016 (= GM/T 0004-2012), 附录A 示例1 ("abc") and 示例2 ("abcd" × 16).
 * - SM2 signature: GM/T 0003.5-2012 (= GB/T 32918.5-2017) 附录A, the example on the recommended curve: private key d,
 *   public key P = [d]G, message "message digest", distinguishing identifier "1234567812345678", random k, and the
 *   signature (r, s). The same numbers are in the SM2 self-tests of GmSSL-derived libraries, openHiTLS' CMVP vectors
 *   and gmalglib, which is how they were cross-checked.
 */
const SM3_ABC = '66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0';
const SM3_ABCD16 = 'debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732';

const SM2 = {
  d: '3945208f7b2144b13f36e38ac6d39f95889393692860b51a42fb81ef4df7c5b8',
  publicKey:
    '04' +
    '09f9df311e5421a150dd7d161e4bc5c672179fad1833fc076bb08ff356f35020' +
    'ccea490ce26775a52dc6ea718cc1aa600aed05fbf35e084a6632f6072da9ad13',
  message: 'message digest',
  userId: '1234567812345678',
  r: 'f5a03b0648d2c4630eeac513e1bb81a15944da3827d5b74143ac7eaceee720b3',
  s: 'b1b6aa29df212fd8763182bc0d421ca1bb9038fd1f7f42d4840b69c485bbc1aa',
};

const flipLastHexDigit = (hex: string) => hex.slice(0, -1) + (hex.endsWith('0') ? '1' : '0');

describe('SM3 (GB/T 32905-2016 examples)', () => {
  it('the body digest of the SM2 mode is SM3: both published examples', () => {
    expect(bodyDigest('sm2', 'abc')).toBe(SM3_ABC);
    expect(bodyDigest('sm2', 'abcd'.repeat(16))).toBe(SM3_ABCD16);
    // sm-crypto's own SM3 (used inside its SM2 signatures) agrees.
    expect(smCrypto.sm3('abc')).toBe(SM3_ABC);
    expect(smCrypto.sm3('abcd'.repeat(16))).toBe(SM3_ABCD16);
  });

  it('HMAC mode digests with SHA-256', () => {
    expect(bodyDigest('hmac-sha256', 'abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});

describe('SM2 signature (GM/T 0003.5-2012 example, recommended curve)', () => {
  const keys: SigningKeys = { alg: 'sm2', peerPublicKey: SM2.publicKey, userId: SM2.userId };

  it('the published signature verifies with the published public key', () => {
    expect(verifyText(keys, SM2.message, SM2.r + SM2.s)).toBe(true);
    expect(verifyText(keys, SM2.message, (SM2.r + SM2.s).toUpperCase())).toBe(true);
  });

  it('a wrong signature, another message or another identifier is refused', () => {
    expect(verifyText(keys, SM2.message, SM2.r + flipLastHexDigit(SM2.s))).toBe(false);
    expect(verifyText(keys, SM2.message, flipLastHexDigit(SM2.r) + SM2.s)).toBe(false);
    expect(verifyText(keys, 'message digesT', SM2.r + SM2.s)).toBe(false);
    expect(verifyText({ ...keys, userId: 'ALICE123@YAHOO.COM' }, SM2.message, SM2.r + SM2.s)).toBe(false);
    expect(verifyText(keys, SM2.message, SM2.r)).toBe(false);
    expect(verifyText(keys, SM2.message, 'not hex at all')).toBe(false);
  });

  it('our signatures with the published private key verify with the published public key (and not with another)', () => {
    const signed = smCrypto.sm2.doSignature(SM2.message, SM2.d, { hash: true, userId: SM2.userId });
    expect(signed).toHaveLength(128);
    expect(verifyText(keys, SM2.message, signed)).toBe(true);
    const other = smCrypto.sm2.generateKeyPairHex();
    expect(verifyText({ ...keys, peerPublicKey: other.publicKey }, SM2.message, signed)).toBe(false);
  });
});

describe('signed requests and answers', () => {
  const T0 = Date.parse('2026-03-02T08:00:00Z');
  const pair = (keysA: SigningKeys, keysB: SigningKeys, clockA = () => T0, clockB = () => T0) => ({
    hall: createSigner({
      keys: keysA,
      appId: 'hall-a',
      now: clockA,
      maxSkewSeconds: 300,
      nonces: new MemoryNonceStore(),
    }),
    platform: createSigner({
      keys: keysB,
      appId: 'platform',
      peerAppId: 'hall-a',
      now: clockB,
      maxSkewSeconds: 300,
      nonces: new MemoryNonceStore(),
    }),
  });
  const hmac: SigningKeys = { alg: 'hmac-sha256', hmacKey: 'a shared key of the test', userId: '1234567812345678' };
  const body = JSON.stringify({ caseNo: '33010020260302000001', stage: 'received' });
  const request = (headers: Record<string, string>, text = body, path = '/api/v1/halls/hall-a/case-stages') => ({
    method: 'POST',
    path,
    headers,
    body: Buffer.from(text),
  });

  it('HMAC: a request verifies once; a replay, another body or path, a wrong key are refused', () => {
    const { hall, platform } = pair(hmac, hmac);
    const headers = hall.signRequest('POST', '/api/v1/halls/hall-a/case-stages', body);
    expect(platform.verifyRequest(request(headers))).toMatchObject({ ok: true, appId: 'hall-a' });
    expect(platform.verifyRequest(request(headers))).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });

    const again = hall.signRequest('POST', '/api/v1/halls/hall-a/case-stages', body);
    expect(platform.verifyRequest(request(again, body.replace('received', 'accepted')))).toMatchObject({
      ok: false,
      error: { code: 'UNAUTHENTICATED', messageEn: 'the signature does not verify' },
    });
    expect(platform.verifyRequest(request(again, body, '/api/v1/halls/hall-b/case-stages'))).toMatchObject({
      ok: false,
      error: { code: 'UNAUTHENTICATED' },
    });
    // The forged attempts did not use up the genuine nonce.
    expect(platform.verifyRequest(request(again))).toMatchObject({ ok: true });

    const wrongKey = pair({ ...hmac, hmacKey: 'another key, not the shared one' }, hmac);
    expect(
      wrongKey.platform.verifyRequest(
        request(wrongKey.hall.signRequest('POST', '/api/v1/halls/hall-a/case-stages', body)),
      ),
    ).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
  });

  it('a clock more than the allowed skew away is refused, within it accepted', () => {
    const late = pair(hmac, hmac, () => T0 + 301_000);
    expect(
      late.platform.verifyRequest(request(late.hall.signRequest('POST', '/api/v1/halls/hall-a/case-stages', body))),
    ).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED', messageEn: expect.stringContaining('300 s off') } });
    const early = pair(hmac, hmac, () => T0 - 400_000);
    expect(
      early.platform.verifyRequest(request(early.hall.signRequest('POST', '/api/v1/halls/hall-a/case-stages', body))),
    ).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    const close = pair(hmac, hmac, () => T0 + 299_000);
    expect(
      close.platform.verifyRequest(request(close.hall.signRequest('POST', '/api/v1/halls/hall-a/case-stages', body))),
    ).toMatchObject({ ok: true });
  });

  it('an unsigned request, an unknown caller or a downgraded algorithm is refused', () => {
    const { hall, platform } = pair(hmac, hmac);
    expect(platform.verifyRequest(request({}))).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    const headers = hall.signRequest('POST', '/api/v1/halls/hall-a/case-stages', body);
    expect(platform.verifyRequest(request({ ...headers, [SIGN_HEADERS.app]: 'hall-x' }))).toMatchObject({
      ok: false,
      error: { messageEn: 'unknown caller hall-x' },
    });
    expect(platform.verifyRequest(request({ ...headers, [SIGN_HEADERS.alg]: 'SM2-SM3' }))).toMatchObject({
      ok: false,
      error: { messageEn: 'the signature must be HMAC-SHA256' },
    });
  });

  it('SM2: each side signs with its private key and checks the other with its public key; answers bind the request', () => {
    const hallKeys = smCrypto.sm2.generateKeyPairHex();
    const platformKeys = smCrypto.sm2.generateKeyPairHex();
    const { hall, platform } = pair(
      {
        alg: 'sm2',
        privateKey: hallKeys.privateKey,
        peerPublicKey: platformKeys.publicKey,
        userId: '1234567812345678',
      },
      {
        alg: 'sm2',
        privateKey: platformKeys.privateKey,
        peerPublicKey: hallKeys.publicKey,
        userId: '1234567812345678',
      },
    );
    const headers = hall.signRequest('POST', '/api/v1/halls/hall-a/case-stages', body);
    expect(headers[SIGN_HEADERS.alg]).toBe('SM2-SM3');
    const checked = platform.verifyRequest(request(headers));
    expect(checked).toMatchObject({ ok: true });
    const nonce = headers[SIGN_HEADERS.nonce]!;
    const answer = JSON.stringify({ accepted: true, duplicate: false, recordId: 'rec-1' });
    const answerHeaders = platform.signAnswer(nonce, 200, answer);
    expect(hall.verifyAnswer(nonce, 200, answerHeaders, Buffer.from(answer))).toBeNull();
    // Not for another request, not with another status, not with another body.
    expect(hall.verifyAnswer('another-nonce', 200, answerHeaders, Buffer.from(answer))).toMatch(/签名校验未通过/);
    expect(hall.verifyAnswer(nonce, 409, answerHeaders, Buffer.from(answer))).toMatch(/签名校验未通过/);
    expect(hall.verifyAnswer(nonce, 200, answerHeaders, Buffer.from(answer.replace('rec-1', 'rec-2')))).toMatch(
      /签名校验未通过/,
    );
    // What is signed is the documented text.
    expect(
      requestText({
        method: 'post',
        path: '/p',
        appId: 'a',
        timestamp: '1',
        nonce: 'n',
        digest: bodyDigest('sm2', 'abc'),
      }),
    ).toBe(`ONEDOOR-SIGN-1\nPOST\n/p\na\n1\nn\n${SM3_ABC}`);
  });
});
