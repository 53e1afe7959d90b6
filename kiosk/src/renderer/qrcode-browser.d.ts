/**
 * Types of qrcode's browser build (`lib/browser.js`, what vite bundles), mapped over `qrcode` in tsconfig.web.json:
 * @types/qrcode references Node's types for its file and stream functions, which would give every web file Node's
 * globals. Only the promise forms the browser build offers.
 */
export type QRCodeErrorCorrectionLevel = 'low' | 'medium' | 'quartile' | 'high' | 'L' | 'M' | 'Q' | 'H';

export interface QRCodeRenderersOptions {
  version?: number;
  errorCorrectionLevel?: QRCodeErrorCorrectionLevel;
  maskPattern?: 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7;
  margin?: number;
  scale?: number;
  width?: number;
  color?: { dark?: string; light?: string };
}

export interface QRCodeToStringOptions extends QRCodeRenderersOptions {
  type?: 'utf8' | 'svg';
}

export interface QRCodeToDataURLOptions extends QRCodeRenderersOptions {
  type?: 'image/png' | 'image/jpeg' | 'image/webp';
  rendererOpts?: { quality?: number };
}

export function toString(text: string, options?: QRCodeToStringOptions): Promise<string>;
export function toDataURL(text: string, options?: QRCodeToDataURLOptions): Promise<string>;
export function toCanvas(canvas: HTMLCanvasElement, text: string, options?: QRCodeRenderersOptions): Promise<void>;

declare const QRCode: {
  toString: typeof toString;
  toDataURL: typeof toDataURL;
  toCanvas: typeof toCanvas;
};
export default QRCode;
