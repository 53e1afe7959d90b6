/**
 * A staff member's session with the hall server (clerks, managers): sign in and out over REST, and the signed-in
 * session kept in the tab's sessionStorage, one key per app.
 */
import type { Ack } from '@onedoor/protocol';

export interface StaffSession {
  sessionToken: string;
  staff: { id: string; username: string; name: string; roles: string[] };
  expiresAt: string;
}

/** POST /api/auth/login → the session, or a Chinese error message. */
export async function login(
  origin: string,
  username: string,
  password: string,
): Promise<{ ok: true; session: StaffSession } | { ok: false; message: string }> {
  let res: Response;
  try {
    res = await fetch(`${origin}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password }),
    });
  } catch {
    return { ok: false, message: '无法连接大厅服务器，请检查网络' };
  }
  const body = (await res.json().catch(() => null)) as Ack<StaffSession> | null;
  if (body?.ok) return { ok: true, session: body.data };
  return { ok: false, message: body && !body.ok ? body.error.message : `登录失败（HTTP ${res.status}）` };
}

export async function logout(origin: string, sessionToken: string): Promise<void> {
  await fetch(`${origin}/api/auth/logout`, {
    method: 'POST',
    headers: { authorization: `Bearer ${sessionToken}` },
  }).catch(() => undefined);
}

export interface SessionStore {
  read(): StaffSession | null;
  write(session: StaffSession): void;
  clear(): void;
}

/** The signed-in session of one staff app, kept in sessionStorage under `key`; an expired one reads as none. */
export function createSessionStore(key: string): SessionStore {
  return {
    read(): StaffSession | null {
      try {
        const s = JSON.parse(sessionStorage.getItem(key) ?? 'null') as StaffSession | null;
        if (!s || typeof s.sessionToken !== 'string' || Date.parse(s.expiresAt) < Date.now()) return null;
        return s;
      } catch {
        return null;
      }
    },
    write(session: StaffSession): void {
      sessionStorage.setItem(key, JSON.stringify(session));
    },
    clear(): void {
      sessionStorage.removeItem(key);
    },
  };
}
