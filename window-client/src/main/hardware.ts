/**
 * Real devices, built from the window's config: the SAM ID-card reader, the ESC/POS receipt printer (serial,
 * USB-serial, TCP or a device file) and, when the pad and evaluator hang on this PC's RS-485 line, the device
 * gateway for them. Only the narrow hardware entries; no simulator is imported on this path.
 */
import { adaptIdCardReader, IdCardReader, noCardReader } from '@onedoor/hardware/id-card';
import { TicketPrinter } from '@onedoor/hardware/printer';
import { createGateway, type GatewayLogger, type GatewayOptions } from '@onedoor/hardware/gateway';
import { gatewayConfigOf, type WindowMainConfig } from './config';
import { adaptPrinter, gatewayDevices, noGatewayDevices, noPrinter, type WindowDevices } from './devices';

export interface HardwareOptions {
  /** Extra gateway IO (a serialport binding, an MQTT connector): tests and odd sites. */
  gateway?: Pick<GatewayOptions, 'binding' | 'openSerial' | 'connectMqtt'>;
  logger?: GatewayLogger;
}

export function createWindowDevices(config: WindowMainConfig, options: HardwareOptions = {}): WindowDevices {
  const reader = config.reader
    ? adaptIdCardReader(new IdCardReader({ path: config.reader.path, baudRate: config.reader.baudRate }))
    : noCardReader();
  const printer = config.printer
    ? adaptPrinter(TicketPrinter.forTarget(config.printer.to, { baudRate: config.printer.baudRate }))
    : noPrinter();
  if (!config.gateway || !config.windowId) return { reader, printer, gateway: noGatewayDevices() };

  const ids = {
    ...(config.gateway.pad ? { pad: config.gateway.pad.id } : {}),
    ...(config.gateway.evaluator ? { evaluator: config.gateway.evaluator.id } : {}),
  };
  // The gateway's rating inputs reach the evaluator adapter, which exists only once the gateway does.
  let onRating: ((deviceId: string, level: 1 | 2 | 3 | 4 | 5) => void) | null = null;
  const gateway = createGateway({
    ...gatewayConfigOf({ windowId: config.windowId, gateway: config.gateway }),
    ...options.gateway,
    ...(options.logger ? { logger: options.logger } : {}),
    onDeviceInput: (input) => {
      if (input.type === 'rating') onRating?.(input.deviceId, input.level);
    },
  });
  const devices = gatewayDevices(gateway, ids);
  onRating = (deviceId, level) => devices.onRating(deviceId, level);
  return { reader, printer, gateway: devices };
}
