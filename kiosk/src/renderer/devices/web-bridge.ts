/**
 * The kiosk's devices in a plain browser (`/kiosk/` served by the hall server): the same KioskDeviceApi the
 * Electron preload gives, backed by virtual devices — an on-screen "virtual card" panel with demo ID cards
 * (valid GB 11643 numbers, made-up people) and a virtual printer that "prints" by showing the slip on screen and
 * can be switched to fail (out of paper) to try the failure path.
 *
 * The device token comes from `#token=…` (stored in localStorage and stripped from the address bar) or from the
 * pairing screen.
 */
import type { IssuedTicket } from '@onedoor/protocol';
import type { CardHolder, DeviceStatus, KioskConfig, KioskDeviceApi, PrintOutcome } from '../../shared/kiosk-api';
import { WEB_DEFAULTS } from '../config';
import { pairWithHall } from '../../shared/pairing';

/** Demo cards: valid check digits (GB 11643 MOD 11-2), invented people. */
export const DEMO_CARDS: readonly CardHolder[] = [
  { name: '张三', idNumber: '11010519491231002X', kind: 'resident' },
  { name: '李小梅', idNumber: '42010619850315123X', kind: 'resident' },
  { name: '王建国', idNumber: '310101195801018882', kind: 'resident' },
  { name: '陈思远', idNumber: '440304199207084569', kind: 'resident' },
  // The demo hall's bookings for today (hall-server demo-hall.ts): on time, too early, late.
  { name: '陈明', idNumber: '330102198503151232', kind: 'resident' },
  { name: '林晓雨', idNumber: '330106199207084565', kind: 'resident' },
  { name: '周建国', idNumber: '330108197701207894', kind: 'resident' },
];

/** The demo hall's staff card (林峰, 19号咨询台: hall-server demo-hall.ts DEMO_STAFF_CARDS), for 绿色通道. */
export const DEMO_STAFF_CARDS: readonly CardHolder[] = [
  { name: '林峰', idNumber: '330102198808087016', kind: 'resident' },
];

const TOKEN_KEY = 'onedoor.kiosk.deviceToken';

export interface WebBridge extends KioskDeviceApi {
  /** Virtual card reader: a card is placed on the reader. */
  insertCard(holder: CardHolder): void;
  /** Virtual printer: null prints, a text makes every print fail with that reason. */
  setPrinterFault(reason: string | null): void;
  readonly printerFault: string | null;
  /** Called with each ticket the virtual printer "printed". */
  onPrinted(cb: (ticket: IssuedTicket) => void): () => void;
}

export interface WebBridgeOptions {
  location?: Pick<Location, 'origin' | 'hash' | 'pathname' | 'search'>;
  history?: Pick<History, 'replaceState'> | null;
  storage?: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> | null;
  /** Time the virtual printer takes, default 600 ms (a real printer takes about as long). */
  printMs?: number;
}

function browserStorage(): Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

/** Reads `#token=…` from the address, keeps it, and removes it from the address bar (it is a credential). */
export function takeTokenFromHash(
  loc: Pick<Location, 'hash' | 'pathname' | 'search'>,
  history: Pick<History, 'replaceState'> | null,
  storage: Pick<Storage, 'setItem'> | null,
): string | null {
  const params = new URLSearchParams(loc.hash.replace(/^#/, ''));
  const token = params.get('token');
  if (!token) return null;
  try {
    storage?.setItem(TOKEN_KEY, token);
  } catch {
    // storage disabled: the token lives in memory for this page
  }
  params.delete('token');
  const rest = params.toString();
  history?.replaceState(null, '', `${loc.pathname}${loc.search}${rest ? `#${rest}` : ''}`);
  return token;
}

export function createWebBridge(options: WebBridgeOptions = {}): WebBridge {
  const loc = options.location ?? window.location;
  const storage = options.storage === undefined ? browserStorage() : options.storage;
  const history = options.history === undefined ? window.history : options.history;
  let memoryToken = takeTokenFromHash(loc, history, storage);
  const cardListeners = new Set<(h: CardHolder) => void>();
  const statusListeners = new Set<(s: DeviceStatus) => void>();
  const printedListeners = new Set<(t: IssuedTicket) => void>();
  let fault: string | null = null;
  const printMs = options.printMs ?? 600;

  const saveToken = (token: string | null): void => {
    memoryToken = token;
    try {
      if (token) storage?.setItem(TOKEN_KEY, token);
      else storage?.removeItem(TOKEN_KEY);
    } catch {
      // storage disabled
    }
  };

  const status = (): DeviceStatus => ({
    reader: { state: 'virtual', message: '虚拟读卡器', messageEn: 'virtual card reader' },
    printer: fault
      ? { state: 'error', message: fault, messageEn: 'virtual printer fault' }
      : { state: 'virtual', message: '虚拟打印机', messageEn: 'virtual printer' },
  });

  return {
    onCard(cb) {
      cardListeners.add(cb);
      return () => cardListeners.delete(cb);
    },
    onDeviceStatus(cb) {
      statusListeners.add(cb);
      return () => statusListeners.delete(cb);
    },
    async printTicket(ticket): Promise<PrintOutcome> {
      await new Promise((r) => setTimeout(r, printMs));
      if (fault) return { printed: false, reason: fault };
      for (const cb of printedListeners) cb(ticket);
      return { printed: true };
    },
    async getDeviceStatus() {
      return status();
    },
    async config(): Promise<KioskConfig> {
      let token = memoryToken;
      try {
        token = storage?.getItem(TOKEN_KEY) ?? memoryToken;
      } catch {
        // storage disabled
      }
      return { serverUrl: loc.origin, deviceToken: token, ...WEB_DEFAULTS, virtualDevices: true, runtime: 'browser' };
    },
    async pairDevice(code) {
      const r = await pairWithHall(loc.origin, code);
      if (r.ok) saveToken(r.deviceToken);
      return r;
    },
    async saveDeviceToken(token) {
      saveToken(token);
    },
    async exitKiosk() {
      // A browser tab cannot be locked down or quit; the admin menu offers "unpair" instead.
      return false;
    },
    insertCard(holder) {
      for (const cb of cardListeners) cb(holder);
    },
    setPrinterFault(reason) {
      fault = reason;
      const s = status();
      for (const cb of statusListeners) cb(s);
    },
    get printerFault() {
      return fault;
    },
    onPrinted(cb) {
      printedListeners.add(cb);
      return () => printedListeners.delete(cb);
    },
  };
}
