/**
 * Elder mode reads the ticket aloud in Mandarin (number, service, people ahead), once when it is shown and again on
 * 再听一遍 — with the board's speech port (`@onedoor/protocol/client`), so the same Mandarin voice is chosen.
 */
import type { IssuedTicket } from '@onedoor/protocol';

/** What is spoken: 「您的号码是 A005 号。办理：综合受理。前面还有 3 人，请留意叫号。」 */
export function ticketSentence(ticket: IssuedTicket): string {
  const ahead = ticket.peopleAhead > 0 ? `前面还有 ${ticket.peopleAhead} 人` : '前面没有人在等候';
  return `您的号码是 ${ticket.ticket.number} 号。办理：${ticket.serviceName}。${ahead}，请留意叫号。`;
}
