import { afterEach, describe, expect, it, vi } from 'vitest';
import { pairDevice } from './connection';

function answer(status: number, body: unknown) {
  const fetchMock = vi.fn(
    async () => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } }),
  );
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

describe('pairDevice', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('posts the code and returns the token from an { ok, data } answer', async () => {
    const fetchMock = answer(200, { ok: true, data: { deviceId: 'display-2f', kind: 'display', deviceToken: 'tok' } });
    expect(await pairDevice('http://hall', '123456')).toEqual({ ok: true, deviceId: 'display-2f', deviceToken: 'tok' });
    expect(fetchMock).toHaveBeenCalledWith(
      'http://hall/api/devices/pair',
      expect.objectContaining({ method: 'POST', body: '{"code":"123456"}' }),
    );
  });

  it('accepts a bare PairResponse too', async () => {
    answer(200, { deviceId: 'd', kind: 'display', deviceToken: 't' });
    expect(await pairDevice('', '000001')).toMatchObject({ ok: true, deviceToken: 't' });
  });

  it('refuses a code made for another kind of device', async () => {
    answer(200, { ok: true, data: { deviceId: 'k', kind: 'kiosk', deviceToken: 't' } });
    const r = await pairDevice('', '111111');
    expect(r.ok).toBe(false);
    expect(!r.ok && r.message).toContain('不是显示屏');
  });

  it('shows the server message of a refused code', async () => {
    answer(400, {
      ok: false,
      error: {
        code: 'PAIRING_CODE_INVALID',
        message: '配对码无效或已过期',
        messageEn: 'invalid or expired pairing code',
      },
    });
    expect(await pairDevice('', '999999')).toEqual({
      ok: false,
      message: '配对码无效或已过期 / invalid or expired pairing code',
    });
  });

  it('never shows a schema message: a malformed request says what to type', async () => {
    answer(400, {
      ok: false,
      error: {
        code: 'BAD_REQUEST',
        message: '请求内容有误：code Too small: expected string to have >=6 characters',
        messageEn: 'invalid request: code: Too small',
        details: [{ path: 'code', message: 'Too small' }],
      },
    });
    expect(await pairDevice('', '12')).toEqual({
      ok: false,
      message: '请输入6位数字配对码 / Enter the 6-digit pairing code',
    });
  });

  it('says so when the server cannot be reached', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))),
    );
    const r = await pairDevice('', '123456');
    expect(!r.ok && r.message).toContain('无法连接');
  });
});
