/**
 * Errors raised by device transports and drivers. Each carries a stable code and the text in Chinese (for the
 * installer or clerk in front of the machine) and English (for logs), as the house rules ask for errors that
 * cross a boundary. `message` holds both so an uncaught error still says what to do.
 */
export type DeviceErrorCode =
  | 'PORT_NOT_FOUND'
  | 'PORT_PERMISSION_DENIED'
  | 'PORT_BUSY'
  | 'PORT_OPEN_FAILED'
  | 'PORT_CLOSED'
  | 'WRITE_FAILED'
  | 'TCP_CONNECT_FAILED'
  | 'FILE_OPEN_FAILED'
  | 'TIMEOUT'
  | 'READER_ERROR'
  | 'BAD_CARD_DATA'
  | 'PRINTER_OFFLINE'
  | 'PRINTER_COVER_OPEN'
  | 'PRINTER_PAPER_OUT'
  | 'PRINTER_CUTTER_ERROR'
  | 'PRINTER_ERROR'
  | 'PRINTER_NO_REPLY';

export class DeviceError extends Error {
  override readonly name = 'DeviceError';
  constructor(
    readonly code: DeviceErrorCode,
    /** 中文说明 */
    readonly messageZh: string,
    /** English text */
    readonly messageEn: string,
    options?: { cause?: unknown },
  ) {
    super(`${messageZh} / ${messageEn}`, options);
  }

  /** The `{ code, message, messageEn }` shape used at process boundaries. */
  toJSON(): { code: DeviceErrorCode; message: string; messageEn: string } {
    return { code: this.code, message: this.messageZh, messageEn: this.messageEn };
  }
}

export function isDeviceError(value: unknown): value is DeviceError {
  return value instanceof DeviceError;
}

/**
 * What an error from a driver says, in Chinese and in English: a DeviceError's two texts, or those an app's own error
 * carries as `messageZh` / `messageEn`, else its message in both.
 */
export function errorTexts(e: unknown): { zh: string; en: string } {
  const d: { message?: unknown; messageZh?: unknown; messageEn?: unknown } =
    typeof e === 'object' && e !== null ? e : {};
  const text = typeof d.message === 'string' ? d.message : String(e);
  return {
    zh: typeof d.messageZh === 'string' ? d.messageZh : text,
    en: typeof d.messageEn === 'string' ? d.messageEn : text,
  };
}
