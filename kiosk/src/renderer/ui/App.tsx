import { useEffect, useRef, useState, useSyncExternalStore, type ReactNode } from 'react';
import { formatDayLabel, formatHallTime, hallTimeZone } from '@onedoor/protocol/client';
import type { KioskController, KioskView } from '../kiosk-controller';
import type { WebBridge } from '../devices/web-bridge';
import { t } from '../i18n';
import { commonHours, hallOpenNow } from '../catalog';
import { Home } from './Home';
import { AdminDialog } from './Admin';
import { CheckInRefused, CheckInScreen } from './CheckIn';
import { AwaitCard, Busy, Maintenance, Pairing, PrintFailed, Refused, ServiceConfirm } from './screens';
import { StaffUnlock } from './StaffUnlock';
import { TicketScreen } from './TicketSlip';
import { VirtualDevices } from './VirtualDevices';

export function App({ controller, bridge }: { controller: KioskController; bridge: WebBridge | null }) {
  const view = useSyncExternalStore(controller.subscribe, controller.getView);
  const { visit } = view;
  const lang = visit.lang;
  const [admin, setAdmin] = useState(false);

  useEffect(() => {
    const onActivity = () => controller.activity();
    window.addEventListener('pointerdown', onActivity, { capture: true });
    window.addEventListener('keydown', onActivity, { capture: true });
    return () => {
      window.removeEventListener('pointerdown', onActivity, { capture: true });
      window.removeEventListener('keydown', onActivity, { capture: true });
    };
  }, [controller]);

  useEffect(() => {
    document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
  }, [lang]);

  const secret = useSecretTaps(() => setAdmin(true));

  if (view.phase === 'loading') return <div className="kiosk boot">{t(lang, 'connecting')}</div>;

  const offline = view.phase === 'running' && !visit.online;
  const cls = ['kiosk', visit.elder ? 'elder' : '', `screen-${visit.screen}`].filter(Boolean).join(' ');

  return (
    <div className={cls} data-screen={visit.screen} data-online={visit.online ? 'yes' : 'no'}>
      {/* Under the maintenance notice or the admin dialog nothing can be touched or focused. */}
      <div className="layer" inert={offline || admin}>
        <Header view={view} controller={controller} onSecretTap={secret} />
        {view.phase === 'pairing' ? (
          <Pairing lang={lang} error={view.pairingError} onPair={(code) => void controller.pair(code)} />
        ) : (
          <>
            <StatusBanner view={view} />
            <main className="stage">
              <Screen view={view} controller={controller} />
            </main>
          </>
        )}
        <Footer view={view} controller={controller}>
          {bridge && view.config?.virtualDevices && (
            <VirtualDevices
              bridge={bridge}
              lang={lang}
              wantCard={visit.screen === 'await-card' || visit.screen === 'appointment' || visit.screen === 'staff'}
            />
          )}
        </Footer>
      </div>
      {offline && (
        <Maintenance
          lang={lang}
          connecting={!view.everOnline}
          pending={visit.pending !== null || visit.checkIn !== null}
          onCancel={() => controller.dispatch({ type: 'cancel' })}
        />
      )}
      {admin && (
        <AdminDialog
          lang={lang}
          controller={controller}
          runtime={view.config?.runtime ?? 'browser'}
          onClose={() => setAdmin(false)}
        />
      )}
    </div>
  );
}

/** Five taps on the hall name within three seconds open the admin dialog (no visible button for the public). */
function useSecretTaps(open: () => void): () => void {
  const taps = useRef<number[]>([]);
  return () => {
    const now = Date.now();
    taps.current = [...taps.current.filter((x) => now - x < 3000), now];
    if (taps.current.length >= 5) {
      taps.current = [];
      open();
    }
  };
}

function Header({
  view,
  controller,
  onSecretTap,
}: {
  view: KioskView;
  controller: KioskController;
  onSecretTap: () => void;
}) {
  const { lang, elder } = view.visit;
  // The hall's time, whatever zone and clock the kiosk's own OS has: the server's clock, in the hall's zone.
  const now = useClock(view.clockOffsetMs);
  const zone = hallTimeZone(view.snapshot);
  const snapshot = view.snapshot;
  const hallName = snapshot
    ? lang === 'en'
      ? snapshot.hallNameEn || snapshot.hallName
      : snapshot.hallName
    : t(lang, 'hallNameFallback');
  const canToggleElder = view.visit.screen === 'home' || view.visit.screen === 'service';
  return (
    <header className="top">
      <div className="hall" onClick={onSecretTap} data-testid="hall-name">
        <span className="emblem" aria-hidden>
          一门
        </span>
        <div>
          <div className="hall-name">{hallName}</div>
          <div className="hall-sub">{t(lang, 'title')}</div>
        </div>
      </div>
      <div className="top-actions">
        <time className="clock" data-testid="kiosk-clock">
          {formatHallTime(now, zone)}
          <small>{formatDayLabel(now, zone, lang)}</small>
        </time>
        <button
          className={`pill ${elder ? 'on' : ''}`}
          disabled={!canToggleElder}
          onClick={() => controller.dispatch({ type: 'set-elder', elder: !elder })}
          aria-pressed={elder}
        >
          {elder ? t(lang, 'elderOff') : t(lang, 'elderOn')}
        </button>
        <button
          className="pill"
          onClick={() => controller.dispatch({ type: 'set-lang', lang: lang === 'zh' ? 'en' : 'zh' })}
        >
          {t(lang, 'language')}
        </button>
      </div>
    </header>
  );
}

/** The server's clock (local clock + the offset from the last snapshot), ticking every few seconds. */
function useClock(offsetMs: number): number {
  const [now, setNow] = useState(() => Date.now() + offsetMs);
  useEffect(() => {
    setNow(Date.now() + offsetMs);
    const id = setInterval(() => setNow(Date.now() + offsetMs), 5_000);
    return () => clearInterval(id);
  }, [offsetMs]);
  return now;
}

function StatusBanner({ view }: { view: KioskView }) {
  const { lang } = view.visit;
  const snapshot = view.snapshot;
  if (!snapshot) return null;
  const open = hallOpenNow(snapshot.services);
  // The kiosk's own wording (Electron config) wins; else the hours most services share, from the server.
  const hours =
    (lang === 'zh' ? view.config?.hoursText : view.config?.hoursTextEn) || commonHours(snapshot.services, lang);
  return (
    <section className={`notice ${open ? 'open' : 'closed'}`} aria-live="polite">
      <strong className="open-state">{open ? t(lang, 'hallOpen') : t(lang, 'hallClosed')}</strong>
      {hours && (
        <span className="hours" data-testid="hall-hours">
          {t(lang, 'hours', { h: hours })}
        </span>
      )}
      {snapshot.notice && <span className="hall-notice">{snapshot.notice}</span>}
    </section>
  );
}

function Screen({ view, controller }: { view: KioskView; controller: KioskController }) {
  const { visit } = view;
  const lang = visit.lang;
  const dispatch = controller.dispatch.bind(controller);
  switch (visit.screen) {
    case 'home':
      return <Home view={view} dispatch={dispatch} />;
    case 'service':
      return <ServiceConfirm view={view} dispatch={dispatch} />;
    case 'await-card':
      return <AwaitCard view={view} dispatch={dispatch} />;
    case 'issuing':
      return <Busy lang={lang} text={t(lang, 'issuing')} />;
    case 'printing':
      return <Busy lang={lang} text={t(lang, 'printing')} />;
    case 'ticket':
      return visit.ticket ? (
        <TicketScreen view={view} dispatch={dispatch} onHearAgain={() => controller.readTicketAloud()} />
      ) : null;
    case 'print-failed':
      return <PrintFailed view={view} dispatch={dispatch} />;
    case 'refused':
      return <Refused view={view} dispatch={dispatch} />;
    case 'appointment':
      return <CheckInScreen view={view} dispatch={dispatch} />;
    case 'checking-in':
      return <Busy lang={lang} text={t(lang, 'checkingIn')} />;
    case 'check-in-refused':
      return <CheckInRefused view={view} dispatch={dispatch} />;
    case 'staff':
      return <StaffUnlock view={view} dispatch={dispatch} />;
    case 'staff-checking':
      return <Busy lang={lang} text={t(lang, 'staffChecking')} />;
  }
}

function Footer({
  view,
  controller,
  children,
}: {
  view: KioskView;
  controller: KioskController;
  children?: ReactNode;
}) {
  const { lang } = view.visit;
  const printer = view.devices?.printer;
  const reader = view.devices?.reader;
  const showAppointment = view.phase === 'running' && view.visit.screen === 'home';
  return (
    <footer className="bottom">
      {children}
      <div className="device-line">
        {printer?.state === 'error' || printer?.state === 'absent' ? (
          <span className="warn">
            {t(lang, 'printerDown', { reason: (lang === 'zh' ? printer.message : printer.messageEn) ?? '' })}
          </span>
        ) : null}
        {reader?.state === 'error' || reader?.state === 'absent' ? (
          <span className="warn">{t(lang, 'readerDown')}</span>
        ) : null}
      </div>
      {showAppointment && (
        <button className="appointment-btn" onClick={() => controller.dispatch({ type: 'appointment' })}>
          {t(lang, 'appointment')}
        </button>
      )}
      {showAppointment && !view.visit.green && (
        <button
          className="staff-btn"
          onClick={() => controller.dispatch({ type: 'staff' })}
          data-testid="staff-green"
          disabled={!view.visit.online}
        >
          {t(lang, 'staffGreen')}
        </button>
      )}
    </footer>
  );
}
