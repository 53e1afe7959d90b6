/**
 * The kiosk's preload: the narrow device API, nothing else, exposed as `window.kioskApi`. Runs sandboxed; the object
 * is checked against KioskDeviceApi with `satisfies`, so preload and renderer cannot drift.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { IssuedTicket } from '@onedoor/protocol';
import {
  KIOSK_IPC,
  type CardHolder,
  type DeviceStatus,
  type KioskConfig,
  type KioskDeviceApi,
  type PairOutcome,
  type PrintOutcome,
} from '../shared/kiosk-api';

function subscribe<T>(channel: string, cb: (value: T) => void): () => void {
  const listener = (_event: IpcRendererEvent, value: T) => cb(value);
  ipcRenderer.on(channel, listener);
  return () => {
    ipcRenderer.removeListener(channel, listener);
  };
}

const kioskApi = {
  onCard: (cb: (holder: CardHolder) => void) => subscribe(KIOSK_IPC.card, cb),
  onDeviceStatus: (cb: (status: DeviceStatus) => void) => subscribe(KIOSK_IPC.deviceStatus, cb),
  printTicket: (ticket: IssuedTicket): Promise<PrintOutcome> => ipcRenderer.invoke(KIOSK_IPC.printTicket, ticket),
  getDeviceStatus: (): Promise<DeviceStatus> => ipcRenderer.invoke(KIOSK_IPC.getDeviceStatus),
  config: (): Promise<KioskConfig> => ipcRenderer.invoke(KIOSK_IPC.config),
  pairDevice: (code: string): Promise<PairOutcome> => ipcRenderer.invoke(KIOSK_IPC.pairDevice, code),
  saveDeviceToken: (token: string | null): Promise<void> => ipcRenderer.invoke(KIOSK_IPC.saveDeviceToken, token),
  exitKiosk: (pin: string): Promise<boolean> => ipcRenderer.invoke(KIOSK_IPC.exitKiosk, pin),
} satisfies KioskDeviceApi;

contextBridge.exposeInMainWorld('kioskApi', kioskApi);
