import { SerialPortStream } from '@serialport/stream';
import type { BindingInterface } from '@serialport/bindings-interface';
import { SerialPort } from 'serialport';
import { DeviceError } from './device-error.js';

/** Options for {@link openSerialPort}. */
export interface OpenSerialPortOptions {
  /** Device path, e.g. `/dev/ttyUSB0` or `COM3`. */
  path: string;
  /** Baud rate, e.g. 115200 for the ID-card reader (its default), 9600/19200/115200 for printers. */
  baudRate: number;
  /**
   * The serialport binding. Defaults to the real OS binding that the `serialport` package detects
   * (`SerialPort.binding`); tests pass `MockBinding` from `@serialport/binding-mock`.
   */
  binding?: BindingInterface;
}

/**
 * Opens a serial port through `@serialport/stream` with an injectable binding and resolves once it is open.
 * This is the only function in the transport layer that rejects on open: every failure becomes a
 * {@link DeviceError} saying in Chinese and English what is wrong and what to do.
 */
export function openSerialPort(options: OpenSerialPortOptions): Promise<SerialPortStream> {
  const { path, baudRate } = options;
  if (!path) {
    return Promise.reject(new DeviceError('PORT_NOT_FOUND', '未指定串口路径', 'no serial port path given'));
  }
  if (!Number.isInteger(baudRate) || baudRate <= 0) {
    return Promise.reject(
      new DeviceError(
        'PORT_OPEN_FAILED',
        `波特率 ${String(baudRate)} 无效`,
        `baud rate ${String(baudRate)} is not valid`,
      ),
    );
  }
  const binding = options.binding ?? (SerialPort.binding as BindingInterface);
  return new Promise((resolve, reject) => {
    const port = new SerialPortStream({ binding, path, baudRate, autoOpen: false });
    port.open((err) => {
      if (err) reject(describeOpenError(path, err));
      else resolve(port);
    });
  });
}

/** Maps binding errors (bindings-cpp and binding-mock wording) to a DeviceError with advice. */
export function describeOpenError(path: string, err: Error): DeviceError {
  const text = err.message;
  if (/No such file|ENOENT|does not exist|cannot find|File not found/i.test(text)) {
    return new DeviceError(
      'PORT_NOT_FOUND',
      `找不到串口 ${path}，请检查连线或用 npm run hw -- ports 查看`,
      `serial port not found: ${path} (check the cable, or list ports with: npm run hw -- ports)`,
      { cause: err },
    );
  }
  if (/Permission denied|EACCES|Access denied/i.test(text)) {
    return new DeviceError(
      'PORT_PERMISSION_DENIED',
      `没有权限打开串口 ${path}，请把当前用户加入 dialout 组或以管理员身份运行`,
      `permission denied opening ${path} (add the user to the dialout group)`,
      { cause: err },
    );
  }
  if (/locked|busy|Resource temporarily unavailable|EBUSY/i.test(text)) {
    return new DeviceError(
      'PORT_BUSY',
      `串口 ${path} 已被其他程序占用，请关闭占用它的程序后重试`,
      `serial port ${path} is in use by another program`,
      { cause: err },
    );
  }
  return new DeviceError(
    'PORT_OPEN_FAILED',
    `无法打开串口 ${path}：${text}`,
    `could not open serial port ${path}: ${text}`,
    { cause: err },
  );
}
