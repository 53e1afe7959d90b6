/**
 * The one contract between the kiosk renderer and whatever provides its devices:
 * - in Electron, the preload script exposes it as `window.kioskApi` (checked with `satisfies KioskDeviceApi`) and
 *   Electron main answers over the IPC channels below;
 * - in a plain browser (`/kiosk/` served by the hall server), `createWebBridge()` implements it with virtual devices.
 *
 * Types only (plus channel names): the renderer, the preload and main all import this file.
 */
import type { IssuedTicket } from '@onedoor/protocol';

/** The part of an ID-card read the kiosk needs for real-name queuing. Full data never leaves the ticket command. */
export interface CardHolder {
  /** 18-character number (GB 11643), or the 2017 foreigner card's 15 characters. */
  idNumber: string;
  name: string;
  /** resident | hmt-residence-permit | foreigner-2017 | foreigner-2023 */
  kind: string;
}

export type DeviceState = 'ready' | 'absent' | 'error' | 'virtual';

export interface DeviceHealth {
  state: DeviceState;
  /** Chinese text for the screen, e.g. 打印机缺纸 */
  message?: string;
  messageEn?: string;
}

export interface DeviceStatus {
  reader: DeviceHealth;
  printer: DeviceHealth;
}

export interface PrintOutcome {
  printed: boolean;
  /** Printer status text when printing failed (缺纸, 上盖打开 …); sent on to the server with `ticket:print-result`. */
  reason?: string;
}

export type PairOutcome = { ok: true; deviceToken: string } | { ok: false; message: string; messageEn: string };

/** What the renderer needs to run: where the hall is, who it is, how it behaves. */
export interface KioskConfig {
  /** Hall server origin, e.g. http://10.0.0.5:8080 (the page's own origin in a browser). */
  serverUrl: string;
  /** Paired device token; null shows the pairing screen. */
  deviceToken: string | null;
  /** Seconds without a touch before the kiosk returns home (default 60). */
  idleSeconds: number;
  /** Seconds the issued ticket stays on screen (default 30). */
  ticketSeconds: number;
  /** Extra line under the hall's notice, e.g. the hall's hours as the hall wants them worded. */
  hoursText?: string;
  /** The same in English (kiosk in English); unset: the hours from the server in English. */
  hoursTextEn?: string;
  /** True in a browser: show the virtual-device panel (demo cards, printer switch). */
  virtualDevices: boolean;
  /** Where the devices come from, for the status line. */
  runtime: 'electron' | 'browser';
}

export interface KioskDeviceApi {
  /** Subscribes to ID-card reads; returns the unsubscribe function. */
  onCard(cb: (holder: CardHolder) => void): () => void;
  /** Subscribes to device status changes (reader unplugged, printer out of paper …). */
  onDeviceStatus(cb: (status: DeviceStatus) => void): () => void;
  /** Prints the ticket; never rejects — a failure comes back as `{ printed: false, reason }`. */
  printTicket(ticket: IssuedTicket): Promise<PrintOutcome>;
  getDeviceStatus(): Promise<DeviceStatus>;
  config(): Promise<KioskConfig>;
  /**
   * Exchanges a 6-digit pairing code for a device token (POST /api/devices/pair) and stores the token. Done by the
   * provider, not the page: an Electron page loaded from file:// may not call the hall's REST API (CORS).
   */
  pairDevice(code: string): Promise<PairOutcome>;
  /** Stores (or with null forgets) the device token. */
  saveDeviceToken(token: string | null): Promise<void>;
  /** Hidden admin exit: main checks the PIN (the renderer never sees it) and quits when it matches. */
  exitKiosk(pin: string): Promise<boolean>;
}

/** IPC channel names between preload and Electron main. */
export const KIOSK_IPC = {
  card: 'kiosk:card',
  deviceStatus: 'kiosk:device-status',
  printTicket: 'kiosk:print-ticket',
  getDeviceStatus: 'kiosk:get-device-status',
  config: 'kiosk:config',
  saveDeviceToken: 'kiosk:save-device-token',
  pairDevice: 'kiosk:pair-device',
  exitKiosk: 'kiosk:exit',
} as const;

declare global {
  interface Window {
    /** Present in Electron (preload); absent in a browser. */
    kioskApi?: KioskDeviceApi;
  }
}
