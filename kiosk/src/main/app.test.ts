/**
 * Electron main of the kiosk, tested in Node: only the `electron` module is replaced (a recording fake); the devices
 * are the real hardware drivers talking to the hardware simulators over in-memory links.
 */
import { EventEmitter } from 'node:events';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { IssuedTicket } from '@onedoor/protocol';
import { createMemoryTransportPair } from '@onedoor/hardware/transport';
import { adaptIdCardReader, IdCardReader, noCardReader } from '@onedoor/hardware/id-card';
import { TicketPrinter } from '@onedoor/hardware/printer';
import { IdCardReaderSim, PrinterSim } from '@onedoor/hardware/simulators';
import { decodeEscPos, RESIDENT_CARD } from '@onedoor/hardware/testing';
import {
  KIOSK_IPC,
  type CardHolder,
  type DeviceStatus,
  type KioskConfig,
  type PrintOutcome,
} from '../shared/kiosk-api';

// ---------- the fake electron module ----------
const fake = vi.hoisted(() => {
  const state = {
    windows: [] as unknown[],
    handlers: new Map<string, (event: unknown, ...args: unknown[]) => unknown>(),
    applicationMenu: 'default' as unknown,
    permissionHandler: null as null | ((wc: unknown, permission: string, cb: (ok: boolean) => void) => void),
    quit: 0,
  };
  return state;
});

vi.mock('electron', async () => {
  const { EventEmitter: Emitter } = await import('node:events');
  class FakeWebContents extends Emitter {
    sent: [string, unknown][] = [];
    openHandler: ((d: { url: string }) => { action: string }) | null = null;
    devToolsClosed = 0;
    zoom = 0;
    send(channel: string, value: unknown) {
      this.sent.push([channel, value]);
    }
    setWindowOpenHandler(h: (d: { url: string }) => { action: string }) {
      this.openHandler = h;
    }
    closeDevTools() {
      this.devToolsClosed++;
    }
    setZoomFactor(z: number) {
      this.zoom = z;
    }
    setVisualZoomLevelLimits() {
      return Promise.resolve();
    }
  }
  class FakeBrowserWindow extends Emitter {
    webContents = new FakeWebContents();
    loaded: string | null = null;
    menu: unknown = 'default';
    destroyed = false;
    fullScreen = true;
    constructor(readonly options: Record<string, unknown>) {
      super();
      fake.windows.push(this);
    }
    setMenu(m: unknown) {
      this.menu = m;
    }
    async loadURL(url: string) {
      this.loaded = url;
      this.emit('ready-to-show');
    }
    async loadFile(file: string) {
      this.loaded = `file:${file}`;
      this.emit('ready-to-show');
    }
    show() {}
    isDestroyed() {
      return this.destroyed;
    }
    destroy() {
      this.destroyed = true;
    }
    setFullScreen(v: boolean) {
      this.fullScreen = v;
    }
  }
  const ipcMain = {
    handle: (channel: string, fn: (event: unknown, ...args: unknown[]) => unknown) => {
      if (fake.handlers.has(channel)) throw new Error(`second handler for ${channel}`);
      fake.handlers.set(channel, fn);
    },
    removeHandler: (channel: string) => fake.handlers.delete(channel),
  };
  const session = {
    defaultSession: {
      setPermissionRequestHandler: (h: typeof fake.permissionHandler) => {
        fake.permissionHandler = h;
      },
      setPermissionCheckHandler: () => undefined,
    },
  };
  const Menu = { setApplicationMenu: (m: unknown) => (fake.applicationMenu = m) };
  const app = { quit: () => fake.quit++ };
  return {
    default: { BrowserWindow: FakeBrowserWindow, ipcMain, session, Menu, app },
    BrowserWindow: FakeBrowserWindow,
    ipcMain,
    session,
    Menu,
    app,
  };
});

const { startKiosk, kioskWindowOptions, isBlockedInput, pinChecker } = await import('./app');
const { parseKioskConfig } = await import('./config');
const { adaptTicketPrinter, noTicketPrinter } = await import('./devices');
const { encodeQueueTicket } = await import('./hardware');

type FakeWindow = EventEmitter & {
  options: Record<string, unknown> & { webPreferences: Record<string, unknown> };
  webContents: EventEmitter & {
    sent: [string, unknown][];
    openHandler: ((d: { url: string }) => { action: string }) | null;
    devToolsClosed: number;
  };
  loaded: string | null;
  menu: unknown;
};

const issued: IssuedTicket = {
  ticket: {
    id: 'tk-1',
    number: 'A001',
    serviceId: 'general',
    businessDay: '2026-11-27',
    status: 'waiting',
    priority: 'normal',
    source: 'kiosk',
    issuedAt: '2026-11-27T01:15:00.000Z',
    calledAt: null,
    windowId: null,
    targetWindowId: null,
    callCount: 0,
    holderName: null,
    holderId: null,
    realName: false,
  },
  hallName: '示范市政务服务中心',
  serviceName: '综合受理',
  peopleAhead: 3,
  estimatedWaitMinutes: 24,
  progressUrl: 'http://hall.example/t/tk-1',
  issuedAtLocal: '2026-11-27 09:15',
  notice: '请留意叫号，过号请到窗口咨询',
};

const cleanups: (() => Promise<void> | void)[] = [];
beforeEach(() => {
  fake.windows.length = 0;
  fake.handlers.clear();
  fake.quit = 0;
});
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** A kiosk main with simulated devices. */
async function startWithSims(configInput: Record<string, unknown> = {}, fetchImpl?: typeof fetch) {
  const readerSim: { sim: IdCardReaderSim | null } = { sim: null };
  const reader = new IdCardReader({
    pollIntervalMs: 10,
    commandTimeoutMs: 200,
    reopenIntervalMs: 20,
    transport: () => {
      const [host, device] = createMemoryTransportPair();
      readerSim.sim = new IdCardReaderSim(device);
      return Promise.resolve(host);
    },
  });
  const printerSim = new PrinterSim();
  const printer = new TicketPrinter({
    statusTimeoutMs: 200,
    statusFreshMs: 60_000,
    transport: () => {
      const [host, device] = createMemoryTransportPair();
      printerSim.attach(device);
      return Promise.resolve(host);
    },
  });
  const config = parseKioskConfig({
    serverUrl: 'http://hall.example:8080/',
    deviceToken: 'tok-1',
    adminPin: '2468',
    ...configInput,
  });
  const saved: (string | null)[] = [];
  const quit = vi.fn();
  const kiosk = await startKiosk({
    config,
    reader: adaptIdCardReader(reader),
    printer: adaptTicketPrinter(printer, (t) => encodeQueueTicket(t, config)),
    preloadPath: '/opt/kiosk/out/kiosk/preload/index.cjs',
    renderer: { file: '/opt/kiosk/out/kiosk/renderer/index.html' },
    saveDeviceToken: (t) => saved.push(t),
    quit,
    ...(fetchImpl ? { fetch: fetchImpl } : {}),
  });
  cleanups.push(() => kiosk.close());
  const win = fake.windows[0] as FakeWindow;
  const invoke = <T>(channel: string, ...args: unknown[]): Promise<T> =>
    Promise.resolve(fake.handlers.get(channel)!({ sender: win.webContents }, ...args) as T);
  return { kiosk, win, invoke, readerSim, printerSim, saved, quit };
}

async function until(cond: () => boolean, ms = 3000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 5));
  }
}

describe('kiosk window lock-down', () => {
  it('opens a full-screen kiosk window without devtools, frame or menu; sandboxed, isolated preload', async () => {
    const { win } = await startWithSims();
    expect(win.options).toMatchObject({ kiosk: true, fullscreen: true, frame: false, closable: false });
    expect(win.options.webPreferences).toMatchObject({
      devTools: false,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      preload: '/opt/kiosk/out/kiosk/preload/index.cjs',
    });
    expect(fake.applicationMenu).toBeNull();
    expect(win.menu).toBeNull();
    expect(win.loaded).toBe('file:/opt/kiosk/out/kiosk/renderer/index.html');
  });

  it('denies navigation away, new windows, the context menu and every permission', async () => {
    const { win } = await startWithSims();
    const nav = (url: string) => {
      const event = { preventDefault: vi.fn() };
      win.webContents.emit('will-navigate', event, url);
      return event.preventDefault.mock.calls.length > 0;
    };
    expect(nav('https://www.example.com/')).toBe(true);
    expect(nav('file:///etc/passwd')).toBe(true);
    expect(nav('file:///opt/kiosk/out/kiosk/renderer/index.html#home')).toBe(false);
    expect(win.webContents.openHandler!({ url: 'https://evil.example' })).toEqual({ action: 'deny' });
    const menu = { preventDefault: vi.fn() };
    win.webContents.emit('context-menu', menu);
    expect(menu.preventDefault).toHaveBeenCalled();
    const answer = vi.fn();
    fake.permissionHandler!(null, 'media', answer);
    expect(answer).toHaveBeenCalledWith(false);
  });

  it('swallows Alt+F4, reload and devtools keys, refuses to close, and shuts devtools if they open', async () => {
    const { win } = await startWithSims();
    const key = (input: Record<string, unknown>) => {
      const event = { preventDefault: vi.fn() };
      win.webContents.emit('before-input-event', event, input);
      return event.preventDefault.mock.calls.length > 0;
    };
    expect(key({ key: 'F4', alt: true })).toBe(true);
    expect(key({ key: 'r', control: true })).toBe(true);
    expect(key({ key: 'I', control: true, shift: true })).toBe(true);
    expect(key({ key: 'F12' })).toBe(true);
    expect(key({ key: 'a' })).toBe(false);
    expect(key({ key: '5' })).toBe(false);
    const close = { preventDefault: vi.fn() };
    win.emit('close', close);
    expect(close.preventDefault).toHaveBeenCalled();
    win.webContents.emit('devtools-opened');
    expect(win.webContents.devToolsClosed).toBe(1);
  });

  it('in development (lockdown false) the window is a normal one with devtools', () => {
    const opts = kioskWindowOptions({ lockdown: false }, '/p.cjs');
    expect(opts).toMatchObject({ kiosk: false, fullscreen: false, frame: true });
    expect(opts.webPreferences?.devTools).toBe(true);
    expect(isBlockedInput({ key: 'Tab', alt: true })).toBe(true);
  });
});

describe('kiosk IPC', () => {
  it('gives the renderer its config (never the PIN) and stores a new token', async () => {
    const { invoke, saved } = await startWithSims({ hoursText: '工作日 8:30-17:30' });
    const cfg = await invoke<KioskConfig>(KIOSK_IPC.config);
    expect(cfg).toEqual({
      serverUrl: 'http://hall.example:8080',
      deviceToken: 'tok-1',
      idleSeconds: 60,
      ticketSeconds: 30,
      hoursText: '工作日 8:30-17:30',
      virtualDevices: false,
      runtime: 'electron',
    });
    expect(JSON.stringify(cfg)).not.toContain('2468');
    await invoke(KIOSK_IPC.saveDeviceToken, 'tok-2');
    expect(saved).toEqual(['tok-2']);
    expect((await invoke<KioskConfig>(KIOSK_IPC.config)).deviceToken).toBe('tok-2');
  });

  it('pairs through main (a file:// page may not call the REST API) and keeps the token', async () => {
    const fetchFake = vi.fn(
      async (_url: string | URL | Request, _init?: RequestInit) =>
        new Response(
          JSON.stringify({ ok: true, data: { deviceId: 'kiosk-9', kind: 'kiosk', deviceToken: 'tok-new' } }),
          { status: 200 },
        ),
    );
    const { invoke, saved } = await startWithSims({ deviceToken: null }, fetchFake as unknown as typeof fetch);
    expect(await invoke(KIOSK_IPC.pairDevice, '12')).toMatchObject({ ok: false });
    expect(fetchFake).not.toHaveBeenCalled();
    expect(await invoke(KIOSK_IPC.pairDevice, '123456')).toEqual({ ok: true, deviceToken: 'tok-new' });
    expect(fetchFake.mock.calls[0]![0]).toBe('http://hall.example:8080/api/devices/pair');
    expect(JSON.parse(String(fetchFake.mock.calls[0]![1]!.body))).toEqual({ code: '123456' });
    expect(saved).toEqual(['tok-new']);
    expect((await invoke<KioskConfig>(KIOSK_IPC.config)).deviceToken).toBe('tok-new');
  });

  it('answers only its own window', async () => {
    await startWithSims();
    const other = { sender: new EventEmitter() };
    expect(await fake.handlers.get(KIOSK_IPC.config)!(other)).toBeNull();
    expect(await fake.handlers.get(KIOSK_IPC.exitKiosk)!(other, '2468')).toBe(false);
  });

  it('exits only with the admin PIN', async () => {
    const { invoke, quit, win } = await startWithSims();
    expect(await invoke(KIOSK_IPC.exitKiosk, '0000')).toBe(false);
    expect(await invoke(KIOSK_IPC.exitKiosk, '2468')).toBe(true);
    await until(() => quit.mock.calls.length === 1);
    const close = { preventDefault: vi.fn() };
    win.emit('close', close);
    expect(close.preventDefault).not.toHaveBeenCalled();
  });

  it('locks the PIN for a minute after five wrong tries; no PIN configured means no exit', () => {
    let now = 0;
    const check = pinChecker('2468', () => now);
    for (let i = 0; i < 5; i++) expect(check('1111')).toBe(false);
    expect(check('2468')).toBe(false);
    now = 61_000;
    expect(check('2468')).toBe(true);
    expect(pinChecker(undefined)('')).toBe(false);
  });
});

describe('kiosk devices (hardware drivers + simulators)', () => {
  it('a card placed on the reader reaches the renderer as a holder', async () => {
    const { win, readerSim } = await startWithSims();
    await until(() => readerSim.sim !== null);
    readerSim.sim!.placeCard(RESIDENT_CARD);
    await until(() => win.webContents.sent.some(([c]) => c === KIOSK_IPC.card));
    const holder = win.webContents.sent.find(([c]) => c === KIOSK_IPC.card)![1] as CardHolder;
    expect(holder).toEqual({ idNumber: '11010119900307002X', name: '王美娜', kind: 'resident' });
  });

  it('a card found on the reader has the printer checked while it is read, so its ticket does not wait', async () => {
    const { invoke, readerSim, printerSim } = await startWithSims();
    await until(() => readerSim.sim !== null);
    readerSim.sim!.placeCard(RESIDENT_CARD);
    await until(() => printerSim.statusRequests === 4);
    expect(printerSim.received.length).toBe(0);
    expect(await invoke<PrintOutcome>(KIOSK_IPC.printTicket, issued)).toEqual({ printed: true });
    expect(printerSim.statusRequests).toBe(8); // the card's four, then the four after the ticket
  });

  it('prints the ticket as ESC/POS (number, service, QR of the progress URL)', async () => {
    const { invoke, printerSim } = await startWithSims();
    const outcome = await invoke<PrintOutcome>(KIOSK_IPC.printTicket, issued);
    expect(outcome).toEqual({ printed: true });
    const receipt = decodeEscPos(printerSim.received);
    const text = receipt.lines.map((l) => l.text).join('\n');
    expect(text).toContain('A001');
    expect(text).toContain('综合受理');
    expect(text).toContain('示范市政务服务中心');
    expect(receipt.qrCodes.map((q) => q.text)).toEqual(['http://hall.example/t/tk-1']);
    expect(receipt.cuts).toBe(1);
  });

  it('a printer out of paper gives printed:false with the reason, and the status says so', async () => {
    const { invoke, printerSim, win } = await startWithSims();
    printerSim.paperOut();
    const outcome = await invoke<PrintOutcome>(KIOSK_IPC.printTicket, issued);
    expect(outcome.printed).toBe(false);
    expect(outcome.reason).toMatch(/纸/);
    const status = await invoke<DeviceStatus>(KIOSK_IPC.getDeviceStatus);
    expect(status.printer.state).toBe('error');
    expect(
      win.webContents.sent.some(
        ([c, s]) => c === KIOSK_IPC.deviceStatus && (s as DeviceStatus).printer.state === 'error',
      ),
    ).toBe(true);
  });

  it('without configured devices: printing fails (so the ticket is voided) and the reader is absent', async () => {
    const printer = noTicketPrinter();
    await expect(printer.print(issued)).rejects.toThrow(/打印机/);
    expect(noCardReader().health().state).toBe('absent');
  });
});

describe('kiosk config', () => {
  it('has defaults, takes environment overrides and lists every problem', () => {
    const cfg = parseKioskConfig({});
    expect(cfg).toMatchObject({
      serverUrl: 'http://127.0.0.1:8080',
      deviceToken: null,
      idleSeconds: 60,
      lockdown: true,
      reader: null,
      printer: null,
    });
    const env = parseKioskConfig(
      { idleSeconds: 90 },
      {
        ONEDOOR_KIOSK_SERVER_URL: 'http://10.0.0.5:8080',
        ONEDOOR_KIOSK_LOCKDOWN: '0',
        ONEDOOR_KIOSK_PRINTER: 'tcp:10.0.0.9',
      },
    );
    expect(env).toMatchObject({
      serverUrl: 'http://10.0.0.5:8080',
      lockdown: false,
      idleSeconds: 90,
      printer: { to: 'tcp:10.0.0.9', paper: '80mm' },
    });
    expect(() => parseKioskConfig({ serverUrl: 'nope', adminPin: '12', printer: { to: 'lpt1' } })).toThrow(
      /serverUrl[\s\S]*adminPin[\s\S]*printer\.to/,
    );
  });
});
