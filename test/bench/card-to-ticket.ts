/**
 * Card → ticket, the path a visitor feels: from the first byte of the ID-card reader's answer on a pseudo-terminal
 * (the reader simulator sending at 115,200 baud) through the kiosk's main-process devices (the real IdCardReader and
 * TicketPrinter drivers behind the adapters the kiosk uses), the hall's durable ack, to the last ESC/POS byte of the
 * ticket reaching the printer's pseudo-terminal. Beside it: the serial wire time of the same bytes (the card's answer
 * and the ticket, 10 bits a byte at 115,200 baud), the floor no software can beat.
 *
 * What stands in for Electron: the renderer's part (card → `ticket:issue` → print) is a socket.io client in this
 * process, as the renderer's hall link is, beside main's own part (a card found has the printer checked, app.ts);
 * the IPC hop between them is not measured.
 */
import { performance } from 'node:perf_hooks';
import { io } from 'socket.io-client';
import type { Ack, IssuedTicket } from '@onedoor/protocol';
import { adaptIdCardReader, IdCardReader } from '@onedoor/hardware/id-card';
import { IdCardReaderSim, PrinterSim } from '@onedoor/hardware/simulators';
import { createPtyPair, RESIDENT_CARD } from '@onedoor/hardware/testing';
import { openSerialTransport, type ByteTransport } from '@onedoor/hardware/transport';
import { createTicketPrinter, encodeQueueTicket } from '../../kiosk/src/main/hardware.js';
import { kioskMainConfigSchema } from '../../kiosk/src/main/config.js';

const BAUD = 115_200;
const wireMs = (bytes: number) => (bytes * 10 * 1000) / BAUD;
/** The answer to "read base info" carries 256 bytes of text and 1,024 of photo: nothing else the reader sends is as long. */
const READ_ANSWER_MIN = 1_000;

/**
 * The device end of a serial line sending no faster than the baud rate: a pty hands bytes over at memory speed,
 * a reader's UART does not. Writes go out in 16-byte slices on the wire's own schedule, and no slower either: a
 * slice sent late carries every byte the wire has reached by then, as a UART keeps its pace whatever the host does
 * (sleeping a slice's time after each late write drifted the 1,295-byte answer out to 200–300 ms under load).
 */
function pacedTransport(link: ByteTransport, onLongWrite: (at: number, bytes: number) => void): ByteTransport {
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, Math.max(0, ms)));
  return {
    ...link,
    onData: (cb) => link.onData(cb),
    onClose: (cb) => link.onClose(cb),
    close: () => link.close(),
    isOpen: () => link.isOpen(),
    async write(bytes) {
      const start = performance.now();
      if (bytes.length >= READ_ANSWER_MIN) onLongWrite(start, bytes.length);
      for (let sent = 0; sent < bytes.length;) {
        // Every byte the wire has reached by now: a late wake-up sends a longer slice instead of slowing the line.
        const upTo = Math.min(bytes.length, Math.floor((performance.now() - start) / wireMs(1)) + 16);
        await link.write(bytes.subarray(sent, upTo));
        sent = upTo;
        await sleep(start + wireMs(sent) - performance.now());
      }
    },
  };
}

export interface CardToTicketResult {
  samples: number;
  p50Ms: number;
  p99Ms: number;
  /** The card's answer and the ticket's ESC/POS at 115,200 baud. */
  wireMs: number;
  answerBytes: number;
  ticketBytes: number;
}

export async function cardToTicketBench(
  base: string,
  kioskToken: string,
  samples: number,
): Promise<CardToTicketResult> {
  const readerLine = await createPtyPair();
  const printerLine = await createPtyPair();
  const config = kioskMainConfigSchema.parse({
    reader: { path: readerLine.hostPath, baudRate: BAUD },
    printer: { to: `serial:${printerLine.hostPath}`, baudRate: BAUD, paper: '80mm' },
  });

  let answerStart = 0;
  let answerBytes = 0;
  const readerEnd = pacedTransport(
    await openSerialTransport({ path: readerLine.devicePath, baudRate: BAUD }),
    (at, n) => {
      answerStart = at;
      answerBytes = n;
    },
  );
  const card = new IdCardReaderSim(readerEnd);
  const printerEnd = await openSerialTransport({ path: printerLine.devicePath, baudRate: BAUD });
  const printerSim = new PrinterSim();
  printerSim.attach(printerEnd);
  // The ticket ends with its cut (GS V): when that arrives, the whole ticket has reached the printer.
  let cutSeen: (() => void) | null = null;
  let tail = 0;
  printerEnd.onData((chunk) => {
    for (const b of chunk) {
      if (tail === 0x1d && b === 0x56) cutSeen?.();
      tail = b;
    }
  });

  // The adapters the kiosk puts around the real drivers: its printer as kiosk/src/main/hardware.ts builds it at
  // start-up, its reader as there but polling faster, which shortens the bench and not the measured span.
  const reader = adaptIdCardReader(
    new IdCardReader({ path: config.reader!.path, baudRate: BAUD, pollIntervalMs: 100, removalMisses: 1 }),
  );
  const printer = createTicketPrinter(config);
  const socket = io(`${base}/kiosk`, { auth: { deviceToken: kioskToken }, transports: ['websocket'], forceNew: true });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
  // As kiosk main does (app.ts): a card found has the printer checked while it is read.
  reader.onFound(() => printer.prepare());
  await reader.start();

  const spans: number[] = [];
  let ticketBytes = 0;
  try {
    for (let i = 0; i < samples; i++) {
      const printed = new Promise<number>((resolve) => {
        cutSeen = () => resolve(performance.now());
      });
      const issued = new Promise<void>((resolve, reject) => {
        const off = reader.onCard((holder) => {
          off();
          socket.emit(
            'ticket:issue',
            { serviceId: 'general', holder: { idNumber: holder.idNumber, name: holder.name } },
            (ack: Ack<IssuedTicket>) => {
              if (!ack.ok) return reject(new Error(ack.error.messageEn));
              ticketBytes = encodeQueueTicket(ack.data, config).length;
              printer.print(ack.data).then(resolve, reject);
            },
          );
        });
      });
      card.placeCard(RESIDENT_CARD);
      const [end] = await Promise.all([printed, issued]);
      spans.push(end - answerStart);
      card.removeCard();
      // Let the reader notice the card is gone, so the next placement is a new read.
      await new Promise((r) => setTimeout(r, 350));
    }
  } finally {
    socket.close();
    await reader.close();
    await printer.close();
    card.detach();
    await readerEnd.close();
    await printerEnd.close();
    await readerLine.close();
    await printerLine.close();
  }
  const sorted = [...spans].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
  return {
    samples,
    p50Ms: at(50),
    p99Ms: at(99),
    wireMs: wireMs(answerBytes + ticketBytes),
    answerBytes,
    ticketBytes,
  };
}
