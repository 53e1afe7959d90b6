/**
 * `@onedoor/hardware/transport`: how bytes reach a device (serial with an injectable binding, TCP, a file, an
 * in-memory line) and the bilingual `DeviceError` every driver reports.
 */
export { DeviceError, errorTexts, isDeviceError, type DeviceErrorCode } from './device-error.js';
export { openSerialPort, describeOpenError, type OpenSerialPortOptions } from './serial.js';
export {
  serialPortTransport,
  openSerialTransport,
  connectTcpTransport,
  acceptedSocketTransport,
  type ByteTransport,
  type ByteTransportFactory,
  type TcpTransportOptions,
} from './byte-transport.js';
export { openFileTransport } from './file-transport.js';
export { createMemoryTransportPair } from './memory-transport.js';
