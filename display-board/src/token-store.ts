/**
 * The paired device token, kept in localStorage (and in memory when storage is unavailable); also the last device
 * settings the server sent (they belong to the paired device and are forgotten with the token).
 */
import { parseStoredSettings } from './config';

const KEY = 'onedoor.display.deviceToken';
const SETTINGS_KEY = 'onedoor.display.settings';
let memory: string | null = null;

export function readStoredToken(): string | null {
  try {
    return window.localStorage.getItem(KEY) ?? memory;
  } catch {
    return memory;
  }
}

export function storeToken(token: string): void {
  memory = token;
  try {
    window.localStorage.setItem(KEY, token);
  } catch {
    // private mode or storage disabled: the token lives until the page reloads
  }
}

export function forgetToken(): void {
  memory = null;
  try {
    window.localStorage.removeItem(KEY);
    window.localStorage.removeItem(SETTINGS_KEY);
  } catch {
    // nothing stored
  }
}

export function readStoredSettings(): Record<string, unknown> {
  try {
    return parseStoredSettings(window.localStorage.getItem(SETTINGS_KEY));
  } catch {
    return {};
  }
}

export function storeSettings(settings: Record<string, unknown>): void {
  try {
    window.localStorage.setItem(SETTINGS_KEY, JSON.stringify(settings));
  } catch {
    // no storage: the server sends them again on the next connect
  }
}
