/**
 * `@onedoor/hardware/testing`: test helpers — real pseudo-terminal pairs (socat), simulators behind
 * `@serialport/binding-mock` (a devDependency), an ESC/POS decoder for asserting tickets, and sample cards and
 * tickets. Tests only.
 */
export {
  createPtyPair,
  shouldSkipPtyTests,
  socatAvailability,
  type PtyPair,
  type CreatePtyPairOptions,
} from './socat.js';
export { mockDeviceBinding, mockDeviceTransport, type MockDeviceAttach } from './mock-device.js';
export { decodeEscPos, type EscPosOp, type DecodedLine, type DecodedReceipt } from './escpos-decoder.js';
export * from '../../fixtures/id-cards.js';
export * from '../../fixtures/tickets.js';
