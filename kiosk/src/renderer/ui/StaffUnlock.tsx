/**
 * 绿色通道 at the kiosk: a staff member shows their staff card on the reader (the flow takes the card read while this
 * screen is up) or types their 工号 and 密码; the server checks the role and answers. The password lives in this
 * screen's state only until it is sent.
 */
import { useState, type KeyboardEvent } from 'react';
import type { KioskView } from '../kiosk-controller';
import type { VisitEvent } from '../visit-flow';
import { t } from '../i18n';
import { CodePad } from './CheckIn';
import { Countdown } from './screens';

type Dispatch = (e: VisitEvent) => void;

export function StaffUnlock({ view, dispatch }: { view: KioskView; dispatch: Dispatch }) {
  const { lang, online, error } = view.visit;
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [field, setField] = useState<'username' | 'password'>('username');
  const ready = username.trim() !== '' && password !== '' && online;
  const submit = () => {
    if (!ready) return;
    dispatch({ type: 'staff-code', username, password });
    setPassword('');
  };
  // The on-screen pad types into the field last touched (a kiosk has no keyboard); 工号 are lower case.
  const press = (k: string) => {
    const set = field === 'username' ? setUsername : setPassword;
    if (k === '⌫') set((v) => v.slice(0, -1));
    else if (k === 'clear') set('');
    else set((v) => (v + k.toLowerCase()).slice(0, 64));
  };
  const onEnter = (e: KeyboardEvent<HTMLInputElement>) => e.key === 'Enter' && submit();
  return (
    <div className="panel checkin staff-unlock" data-testid="staff-unlock">
      <h1>{t(lang, 'staffTitle')}</h1>
      <p className="sub">{t(lang, 'staffHint')}</p>
      <div className="checkin-body">
        <section className="checkin-code">
          <h2>{t(lang, 'staffCode')}</h2>
          <input
            className="code-input checkin-input staff-input"
            value={username}
            autoComplete="off"
            spellCheck={false}
            placeholder={t(lang, 'staffUsername')}
            aria-label={t(lang, 'staffUsername')}
            data-testid="staff-username"
            onFocus={() => setField('username')}
            onChange={(e) => setUsername(e.target.value)}
            onKeyDown={onEnter}
          />
          <input
            className="code-input checkin-input staff-input"
            type="password"
            value={password}
            autoComplete="off"
            placeholder={t(lang, 'staffPassword')}
            aria-label={t(lang, 'staffPassword')}
            data-testid="staff-password"
            onFocus={() => setField('password')}
            onChange={(e) => setPassword(e.target.value)}
            onKeyDown={onEnter}
          />
          {error ? (
            <p className="checkin-hint staff-error" role="alert" data-testid="staff-error">
              {lang === 'zh' ? error.message : error.messageEn || error.message}
            </p>
          ) : (
            <p className="checkin-hint">{t(lang, 'staffCodeHint')}</p>
          )}
          <CodePad onKey={press} clearLabel={t(lang, 'clearCode')} />
          <button className="primary huge checkin-submit" disabled={!ready} onClick={submit} data-testid="staff-submit">
            {t(lang, 'staffSubmit')}
          </button>
        </section>
        <section className="checkin-card">
          <div className="card-art small" aria-hidden>
            <div className="card-shape">
              <span>工作人员卡</span>
            </div>
            <div className="reader-shape" />
          </div>
          <div>
            <h2>{t(lang, 'staffCard')}</h2>
          </div>
        </section>
      </div>
      <div className="actions">
        <button className="secondary" onClick={() => dispatch({ type: 'cancel' })}>
          {t(lang, 'back')}
        </button>
      </div>
      <Countdown deadline={view.deadline} lang={lang} />
    </div>
  );
}
