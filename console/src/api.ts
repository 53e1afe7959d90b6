/** REST calls the console makes with the manager's session token (Bearer), typed by the protocol's REST map. */
import {
  createRestClient,
  type AlarmList,
  type AlarmView,
  type DeviceView,
  type PairingCode,
  type RestAnswer,
} from '@onedoor/protocol';
import type { ConsoleDevice } from './console-model';

export type RestResult<T> = { ok: true; data: T } | { ok: false; message: string; status: number };

const client = (origin: string, token: string) => createRestClient({ origin, token: () => token });

/** The console shows the server's Chinese message (or why the server could not be reached). */
const toResult = <T>(answer: RestAnswer<T>): RestResult<T> =>
  answer.ok ? { ok: true, data: answer.data } : { ok: false, message: answer.error.message, status: answer.status };

export const fetchDevices = async (origin: string, token: string): Promise<RestResult<DeviceView[]>> =>
  toResult(await client(origin, token).call('GET /api/devices', {}));

export const createPairingCode = async (
  origin: string,
  token: string,
  deviceId: string,
): Promise<RestResult<PairingCode>> =>
  toResult(await client(origin, token).call('POST /api/devices/:id/pairing-code', { params: { id: deviceId } }));

/** Saves a device's console settings (a board's services and windows); the server pushes them to the device. */
export const saveDeviceSettings = async (
  origin: string,
  token: string,
  device: ConsoleDevice,
  settings: Record<string, unknown>,
): Promise<RestResult<DeviceView>> =>
  toResult(
    await client(origin, token).call('PUT /api/devices/:id', {
      params: { id: device.id },
      body: { kind: device.kind, name: device.name, windowId: device.windowId, settings },
    }),
  );

export const fetchAlarms = async (origin: string, token: string): Promise<RestResult<AlarmList>> =>
  toResult(await client(origin, token).call('GET /api/alarms', {}));

/** Acknowledges an alarm with the manager's note (who and when are the server's). */
export const acknowledgeAlarm = async (
  origin: string,
  token: string,
  id: number,
  note: string,
): Promise<RestResult<AlarmView>> =>
  toResult(
    await client(origin, token).call('POST /api/alarms/:id/acknowledge', {
      params: { id: String(id) },
      body: { note },
    }),
  );

/** Moves every waiting ticket of a service to another; each keeps its place by issue time. */
export const moveWaitingTickets = async (origin: string, token: string, fromServiceId: string, toServiceId: string) =>
  await client(origin, token).call('POST /api/services/:id/move-waiting', {
    params: { id: fromServiceId },
    body: { toServiceId },
  });

/** Moves the clerk of an idle window to a free one. */
export const moveClerk = async (origin: string, token: string, fromWindowId: string, toWindowId: string) =>
  await client(origin, token).call('POST /api/windows/:id/move-clerk', {
    params: { id: fromWindowId },
    body: { toWindowId },
  });
