/**
 * The board's socket to the hall server: socket.io on /display with the paired device token. The shared hall link
 * (`@onedoor/protocol/client`) runs over it: reconnects, snapshot + sequence resync, the background resync and the
 * hand-back to pairing when the token is refused. Also the pairing call itself.
 */
import { io, type Socket } from 'socket.io-client';
import type { AppError, DisplayClientEvents, HallServerEvents } from '@onedoor/protocol';

export type DisplaySocket = Socket<HallServerEvents, DisplayClientEvents>;

export function connectDisplay(origin: string, deviceToken: string): DisplaySocket {
  return io(`${origin}/display`, {
    auth: { deviceToken },
    reconnection: true,
    reconnectionAttempts: Infinity,
    reconnectionDelay: 1000,
    reconnectionDelayMax: 10_000,
    randomizationFactor: 0.5,
    timeout: 10_000,
  });
}

/** POST /api/devices/pair {code} → the device token. Errors come back as { code, message } data. */
export async function pairDevice(
  origin: string,
  code: string,
): Promise<{ ok: true; deviceId: string; deviceToken: string } | { ok: false; message: string }> {
  let res: Response;
  try {
    res = await fetch(`${origin}/api/devices/pair`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code }),
    });
  } catch {
    return { ok: false, message: '无法连接大厅服务器，请检查网络 / Cannot reach the hall server' };
  }
  const body = (await res.json().catch(() => null)) as Record<string, unknown> | null;
  // Accept the bare PairResponse or an { ok, data } envelope.
  const data = (body && typeof body.data === 'object' && body.data ? body.data : body) as Record<
    string,
    unknown
  > | null;
  if (res.ok && data && typeof data.deviceToken === 'string') {
    if (data.kind !== undefined && data.kind !== 'display') {
      return {
        ok: false,
        message: `该配对码属于「${String(data.kind)}」设备，不是显示屏 / This code is not for a display`,
      };
    }
    return { ok: true, deviceId: String(data.deviceId ?? ''), deviceToken: data.deviceToken };
  }
  const error = (body?.error ?? body) as Partial<AppError> | null;
  // A malformed request is the board's own doing: say what to type, never the schema's words.
  if (error?.code === 'BAD_REQUEST')
    return { ok: false, message: '请输入6位数字配对码 / Enter the 6-digit pairing code' };
  const message = error?.message
    ? `${error.message}${error.messageEn ? ` / ${error.messageEn}` : ''}`
    : `配对失败（${res.status}） / Pairing failed`;
  return { ok: false, message };
}
