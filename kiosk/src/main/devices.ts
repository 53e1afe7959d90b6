/**
 * The kiosk's two devices as Electron main sees them. Main codes against these interfaces; `hardware.ts` builds them
 * from @onedoor/hardware's IdCardReader and TicketPrinter, tests build them from the hardware simulators or fakes.
 *
 * The adapters take structural types (what they use of the hardware classes), so a change inside the hardware
 * package that keeps those members does not touch the kiosk.
 */
import type { IssuedTicket } from '@onedoor/protocol';
import type { CardHolder, DeviceHealth, PrintOutcome } from '../shared/kiosk-api';

export interface KioskCardReader {
  start(): Promise<void>;
  close(): Promise<void>;
  onCard(cb: (holder: CardHolder) => void): () => void;
  /** A card is being read (its holder follows unless it is lifted): for what should be ready by then. */
  onFound(cb: () => void): () => void;
  onHealth(cb: (health: DeviceHealth) => void): () => void;
  health(): DeviceHealth;
}

export interface KioskTicketPrinter {
  /** Resolves when the ticket is out of the printer; rejects with the printer's problem otherwise. */
  print(ticket: IssuedTicket): Promise<void>;
  /** A ticket is likely to follow (a card is being read): checks the printer now, so the print need not wait for it. */
  prepare(): void;
  health(): DeviceHealth;
  close(): Promise<void>;
}

/** What the kiosk uses of an error from the hardware package (DeviceError / PrinterError). */
interface DeviceErrorLike {
  message: string;
  code?: string;
  messageZh?: string;
  messageEn?: string;
}

const zhOf = (e: unknown): string => {
  const d = e as Partial<DeviceErrorLike> | null;
  return d?.messageZh ?? d?.message ?? String(e);
};
const enOf = (e: unknown): string => {
  const d = e as Partial<DeviceErrorLike> | null;
  return d?.messageEn ?? d?.message ?? String(e);
};

/** The card fields the kiosk reads (hardware's IdCard union, structurally). */
export type CardLike =
  | { kind: 'resident' | 'hmt-residence-permit'; name: string; idNumber: string }
  | { kind: 'foreigner-2017' | 'foreigner-2023'; chineseName: string; englishName: string; cardNumber: string };

/** What the kiosk uses of hardware's IdCardReader. */
export interface IdCardReaderLike {
  on(event: 'card', listener: (record: { card: CardLike }) => void): unknown;
  on(event: 'error', listener: (error: DeviceErrorLike) => void): unknown;
  on(event: 'found' | 'unplugged' | 'replugged', listener: () => void): unknown;
  start(): Promise<void>;
  stop(): Promise<void>;
}

export function holderFromCard(card: CardLike): CardHolder {
  if ('idNumber' in card) return { idNumber: card.idNumber, name: card.name, kind: card.kind };
  return { idNumber: card.cardNumber, name: card.chineseName || card.englishName, kind: card.kind };
}

/** Adapts hardware's IdCardReader: `card` → holder, `error` / `unplugged` / `replugged` → health. */
export function adaptIdCardReader(reader: IdCardReaderLike): KioskCardReader {
  const cards = new Set<(h: CardHolder) => void>();
  const founds = new Set<() => void>();
  const healths = new Set<(h: DeviceHealth) => void>();
  let health: DeviceHealth = { state: 'absent', message: '读卡器未连接', messageEn: 'reader not connected' };
  const setHealth = (h: DeviceHealth) => {
    health = h;
    for (const cb of healths) cb(h);
  };
  reader.on('card', (record) => {
    const holder = holderFromCard(record.card);
    for (const cb of cards) cb(holder);
  });
  reader.on('found', () => {
    for (const cb of founds) cb();
  });
  reader.on('error', (err) => setHealth({ state: 'error', message: zhOf(err), messageEn: enOf(err) }));
  reader.on('unplugged', () => setHealth({ state: 'absent', message: '读卡器已断开', messageEn: 'reader unplugged' }));
  reader.on('replugged', () => setHealth({ state: 'ready' }));
  return {
    async start() {
      try {
        await reader.start();
        setHealth({ state: 'ready' });
      } catch (err) {
        // The reader keeps trying to reopen; the kiosk runs without it meanwhile.
        setHealth({ state: 'error', message: zhOf(err), messageEn: enOf(err) });
      }
    },
    close: () => reader.stop(),
    onCard(cb) {
      cards.add(cb);
      return () => cards.delete(cb);
    },
    onFound(cb) {
      founds.add(cb);
      return () => founds.delete(cb);
    },
    onHealth(cb) {
      healths.add(cb);
      return () => healths.delete(cb);
    },
    health: () => health,
  };
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
        health = { state: 'error', message: zhOf(err), messageEn: enOf(err) };
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

/** No reader configured. */
export function noCardReader(): KioskCardReader {
  const health: DeviceHealth = { state: 'absent', message: '未配置读卡器', messageEn: 'no card reader configured' };
  return {
    start: async () => undefined,
    close: async () => undefined,
    onCard: () => () => undefined,
    onFound: () => () => undefined,
    onHealth: () => () => undefined,
    health: () => health,
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
    return { printed: false, reason: `${zhOf(err)}`.slice(0, 200) };
  }
}
