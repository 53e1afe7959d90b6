/** POST /api/devices/pair {code} → the device token; used by the web bridge (browser) and Electron main (Node). */
import type { Ack } from '@onedoor/protocol';
import type { PairOutcome } from './kiosk-api';

export async function pairWithHall(
  origin: string,
  code: string,
  fetchImpl: typeof fetch = fetch,
): Promise<PairOutcome> {
  let res: Response;
  try {
    res = await fetchImpl(`${origin.replace(/\/$/, '')}/api/devices/pair`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code }),
    });
  } catch {
    return { ok: false, message: '无法连接大厅服务器，请检查网络', messageEn: 'Cannot reach the hall server' };
  }
  const body = (await res.json().catch(() => null)) as Ack<{ deviceToken: string; kind?: string }> | null;
  if (body?.ok) {
    if (body.data.kind && body.data.kind !== 'kiosk') {
      return {
        ok: false,
        message: `该配对码属于「${body.data.kind}」设备，不是取号机`,
        messageEn: 'This code is not for a kiosk',
      };
    }
    return { ok: true, deviceToken: body.data.deviceToken };
  }
  // A malformed request is the kiosk's own doing: say what to type, never the schema's words.
  if (body?.error.code === 'BAD_REQUEST')
    return { ok: false, message: '请输入6位数字配对码', messageEn: 'Enter the 6-digit pairing code' };
  return {
    ok: false,
    message: body?.error.message ?? `配对失败（${res.status}）`,
    messageEn: body?.error.messageEn ?? 'Pairing failed',
  };
}
