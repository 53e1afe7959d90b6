/**
 * The window client's preload: the narrow device API, nothing else, exposed as `window.windowApi` (read card,
 * print a document, start an evaluation, device status). Runs sandboxed; the object is checked against
 * WindowDeviceApi with `satisfies`, so preload and renderer cannot drift.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import {
  WINDOW_ARGS,
  WINDOW_IPC,
  type EvaluationOutcome,
  type EvaluationRequest,
  type PrintOutcome,
  type WindowCardRead,
  type WindowDeviceApi,
  type WindowDeviceStatus,
  type WindowDocument,
  type WindowReceipt,
} from '../shared/window-api';

function subscribe<T>(channel: string, cb: (value: T) => void): () => void {
  const listener = (_event: IpcRendererEvent, value: T) => cb(value);
  ipcRenderer.on(channel, listener);
  return () => {
    ipcRenderer.removeListener(channel, listener);
  };
}

/** A `--name=value` switch main passed in `additionalArguments`. */
const arg = (prefix: string): string | undefined =>
  process.argv.find((a) => a.startsWith(prefix))?.slice(prefix.length) || undefined;

const serverUrl = arg(WINDOW_ARGS.serverUrl);
const windowId = arg(WINDOW_ARGS.windowId);

const windowApi = {
  runtime: 'electron' as const,
  ...(serverUrl ? { serverUrl } : {}),
  ...(windowId ? { windowId } : {}),
  onCard: (cb: (card: WindowCardRead) => void) => subscribe(WINDOW_IPC.card, cb),
  onDeviceStatus: (cb: (status: WindowDeviceStatus) => void) => subscribe(WINDOW_IPC.deviceStatus, cb),
  getDeviceStatus: (): Promise<WindowDeviceStatus> => ipcRenderer.invoke(WINDOW_IPC.getDeviceStatus),
  printReceipt: (receipt: WindowReceipt): Promise<PrintOutcome> => ipcRenderer.invoke(WINDOW_IPC.printReceipt, receipt),
  printDocument: (document: WindowDocument): Promise<PrintOutcome> =>
    ipcRenderer.invoke(WINDOW_IPC.printDocument, document),
  startEvaluation: (request: EvaluationRequest): Promise<EvaluationOutcome> =>
    ipcRenderer.invoke(WINDOW_IPC.startEvaluation, request),
} satisfies WindowDeviceApi;

contextBridge.exposeInMainWorld('windowApi', windowApi);
