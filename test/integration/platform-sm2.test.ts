/**
 * 国密 signing end to end: the hall signs with its SM2 key and checks the platform's with the platform's public key, and
 * the simulator the other way round. And the simulator as outside checkers start it: `npm run platform-sim -- --port N`.
 */
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import smCrypto from 'sm-crypto';
import type { CaseDetail } from '@onedoor/protocol';
import { postWebhook, startPlatformBench, until, type PlatformBench } from '../helpers/platform';

describe('platform sync signed with SM2/SM3', () => {
  const hallKeys = smCrypto.sm2.generateKeyPairHex();
  const platformKeys = smCrypto.sm2.generateKeyPairHex();
  let bench: PlatformBench;

  beforeAll(async () => {
    bench = await startPlatformBench({
      keys: {
        alg: 'sm2',
        privateKey: platformKeys.privateKey,
        peerPublicKey: hallKeys.publicKey,
        userId: '1234567812345678',
      },
      platform: {
        signing: { alg: 'sm2', sm2PrivateKey: hallKeys.privateKey, platformPublicKey: platformKeys.publicKey },
      },
    });
  }, 60_000);
  afterAll(async () => bench?.close());

  it('webhooks, answers and pushes all verify; a webhook signed with another key is refused', async () => {
    const booked = await bench.control<{ webhook: { status: number; answerVerified: boolean; answer: unknown } }>(
      'POST',
      '/sim/appointments',
      { hallCode: bench.hallCode, serviceCode: 'general', holder: { name: '张三', idNumber: '11010519491231002X' } },
    );
    expect(booked.webhook).toMatchObject({ status: 200, answerVerified: true, answer: { data: { applied: true } } });

    const clerk = await bench.hall.login('clerk01');
    const c = await bench.rest<CaseDetail>(clerk, 'POST', '/api/cases', {
      matterId: 'sbk-bh',
      applicant: { kind: 'person', name: '张三', idNumber: '11010519491231002X' },
      materials: [{ materialId: 'm-sfz', status: 'received' }],
    });
    const caseNo = (c.body as { data: CaseDetail }).data.caseNo;
    await until('the 收件 push arrives', async () =>
      (await bench.received()).records.some((r) => r.caseNo === caseNo && r.stage === 'received'),
    );
    const manager = await bench.hall.login('manager01');
    const sync = await bench.rest<{ signing: string; link: { state: string } }>(manager, 'GET', '/api/platform/sync');
    expect(sync.body).toMatchObject({ ok: true, data: { signing: 'SM2-SM3', link: { state: 'up' } } });

    const stranger = smCrypto.sm2.generateKeyPairHex();
    const forged = await postWebhook(
      bench.hall.baseUrl,
      {
        type: 'case.result',
        eventId: 'evt-x',
        hallCode: bench.hallCode,
        result: { id: 'r', version: 1, caseNo, result: 'approved', opinion: '伪造' },
      },
      { keys: { alg: 'sm2', privateKey: stranger.privateKey, userId: '1234567812345678' } },
    );
    expect(forged.status).toBe(401);
    expect(forged.body).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED', message: '签名校验未通过' } });
  });
});

describe('npm run platform-sim -- --port N', () => {
  it('starts the simulator there with its control API; a bad option is refused in plain words', async () => {
    const port = await new Promise<number>((resolve) => {
      const s = createServer().listen(0, '127.0.0.1', () => {
        const p = (s.address() as { port: number }).port;
        s.close(() => resolve(p));
      });
    });
    // Its own process group, so the npm → tsx → node chain is stopped together, by the group's id.
    const child = spawn('npm', ['run', 'platform-sim', '--', '--port', String(port)], {
      cwd: process.cwd(),
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    let out = '';
    child.stdout!.on('data', (c: Buffer) => (out += c.toString()));
    try {
      await until('the simulator prints its address', () => out.includes(`http://127.0.0.1:${port}`), 30_000);
      const health = (await (await fetch(`http://127.0.0.1:${port}/sim/healthz`)).json()) as Record<string, unknown>;
      expect(health).toMatchObject({ status: 'ok', mode: 'ok', signing: 'HMAC-SHA256', records: 0 });
      const fault = await fetch(`http://127.0.0.1:${port}/sim/faults`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ mode: 'sideways' }),
      });
      expect(fault.status).toBe(400);
      expect(((await fault.json()) as { error: string }).error).toContain('"mode": "down" | "slow" | "5xx" | "ok"');
    } finally {
      process.kill(-child.pid!, 'SIGTERM');
      await new Promise((r) => child.once('exit', r));
    }

    const bad = spawn(process.execPath, ['--import', 'tsx', 'hall-server/src/platform-sim/main.ts', '--prot', '1'], {
      cwd: process.cwd(),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let err = '';
    bad.stderr!.on('data', (c: Buffer) => (err += c.toString()));
    const code = await new Promise<number | null>((r) => bad.once('exit', r));
    expect(code).toBe(2);
    expect(err).toContain('平台模拟器启动失败');
    expect(err).toContain('unknown option --prot');
  }, 60_000);
});
