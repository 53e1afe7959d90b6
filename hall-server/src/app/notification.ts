import { maskPhone } from '@onedoor/protocol';
import type { Logger } from './ports.js';

/** A message to an applicant (SMS by default): result ready for pick-up, 容缺 material due … */
export interface ApplicantMessage {
  /** Full phone number (only the sender sees it; logs and the database keep it masked). */
  to: string;
  caseNo: string;
  kind: 'result-ready' | 'tolerance-due' | 'delivered';
  text: string;
}

/** Notification port: the SMS gateway (or 政务短信平台) adapter implements it. */
export interface NotificationSender {
  send(message: ApplicantMessage): Promise<void>;
}

/** Writes messages to the log with the phone masked — the default until an SMS gateway is configured. */
export class LoggingNotificationSender implements NotificationSender {
  constructor(private readonly log: Logger) {}

  async send(message: ApplicantMessage): Promise<void> {
    this.log.info(
      { to: maskPhone(message.to), caseNo: message.caseNo, kind: message.kind, text: message.text },
      '通知申请人 / applicant notified',
    );
  }
}
