/**
 * The one contract between the window-client renderer and whatever provides its devices at the window
 * (ID-card reader, receipt printer, evaluator 好差评 pad):
 * - in Electron, the preload script exposes it as `window.windowApi` (it should be checked with
 *   `satisfies WindowDeviceApi`) and Electron main answers over IPC;
 * - in a plain browser (`/window/` served by the hall server) there is no `window.windowApi`; the renderer falls
 *   back to `browserDevices()` (renderer/devices.ts): virtual devices — cards placed on the screen, a virtual printer
 *   whose output the screen shows (and which can run out of paper), no evaluator (the on-screen one rates instead).
 *
 * Types only: the renderer, the preload and main all import this file. No Node, no Electron here.
 */
import type { WindowDocument as IntakeDocument } from '@onedoor/protocol';

export type { AcceptanceReceiptDocument, OneTimeNoticeDocument } from '@onedoor/protocol';

/** What an ID-card read hands the clerk screen. Full data stays on the window PC; the screen shows it masked. */
export interface WindowCardRead {
  /** 18-character number (GB 11643), or a foreigner card's number. */
  idNumber: string;
  name: string;
  /** resident | hmt-residence-permit | foreigner-2017 | foreigner-2023 */
  kind: string;
}

/** The service receipt (服务回执) the clerk may print for the visitor after a ticket is finished. */
export interface WindowReceipt {
  hallName: string;
  ticketNumber: string;
  serviceName: string;
  windowName: string;
  clerkName: string;
  /** "2026-11-27 09:15" in the hall's time zone. */
  finishedAtLocal: string;
  /** Extra lines (matter, case number …) printed as given. */
  lines?: string[];
}

/**
 * What the window prints: a 受理回执 or a 一次性告知书 (protocol `WindowDocument`, rendered with the hardware templates
 * by `renderWindowDocument`), or the service receipt of a finished ticket.
 */
export type WindowDocument = IntakeDocument | ({ kind: 'service-receipt' } & WindowReceipt);

export interface PrintOutcome {
  printed: boolean;
  /** Printer status text when printing failed (缺纸, 上盖打开, 未连接打印机 …). */
  reason?: string;
}

/** Asks the visitor at the window to rate the service on the evaluator (好差评). */
export interface EvaluationRequest {
  ticketId: string;
  ticketNumber: string;
  windowId: string;
  clerkName: string;
  serviceName: string;
}

export interface EvaluationOutcome {
  /** rated: the visitor pressed a key; skipped/timeout: no rating; unavailable: no evaluator attached. */
  status: 'rated' | 'skipped' | 'timeout' | 'unavailable';
  /** 1 (非常不满意) … 5 (非常满意) when rated. */
  rating?: 1 | 2 | 3 | 4 | 5;
  message?: string;
}

export type WindowDeviceState = 'ready' | 'absent' | 'error';

export type WindowDeviceName = 'reader' | 'printer' | 'evaluator' | 'pad';

export interface WindowDeviceStatus {
  reader: WindowDeviceState;
  printer: WindowDeviceState;
  evaluator: WindowDeviceState;
  /** The window's call pad (on the device gateway); absent from an older preload. */
  pad?: WindowDeviceState;
  /** Why a device is not ready, "中文 / English", per device. */
  problems?: Partial<Record<WindowDeviceName, string>>;
}

export interface WindowDeviceApi {
  /** 'electron' from the preload; the browser fallback says 'browser'. */
  readonly runtime: 'electron' | 'browser';
  /** Hall server origin, e.g. http://10.0.0.5:8080. Absent: the page's own origin (browser). */
  readonly serverUrl?: string;
  /** Subscribes to ID-card reads at this window; returns the unsubscribe function. */
  onCard(cb: (card: WindowCardRead) => void): () => void;
  /** Prints a receipt; never rejects — a failure comes back as `{ printed: false, reason }`. */
  printReceipt(receipt: WindowReceipt): Promise<PrintOutcome>;
  /** Starts an evaluation on the window's evaluator; resolves when rated, skipped or timed out. Never rejects. */
  startEvaluation(request: EvaluationRequest): Promise<EvaluationOutcome>;
  /** Optional device status feed; returns the unsubscribe function. */
  onDeviceStatus?(cb: (status: WindowDeviceStatus) => void): () => void;
  /** The device status now. */
  getDeviceStatus?(): Promise<WindowDeviceStatus>;
  /** Prints a 受理回执, a 一次性告知书 or a service receipt; never rejects (a failure is `{ printed: false, reason }`). */
  printDocument?(document: WindowDocument): Promise<PrintOutcome>;
  /** The window this PC stands at (its config), so the window picker can preselect it. */
  readonly windowId?: string;
}

/** IPC channel names the preload and main agree on (the renderer never uses them directly). */
export const WINDOW_IPC = {
  card: 'window:card',
  printReceipt: 'window:print-receipt',
  startEvaluation: 'window:start-evaluation',
  deviceStatus: 'window:device-status',
  config: 'window:config',
  getDeviceStatus: 'window:get-device-status',
  printDocument: 'window:print-document',
} as const;

/** Command-line switches main hands the sandboxed preload (it has no IPC before the page asks). */
export const WINDOW_ARGS = { serverUrl: '--onedoor-server-url=', windowId: '--onedoor-window-id=' } as const;

declare global {
  interface Window {
    /** Set by the Electron preload; undefined in a plain browser. */
    windowApi?: WindowDeviceApi;
  }
}
