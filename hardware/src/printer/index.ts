/**
 * `@onedoor/hardware/printer`: ESC/POS tickets with correct GBK bytes (pure encoder and templates), printer status,
 * and `TicketPrinter` over serial, TCP or a file. The simulator is in `@onedoor/hardware/simulators`.
 */
export * from './escpos.js';
export * from './status.js';
export * from './templates.js';
export * from './documents.js';
export * from './printer.js';
export * from './thermal-printer-interface.js';
