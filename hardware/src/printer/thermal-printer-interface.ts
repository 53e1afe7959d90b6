/**
 * node-thermal-printer bridge. Of node-thermal-printer 4.6.1 we use only its custom-interface hook: its
 * `interface` option accepts an object with `execute(buffer)` / `isPrinterConnected()` / `getPrinterName()` and
 * uses it as-is (`lib/interfaces/index.js`: `if (typeof uri === 'object') return uri;`). This lets code written
 * against its API — chiefly `printImage(png)` for a raster logo, which we do not reimplement — send over our
 * ByteTransports (serial with injected binding, TCP, file).
 *
 * We do NOT use its text, QR, size or cut commands for Chinese tickets (see escpos.ts): it sends no FS &, counts
 * QR length in UTF-16 units, folds by characters, swaps width/height in setTextSize, and switches code page on ¥.
 * Its typings declare `interface: string`, hence the cast in {@link thermalPrinterOptions}.
 */
import type { ByteTransport } from '../transport/byte-transport.js';

/** The object node-thermal-printer's `interface` option accepts (contract of `lib/interfaces/interface.js`). */
export interface ThermalPrinterInterface {
  getPrinterName(): string;
  isPrinterConnected(): Promise<boolean>;
  execute(buffer: Buffer, options?: { waitForResponse?: boolean }): Promise<Buffer | undefined>;
}

/**
 * Wraps a ByteTransport as a node-thermal-printer interface. `execute(..., { waitForResponse: true })` resolves
 * with the first reply chunk, as its Network interface does.
 */
export function thermalPrinterInterface(transport: ByteTransport, name = 'onedoor'): ThermalPrinterInterface {
  return {
    getPrinterName: () => name,
    isPrinterConnected: () => Promise.resolve(transport.isOpen()),
    async execute(buffer, options) {
      if (!options?.waitForResponse) {
        await transport.write(buffer);
        return undefined;
      }
      const reply = new Promise<Buffer>((resolve) => {
        const off = transport.onData((chunk) => {
          off();
          resolve(chunk);
        });
      });
      await transport.write(buffer);
      return reply;
    },
  };
}

/** `interface` option value for `new ThermalPrinter({...})` (its typings only allow a string). */
export function thermalPrinterOptions(transport: ByteTransport): { interface: string } {
  return { interface: thermalPrinterInterface(transport) as unknown as string };
}
