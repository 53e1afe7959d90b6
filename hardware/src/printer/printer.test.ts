import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MockBinding, type MockPortBinding } from '@serialport/binding-mock';
import { ThermalPrinter, PrinterTypes } from 'node-thermal-printer';
import { afterEach, describe, expect, it } from 'vitest';
import { SAMPLE_QUEUE_TICKET } from '../../fixtures/tickets.js';
import { openSerialTransport, type ByteTransport } from '../transport/byte-transport.js';
import { createMemoryTransportPair } from '../transport/memory-transport.js';
import { decodeEscPos } from '../testing/escpos-decoder.js';
import { mockDeviceBinding } from '../testing/mock-device.js';
import { createPtyPair, shouldSkipPtyTests } from '../testing/socat.js';
import { parsePrinterTarget, PrinterError, TicketPrinter } from './printer.js';
import { PrinterSim, startPrinterSimServer } from './printer.sim.js';
import type { PrinterStatus } from './status.js';
import { renderQueueTicket } from './templates.js';
import { thermalPrinterOptions } from './thermal-printer-interface.js';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
  MockBinding.reset();
});

const ticket = renderQueueTicket(SAMPLE_QUEUE_TICKET, { paper: '58mm' }).bytes;

function memoryPrinter(options: { statusTimeoutMs?: number; statusFreshMs?: number } = {}): {
  printer: TicketPrinter;
  sim: PrinterSim;
} {
  const sim = new PrinterSim();
  const printer = new TicketPrinter({
    statusTimeoutMs: options.statusTimeoutMs ?? 200,
    ...(options.statusFreshMs ? { statusFreshMs: options.statusFreshMs } : {}),
    transport: () => {
      const [host, device] = createMemoryTransportPair();
      sim.attach(device);
      return Promise.resolve(host);
    },
  });
  cleanups.push(() => printer.close());
  return { printer, sim };
}

describe('TicketPrinter with the simulator (in-memory link)', () => {
  it('prints: status OK before, bytes written, status OK after', async () => {
    const { printer, sim } = memoryPrinter();
    const result = await printer.print(ticket);
    expect(result.bytesWritten).toBe(ticket.length);
    expect(result.status?.ok).toBe(true);
    expect(Buffer.from(sim.received).equals(Buffer.from(ticket))).toBe(true);
    expect(sim.statusRequests).toBe(8);
    // The printed ticket, decoded independently, says what the template was given.
    const r = decodeEscPos(sim.received);
    const texts = r.lines.map((l) => l.text);
    expect(texts.join('')).toContain(SAMPLE_QUEUE_TICKET.hallName);
    expect(texts).toContain(SAMPLE_QUEUE_TICKET.ticketNumber);
    expect(texts).toContain(`办理业务：${SAMPLE_QUEUE_TICKET.serviceName}`);
    expect(texts).toContain(`前面等待：${SAMPLE_QUEUE_TICKET.peopleAhead} 人`);
    expect(r.qrCodes[0]).toEqual({
      text: SAMPLE_QUEUE_TICKET.progressUrl,
      declared: Buffer.byteLength(SAMPLE_QUEUE_TICKET.progressUrl),
      byteLength: Buffer.byteLength(SAMPLE_QUEUE_TICKET.progressUrl),
    });
  });

  it('paper out → print rejects with 打印机缺纸 and sends nothing', async () => {
    const { printer, sim } = memoryPrinter();
    sim.paperOut();
    const err = await printer.print(ticket).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PrinterError);
    const e = err as PrinterError;
    expect(e.code).toBe('PRINTER_PAPER_OUT');
    expect(e.stage).toBe('before');
    expect(e.messageZh).toContain('打印机缺纸，请装入打印纸');
    expect(e.messageEn).toContain('out of paper');
    expect(e.status?.paperOut).toBe(true);
    expect(sim.received.length).toBe(0);
  });

  it('cover open and offline reject with their own codes and Chinese text', async () => {
    const { printer, sim } = memoryPrinter();
    sim.openCover();
    await expect(printer.print(ticket)).rejects.toMatchObject({
      code: 'PRINTER_COVER_OPEN',
      messageZh: expect.stringContaining('上盖打开'),
    });
    sim.restore();
    sim.goOffline();
    await expect(printer.print(ticket)).rejects.toMatchObject({
      code: 'PRINTER_OFFLINE',
      messageZh: expect.stringContaining('离线'),
    });
    sim.restore();
    await expect(printer.print(ticket)).resolves.toMatchObject({ bytesWritten: ticket.length });
  });

  it('paper running out during the print → rejects after writing (stage "after")', async () => {
    const { printer, sim } = memoryPrinter();
    sim.runOutOfPaperAfter(100);
    const err = (await printer.print(ticket).catch((e: unknown) => e)) as PrinterError;
    expect(err.code).toBe('PRINTER_PAPER_OUT');
    expect(err.stage).toBe('after');
    expect(err.messageZh).toMatch(/^打印失败：打印机缺纸/);
    expect(sim.received.length).toBe(ticket.length);
  });

  it('a printer that does not answer status → rejects with 打印机无响应 (never silent)', async () => {
    const { printer, sim } = memoryPrinter({ statusTimeoutMs: 50 });
    sim.setSilent(true);
    const err = (await printer.print(ticket).catch((e: unknown) => e)) as PrinterError;
    expect(err.code).toBe('PRINTER_NO_REPLY');
    expect(err.messageZh).toContain('打印机无响应');
    expect(sim.statusRequests).toBe(1); // gave up after the first silent request
  });

  it('an OK status asked just before stands for the check before the print (statusFreshMs)', async () => {
    const { printer, sim } = memoryPrinter({ statusFreshMs: 60_000 });
    expect((await printer.queryStatus()).ok).toBe(true);
    await printer.print(ticket);
    expect(sim.statusRequests).toBe(8); // the query's four, then only the four after the ticket
    expect(Buffer.from(sim.received).equals(Buffer.from(ticket))).toBe(true);
  });

  it('a status that was not OK, or the default statusFreshMs, has the print ask again', async () => {
    const fresh = memoryPrinter({ statusFreshMs: 60_000 });
    fresh.sim.openCover();
    expect((await fresh.printer.queryStatus()).coverOpen).toBe(true);
    fresh.sim.restore();
    await expect(fresh.printer.print(ticket)).resolves.toMatchObject({ bytesWritten: ticket.length });
    expect(fresh.sim.statusRequests).toBe(12);

    const always = memoryPrinter();
    await always.printer.queryStatus();
    always.sim.openCover();
    await expect(always.printer.print(ticket)).rejects.toMatchObject({ code: 'PRINTER_COVER_OPEN', stage: 'before' });
    expect(always.sim.received.length).toBe(0);
  });

  it('paper near end still prints, and status events report it', async () => {
    const { printer, sim } = memoryPrinter();
    const seen: PrinterStatus[] = [];
    printer.on('status', (s) => seen.push(s));
    sim.paperNearEnd();
    const r = await printer.print(ticket);
    expect(r.status?.problems).toEqual(['paper-near-end']);
    expect(seen).toHaveLength(1); // same status before and after: one event
  });

  it('polls status in the background and emits changes', async () => {
    const { printer, sim } = memoryPrinter();
    const seen: string[] = [];
    printer.on('status', (s) => seen.push(s.text));
    await printer.open();
    printer.startStatusPolling(10);
    await waitFor(() => seen.length === 1);
    sim.openCover();
    await waitFor(() => seen.length === 2);
    printer.stopStatusPolling();
    expect(seen[0]).toBe('正常');
    expect(seen[1]).toContain('打印机上盖打开');
  });
});

async function waitFor(cond: () => boolean, ms = 3000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 5));
  }
}

describe('TicketPrinter over @serialport/binding-mock', () => {
  it('records DLE EOT 1..4, the ticket, DLE EOT 1..4 on the port', async () => {
    MockBinding.createPort('/dev/ttyPRN', { record: true });
    let port: MockPortBinding | null = null;
    const sim = new PrinterSim();
    const binding = mockDeviceBinding((device, p) => {
      port = p;
      sim.attach(device);
    });
    const printer = TicketPrinter.forTarget('serial:/dev/ttyPRN', { binding, baudRate: 9600, statusTimeoutMs: 200 });
    cleanups.push(() => printer.close());
    await printer.print(ticket);
    const dle = Buffer.from('100401100402100403100404', 'hex');
    expect(Buffer.from(port!.recording).equals(Buffer.concat([dle, ticket, dle]))).toBe(true);
  });

  it('paper out on a serial printer rejects with the Chinese text', async () => {
    MockBinding.createPort('/dev/ttyPRN', { record: true });
    const sim = new PrinterSim();
    sim.paperOut();
    const printer = TicketPrinter.forTarget('serial:/dev/ttyPRN', {
      binding: mockDeviceBinding((d) => sim.attach(d)),
      statusTimeoutMs: 200,
    });
    cleanups.push(() => printer.close());
    await expect(printer.print(ticket)).rejects.toMatchObject({
      code: 'PRINTER_PAPER_OUT',
      messageZh: expect.stringContaining('缺纸'),
    });
  });

  it('a missing serial port rejects with 找不到串口', async () => {
    const printer = TicketPrinter.forTarget('serial:/dev/ttyNOPE', { binding: MockBinding });
    await expect(printer.print(ticket)).rejects.toMatchObject({
      code: 'PORT_NOT_FOUND',
      messageZh: expect.stringContaining('找不到串口 /dev/ttyNOPE'),
    });
  });
});

describe('TicketPrinter over TCP (network printer simulator)', () => {
  it('prints over tcp:HOST:PORT and reads status', async () => {
    const server = await startPrinterSimServer();
    cleanups.push(() => server.close());
    const printer = TicketPrinter.forTarget(server.target, { statusTimeoutMs: 500 });
    cleanups.push(() => printer.close());
    await printer.print(ticket);
    expect(Buffer.from(server.sim.received).equals(Buffer.from(ticket))).toBe(true);
    server.sim.openCover();
    expect((await printer.queryStatus()).coverOpen).toBe(true);
  });

  it('a refused TCP connection rejects in Chinese and English', async () => {
    const server = await startPrinterSimServer();
    const target = server.target;
    await server.close();
    const printer = TicketPrinter.forTarget(target);
    const err = (await printer.print(ticket).catch((e: unknown) => e)) as PrinterError;
    expect(err.code).toBe('TCP_CONNECT_FAILED');
    expect(err.messageZh).toContain('无法连接打印机');
  });
});

describe('TicketPrinter to a file', () => {
  it('writes the bytes and resolves without status (a file cannot answer)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'onedoor-prn-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const path = join(dir, 'ticket.bin');
    const printer = TicketPrinter.forTarget(`file:${path}`);
    const r = await printer.print(ticket);
    await printer.close();
    expect(r.status).toBeNull();
    expect(readFileSync(path).equals(Buffer.from(ticket))).toBe(true);
    await expect(printer.queryStatus()).rejects.toMatchObject({ code: 'PRINTER_NO_REPLY' });
  });

  it('a file in a missing directory rejects with FILE_OPEN_FAILED', async () => {
    const printer = TicketPrinter.forTarget('file:/nonexistent-dir-onedoor/x.bin');
    await expect(printer.print(ticket)).rejects.toMatchObject({
      code: 'FILE_OPEN_FAILED',
      messageZh: expect.stringContaining('目录不存在'),
    });
  });
});

describe('parsePrinterTarget', () => {
  it('parses serial, tcp (default port 9100) and file targets', () => {
    expect(parsePrinterTarget('serial:/dev/ttyUSB0')).toEqual({ kind: 'serial', path: '/dev/ttyUSB0' });
    expect(parsePrinterTarget('tcp:192.168.1.50')).toEqual({ kind: 'tcp', host: '192.168.1.50', port: 9100 });
    expect(parsePrinterTarget('tcp:printer.local:9101')).toEqual({ kind: 'tcp', host: 'printer.local', port: 9101 });
    expect(parsePrinterTarget('file:/tmp/a.bin')).toEqual({ kind: 'file', path: '/tmp/a.bin' });
    expect(() => parsePrinterTarget('usb:1')).toThrow(/serial:PATH/);
  });
});

describe('node-thermal-printer through our transport (custom interface object)', () => {
  it('sends its buffer over a ByteTransport', async () => {
    const [host, device] = createMemoryTransportPair();
    const sim = new PrinterSim();
    sim.attach(device);
    const p = new ThermalPrinter({ type: PrinterTypes.EPSON, ...thermalPrinterOptions(host) });
    p.println('HELLO');
    await p.execute();
    await waitFor(() => sim.received.length > 0);
    expect(Buffer.from(sim.received).toString('latin1')).toContain('HELLO\n');
    expect(await p.isPrinterConnected()).toBe(true);
    await host.close();
  });
});

const gate = shouldSkipPtyTests();
if (gate.skip) console.warn(gate.reason);

describe.skipIf(gate.skip)('TicketPrinter over real pseudo-terminals (socat)', () => {
  it('prints to the simulator on the other end and fails cleanly when it runs out of paper', async () => {
    const pair = await createPtyPair();
    cleanups.push(() => pair.close());
    const device: ByteTransport = await openSerialTransport({ path: pair.devicePath, baudRate: 9600 });
    cleanups.push(() => device.close());
    const sim = new PrinterSim();
    sim.attach(device);
    const printer = TicketPrinter.forTarget(`serial:${pair.hostPath}`, { baudRate: 9600, statusTimeoutMs: 1000 });
    cleanups.push(() => printer.close());
    await printer.print(ticket);
    await waitFor(() => sim.received.length === ticket.length);
    const r = decodeEscPos(sim.received);
    expect(r.lines.map((l) => l.text)).toContain(SAMPLE_QUEUE_TICKET.ticketNumber);
    sim.paperOut();
    await expect(printer.print(ticket)).rejects.toMatchObject({
      code: 'PRINTER_PAPER_OUT',
      messageZh: expect.stringContaining('打印机缺纸'),
    });
  });
});
