/** REST calls the console makes with the manager's session token (Bearer). Errors come back as Chinese messages. */
import type { Ack } from '@onedoor/protocol';
import type { ConsoleDevice } from './console-model';

export type RestResult<T> = { ok: true; data: T } | { ok: false; message: string; status: number };

async function call<T>(origin: string, token: string, method: 'GET' | 'POST', path: string): Promise<RestResult<T>> {
  let res: Response;
  try {
    res = await fetch(`${origin}${path}`, { method, headers: { authorization: `Bearer ${token}` } });
  } catch {
    return { ok: false, message: '无法连接大厅服务器', status: 0 };
  }
  const body = (await res.json().catch(() => null)) as Ack<T> | null;
  if (body?.ok) return { ok: true, data: body.data };
  return {
    ok: false,
    message: body && !body.ok ? body.error.message : `请求失败（HTTP ${res.status}）`,
    status: res.status,
  };
}

export const fetchDevices = (origin: string, token: string) =>
  call<ConsoleDevice[]>(origin, token, 'GET', '/api/devices');

export const createPairingCode = (origin: string, token: string, deviceId: string) =>
  call<{ code: string; expiresAt: string }>(
    origin,
    token,
    'POST',
    `/api/devices/${encodeURIComponent(deviceId)}/pairing-code`,
  );
