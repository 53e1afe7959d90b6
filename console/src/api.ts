/** REST calls the console makes with the manager's session token (Bearer). Errors come back as Chinese messages. */
import type { Ack } from '@onedoor/protocol';
import type { ConsoleDevice } from './console-model';

export type RestResult<T> = { ok: true; data: T } | { ok: false; message: string; status: number };

async function call<T>(
  origin: string,
  token: string,
  method: 'GET' | 'POST' | 'PUT',
  path: string,
  body?: unknown,
): Promise<RestResult<T>> {
  let res: Response;
  try {
    res = await fetch(`${origin}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  } catch {
    return { ok: false, message: '无法连接大厅服务器', status: 0 };
  }
  const answer = (await res.json().catch(() => null)) as Ack<T> | null;
  if (answer?.ok) return { ok: true, data: answer.data };
  return {
    ok: false,
    message: answer && !answer.ok ? answer.error.message : `请求失败（HTTP ${res.status}）`,
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

/** Saves a device's console settings (a board's services and windows); the server pushes them to the device. */
export const saveDeviceSettings = (
  origin: string,
  token: string,
  device: ConsoleDevice,
  settings: Record<string, unknown>,
) =>
  call<ConsoleDevice>(origin, token, 'PUT', `/api/devices/${encodeURIComponent(device.id)}`, {
    kind: device.kind,
    name: device.name,
    windowId: device.windowId,
    settings,
  });
