/**
 * The kiosk's ticket printer as Electron main sees it. Main codes against this interface; `hardware.ts` builds it
 * from @onedoor/hardware's TicketPrinter, tests from the printer simulator or fakes. The card reader is the hardware
 * package's own adapter (`adaptIdCardReader` in `@onedoor/hardware/id-card`), shared with the window client.
 *
 * The adapter takes a structural type (what it uses of the hardware class), so a change inside the hardware
 * package that keeps those members does not touch the kiosk.
 */
import type { IssuedTicket } from '@onedoor/protocol';
import { errorTexts } from '@onedoor/hardware/transport';
import type { DeviceHealth, PrintOutcome } from '../shared/kiosk-api';

export interface KioskTicketPrinter {
  /** Resolves when the ticket is out of the printer; rejects with the printer's problem otherwise. */
  print(ticket: IssuedTicket): Promise<void>;
  /** A ticket is likely to follow (a card is being read): checks the printer now, so the print need not wait for it. */
  prepare(): void;
  health(): DeviceHealth;
  close(): Promise<void>;
}

/** What the kiosk uses of hardware's TicketPrinter. */
export interface TicketPrinterLike {
  print(bytes: Uint8Array): Promise<unknown>;
  queryStatus(): Promise<unknown>;
  close(): Promise<void>;
}

/** Adapts hardware's TicketPrinter plus a ticket encoder (templates.ts) into the kiosk's printer. */
export function adaptTicketPrinter(
  printer: TicketPrinterLike,
  encode: (ticket: IssuedTicket) => Uint8Array,
): KioskTicketPrinter {
  let health: DeviceHealth = { state: 'ready' };
  return {
    async print(ticket) {
      try {
        await printer.print(encode(ticket));
        health = { state: 'ready' };
      } catch (err) {
        const { zh, en } = errorTexts(err);
        health = { state: 'error', message: zh, messageEn: en };
        throw err;
      }
    },
    prepare() {
      // A printer that cannot be reached here is asked again by the print, which reports it.
      printer.queryStatus().catch(() => undefined);
    },
    health: () => health,
    close: () => printer.close(),
  };
}

/** No printer configured: every print fails, so the server voids the ticket and the visitor is told. */
export function noTicketPrinter(): KioskTicketPrinter {
  const health: DeviceHealth = { state: 'absent', message: '未配置打印机', messageEn: 'no printer configured' };
  return {
    print: async () => {
      throw Object.assign(new Error('未配置打印机 / no printer configured'), {
        messageZh: '未配置打印机',
        messageEn: 'no printer configured',
      });
    },
    prepare: () => undefined,
    health: () => health,
    close: async () => undefined,
  };
}

/** Prints and never throws: the outcome the renderer reports to the server (`ticket:print-result`). */
export async function printOutcome(printer: KioskTicketPrinter, ticket: IssuedTicket): Promise<PrintOutcome> {
  try {
    await printer.print(ticket);
    return { printed: true };
  } catch (err) {
    return { printed: false, reason: errorTexts(err).zh.slice(0, 200) };
  }
}
