import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHall, type TestHall } from '../helpers/test-hall.js';

describe('HTTP: health, metrics, OpenAPI, configuration', () => {
  let hall: TestHall;
  beforeAll(async () => {
    hall = await startTestHall();
  });
  afterAll(async () => {
    await hall.close();
  });

  it('reports health', async () => {
    const res = await fetch(`${hall.baseUrl}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'ok', mqtt: 'connected' });
  });

  it('serves Prometheus metrics that follow the queue', async () => {
    const kiosk = await hall.connect('/kiosk', { deviceToken: await hall.deviceToken('kiosk') });
    await new Promise((r) => kiosk.emit('ticket:issue' as never, { serviceId: 'tax' } as never, r as never));
    const text = await (await fetch(`${hall.baseUrl}/metrics`)).text();
    expect(text).toMatch(/onedoor_tickets_issued_total\{service="tax",hall="[^"]+"\} 1/);
    expect(text).toMatch(/onedoor_tickets_waiting\{service="tax",hall="[^"]+"\} 1/);
    expect(text).toContain('nodejs_eventloop_lag_seconds');
  });

  it('publishes an OpenAPI document of the REST routes', async () => {
    const doc = (await (await fetch(`${hall.baseUrl}/api/openapi.json`)).json()) as {
      openapi: string;
      paths: Record<string, unknown>;
    };
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/auth/login', '/api/services/{id}', '/api/devices/pair', '/healthz']),
    );
  });

  it('rejects a wrong password and a wrong config value with bilingual errors, changing nothing', async () => {
    const bad = await fetch(`${hall.baseUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: 'nope' }),
    });
    expect(bad.status).toBe(401);
    expect(await bad.json()).toMatchObject({
      ok: false,
      error: { code: 'UNAUTHENTICATED', message: '用户名或密码错误' },
    });

    const token = await hall.login('manager01');
    const res = await fetch(`${hall.baseUrl}/api/services/general`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ name: '综合受理', prefix: 'a1', rangeStart: 10, rangeEnd: 5 }),
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { message: string; messageEn: string; details: { path: string }[] } };
    expect(body.error.message).toContain('请求内容有误');
    expect(body.error.details.map((d) => d.path)).toEqual(expect.arrayContaining(['prefix', 'rangeEnd']));
    expect(hall.running.hall.queueState.services.get('general')?.prefix).toBe('A');

    const unknownService = await fetch(`${hall.baseUrl}/api/windows/w99`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({
        number: '99',
        name: '99号窗口',
        kind: 'comprehensive',
        services: [{ serviceId: 'ghost' }],
      }),
    });
    expect(unknownService.status).toBe(400);
    expect(hall.running.hall.windowView('w99')).toBeNull();
  });

  it('configures a new service and window that clients see at once', async () => {
    const token = await hall.login('manager01');
    const display = await hall.connect('/display', { deviceToken: await hall.deviceToken('display') });
    const seen = new Promise((resolve) => display.on('hall:event', (e) => e.type === 'service.changed' && resolve(e)));
    const res = await fetch(`${hall.baseUrl}/api/services/pension`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ name: '养老保险', prefix: 'L', rangeEnd: 500 }),
    });
    expect(res.status).toBe(200);
    expect(await seen).toMatchObject({ services: [{ id: 'pension', name: '养老保险', prefix: 'L' }] });
    const clerkToken = await hall.login('clerk01');
    const forbidden = await fetch(`${hall.baseUrl}/api/services/pension`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${clerkToken}` },
      body: JSON.stringify({ name: 'x', prefix: 'X' }),
    });
    expect(forbidden.status).toBe(403);
  });

  it('pairs a device once with a 6-digit code', async () => {
    const token = await hall.login('manager01');
    await fetch(`${hall.baseUrl}/api/devices/display-b`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ kind: 'display', name: 'B区屏' }),
    });
    const codeRes = (await (
      await fetch(`${hall.baseUrl}/api/devices/display-b/pairing-code`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}` },
      })
    ).json()) as {
      data: { code: string };
    };
    expect(codeRes.data.code).toMatch(/^\d{6}$/);
    const pair = (code: string) =>
      fetch(`${hall.baseUrl}/api/devices/pair`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ code }),
      });
    const first = (await (await pair(codeRes.data.code)).json()) as { ok: boolean; data: { deviceToken: string } };
    expect(first.ok).toBe(true);
    const again = await pair(codeRes.data.code);
    expect(again.status).toBe(400);
    expect(await again.json()).toMatchObject({ error: { code: 'PAIRING_CODE_INVALID' } });
    const screen = await hall.connect('/display', { deviceToken: first.data.deviceToken });
    expect(screen.firstSnapshot.windows.length).toBe(20);
  });
});

describe('device settings from the console', () => {
  it('reach a connected display at once', async () => {
    const hall = await startTestHall();
    try {
      const token = await hall.login('manager01');
      const deviceToken = await hall.deviceToken('display', 'board-b');
      const board = await hall.connect('/display', { deviceToken });
      const pushed = new Promise<Record<string, unknown>>((resolve) =>
        board.on('device:settings', (s) => s.services && resolve(s)),
      );
      const res = await fetch(`${hall.baseUrl}/api/devices/board-b`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({
          kind: 'display',
          name: 'B区屏',
          settings: { services: ['real-estate', 'tax'], windows: ['w09', 'w10'] },
        }),
      });
      expect(res.status).toBe(200);
      expect(await pushed).toEqual({ services: ['real-estate', 'tax'], windows: ['w09', 'w10'] });
      // And right after the next connection, before the snapshot.
      const { io } = await import('socket.io-client');
      const again = io(`${hall.baseUrl}/display`, { auth: { deviceToken }, transports: ['websocket'] });
      const order: string[] = [];
      const onConnect = new Promise<Record<string, unknown>>((resolve) => {
        again.on('device:settings', (s: Record<string, unknown>) => {
          order.push('settings');
          resolve(s);
        });
        again.on('hall:snapshot', () => order.push('snapshot'));
      });
      expect(await onConnect).toEqual({ services: ['real-estate', 'tax'], windows: ['w09', 'w10'] });
      await expect.poll(() => order).toEqual(['settings', 'snapshot']);
      again.close();
    } finally {
      await hall.close();
    }
  });
});

describe('device presence', () => {
  it('marks a kiosk or board online while it is connected', async () => {
    const hall = await startTestHall();
    try {
      const board = await hall.connect('/display', { deviceToken: await hall.deviceToken('display', 'board-p') });
      expect(hall.running.authRepo.findDevice('board-p')?.online).toBe(true);
      board.disconnect();
      await expect.poll(() => hall.running.authRepo.findDevice('board-p')?.online).toBe(false);
    } finally {
      await hall.close();
    }
  });
});
