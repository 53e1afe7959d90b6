/**
 * Electron main for the window client: one clerk's window, the window's devices over IPC, nothing else.
 *
 * Unlike the kiosk, the clerk may leave and resize the window; what stays closed is the way out of the app's page:
 * navigation elsewhere and new windows are denied, permission requests (camera, notifications …) refused, and the
 * page runs sandboxed and isolated with only the preload's device API. Every IPC call is answered only for this
 * window's page, and every argument is checked here, not trusted from the renderer.
 */
import {
  BrowserWindow,
  ipcMain,
  session,
  type BrowserWindowConstructorOptions,
  type IpcMainInvokeEvent,
  type WebContents,
} from 'electron';
import {
  WINDOW_ARGS,
  WINDOW_IPC,
  type EvaluationOutcome,
  type PrintOutcome,
  type WindowDeviceStatus,
} from '../shared/window-api';
import type { WindowMainConfig } from './config';
import { deviceStatus, printOutcome, type WindowDevices } from './devices';
import { renderWindowDocument } from './documents';

export interface WindowMainOptions {
  config: WindowMainConfig;
  devices: WindowDevices;
  /** Absolute path of the built preload script. */
  preloadPath: string;
  /** The renderer: a dev-server URL or the built index.html. */
  renderer: { url: string } | { file: string };
  /** How often main looks at the devices to push a changed status, default 2000 ms. */
  statusIntervalMs?: number;
}

export interface WindowMain {
  window: BrowserWindow;
  close(): Promise<void>;
}

export function windowOptions(
  config: Pick<WindowMainConfig, 'fullscreen' | 'serverUrl' | 'windowId'>,
  preloadPath: string,
): BrowserWindowConstructorOptions {
  return {
    width: 1366,
    height: 768,
    minWidth: 1280,
    minHeight: 720,
    fullscreen: config.fullscreen,
    autoHideMenuBar: true,
    backgroundColor: '#f3f5f9',
    title: '综合窗口 / OneDoor window',
    show: false,
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
      navigateOnDragDrop: false,
      // The sandboxed preload has no IPC before the page asks: the server and window reach it as switches.
      additionalArguments: [
        `${WINDOW_ARGS.serverUrl}${config.serverUrl.replace(/\/+$/, '')}`,
        ...(config.windowId ? [`${WINDOW_ARGS.windowId}${config.windowId}`] : []),
      ],
    },
  };
}

/** The URL the window may stay on: the dev-server origin or the built renderer file. */
export function rendererUrl(renderer: WindowMainOptions['renderer']): string {
  return 'url' in renderer
    ? renderer.url
    : new URL(`file://${renderer.file.startsWith('/') ? '' : '/'}${renderer.file.replace(/\\/g, '/')}`).href;
}

/** Keeps the page on the one page the window shows: no navigation elsewhere, no new windows or webviews. */
export function guardContents(contents: WebContents, allowed: string): void {
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
}

export async function startWindowClient(options: WindowMainOptions): Promise<WindowMain> {
  const { config, devices } = options;
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);

  const win = new BrowserWindow(windowOptions(config, options.preloadPath));
  guardContents(win.webContents, rendererUrl(options.renderer));
  win.once('ready-to-show', () => win.show());

  const fromWindow = (event: IpcMainInvokeEvent): boolean => event.sender === win.webContents;
  const send = (channel: string, value: unknown) => {
    if (!win.isDestroyed()) win.webContents.send(channel, value);
  };
  let lastStatus = '';
  const pushStatus = () => {
    const status = deviceStatus(devices);
    const key = JSON.stringify(status);
    if (key === lastStatus) return;
    lastStatus = key;
    send(WINDOW_IPC.deviceStatus, status);
  };
  const offs = [devices.reader.onCard((card) => send(WINDOW_IPC.card, card)), devices.reader.onHealth(pushStatus)];
  // The gateway's devices and the printer have no change events of their own: look at them now and then.
  const statusTimer = setInterval(pushStatus, options.statusIntervalMs ?? 2000);

  const print = async (document: unknown): Promise<PrintOutcome> => {
    const printer = config.printer;
    const rendered = renderWindowDocument(document, { paper: printer?.paper ?? '80mm', timeZone: config.timeZone });
    if (!rendered.ok) return { printed: false, reason: rendered.reason };
    const outcome = await printOutcome(devices.printer, rendered.bytes);
    pushStatus();
    return outcome;
  };
  const notAllowed: PrintOutcome = { printed: false, reason: '不允许 / not allowed' };

  ipcMain.handle(WINDOW_IPC.config, (event) =>
    fromWindow(event)
      ? {
          serverUrl: config.serverUrl.replace(/\/+$/, ''),
          ...(config.windowId ? { windowId: config.windowId } : {}),
        }
      : null,
  );
  ipcMain.handle(WINDOW_IPC.getDeviceStatus, (event): WindowDeviceStatus | null =>
    fromWindow(event) ? deviceStatus(devices) : null,
  );
  ipcMain.handle(WINDOW_IPC.printDocument, (event, document: unknown) =>
    fromWindow(event) ? print(document) : notAllowed,
  );
  ipcMain.handle(WINDOW_IPC.printReceipt, (event, receipt: unknown) =>
    fromWindow(event)
      ? print(receipt && typeof receipt === 'object' ? { ...receipt, kind: 'service-receipt' } : receipt)
      : notAllowed,
  );
  ipcMain.handle(WINDOW_IPC.startEvaluation, (event, request: unknown): Promise<EvaluationOutcome> => {
    if (!fromWindow(event)) return Promise.resolve({ status: 'unavailable', message: '不允许 / not allowed' });
    const r = request as { ticketId?: unknown } | null;
    if (typeof r?.ticketId !== 'string' || r.ticketId.length === 0)
      return Promise.resolve({ status: 'unavailable', message: '缺少号票 / no ticket given' });
    // The hall starts the window's evaluator itself when the service ends (every finish, from any side); here the
    // clerk's screen waits for what the visitor pressed.
    return devices.gateway.awaitRating(config.evaluationSeconds * 1000);
  });

  await Promise.all([devices.reader.start(), devices.gateway.start()]);
  if ('url' in options.renderer) await win.loadURL(options.renderer.url);
  else await win.loadFile(options.renderer.file);
  pushStatus();

  return {
    window: win,
    async close() {
      clearInterval(statusTimer);
      offs.forEach((off) => off());
      for (const channel of Object.values(WINDOW_IPC)) ipcMain.removeHandler(channel);
      await Promise.allSettled([devices.reader.close(), devices.printer.close(), devices.gateway.close()]);
      if (!win.isDestroyed()) win.destroy();
    },
  };
}
