import { useEffect, useState } from 'react';
import { maskName } from '@onedoor/protocol';
import type { KioskView } from '../kiosk-controller';
import type { Lang, VisitEvent } from '../visit-flow';
import { hoursOf } from '../catalog';
import { friendlyLine, refusalHeadline, t } from '../i18n';

type Dispatch = (e: VisitEvent) => void;
type ScreenProps = { view: KioskView; dispatch: Dispatch };

export function Countdown({ deadline, lang }: { deadline: number | null; lang: Lang }) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(id);
  }, []);
  if (deadline === null) return null;
  const n = Math.max(0, Math.ceil((deadline - now) / 1000));
  return <p className="countdown">{t(lang, 'backHomeIn', { n })}</p>;
}

function choiceTitle(view: KioskView): string {
  const c = view.visit.choice;
  if (!c) return '';
  return view.visit.lang === 'zh' ? c.label : c.labelEn;
}

export function ServiceConfirm({ view, dispatch }: ScreenProps) {
  const { lang, choice } = view.visit;
  const service = view.snapshot?.services.find((s) => s.id === choice?.serviceId);
  if (!choice || !service) return null;
  const serviceName = lang === 'zh' ? service.name : service.nameEn || service.name;
  const hours = hoursOf(service, lang);
  return (
    <div className="panel confirm">
      <h1>{choiceTitle(view)}</h1>
      {choiceTitle(view) !== serviceName && <p className="sub">{t(lang, 'matterAt', { s: serviceName })}</p>}
      <p className="big-line">
        {t(lang, 'aheadOfYou', { n: service.waiting, m: Math.round(service.estimatedWaitMinutes) })}
      </p>
      {hours && (
        <p className="sub service-hours" data-testid="service-hours">
          {t(lang, 'hours', { h: hours })}
        </p>
      )}
      {service.perPersonDailyLimit > 0 && (
        <p className="sub">{t(lang, 'perPersonLimit', { n: service.perPersonDailyLimit })}</p>
      )}
      {service.realName && <p className="hint">{t(lang, 'cardNeeded')}</p>}
      <div className="actions">
        <button
          className="primary huge"
          disabled={!view.visit.online || !service.openNow}
          onClick={() => dispatch({ type: 'confirm' })}
        >
          {t(lang, 'takeNumber')}
        </button>
        <button className="secondary" onClick={() => dispatch({ type: 'cancel' })}>
          {t(lang, 'back')}
        </button>
      </div>
      <Countdown deadline={view.deadline} lang={lang} />
    </div>
  );
}

export function AwaitCard({ view, dispatch }: ScreenProps) {
  const { lang } = view.visit;
  return (
    <div className="panel await-card">
      <h1>{choiceTitle(view)}</h1>
      <div className="card-art" aria-hidden>
        <div className="card-shape">
          <span>居民身份证</span>
        </div>
        <div className="reader-shape" />
      </div>
      <p className="big-line">{t(lang, 'swipeCard')}</p>
      <p className="hint">{t(lang, 'cardNeeded')}</p>
      <div className="actions">
        <button className="secondary" onClick={() => dispatch({ type: 'cancel' })}>
          {t(lang, 'back')}
        </button>
      </div>
      <Countdown deadline={view.deadline} lang={lang} />
    </div>
  );
}

export function Busy({ text }: { lang: Lang; text: string }) {
  return (
    <div className="panel busy" role="status">
      <div className="spinner" aria-hidden />
      <p className="big-line">{text}</p>
    </div>
  );
}

export function PrintFailed({ view, dispatch }: ScreenProps) {
  const { lang, printFailure, ticket } = view.visit;
  return (
    <div className="panel print-failed" role="alert">
      <div className="icon warn-icon" aria-hidden>
        !
      </div>
      <h1>{t(lang, 'printFailedTitle')}</h1>
      {printFailure && <p className="reason">{printFailure}</p>}
      <p className="big-line">{t(lang, 'printFailedBody')}</p>
      {ticket && <p className="void-number">{ticket.ticket.number}</p>}
      <div className="actions">
        <button className="primary" onClick={() => dispatch({ type: 'done' })}>
          {t(lang, 'home')}
        </button>
      </div>
      <Countdown deadline={view.deadline} lang={lang} />
    </div>
  );
}

export function Refused({ view, dispatch }: ScreenProps) {
  const { lang, error, holder } = view.visit;
  if (!error) return null;
  return (
    <div className="panel refused" role="alert" data-code={error.code}>
      <div className="icon info-icon" aria-hidden>
        i
      </div>
      <h1>{t(lang, 'refusedTitle')}</h1>
      <p className="server-message">{refusalHeadline(lang, error)}</p>
      <p className="big-line friendly">{friendlyLine(lang, error.code)}</p>
      {holder && <p className="sub">{maskName(holder.name)}</p>}
      <div className="actions">
        <button className="primary" onClick={() => dispatch({ type: 'done' })}>
          {t(lang, 'home')}
        </button>
      </div>
      <Countdown deadline={view.deadline} lang={lang} />
    </div>
  );
}

export function Maintenance({
  lang,
  connecting,
  pending,
  onCancel,
}: {
  lang: Lang;
  connecting: boolean;
  pending: boolean;
  onCancel: () => void;
}) {
  return (
    <div className="maintenance" role="alert" data-testid="maintenance">
      <div className="maintenance-box">
        <div className="spinner light" aria-hidden />
        {connecting ? (
          <h1>{t(lang, 'connecting')}</h1>
        ) : (
          <>
            <h1>系统维护中，请稍候</h1>
            <h2>Service temporarily unavailable</h2>
            <p>{t(lang, 'maintenanceBody')}</p>
            {pending && (
              <>
                <p className="pending">{t(lang, 'maintenancePending')}</p>
                <button className="secondary" onClick={onCancel}>
                  {t(lang, 'cancel')}
                </button>
              </>
            )}
          </>
        )}
      </div>
    </div>
  );
}

export function Pairing({ lang, error, onPair }: { lang: Lang; error: string | null; onPair: (code: string) => void }) {
  const [code, setCode] = useState('');
  const press = (k: string) => setCode((c) => (k === '⌫' ? c.slice(0, -1) : (c + k).slice(0, 6)));
  return (
    <main className="stage">
      <div className="panel pairing">
        <h1>{t(lang, 'pairTitle')}</h1>
        <p className="sub">{t(lang, 'pairBody')}</p>
        <input
          className="code-input"
          value={code}
          inputMode="numeric"
          maxLength={6}
          onChange={(e) => setCode(e.target.value.replace(/\D/g, '').slice(0, 6))}
          aria-label="pairing code"
        />
        <PinPad onKey={press} />
        {error && <p className="error">{error}</p>}
        <button className="primary" disabled={code.length !== 6} onClick={() => onPair(code)}>
          {t(lang, 'pair')}
        </button>
      </div>
    </main>
  );
}

export function PinPad({ onKey }: { onKey: (k: string) => void }) {
  return (
    <div className="pinpad">
      {['1', '2', '3', '4', '5', '6', '7', '8', '9', '', '0', '⌫'].map((k, i) =>
        k ? (
          <button key={k} className="pin-key" onClick={() => onKey(k)}>
            {k}
          </button>
        ) : (
          <span key={`gap-${i}`} />
        ),
      )}
    </div>
  );
}
