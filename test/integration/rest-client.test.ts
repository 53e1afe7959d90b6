import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRestClient, REST_ROUTES } from '@onedoor/protocol';
import { startTestHall, type TestHall } from '../helpers/test-hall.js';

describe('the typed REST client against the hall server', () => {
  let hall: TestHall;
  beforeAll(async () => {
    hall = await startTestHall();
  });
  afterAll(async () => {
    await hall.close();
  });

  it('signs in, reads and writes through the routes of the map, and gets the server’s errors as data', async () => {
    let token: string | null = null;
    const client = createRestClient({ origin: hall.baseUrl, token: () => token });
    const unsigned = await client.call('GET /api/devices', {});
    expect(unsigned).toMatchObject({ ok: false, status: 401, error: { code: 'UNAUTHENTICATED', message: '请先登录' } });

    const session = await client.call('POST /api/auth/login', {
      body: { username: 'manager01', password: 'demo1234' },
    });
    if (!session.ok) throw new Error(session.error.messageEn);
    token = session.data.sessionToken;
    expect(session.data.staff.roles).toEqual(['manager']);

    const saved = await client.call('PUT /api/devices/:id', {
      params: { id: 'board-rest' },
      body: { kind: 'display', name: '二楼大屏', settings: { services: ['tax'] } },
    });
    expect(saved).toMatchObject({
      ok: true,
      data: { id: 'board-rest', paired: false, settings: { services: ['tax'] } },
    });
    const code = await client.call('POST /api/devices/:id/pairing-code', { params: { id: 'board-rest' } });
    expect(code.ok && code.data.code).toMatch(/^\d{6}$/);

    const missing = await client.call('GET /api/catalog/matters/:id', { params: { id: 'no-such-matter' } });
    expect(missing).toMatchObject({ ok: false, status: 404, error: { code: 'NOT_FOUND' } });
    const bad = await client.call('PUT /api/services/:id', {
      params: { id: 'general' },
      body: { name: '综合受理', prefix: 'a1' },
    });
    expect(bad).toMatchObject({ ok: false, status: 400, error: { code: 'BAD_REQUEST' } });
    expect(bad.ok ? [] : bad.error.details?.map((d) => d.path)).toContain('prefix');

    const calendar = await client.call('GET /api/calendar', { query: { days: '3' } });
    expect(calendar.ok && calendar.data.days).toHaveLength(3);
  });

  it('downloads a file route (the statistics export) with its Chinese name; a refusal is the usual error answer', async () => {
    const manager = await hall.login('manager01');
    const client = createRestClient({ origin: hall.baseUrl, token: () => manager });
    const day = '2026-12-01';
    const csv = await client.download('GET /api/stats/export', { query: { from: day, to: day, format: 'csv' } });
    if (!csv.ok) throw new Error(csv.error.messageEn);
    expect(csv.data.filename).toBe('统计报表-2026-12-01至2026-12-01.csv');
    const bytes = new Uint8Array(await csv.data.blob.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(new TextDecoder().decode(bytes)).toContain('取号数 Tickets issued,0,');

    const clerk = await hall.login('clerk01');
    const refused = await createRestClient({ origin: hall.baseUrl, token: () => clerk }).download(
      'GET /api/stats/export',
      { query: { from: day, to: day, format: 'xlsx' } },
    );
    expect(refused).toMatchObject({ ok: false, status: 403 });
    const tooLong = await client.download('GET /api/stats/export', {
      query: { from: '2016-01-01', to: day, format: 'xlsx' },
    });
    expect(tooLong.ok ? '' : tooLong.error.message).toContain('366 天');
  });

  it('registers every route of the map on the server (the OpenAPI document lists them)', async () => {
    const doc = (await (await fetch(`${hall.baseUrl}/api/openapi.json`)).json()) as {
      paths: Record<string, Record<string, unknown>>;
    };
    const served = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.keys(methods).map((m) => `${m.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`),
    );
    // The demo routes exist only with virtual devices.
    const expected = Object.keys(REST_ROUTES).filter((k) => !k.includes('/api/demo/'));
    expect(served).toEqual(expect.arrayContaining(expected));
  });

  it('answers status 0 when the server cannot be reached', async () => {
    const client = createRestClient({ origin: 'http://127.0.0.1:9', token: () => null });
    expect(await client.call('POST /api/auth/logout', {})).toMatchObject({
      ok: false,
      status: 0,
      error: { code: 'UNAVAILABLE', message: '无法连接大厅服务器，请检查网络' },
    });
  });
});
