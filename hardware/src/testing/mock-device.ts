/**
 * Puts a device simulator behind `@serialport/binding-mock`. The mock only records writes and lets a test inject
 * bytes (`emitData`); this wrapper binding turns every opened mock port into a device-side ByteTransport, so a
 * simulator can answer the driver's requests while the test still reads `port.recording`.
 */
import type { BindingInterface, OpenOptions } from '@serialport/bindings-interface';
import { MockBinding, type MockPortBinding } from '@serialport/binding-mock';
import type { ByteTransport } from '../transport/byte-transport.js';

/** Called with the opened mock port and the device end wrapped around it. */
export type MockDeviceAttach = (device: ByteTransport, port: MockPortBinding) => void;

/** A binding that opens ports through MockBinding and hands each one to `attach` (e.g. to start a simulator). */
export function mockDeviceBinding(attach: MockDeviceAttach): BindingInterface {
  return {
    list: () => MockBinding.list(),
    async open(options: OpenOptions) {
      const port = await MockBinding.open(options);
      attach(mockDeviceTransport(port), port);
      return port;
    },
  };
}

/**
 * The device side of an open mock port: `write` = bytes the host will read (`emitData`); `onData` = bytes the host
 * wrote; `close()` pulls the cable — the host's pending read fails with a non-cancel error, which serialport
 * treats as a disconnect (its port emits 'close').
 */
export function mockDeviceTransport(port: MockPortBinding): ByteTransport {
  const dataListeners = new Set<(chunk: Buffer) => void>();
  const closeListeners = new Set<() => void>();
  let open = true;
  const originalWrite = port.write.bind(port);
  port.write = async (buffer: Buffer): Promise<void> => {
    await originalWrite(buffer);
    const copy = Buffer.from(buffer);
    setImmediate(() => dataListeners.forEach((cb) => cb(copy)));
  };
  const originalRead = port.read.bind(port);
  let failRead: ((err: Error) => void) | null = null;
  port.read = (buffer: Buffer, offset: number, length: number) =>
    new Promise((resolve, reject) => {
      if (!open) {
        reject(new Error('device unplugged'));
        return;
      }
      failRead = reject;
      originalRead(buffer, offset, length).then(resolve, reject);
    });
  return {
    write(bytes) {
      if (!open || !port.isOpen) return Promise.resolve();
      port.emitData(Buffer.from(bytes));
      return Promise.resolve();
    },
    onData(cb) {
      dataListeners.add(cb);
      return () => dataListeners.delete(cb);
    },
    onClose(cb) {
      closeListeners.add(cb);
      return () => closeListeners.delete(cb);
    },
    close() {
      if (!open) return Promise.resolve();
      open = false;
      failRead?.(Object.assign(new Error('device unplugged'), { disconnected: true }));
      closeListeners.forEach((cb) => cb());
      return Promise.resolve();
    },
    isOpen: () => open && port.isOpen,
  };
}
