import { createGateway, type Gateway, type GatewayLogger } from '@onedoor/hardware/gateway';
import type { RatingLevel } from '@onedoor/hardware/rs485';
import { Rs485BusSimulator } from '@onedoor/hardware/simulators';
import { createMemoryTransportPair } from '@onedoor/hardware/transport';
import type { PadKey } from '@onedoor/protocol';
import type { DeviceRecord, Logger } from '../app/ports.js';

export interface VirtualDevices {
  /** Presses a key on a virtual call pad; false when the gateway did not answer. */
  pressKey(deviceId: string, key: PadKey): Promise<boolean>;
  rate(deviceId: string, level: RatingLevel): Promise<boolean>;
  /** What every virtual pad / LED strip shows now. */
  shown(): {
    deviceId: string;
    kind: string;
    windowId: string | null;
    address: number;
    shows: string | null;
    /** An evaluator waiting for the visitor's rating (started at the end of a service). */
    evaluating: boolean;
  }[];
  stop(): Promise<void>;
}

export class UnknownVirtualDeviceError extends Error {}

/**
 * The demo hall's wired window devices (call pads, LED strips, evaluators) without hardware: the real device gateway
 * drives an RS-485 bus simulator over an in-memory line, and talks to the hall over MQTT exactly as on site.
 */
export async function startVirtualDevices(options: {
  mqttUrl: string;
  hallId: string;
  gatewayId: string;
  gatewayToken: string;
  devices: DeviceRecord[];
  log: Logger;
}): Promise<VirtualDevices> {
  const wired = options.devices
    .filter(
      (d): d is DeviceRecord & { kind: 'pad' | 'led' | 'evaluator' } =>
        d.kind === 'pad' || d.kind === 'led' || d.kind === 'evaluator',
    )
    .map((d) => ({ ...d, address: Number(d.settings.address) }))
    .filter((d) => Number.isInteger(d.address));
  const [hostSide, deviceSide] = createMemoryTransportPair();
  const sim = new Rs485BusSimulator(deviceSide);
  const logger: GatewayLogger = {
    info: (m) => options.log.debug({ gateway: m }),
    warn: (m) => options.log.warn({ gateway: m }),
    error: (m) => options.log.error({ gateway: m }),
  };
  const gateway: Gateway = createGateway({
    mqttUrl: options.mqttUrl,
    hallId: options.hallId,
    username: options.gatewayId,
    password: options.gatewayToken,
    clientIdPrefix: 'onedoor-virtual',
    devices: wired.map((d) => ({
      id: d.id,
      kind: d.kind,
      port: 'virtual-rs485',
      address: d.address,
      ...(d.windowId ? { windowId: d.windowId } : {}),
    })),
    openSerial: () => Promise.resolve(hostSide),
    logger,
  });
  await gateway.start();
  const addressOf = (deviceId: string, kind: string) => {
    const d = wired.find((x) => x.id === deviceId && x.kind === kind);
    if (!d) throw new UnknownVirtualDeviceError(`no virtual ${kind} ${deviceId}`);
    return d.address;
  };
  return {
    pressKey: (deviceId, key) => sim.pressKey(addressOf(deviceId, 'pad'), key),
    rate: (deviceId, level) => sim.rate(addressOf(deviceId, 'evaluator'), level),
    shown: () =>
      wired.map((d) => ({
        deviceId: d.id,
        kind: d.kind,
        windowId: d.windowId,
        address: d.address,
        shows: sim.shown(d.address) ?? null,
        evaluating: sim.device(d.address).evaluating,
      })),
    stop: () => gateway.stop(),
  };
}
