/**
 * TLS when certificates are configured (issue 12): with `server.tls` the hall serves https, socket.io over wss and its
 * embedded MQTT broker as mqtts, on the same ports; plain connections to those ports get nothing; the hall's own MQTT
 * client reaches its broker over TLS. A throw-away certificate for 127.0.0.1 is made with openssl.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request as httpsRequest } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mqtt from 'mqtt';
import { io } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HallSnapshot } from '@onedoor/protocol';
import { startTestHall, type TestHall } from '../helpers/test-hall.js';
import { waitForValue } from '../helpers/wait.js';

describe('TLS on every listener (real hall, openssl certificate)', () => {
  let hall: TestHall;
  let dir = '';
  let ca: Buffer;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'onedoor-tls-'));
    const [certFile, keyFile] = [join(dir, 'cert.pem'), join(dir, 'key.pem')];
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-days',
        '2',
        '-keyout',
        keyFile,
        '-out',
        certFile,
        '-subj',
        '/CN=hall.example.gov.cn',
        '-addext',
        'subjectAltName=DNS:hall.example.gov.cn,IP:127.0.0.1',
      ],
      { stdio: 'pipe' },
    );
    ca = readFileSync(certFile);
    hall = await startTestHall({ config: { server: { tls: { certFile, keyFile } } } });
  }, 60_000);
  afterAll(async () => {
    await hall?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const https = (method: string, path: string, body?: unknown) =>
    new Promise<{ status: number; json: Record<string, unknown> }>((resolve, reject) => {
      const req = httpsRequest(
        `${hall.baseUrl}${path}`,
        { method, ca, headers: { 'content-type': 'application/json' } },
        (res) => {
          let text = '';
          res.on('data', (c: Buffer) => (text += c.toString()));
          res.on('end', () =>
            resolve({ status: res.statusCode ?? 0, json: JSON.parse(text) as Record<string, unknown> }),
          );
        },
      );
      req.on('error', reject);
      req.end(body === undefined ? undefined : JSON.stringify(body));
    });

  it('serves https with the configured certificate and nothing in plain text', async () => {
    expect(hall.baseUrl).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    const health = await https('GET', '/healthz');
    expect(health).toMatchObject({ status: 200, json: { status: 'ok' } });
    // The hall's own MQTT client is on its broker over mqtts.
    expect(hall.running.mqttUrl).toMatch(/^mqtts:\/\//);
    await waitForValue(
      'the hall on its broker',
      async () => (await https('GET', '/healthz')).json.mqtt,
      (m) => m === 'connected',
    );
    // Without the certificate's trust the client refuses; a plain request gets no answer worth the name.
    await expect(fetch(`${hall.baseUrl}/healthz`)).rejects.toThrow();
    const plain = await fetch(hall.baseUrl.replace('https', 'http') + '/healthz').then(
      (r) => r.status,
      () => 0,
    );
    expect(plain).not.toBe(200);
  });

  it('carries socket.io over wss: a clerk signs in and gets the snapshot', async () => {
    const login = await https('POST', '/api/auth/login', { username: 'clerk01', password: 'demo1234' });
    const sessionToken = (login.json.data as { sessionToken: string }).sessionToken;
    const socket = io(`${hall.baseUrl}/window`, {
      auth: { sessionToken },
      transports: ['websocket'],
      ca: ca.toString(),
      forceNew: true,
    });
    const snapshot = await new Promise<HallSnapshot>((resolve, reject) => {
      socket.once('hall:snapshot', resolve);
      socket.once('connect_error', reject);
    });
    expect(snapshot.windows.length).toBeGreaterThan(0);
    socket.close();
  });

  it('runs the embedded broker as mqtts: a device connects with the certificate, plain MQTT does not', async () => {
    const port = Number(new URL(hall.running.mqttUrl).port);
    const token = hall.running.auth.issueDeviceToken('display-main');
    const secure = await mqtt.connectAsync(`mqtts://127.0.0.1:${port}`, {
      username: 'display-main',
      password: token,
      ca,
      reconnectPeriod: 0,
    });
    expect(secure.connected).toBe(true);
    await secure.endAsync();
    // Plain MQTT to the TLS port never gets a CONNACK: the attempt ends without a connection.
    const plain = mqtt.connect(`mqtt://127.0.0.1:${port}`, {
      username: 'display-main',
      password: token,
      reconnectPeriod: 0,
      connectTimeout: 2000,
    });
    const outcome = await new Promise<string>((resolve) => {
      plain.once('connect', () => resolve('connected'));
      plain.once('close', () => resolve('closed'));
    });
    plain.end(true);
    expect(outcome).toBe('closed');
  });

  it('refuses to start when a certificate file cannot be read, naming it', async () => {
    await expect(
      startTestHall({
        config: { server: { tls: { certFile: join(dir, 'missing.pem'), keyFile: join(dir, 'key.pem') } } },
      }),
    ).rejects.toThrow(/server\.tls\.certFile=.*missing\.pem: 无法读取证书文件（ENOENT） \/ cannot read the file/);
  });
});
