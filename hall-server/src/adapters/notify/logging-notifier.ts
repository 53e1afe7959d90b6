import { maskPhone } from '@onedoor/protocol';
import type { ApplicantMessage, Logger, Notifier } from '../../app/ports.js';

/** Writes messages to the log with the phone masked — the default until an SMS gateway is configured. */
export class LoggingNotificationSender implements Notifier {
  constructor(private readonly log: Logger) {}

  async send(message: ApplicantMessage): Promise<void> {
    this.log.info(
      { to: maskPhone(message.to), caseNo: message.caseNo, kind: message.kind, text: message.text },
      '通知申请人 / applicant notified',
    );
  }
}
