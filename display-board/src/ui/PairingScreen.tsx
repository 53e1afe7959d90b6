import { useState, type FormEvent } from 'react';
import { pairDevice } from '../connection';

/** First start: the installer types the 6-digit pairing code made in the console (设备管理 → 配对). */
export function PairingScreen(props: { origin: string; message: string | null; onPaired: (token: string) => void }) {
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(props.message);

  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    if (!/^\d{6}$/.test(code)) {
      setError('请输入6位数字配对码 / Enter the 6-digit pairing code');
      return;
    }
    setBusy(true);
    const result = await pairDevice(props.origin, code);
    setBusy(false);
    if (result.ok) props.onPaired(result.deviceToken);
    else setError(result.message);
  };

  return (
    <div className="pair">
      <form className="pair__card" onSubmit={(e) => void submit(e)}>
        <div className="pair__logo">一门</div>
        <h1>
          叫号显示屏配对
          <span className="en">Pair this display</span>
        </h1>
        <p>
          请在管理控制台「设备管理」中为本显示屏生成配对码，并在下方输入。
          <span className="en">
            Create a pairing code for this display in the console (Devices) and enter it below.
          </span>
        </p>
        <input
          className="pair__code"
          inputMode="numeric"
          autoComplete="one-time-code"
          maxLength={6}
          value={code}
          placeholder="000000"
          aria-label="配对码 / pairing code"
          autoFocus
          onChange={(e) => setCode(e.target.value.replace(/\D/g, '').slice(0, 6))}
        />
        <button type="submit" className="pair__button" disabled={busy || code.length !== 6}>
          {busy ? '正在配对… / Pairing…' : '配对 / Pair'}
        </button>
        {error && (
          <div className="pair__error" role="alert">
            {error}
          </div>
        )}
      </form>
    </div>
  );
}
