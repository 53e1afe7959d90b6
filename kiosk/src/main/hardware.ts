/**
 * Real devices (SAM ID-card reader, ESC/POS ticket printer), built from the kiosk config. Only the two device entries
 * the kiosk drives: the gateway entry would load mqtt in every kiosk for nothing.
 */
import type { IssuedTicket } from '@onedoor/protocol';
import { adaptIdCardReader, IdCardReader, noCardReader, type CardReaderFeed } from '@onedoor/hardware/id-card';
import {
  preloadTicketEncoder,
  renderQueueTicket,
  TicketPrinter,
  type QueueTicketData,
} from '@onedoor/hardware/printer';
import type { KioskMainConfig } from './config';
import { adaptTicketPrinter, noTicketPrinter, type KioskTicketPrinter } from './devices';

/** The issued ticket as the hardware template wants it. */
export function queueTicketData(issued: IssuedTicket, timeZone: string): QueueTicketData {
  return {
    hallName: issued.hallName,
    ticketNumber: issued.ticket.number,
    serviceName: issued.serviceName,
    peopleAhead: issued.peopleAhead,
    estimatedWaitMinutes: issued.estimatedWaitMinutes,
    issuedAt: new Date(issued.ticket.issuedAt),
    // The hall's zone from the server; the kiosk's configured one only for an older server.
    timeZone: issued.timeZone ?? timeZone,
    progressUrl: issued.progressUrl,
    ...(issued.ticket.holderName ? { holderName: issued.ticket.holderName } : {}),
    ...(issued.notice ? { notice: issued.notice } : {}),
  };
}

export function encodeQueueTicket(
  issued: IssuedTicket,
  config: Pick<KioskMainConfig, 'timeZone' | 'printer'>,
): Uint8Array {
  return renderQueueTicket(queueTicketData(issued, config.timeZone), { paper: config.printer?.paper ?? '80mm' }).bytes;
}

/**
 * How long the printer's check when a card is found stands for the check before its ticket: the read and the hall's
 * answer take well under it, and a slower answer has the print ask again.
 */
const PRINTER_CHECK_FRESH_MS = 2000;

/** The configured ticket printer, its encoder loaded now rather than at the first visitor's ticket. */
export function createTicketPrinter(config: KioskMainConfig): KioskTicketPrinter {
  if (!config.printer) return noTicketPrinter();
  preloadTicketEncoder(config.timeZone);
  const printer = TicketPrinter.forTarget(config.printer.to, {
    baudRate: config.printer.baudRate,
    statusFreshMs: PRINTER_CHECK_FRESH_MS,
  });
  return adaptTicketPrinter(printer, (t) => encodeQueueTicket(t, config));
}

export function createHardwareDevices(config: KioskMainConfig): {
  reader: CardReaderFeed;
  printer: KioskTicketPrinter;
} {
  const reader = config.reader
    ? adaptIdCardReader(new IdCardReader({ path: config.reader.path, baudRate: config.reader.baudRate }))
    : noCardReader();
  return { reader, printer: createTicketPrinter(config) };
}
