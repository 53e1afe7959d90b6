/**
 * Appointment check-in (预约签到): the visitor types the appointment code on a big on-screen pad (a kiosk has no
 * keyboard; a USB keyboard or a code scanner that types works too) or places the ID card they booked with. The flow
 * sends `appointment:check-in`; on success the ticket is printed like any other and shown with the server's message.
 */
import { useState, type ChangeEvent, type KeyboardEvent } from 'react';
import { maskName } from '@onedoor/protocol';
import type { KioskView } from '../kiosk-controller';
import { APPOINTMENT_CODE, normalizeCode, type VisitEvent } from '../visit-flow';
import { friendlyLine, refusalHeadline, t } from '../i18n';
import { Countdown } from './screens';

type Dispatch = (e: VisitEvent) => void;
type ScreenProps = { view: KioskView; dispatch: Dispatch };

const MAX_CODE = 12;
/** Digits first (codes are mostly digits), then letters in keyboard order. */
const PAD_ROWS = ['1234567890', 'QWERTYUIOP', 'ASDFGHJKL', 'ZXCVBNM'];

export function CheckInScreen({ view, dispatch }: ScreenProps) {
  const { lang, online } = view.visit;
  const [code, setCode] = useState('');
  const valid = APPOINTMENT_CODE.test(code);
  const submit = () => {
    if (valid && online) dispatch({ type: 'check-in', code });
  };
  const type = (raw: string) =>
    setCode(
      normalizeCode(raw)
        .replace(/[^A-Z0-9]/g, '')
        .slice(0, MAX_CODE),
    );
  const press = (k: string) => {
    if (k === '⌫') setCode((c) => c.slice(0, -1));
    else if (k === 'clear') setCode('');
    else setCode((c) => (c + k).slice(0, MAX_CODE));
  };
  return (
    <div className="panel checkin" data-testid="checkin">
      <h1>{t(lang, 'appointment')}</h1>
      <p className="sub">{t(lang, 'appointmentOrCard')}</p>
      <div className="checkin-body">
        <section className="checkin-code">
          <h2>{t(lang, 'checkInByCode')}</h2>
          <input
            className="code-input checkin-input"
            value={code}
            inputMode="none"
            autoComplete="off"
            spellCheck={false}
            maxLength={MAX_CODE}
            placeholder={t(lang, 'appointmentCode')}
            aria-label={t(lang, 'appointmentCode')}
            data-testid="checkin-code"
            onChange={(e: ChangeEvent<HTMLInputElement>) => type(e.target.value)}
            onKeyDown={(e: KeyboardEvent<HTMLInputElement>) => e.key === 'Enter' && submit()}
          />
          <p className="checkin-hint">{t(lang, 'checkInCodeHint')}</p>
          <CodePad onKey={press} clearLabel={t(lang, 'clearCode')} />
          <button className="primary huge checkin-submit" disabled={!valid || !online} onClick={submit}>
            {t(lang, 'checkInSubmit')}
          </button>
        </section>
        <section className="checkin-card">
          <div className="card-art small" aria-hidden>
            <div className="card-shape">
              <span>居民身份证</span>
            </div>
            <div className="reader-shape" />
          </div>
          <div>
            <h2>{t(lang, 'checkInByCard')}</h2>
            <p className="sub">{t(lang, 'checkInCardHint')}</p>
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

/** Digits and capital letters, big enough for a finger; ⌫ and 清空. */
export function CodePad({ onKey, clearLabel }: { onKey: (k: string) => void; clearLabel: string }) {
  return (
    <div className="codepad" role="group" aria-label="appointment code keys">
      {PAD_ROWS.map((row, i) => (
        <div className="codepad-row" key={row}>
          {Array.from(row).map((k) => (
            <button key={k} className={`code-key${i === 0 ? ' digit' : ''}`} onClick={() => onKey(k)}>
              {k}
            </button>
          ))}
          {i === PAD_ROWS.length - 1 && (
            <>
              <button className="code-key wide" onClick={() => onKey('⌫')} aria-label="backspace">
                ⌫
              </button>
              <button className="code-key wide" onClick={() => onKey('clear')}>
                {clearLabel}
              </button>
            </>
          )}
        </div>
      ))}
    </div>
  );
}

/** Dates and times in the server's words never break across lines (「2026-11-28 09:32」 stays whole). */
const TIME_TOKEN = /(\d{4}-\d{2}-\d{2} \d{2}:\d{2}(?:[–-]\d{2}:\d{2})?|\d{2}:\d{2}[–-]\d{2}:\d{2})/;
export function KeepTimes({ text }: { text: string }) {
  return (
    <>
      {text.split(TIME_TOKEN).map((part, i) =>
        i % 2 === 1 ? (
          <span key={i} className="nobr">
            {part}
          </span>
        ) : (
          part
        ),
      )}
    </>
  );
}

/** Refused: the server's own words (e.g. when to come back), a plain-words line, and 直接取号. */
export function CheckInRefused({ view, dispatch }: ScreenProps) {
  const { lang, error, holder } = view.visit;
  if (!error) return null;
  return (
    <div className="panel refused checkin-refused" role="alert" data-code={error.code}>
      <div className="icon info-icon" aria-hidden>
        i
      </div>
      <h1>{t(lang, 'checkInRefusedTitle')}</h1>
      <p className="server-message">
        <KeepTimes text={refusalHeadline(lang, error)} />
      </p>
      <p className="big-line friendly">{friendlyLine(lang, error.code)}</p>
      {holder && <p className="sub">{maskName(holder.name)}</p>}
      <div className="actions">
        <button className="primary huge walk-in" onClick={() => dispatch({ type: 'walk-in' })}>
          {t(lang, 'walkIn')}
        </button>
        <button className="secondary" onClick={() => dispatch({ type: 'appointment' })}>
          {t(lang, 'retypeCode')}
        </button>
        <button className="secondary" onClick={() => dispatch({ type: 'done' })}>
          {t(lang, 'home')}
        </button>
      </div>
      <Countdown deadline={view.deadline} lang={lang} />
    </div>
  );
}

/** Above the ticket after a check-in: 签到成功，您将优先办理 / the late walk-in notice, and the booked matter. */
export function CheckInBanner({ view }: { view: KioskView }) {
  const { lang, checkInOutcome: o } = view.visit;
  if (!o) return null;
  const late = o.outcome === 'late-walk-in';
  return (
    <div
      className={`checkin-banner ${late ? 'late' : 'on-time'}`}
      data-testid="checkin-message"
      data-outcome={o.outcome}
    >
      <strong>{t(lang, late ? 'lateWalkIn' : 'checkedIn')}</strong>
      <span>
        <KeepTimes text={lang === 'zh' ? o.message : o.messageEn || o.message} />
      </span>
      {o.matter && <small>{o.matter}</small>}
    </div>
  );
}
