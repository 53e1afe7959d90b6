/**
 * Real devices from @onedoor/hardware (SAM ID-card reader, ESC/POS ticket printer), built from the kiosk config.
 * Imported from the driver files rather than the package index: the index also exports the MQTT gateway and test
 * helpers, which the bundler keeps as side-effect imports (mqtt would load in every kiosk for nothing).
 */
import type { IssuedTicket } from '@onedoor/protocol';
import { IdCardReader } from '../../../hardware/src/id-card/reader';
import { TicketPrinter } from '../../../hardware/src/printer/printer';
import { renderQueueTicket, type QueueTicketData } from '../../../hardware/src/printer/templates';
import type { KioskMainConfig } from './config';
import {
  adaptIdCardReader,
  adaptTicketPrinter,
  noCardReader,
  noTicketPrinter,
  type KioskCardReader,
  type KioskTicketPrinter,
} from './devices';

/** The issued ticket as the hardware template wants it. */
export function queueTicketData(issued: IssuedTicket, timeZone: string): QueueTicketData {
  return {
    hallName: issued.hallName,
    ticketNumber: issued.ticket.number,
    serviceName: issued.serviceName,
    peopleAhead: issued.peopleAhead,
    estimatedWaitMinutes: issued.estimatedWaitMinutes,
    issuedAt: new Date(issued.ticket.issuedAt),
    timeZone,
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

export function createHardwareDevices(config: KioskMainConfig): {
  reader: KioskCardReader;
  printer: KioskTicketPrinter;
} {
  const reader = config.reader
    ? adaptIdCardReader(new IdCardReader({ path: config.reader.path, baudRate: config.reader.baudRate }))
    : noCardReader();
  const printer = config.printer
    ? adaptTicketPrinter(TicketPrinter.forTarget(config.printer.to, { baudRate: config.printer.baudRate }), (t) =>
        encodeQueueTicket(t, config),
      )
    : noTicketPrinter();
  return { reader, printer };
}
