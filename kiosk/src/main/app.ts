/**
 * Electron main for the kiosk: one locked-down full-screen window, the device API over IPC, the hidden admin exit.
 *
 * Lock-down (peers.md §3 item 11 — the public must not leave the kiosk): kiosk + fullscreen window without frame or
 * menu; devtools off; every navigation away and every new window denied; no context menu; keyboard shortcuts that
 * close, reload or open tools swallowed (Alt+F4, Ctrl+W/R/Q, F5, F11, F12 …); the window refuses to close until the
 * admin PIN was given; all permission requests (camera, notifications …) refused.
 */
import {
  app,
  BrowserWindow,
  ipcMain,
  Menu,
  session,
  type BrowserWindowConstructorOptions,
  type IpcMainInvokeEvent,
  type WebContents,
} from 'electron';
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IssuedTicket } from '@onedoor/protocol';
import type { CardReaderFeed } from '@onedoor/hardware/id-card';
import { KIOSK_IPC, type DeviceStatus, type KioskConfig, type PairOutcome } from '../shared/kiosk-api';
import { pairWithHall } from '../shared/pairing';
import type { KioskMainConfig } from './config';
import { printOutcome, type KioskTicketPrinter } from './devices';

export interface KioskMainOptions {
  config: KioskMainConfig;
  reader: CardReaderFeed;
  printer: KioskTicketPrinter;
  /** Absolute path of the built preload script. */
  preloadPath: string;
  /** The renderer: a dev-server URL or the built index.html. */
  renderer: { url: string } | { file: string };
  /** Persists the device token after pairing (the config file). */
  saveDeviceToken(token: string | null): void;
  /** HTTP client for pairing; default the global fetch. */
  fetch?: typeof fetch;
  /** Quits the app (after a correct admin PIN); default app.quit(). */
  quit?: () => void;
}

export interface KioskMain {
  window: BrowserWindow;
  close(): Promise<void>;
}

export function kioskWindowOptions(
  config: Pick<KioskMainConfig, 'lockdown'>,
  preloadPath: string,
): BrowserWindowConstructorOptions {
  const locked = config.lockdown;
  return {
    width: 1080,
    height: 1920,
    kiosk: locked,
    fullscreen: locked,
    frame: !locked,
    autoHideMenuBar: true,
    closable: !locked,
    minimizable: !locked,
    movable: !locked,
    resizable: !locked,
    backgroundColor: '#f3f5f9',
    show: false,
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      devTools: !locked,
      spellcheck: false,
      navigateOnDragDrop: false,
      disableBlinkFeatures: 'Auxclick',
    },
  };
}

/** Key combinations a visitor could use to close, reload or inspect the kiosk. */
export function isBlockedInput(input: {
  key: string;
  control?: boolean;
  meta?: boolean;
  alt?: boolean;
  shift?: boolean;
}): boolean {
  const key = input.key.length === 1 ? input.key.toLowerCase() : input.key;
  if (input.alt && (key === 'F4' || key === 'Tab' || key === 'Alt' || key === ' ')) return true;
  if (key === 'Alt') return true; // the menu bar key
  if (['F1', 'F3', 'F5', 'F7', 'F11', 'F12', 'BrowserBack', 'BrowserForward', 'BrowserRefresh'].includes(key))
    return true;
  const mod = input.control || input.meta;
  if (
    mod &&
    ['w', 'q', 'r', 'n', 't', 'p', 's', 'o', 'u', 'f', 'g', 'h', 'j', 'l', '+', '-', '=', '0', 'Tab'].includes(key)
  )
    return true;
  if (mod && input.shift && ['i', 'j', 'c', 'k', 'r', 'Delete'].includes(key)) return true;
  if (input.alt && (key === 'ArrowLeft' || key === 'ArrowRight' || key === 'Home')) return true;
  return false;
}

/** The URL prefix the window may stay on: the dev-server origin or the built renderer file. */
export function rendererUrl(renderer: KioskMainOptions['renderer']): string {
  return 'url' in renderer
    ? renderer.url
    : new URL(`file://${renderer.file.startsWith('/') ? '' : '/'}${renderer.file.replace(/\\/g, '/')}`).href;
}

/** Applies the lock-down to the window's contents. `allowed` is the one page the kiosk shows. */
export function lockDownContents(contents: WebContents, allowed: string, locked: boolean): void {
  const home = new URL(allowed);
  const samePage = (url: string): boolean => {
    try {
      const u = new URL(url);
      return u.origin === home.origin && u.pathname === home.pathname;
    } catch {
      return false;
    }
  };
  contents.on('will-navigate', (event, url) => {
    if (!samePage(url)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!samePage(url)) event.preventDefault();
  });
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.on('context-menu', (event) => event.preventDefault());
  if (!locked) return;
  contents.on('before-input-event', (event, input) => {
    if (isBlockedInput(input)) event.preventDefault();
  });
  contents.on('devtools-opened', () => contents.closeDevTools());
  contents.setZoomFactor(1);
  contents.setVisualZoomLevelLimits(1, 1).catch(() => undefined);
}

const sha = (s: string): Buffer => createHash('sha256').update(s).digest();

/** Compares PINs in constant time; after 5 wrong tries, refuses everything for a minute. */
export function pinChecker(pin: string | undefined, now: () => number = Date.now): (attempt: unknown) => boolean {
  let wrong = 0;
  let lockedUntil = 0;
  return (attempt) => {
    if (!pin || typeof attempt !== 'string' || now() < lockedUntil) return false;
    if (timingSafeEqual(sha(pin), sha(attempt))) {
      wrong = 0;
      return true;
    }
    if (++wrong >= 5) {
      wrong = 0;
      lockedUntil = now() + 60_000;
    }
    return false;
  };
}

export async function startKiosk(options: KioskMainOptions): Promise<KioskMain> {
  const { config, reader, printer } = options;
  const locked = config.lockdown;
  let exiting = false;

  Menu.setApplicationMenu(null);
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);

  const win = new BrowserWindow(kioskWindowOptions(config, options.preloadPath));
  win.setMenu(null);
  const allowed = rendererUrl(options.renderer);
  lockDownContents(win.webContents, allowed, locked);
  if (locked) {
    // Alt+F4 and the window manager's close button end here unless the admin PIN was given.
    win.on('close', (event) => {
      if (!exiting) event.preventDefault();
    });
    win.on('leave-full-screen', () => win.setFullScreen(true));
  }
  win.once('ready-to-show', () => win.show());

  const fromKiosk = (event: IpcMainInvokeEvent): boolean => event.sender === win.webContents;
  const checkPin = pinChecker(config.adminPin);
  let deviceToken = config.deviceToken;

  const status = (): DeviceStatus => ({ reader: reader.health(), printer: printer.health() });
  const pushStatus = () => {
    if (!win.isDestroyed()) win.webContents.send(KIOSK_IPC.deviceStatus, status());
  };
  const offs = [
    reader.onCard((holder) => {
      if (!win.isDestroyed()) win.webContents.send(KIOSK_IPC.card, holder);
    }),
    // Most cards lead to a ticket: the printer's check runs while the card is read, not after the hall's ack.
    reader.onFound(() => printer.prepare()),
    reader.onHealth(pushStatus),
  ];

  ipcMain.handle(KIOSK_IPC.config, (event): KioskConfig | null => {
    if (!fromKiosk(event)) return null;
    return {
      serverUrl: config.serverUrl.replace(/\/$/, ''),
      deviceToken,
      idleSeconds: config.idleSeconds,
      ticketSeconds: config.ticketSeconds,
      ...(config.hoursText ? { hoursText: config.hoursText } : {}),
      ...(config.hoursTextEn ? { hoursTextEn: config.hoursTextEn } : {}),
      virtualDevices: false,
      runtime: 'electron',
    };
  });
  ipcMain.handle(KIOSK_IPC.getDeviceStatus, (event) => (fromKiosk(event) ? status() : null));
  ipcMain.handle(KIOSK_IPC.printTicket, async (event, ticket: IssuedTicket) => {
    if (!fromKiosk(event)) return { printed: false, reason: 'not allowed' };
    const outcome = await printOutcome(printer, ticket);
    pushStatus();
    return outcome;
  });
  ipcMain.handle(KIOSK_IPC.saveDeviceToken, (event, token: unknown) => {
    if (!fromKiosk(event) || (token !== null && typeof token !== 'string')) return;
    deviceToken = token;
    options.saveDeviceToken(token);
  });
  ipcMain.handle(KIOSK_IPC.pairDevice, async (event, code: unknown): Promise<PairOutcome> => {
    if (!fromKiosk(event) || typeof code !== 'string' || !/^\d{6}$/.test(code)) {
      return { ok: false, message: '配对码为6位数字', messageEn: 'the pairing code has 6 digits' };
    }
    const r = await pairWithHall(config.serverUrl, code, options.fetch ?? fetch);
    if (r.ok) {
      deviceToken = r.deviceToken;
      options.saveDeviceToken(r.deviceToken);
    }
    return r;
  });
  ipcMain.handle(KIOSK_IPC.exitKiosk, (event, pin: unknown) => {
    if (!fromKiosk(event) || !checkPin(pin)) return false;
    exiting = true;
    setTimeout(() => (options.quit ?? (() => app.quit()))(), 50);
    return true;
  });

  await reader.start();
  if ('url' in options.renderer) await win.loadURL(options.renderer.url);
  else await win.loadFile(options.renderer.file);

  return {
    window: win,
    async close() {
      exiting = true;
      offs.forEach((off) => off());
      for (const channel of Object.values(KIOSK_IPC)) ipcMain.removeHandler(channel);
      await Promise.allSettled([reader.close(), printer.close()]);
      if (!win.isDestroyed()) win.destroy();
    },
  };
}
