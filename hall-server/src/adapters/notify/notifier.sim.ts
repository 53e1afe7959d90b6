import type { ApplicantMessage, Notifier } from '../../app/ports.js';

/** Records messages for tests and demos; can be told to fail to exercise the retry path. */
export class SimNotificationSender implements Notifier {
  readonly sent: ApplicantMessage[] = [];
  failNext = 0;

  async send(message: ApplicantMessage): Promise<void> {
    if (this.failNext > 0) {
      this.failNext--;
      throw new Error('短信网关不可用 / SMS gateway unavailable (simulated)');
    }
    this.sent.push({ ...message });
  }
}
