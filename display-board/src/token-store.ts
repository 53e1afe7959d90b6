/** The paired device token, kept in localStorage (and in memory when storage is unavailable). */
const KEY = 'onedoor.display.deviceToken';
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
  } catch {
    // nothing stored
  }
}
