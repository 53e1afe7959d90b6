/**
 * Real-time status, DLE EOT n (`10 04 n`, n = 1..4). Each reply is one byte with bits 1 and 4 set and bits 0 and 7
 * clear (all OK = 0x12). Bit tables: shared/reference/hardware.md §2.4. Pure.
 */

/** The four DLE EOT requests. */
export const STATUS_REQUESTS = {
  /** DLE EOT 1 — printer status (offline, drawer pin) */
  printer: Uint8Array.of(0x10, 0x04, 0x01),
  /** DLE EOT 2 — offline cause (cover, paper-end stop, error) */
  offline: Uint8Array.of(0x10, 0x04, 0x02),
  /** DLE EOT 3 — error cause (cutter, unrecoverable, auto-recoverable) */
  error: Uint8Array.of(0x10, 0x04, 0x03),
  /** DLE EOT 4 — roll paper sensor (near end, out) */
  paper: Uint8Array.of(0x10, 0x04, 0x04),
} as const;

export type StatusKind = keyof typeof STATUS_REQUESTS;
export const STATUS_KINDS: readonly StatusKind[] = ['printer', 'offline', 'error', 'paper'];

/** Whether a byte has the fixed bits of a DLE EOT reply (bit 1 and 4 on, bit 0 and 7 off). */
export function isStatusByte(b: number): boolean {
  return (b & 0x93) === 0x12;
}

export type PrinterProblemCode =
  | 'offline'
  | 'cover-open'
  | 'paper-out'
  | 'paper-end-stop'
  | 'paper-near-end'
  | 'cutter-error'
  | 'mechanical-error'
  | 'unrecoverable-error'
  | 'auto-recoverable-error'
  | 'error'
  | 'no-reply';

/** Chinese and English text of each problem, and whether it stops printing. */
export const PRINTER_PROBLEMS: Readonly<Record<PrinterProblemCode, { zh: string; en: string; blocking: boolean }>> = {
  'paper-out': { zh: '打印机缺纸，请装入打印纸', en: 'the printer is out of paper', blocking: true },
  'paper-end-stop': { zh: '纸用完，打印已停止，请装入打印纸', en: 'printing stopped at paper end', blocking: true },
  'cover-open': { zh: '打印机上盖打开，请合上上盖', en: 'the printer cover is open', blocking: true },
  'cutter-error': { zh: '打印机切刀故障，请检查切刀是否卡纸', en: 'autocutter error', blocking: true },
  'mechanical-error': { zh: '打印机机械故障', en: 'mechanical error', blocking: true },
  'unrecoverable-error': {
    zh: '打印机发生不可恢复的错误，请关机重启或联系维护人员',
    en: 'unrecoverable printer error',
    blocking: true,
  },
  'auto-recoverable-error': {
    zh: '打印头过热等可自动恢复的错误，请稍候',
    en: 'auto-recoverable error (e.g. head overheat)',
    blocking: true,
  },
  error: { zh: '打印机报告错误', en: 'the printer reports an error', blocking: true },
  offline: { zh: '打印机离线', en: 'the printer is offline', blocking: true },
  'no-reply': {
    zh: '打印机无响应，请检查电源和连线',
    en: 'the printer did not answer the status request',
    blocking: true,
  },
  'paper-near-end': { zh: '打印纸即将用完，请尽快更换', en: 'paper near end', blocking: false },
};

/** Decoded status; fields are null when that byte was not read. */
export interface PrinterStatus {
  online: boolean | null;
  drawerPin3High: boolean | null;
  coverOpen: boolean | null;
  feedButtonFeeding: boolean | null;
  paperEndStop: boolean | null;
  errorOccurred: boolean | null;
  mechanicalError: boolean | null;
  cutterError: boolean | null;
  unrecoverableError: boolean | null;
  autoRecoverableError: boolean | null;
  paperNearEnd: boolean | null;
  paperOut: boolean | null;
  /** Problems found, most serious first. */
  problems: PrinterProblemCode[];
  /** True when every byte was read and nothing blocks printing (paper near end is only a warning). */
  ok: boolean;
  /** 正常 / 缺纸… — the problems joined, in Chinese. */
  text: string;
  textEn: string;
  /** Raw reply bytes by request. */
  raw: Partial<Record<StatusKind, number>>;
}

const bit = (b: number | undefined, mask: number): boolean | null => (b === undefined ? null : (b & mask) !== 0);

/** Order in which problems are reported (the first one is what a clerk should fix first). */
const PROBLEM_ORDER: PrinterProblemCode[] = [
  'no-reply',
  'paper-out',
  'paper-end-stop',
  'cover-open',
  'cutter-error',
  'mechanical-error',
  'unrecoverable-error',
  'auto-recoverable-error',
  'error',
  'offline',
  'paper-near-end',
];

/**
 * Decodes DLE EOT reply bytes. Missing bytes (`undefined`) leave their fields null and make `ok` false with the
 * problem 'no-reply'. Invalid bytes (fixed bits wrong) are treated as missing.
 */
export function decodePrinterStatus(raw: Partial<Record<StatusKind, number>>): PrinterStatus {
  const clean: Partial<Record<StatusKind, number>> = {};
  for (const k of STATUS_KINDS) {
    const v = raw[k];
    if (v !== undefined && isStatusByte(v)) clean[k] = v;
  }
  const { printer: n1, offline: n2, error: n3, paper: n4 } = clean;
  const s = {
    online: n1 === undefined ? null : (n1 & 0x08) === 0, // n=1 bit 3: offline
    drawerPin3High: bit(n1, 0x04), // n=1 bit 2
    coverOpen: bit(n2, 0x04), // n=2 bit 2
    feedButtonFeeding: bit(n2, 0x08), // n=2 bit 3
    paperEndStop: bit(n2, 0x20), // n=2 bit 5
    errorOccurred: bit(n2, 0x40), // n=2 bit 6
    mechanicalError: bit(n3, 0x04), // n=3 bit 2
    cutterError: bit(n3, 0x08), // n=3 bit 3
    unrecoverableError: bit(n3, 0x20), // n=3 bit 5
    autoRecoverableError: bit(n3, 0x40), // n=3 bit 6
    paperNearEnd: bit(n4, 0x0c), // n=4 bits 2,3
    paperOut: bit(n4, 0x60), // n=4 bits 5,6
  };
  const found = new Set<PrinterProblemCode>();
  if (STATUS_KINDS.some((k) => clean[k] === undefined)) found.add('no-reply');
  if (s.paperOut) found.add('paper-out');
  if (s.paperEndStop) found.add('paper-end-stop');
  if (s.coverOpen) found.add('cover-open');
  if (s.cutterError) found.add('cutter-error');
  if (s.mechanicalError) found.add('mechanical-error');
  if (s.unrecoverableError) found.add('unrecoverable-error');
  if (s.autoRecoverableError) found.add('auto-recoverable-error');
  // "error occurred" only counts when no error-cause bit explains it.
  if (s.errorOccurred && !s.cutterError && !s.mechanicalError && !s.unrecoverableError && !s.autoRecoverableError) {
    found.add('error');
  }
  if (s.online === false) found.add('offline');
  if (s.paperNearEnd) found.add('paper-near-end');
  const problems = PROBLEM_ORDER.filter((p) => found.has(p));
  const ok = problems.every((p) => !PRINTER_PROBLEMS[p].blocking);
  return {
    ...s,
    problems,
    ok,
    text: problems.length ? problems.map((p) => PRINTER_PROBLEMS[p].zh).join('；') : '正常',
    textEn: problems.length ? problems.map((p) => PRINTER_PROBLEMS[p].en).join('; ') : 'ready',
    raw: clean,
  };
}

/** The status byte a healthy printer answers to every DLE EOT n. */
export const STATUS_ALL_OK = 0x12;

/** Reply bytes for a simulated state (the inverse of {@link decodePrinterStatus}; used by the simulator). */
export function encodePrinterStatus(state: {
  offline?: boolean;
  coverOpen?: boolean;
  paperOut?: boolean;
  paperNearEnd?: boolean;
  cutterError?: boolean;
  unrecoverableError?: boolean;
}): Record<StatusKind, number> {
  const paperOut = state.paperOut ?? false;
  const blockingError = (state.cutterError ?? false) || (state.unrecoverableError ?? false);
  const offline = (state.offline ?? false) || (state.coverOpen ?? false) || paperOut || blockingError;
  return {
    printer: STATUS_ALL_OK | (offline ? 0x08 : 0),
    offline: STATUS_ALL_OK | (state.coverOpen ? 0x04 : 0) | (paperOut ? 0x20 : 0) | (blockingError ? 0x40 : 0),
    error: STATUS_ALL_OK | (state.cutterError ? 0x08 : 0) | (state.unrecoverableError ? 0x20 : 0),
    paper: STATUS_ALL_OK | (paperOut ? 0x60 : 0) | (paperOut || state.paperNearEnd ? 0x0c : 0),
  };
}
