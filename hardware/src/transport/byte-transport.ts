import { Socket } from 'node:net';
import type { SerialPortStream } from '@serialport/stream';
import { DeviceError } from './device-error.js';
import { openSerialPort, type OpenSerialPortOptions } from './serial.js';

/**
 * The seam every driver in this package talks through: bytes out, bytes in, close notification.
 * Implementations: serial port stream, TCP socket, file/device path, in-memory pair (tests and simulators).
 */
export interface ByteTransport {
  /** Resolves once the bytes have been handed to the OS (serial: drained). Rejects with a DeviceError. */
  write(bytes: Uint8Array): Promise<void>;
  /** Subscribes to incoming bytes; returns the unsubscribe function. */
  onData(cb: (chunk: Buffer) => void): () => void;
  /** Called once when the link closes (by us, by the peer, or because the device was unplugged). */
  onClose(cb: () => void): () => void;
  /** Closes the link; resolves when it is closed. Safe to call twice. */
  close(): Promise<void>;
  isOpen(): boolean;
}

/** A factory that opens a fresh transport; drivers call it again to reconnect after a device disappears. */
export type ByteTransportFactory = () => Promise<ByteTransport>;

/** Wraps an open serial port stream. */
export function serialPortTransport(port: SerialPortStream): ByteTransport {
  // Errors arrive through the write/close callbacks; a listener is still needed so an 'error' event emitted
  // without a callback (e.g. a failed read on unplug) does not crash the process. The close that follows is
  // what drivers react to.
  port.on('error', () => undefined);
  // Flowing mode from the start, so bytes arriving before a subscriber are not left in the stream buffer
  // and replayed later out of order.
  port.on('data', () => undefined);
  return {
    write(bytes) {
      return new Promise((resolve, reject) => {
        if (!port.isOpen) {
          reject(new DeviceError('PORT_CLOSED', `串口 ${port.path} 未打开`, `serial port ${port.path} is not open`));
          return;
        }
        port.write(Buffer.from(bytes), (err) => {
          if (err) {
            reject(writeError(port.path, err));
            return;
          }
          port.drain((drainErr) => (drainErr ? reject(writeError(port.path, drainErr)) : resolve()));
        });
      });
    },
    onData(cb) {
      port.on('data', cb);
      return () => port.off('data', cb);
    },
    onClose(cb) {
      const handler = (): void => cb();
      port.once('close', handler);
      return () => port.off('close', handler);
    },
    close() {
      return new Promise((resolve) => {
        if (!port.isOpen) {
          resolve();
          return;
        }
        port.close(() => resolve());
      });
    },
    isOpen: () => port.isOpen,
  };
}

function writeError(path: string, err: Error): DeviceError {
  return new DeviceError(
    'WRITE_FAILED',
    `向串口 ${path} 写数据失败：${err.message}`,
    `write to ${path} failed: ${err.message}`,
    {
      cause: err,
    },
  );
}

/** Opens a serial port (see {@link openSerialPort}) and wraps it as a ByteTransport. */
export async function openSerialTransport(options: OpenSerialPortOptions): Promise<ByteTransport> {
  return serialPortTransport(await openSerialPort(options));
}

/** Options for {@link connectTcpTransport}. */
export interface TcpTransportOptions {
  host: string;
  /** TCP port; network ESC/POS printers listen on 9100 (the default). */
  port?: number;
  /** Connect timeout in ms, default 3000 (as node-thermal-printer's Network interface). */
  connectTimeoutMs?: number;
}

/** Connects to a TCP device (network printer, serial server) and wraps the socket as a ByteTransport. */
export function connectTcpTransport(options: TcpTransportOptions): Promise<ByteTransport> {
  const host = options.host;
  const port = options.port ?? 9100;
  const timeoutMs = options.connectTimeoutMs ?? 3000;
  return new Promise((resolve, reject) => {
    const socket = new Socket();
    let open = false;
    const fail = (reason: string): void => {
      socket.destroy();
      reject(
        new DeviceError(
          'TCP_CONNECT_FAILED',
          `无法连接网络设备 ${host}:${port}（${reason}），请检查网线、IP 地址和端口`,
          `could not connect to ${host}:${port} (${reason})`,
        ),
      );
    };
    const timer = setTimeout(() => fail(`超过 ${timeoutMs} ms 无响应 / no answer within ${timeoutMs} ms`), timeoutMs);
    socket.once('error', (err) => {
      clearTimeout(timer);
      if (!open) fail(err.message);
    });
    socket.connect(port, host, () => {
      clearTimeout(timer);
      open = true;
      socket.setNoDelay(true);
      socket.on('error', () => undefined); // the 'close' that follows is what callers see
      socket.once('close', () => {
        open = false;
      });
      resolve(socketTransport(socket, () => open));
    });
  });
}

function socketTransport(socket: Socket, isOpen: () => boolean): ByteTransport {
  const where = `${socket.remoteAddress ?? '?'}:${socket.remotePort ?? '?'}`;
  return {
    write(bytes) {
      return new Promise((resolve, reject) => {
        if (!isOpen()) {
          reject(new DeviceError('PORT_CLOSED', `网络连接 ${where} 已断开`, `connection to ${where} is closed`));
          return;
        }
        socket.write(Buffer.from(bytes), (err) =>
          err
            ? reject(
                new DeviceError(
                  'WRITE_FAILED',
                  `向 ${where} 发送失败：${err.message}`,
                  `write to ${where} failed: ${err.message}`,
                ),
              )
            : resolve(),
        );
      });
    },
    onData(cb) {
      socket.on('data', cb);
      return () => socket.off('data', cb);
    },
    onClose(cb) {
      const handler = (): void => cb();
      socket.once('close', handler);
      return () => socket.off('close', handler);
    },
    close() {
      return new Promise((resolve) => {
        if (socket.destroyed) {
          resolve();
          return;
        }
        socket.once('close', () => resolve());
        socket.end();
        setTimeout(() => socket.destroy(), 500).unref();
      });
    },
    isOpen,
  };
}

/** Wraps an already connected socket (used by simulators on the accepting side). */
export function acceptedSocketTransport(socket: Socket): ByteTransport {
  let open = !socket.destroyed;
  socket.on('error', () => undefined);
  socket.once('close', () => {
    open = false;
  });
  return socketTransport(socket, () => open);
}
