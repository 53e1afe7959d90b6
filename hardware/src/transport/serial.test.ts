import { MockBinding } from '@serialport/binding-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { DeviceError } from './device-error.js';
import { openSerialPort } from './serial.js';
import { openSerialTransport } from './byte-transport.js';

afterEach(() => {
  MockBinding.reset();
});

describe('openSerialPort', () => {
  it('opens through the injected binding', async () => {
    MockBinding.createPort('/dev/ttyFAKE', { record: true });
    const port = await openSerialPort({ path: '/dev/ttyFAKE', baudRate: 115200, binding: MockBinding });
    expect(port.isOpen).toBe(true);
    expect(port.settings.binding).toBe(MockBinding);
    await new Promise<void>((r) => port.close(() => r()));
  });

  it('says in Chinese and English that a missing port is missing and how to list ports', async () => {
    const err = await openSerialPort({ path: '/dev/ttyX', baudRate: 9600, binding: MockBinding }).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(DeviceError);
    const e = err as DeviceError;
    expect(e.code).toBe('PORT_NOT_FOUND');
    expect(e.messageZh).toBe('找不到串口 /dev/ttyX，请检查连线或用 npm run hw -- ports 查看');
    expect(e.messageEn).toContain('serial port not found');
  });

  it('maps the real binding wording for a missing device', async () => {
    const err = await openSerialPort({ path: '/dev/ttyONEDOOR_NOPE', baudRate: 9600 }).catch((e: unknown) => e);
    expect((err as DeviceError).code).toBe('PORT_NOT_FOUND');
  });

  it('reports a port that is already open elsewhere as busy', async () => {
    MockBinding.createPort('/dev/ttyFAKE');
    const first = await openSerialPort({ path: '/dev/ttyFAKE', baudRate: 9600, binding: MockBinding });
    const err = await openSerialPort({ path: '/dev/ttyFAKE', baudRate: 9600, binding: MockBinding }).catch(
      (e: unknown) => e,
    );
    expect((err as DeviceError).code).toBe('PORT_BUSY');
    await new Promise<void>((r) => first.close(() => r()));
  });

  it('rejects a bad baud rate before touching the port', async () => {
    const err = await openSerialPort({ path: '/dev/ttyFAKE', baudRate: 0, binding: MockBinding }).catch(
      (e: unknown) => e,
    );
    expect((err as DeviceError).messageEn).toContain('baud rate');
  });
});

describe('serial ByteTransport over MockBinding', () => {
  it('writes exact bytes and receives device data', async () => {
    MockBinding.createPort('/dev/ttyFAKE', { record: true });
    const t = await openSerialTransport({ path: '/dev/ttyFAKE', baudRate: 115200, binding: MockBinding });
    const got: Buffer[] = [];
    t.onData((c) => got.push(c));
    await t.write(Uint8Array.from([0xaa, 0xaa, 0xaa, 0x96, 0x69]));
    expect(t.isOpen()).toBe(true);
    let closed = false;
    t.onClose(() => {
      closed = true;
    });
    await t.close();
    expect(closed).toBe(true);
    expect(t.isOpen()).toBe(false);
    await expect(t.write(Uint8Array.from([1]))).rejects.toMatchObject({ code: 'PORT_CLOSED' });
  });
});
