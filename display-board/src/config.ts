/**
 * Per-board configuration from the address (query string and hash) and, when the server provides them, the
 * paired device's settings. The address wins, so an installer can override a board from its kiosk-browser URL.
 *
 *   /display/                         main board, every service and window
 *   /display/?services=general,tax    only these services (calls, waiting counts)
 *   /display/?windows=w01,w02         only calls to these windows (services default to what they serve)
 *   /display/?window=w12              window strip for one window (small screens)
 *   #token=…                          device token from pairing (stored, then removed from the address)
 *   ?speech=record                    tests: record speech instead of using speechSynthesis
 *   ?voice=off|on  ?repeat=2  ?rate=0.9  ?recent=8  ?missed=300
 *   ?tz=Asia/Shanghai                 clock zone; by default the hall's, from its snapshot
 */

import { FALLBACK_TIME_ZONE } from '@onedoor/protocol/client';

export type SpeechMode = 'browser' | 'record';

export interface BoardConfig {
  mode: 'board' | 'window';
  /** The window shown by the window strip. */
  windowId: string | null;
  /** Services shown and announced; null = all. */
  services: string[] | null;
  /** Windows whose calls are shown and announced; null = all. */
  windows: string[] | null;
  /** Rows in the recent-calls list (besides the highlighted newest call). */
  recentCount: number;
  voice: boolean;
  repeat: number;
  rate: number;
  speech: SpeechMode;
  /** Calls missed while offline are announced after reconnect if at most this old (seconds). */
  missedMaxAgeSec: number;
  /** The clock's zone until the hall's arrives with the first snapshot: `tz`, else Asia/Shanghai. */
  timeZone: string;
  /** `tz` was given (address or device settings): it wins over the hall's zone. */
  pinTimeZone: boolean;
  /** Seconds between background snapshot checks while connected (0 = off). */
  resyncSec: number;
}

export interface ParsedAddress {
  config: BoardConfig;
  /** A device token handed over in the hash, to be stored and removed from the address. */
  token: string | null;
}

const ID_LIST = /^[A-Za-z0-9_.:-]+$/;

function list(value: unknown): string[] | null {
  const items = Array.isArray(value) ? value.map(String) : typeof value === 'string' ? value.split(/[,\s，]+/) : [];
  const ids = items.map((s) => s.trim()).filter((s) => s.length > 0 && ID_LIST.test(s));
  return ids.length > 0 ? [...new Set(ids)] : null;
}

function int(value: unknown, fallback: number, min: number, max: number): number {
  const n = typeof value === 'number' ? value : Number.parseInt(String(value ?? ''), 10);
  return Number.isFinite(n) ? Math.min(max, Math.max(min, Math.round(n))) : fallback;
}

function num(value: unknown, fallback: number, min: number, max: number): number {
  const n = typeof value === 'number' ? value : Number.parseFloat(String(value ?? ''));
  return Number.isFinite(n) ? Math.min(max, Math.max(min, n)) : fallback;
}

function flag(value: unknown, fallback: boolean): boolean {
  if (typeof value === 'boolean') return value;
  if (value === undefined || value === null || value === '') return fallback;
  return !['0', 'off', 'false', 'no'].includes(String(value).toLowerCase());
}

function validTimeZone(tz: unknown): string | null {
  if (typeof tz !== 'string' || tz === '') return null;
  try {
    new Intl.DateTimeFormat('zh-CN', { timeZone: tz });
    return tz;
  } catch {
    return null;
  }
}

/** Reads `?a=b` and `#a=b&c=d`; the hash wins (it never reaches the server). */
function addressParams(search: string, hash: string): Map<string, string> {
  const params = new Map<string, string>();
  for (const source of [search.replace(/^\?/, ''), hash.replace(/^#/, '')]) {
    for (const [k, v] of new URLSearchParams(source)) params.set(k, v);
  }
  return params;
}

export function parseBoardConfig(search: string, hash: string, settings: Record<string, unknown> = {}): ParsedAddress {
  const p = addressParams(search, hash);
  const get = (key: string): unknown => (p.has(key) ? p.get(key) : settings[key]);
  const windowId = list(get('window'))?.[0] ?? null;
  const mode = windowId ? 'window' : 'board';
  const speech = get('speech') === 'record' ? 'record' : 'browser';
  const config: BoardConfig = {
    mode,
    windowId,
    services: list(get('services')),
    windows: mode === 'window' && windowId ? [windowId] : list(get('windows')),
    recentCount: int(get('recent'), 8, 1, 20),
    // A window strip sits next to the clerk: silent unless asked; the hall board speaks.
    voice: flag(get('voice'), mode === 'board'),
    repeat: int(get('repeat'), 2, 1, 5),
    rate: num(get('rate'), 0.9, 0.5, 2),
    speech,
    missedMaxAgeSec: int(get('missed'), 300, 0, 3600),
    timeZone: validTimeZone(get('tz')) ?? FALLBACK_TIME_ZONE,
    pinTimeZone: validTimeZone(get('tz')) !== null,
    resyncSec: int(get('resync'), 300, 0, 86_400),
  };
  const token = p.get('token')?.trim() || null;
  return { config, token };
}

/**
 * The board's config after the console sent new device settings (`device:settings`): the address still wins, the
 * speech port (a test switch) stays as the page started. `changed` lists what differs, so the controller touches
 * only that (a new filter does not restart the voice).
 */
export function configFromSettings(
  current: BoardConfig,
  search: string,
  hash: string,
  settings: Record<string, unknown>,
): { config: BoardConfig; changed: (keyof BoardConfig)[] } {
  const next = { ...parseBoardConfig(search, hash, settings).config, speech: current.speech };
  const changed = (Object.keys(next) as (keyof BoardConfig)[]).filter(
    (k) => JSON.stringify(next[k]) !== JSON.stringify(current[k]),
  );
  return { config: changed.length > 0 ? next : current, changed };
}

/** Settings as last received, so a board that restarts while the server is away still shows the right services. */
export function parseStoredSettings(raw: string | null): Record<string, unknown> {
  if (!raw) return {};
  try {
    const v: unknown = JSON.parse(raw);
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** The hash without the token, so the token does not linger in the address bar or history. */
export function hashWithoutToken(hash: string): string {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  params.delete('token');
  const rest = params.toString();
  return rest ? `#${rest}` : '';
}
