import type { ApiError } from './types';

/** A small REST client for the back office: bearer session token, `{ ok, data } | { ok: false, error }` bodies. */
export class BackOfficeApi {
  constructor(
    private readonly origin: string,
    private token: string | null,
  ) {}

  get signedIn(): boolean {
    return this.token !== null;
  }

  setToken(token: string | null): void {
    this.token = token;
  }

  async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = {};
    if (this.token) headers.authorization = `Bearer ${this.token}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    let res: Response;
    try {
      res = await fetch(`${this.origin}${path}`, {
        method,
        headers,
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      });
    } catch {
      throw new BackOfficeError({
        code: 'UNAVAILABLE',
        message: '无法连接大厅服务器，请检查网络',
        messageEn: 'the hall server cannot be reached',
      });
    }
    const json = (await res.json().catch(() => null)) as { ok: boolean; data?: T; error?: ApiError } | null;
    if (!json)
      throw new BackOfficeError({
        code: 'INTERNAL',
        message: `服务器返回错误（${res.status}）`,
        messageEn: `server error ${res.status}`,
      });
    if (!json.ok)
      throw new BackOfficeError(json.error ?? { code: 'INTERNAL', message: '未知错误', messageEn: 'unknown error' });
    return json.data as T;
  }
}

export class BackOfficeError extends Error {
  constructor(readonly error: ApiError) {
    super(error.message);
  }
}
