import { useState } from 'react';
import { App as AntApp } from 'antd';

/**
 * The manager's actions, one at a time: `busy` names the one in flight; a success flashes a message, a refusal or
 * failure stays in the error bar until the next success.
 */
export function useConsoleActions() {
  const { message } = AntApp.useApp();
  const [busy, setBusy] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const act = async (
    label: string,
    ack: Promise<{ ok: true } | { ok: false; error: { message: string } }>,
    success: string,
  ): Promise<boolean> => {
    setBusy(label);
    const r = await ack;
    setBusy(null);
    if (r.ok) {
      setFailure(null);
      void message.success({ content: success, duration: 1.5 });
    } else setFailure(`${label}未成功：${r.error.message}`);
    return r.ok;
  };
  return { busy, failure, setFailure, act };
}
