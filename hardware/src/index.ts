/**
 * `@onedoor/hardware`: the device package's public API. Imported by Electron main (kiosk, window-client) and the
 * hall server; never by renderers. Byte-level protocol modules are exported as namespaces because their names
 * (encodeFrame, FRAME_END, …) repeat across devices.
 */

// --- transport (serial, TCP, in-memory) and errors -----------------------------------------------------------------
export { DeviceError, isDeviceError, type DeviceErrorCode } from './transport/device-error.js';
export { openSerialPort, describeOpenError, type OpenSerialPortOptions } from './transport/serial.js';
export {
  serialPortTransport,
  openSerialTransport,
  connectTcpTransport,
  acceptedSocketTransport,
  type ByteTransport,
  type ByteTransportFactory,
  type TcpTransportOptions,
} from './transport/byte-transport.js';
export { createMemoryTransportPair } from './transport/memory-transport.js';

// --- ID-card reader (SAM serial protocol) ---------------------------------------------------------------------------
export * as samProtocol from './id-card/protocol.js';
export { SamFrameParser, type SamParseEvent, type SamFrameParserOptions } from './id-card/frame-parser.js';
export * from './id-card/card-text.js';
export { IdCardReader, readerTimeoutError, type IdCardReaderOptions, type IdCardReaderEventMap, type IdCardReaderStatus } from './id-card/reader.js';
export { IdCardReaderSim, encodeCardText, fakePhotoWlt, type SimCard, type IdCardReaderSimOptions } from './id-card/reader.sim.js';

// --- ticket printer (ESC/POS) ---------------------------------------------------------------------------------------
export * from './printer/escpos.js';
export * from './printer/status.js';
export * from './printer/templates.js';
export * from './printer/printer.js';
export * from './printer/printer.sim.js';
export * from './printer/thermal-printer-interface.js';

// --- call pads, evaluators and window strips on RS-485 (FF 68 frames) ----------------------------------------------
export * as rs485Protocol from './rs485/protocol.js';
export { DEFAULT_RATING_MAP, type RatingLevel, type Rs485Frame, type HostCommand } from './rs485/protocol.js';
export { Rs485Bus, type Rs485BusOptions, type Rs485BusEventMap, type PadKeyPayload as BusKeyPayload, type EvaluatorRatingPayload } from './rs485/bus.js';
export {
  Rs485BusSimulator,
  openBusSimulator,
  type Rs485BusSimulatorOptions,
  type Rs485BusSimulatorEventMap,
  type OpenBusSimulatorOptions,
  type SimDeviceRecord,
  type SimDisplay,
} from './rs485/bus.sim.js';

// --- Onbon BX-5K/6K LED boards ----------------------------------------------------------------------------------------
export * as onbonProtocol from './onbon/protocol.js';
export { type DynamicArea, type DecodedArea } from './onbon/protocol.js';
export { OnbonBoard, OnbonNackError, type OnbonBoardOptions, type OnbonBoardEventMap } from './onbon/board.js';
export {
  OnbonBoardSimulator,
  openOnbonSimulator,
  listenOnbonTcpSimulator,
  type OnbonBoardSimulatorOptions,
  type OnbonTcpSimulator,
} from './onbon/board.sim.js';

// --- MQTT device gateway ----------------------------------------------------------------------------------------------
export { createGateway, type Gateway, type GatewayOptions, type GatewayLogger, type GatewayDeviceStatus } from './gateway/gateway.js';
export {
  gatewayConfigSchema,
  parseGatewayConfig,
  parseGatewayConfigJson,
  resolveGatewayConfig,
  GatewayConfigError,
  type GatewayConfig,
  type GatewayConfigInput,
  type GatewayDevice,
} from './gateway/config.js';

// --- test helpers (real ptys, simulators behind MockBinding) -----------------------------------------------------------
export { createPtyPair, shouldSkipPtyTests, socatAvailability, type PtyPair, type CreatePtyPairOptions } from './testing/socat.js';
export { mockDeviceBinding, mockDeviceTransport, type MockDeviceAttach } from './testing/mock-device.js';
export { decodeEscPos, type EscPosOp, type DecodedLine, type DecodedReceipt } from './testing/escpos-decoder.js';
