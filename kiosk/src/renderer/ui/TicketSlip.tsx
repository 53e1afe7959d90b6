import { useEffect, useState } from 'react';
import QRCode from 'qrcode';
import type { IssuedTicket } from '@onedoor/protocol';
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

/** The ticket as printed: the same fields, on screen (in English when the visitor chose English). */
export function TicketSlip({ ticket, lang, compact = false }: { ticket: IssuedTicket; lang: Lang; compact?: boolean }) {
  const qr = useQrCode(ticket.progressUrl);
  const v = ticket.ticket;
  const en = lang === 'en';
  return (
    <article className={`slip ${compact ? 'compact' : ''}`} data-testid={compact ? 'printed-slip' : 'ticket'}>
      <header className="slip-hall">{en ? ticket.hallNameEn || ticket.hallName : ticket.hallName}</header>
      <div className="slip-service">{en ? ticket.serviceNameEn || ticket.serviceName : ticket.serviceName}</div>
      <div className="slip-label">{t(lang, 'yourNumber')}</div>
      <div className="slip-number" data-testid={compact ? undefined : 'ticket-number'}>
        {v.number}
      </div>
      {v.priority !== 'normal' && (
        <div className="slip-priority">
          {t(lang, v.priority === 'appointment' ? 'appointmentPriority' : 'greenChannel')}
        </div>
      )}
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
        <span>{en ? ticket.noticeEn || t(lang, 'slipNotice') : ticket.notice}</span>
      </footer>
    </article>
  );
}

/** The issued ticket: the slip, and beside it (landscape) or under it (portrait) what to do next. */
export function TicketScreen({
  view,
  dispatch,
  onHearAgain,
}: {
  view: KioskView;
  dispatch: (e: VisitEvent) => void;
  /** Elder mode: read the ticket aloud again. */
  onHearAgain: () => void;
}) {
  const { lang, ticket, elder } = view.visit;
  if (!ticket) return null;
  return (
    <div className="panel ticket-screen">
      <TicketSlip ticket={ticket} lang={lang} />
      <div className="ticket-side">
        <CheckInBanner view={view} />
        <p className="big-line take">{t(lang, 'takeTicket')}</p>
        <div className="actions">
          {elder && (
            <button className="secondary hear-again" onClick={onHearAgain}>
              <span className="speaker" aria-hidden />
              {t(lang, 'hearAgain')}
            </button>
          )}
          <button className="primary" onClick={() => dispatch({ type: 'done' })}>
            {t(lang, 'done')}
          </button>
        </div>
        <Countdown deadline={view.deadline} lang={lang} />
      </div>
    </div>
  );
}
