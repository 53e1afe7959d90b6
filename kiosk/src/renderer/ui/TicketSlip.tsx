import { useEffect, useState } from 'react';
import QRCode from 'qrcode';
import { PRIORITY_CLASS_TEXT, type IssuedTicket } from '@onedoor/protocol';
import type { KioskView } from '../kiosk-controller';
import type { Lang, VisitEvent } from '../visit-flow';
import { t } from '../i18n';
import { Countdown } from './screens';
import { CheckInBanner } from './CheckIn';

/** The QR code of the ticket's progress page, as an SVG data URL. */
export function useQrCode(url: string): string | null {
  const [src, setSrc] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 1 }).then(
      (svg) => live && setSrc(`data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`),
      () => live && setSrc(null),
    );
    return () => {
      live = false;
    };
  }, [url]);
  return src;
}

/** The ticket as printed: the same fields, on screen. */
export function TicketSlip({ ticket, lang, compact = false }: { ticket: IssuedTicket; lang: Lang; compact?: boolean }) {
  const qr = useQrCode(ticket.progressUrl);
  const v = ticket.ticket;
  return (
    <article className={`slip ${compact ? 'compact' : ''}`} data-testid={compact ? 'printed-slip' : 'ticket'}>
      <header className="slip-hall">{ticket.hallName}</header>
      <div className="slip-service">{ticket.serviceName}</div>
      <div className="slip-label">{t(lang, 'yourNumber')}</div>
      <div className="slip-number" data-testid={compact ? undefined : 'ticket-number'}>
        {v.number}
      </div>
      {v.priority !== 'normal' && <div className="slip-priority">{PRIORITY_CLASS_TEXT[v.priority]}</div>}
      {v.holderName && (
        <div className="slip-holder">
          {v.holderName} {v.holderId}
        </div>
      )}
      <div className="slip-wait">
        <span>{t(lang, 'peopleAhead', { n: ticket.peopleAhead })}</span>
        <span>{t(lang, 'estimated', { m: Math.round(ticket.estimatedWaitMinutes) })}</span>
      </div>
      <div className="slip-qr">
        {qr ? (
          <img src={qr} alt="排队进度二维码 / progress QR code" data-testid="ticket-qr" />
        ) : (
          <div className="qr-placeholder" />
        )}
        <span>{t(lang, 'scanToFollow')}</span>
      </div>
      <footer className="slip-foot">
        <span>{ticket.issuedAtLocal}</span>
        <span>{ticket.notice}</span>
      </footer>
    </article>
  );
}

export function TicketScreen({ view, dispatch }: { view: KioskView; dispatch: (e: VisitEvent) => void }) {
  const { lang, ticket } = view.visit;
  if (!ticket) return null;
  return (
    <div className="panel ticket-screen">
      <CheckInBanner view={view} />
      <p className="big-line take">{t(lang, 'takeTicket')}</p>
      <TicketSlip ticket={ticket} lang={lang} />
      <div className="actions">
        <button className="primary" onClick={() => dispatch({ type: 'done' })}>
          {t(lang, 'done')}
        </button>
      </div>
      <Countdown deadline={view.deadline} lang={lang} />
    </div>
  );
}
