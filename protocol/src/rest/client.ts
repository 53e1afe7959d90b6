import { appError, type AppError } from '../errors.js';
import type { CatalogIssue } from '../dto/catalog.js';
import { fillPath, routeParts, type RestRoutes, type RouteInput, type RouteKey, type RouteResponse } from './routes.js';

/** What a REST call answers: the data, or the server's error (plain Chinese and English) with the HTTP status. */
export type RestAnswer<T> =
  | { ok: true; data: T; status: number }
  | {
      ok: false;
      error: AppError;
      /** 0 when the server could not be reached. */
      status: number;
      /** A refused catalog import lists every bad row. */
      issues?: CatalogIssue[];
    };

export interface RestClientOptions {
  /** `http://hall:8080`, or '' for the page's own origin. */
  origin: string;
  /** The staff session token sent as `Authorization: Bearer`, read at each call (null: not signed in). */
  token?: () => string | null;
  /** Defaults to the global fetch. */
  fetch?: typeof fetch;
}

const unreachable = (): AppError =>
  appError('UNAVAILABLE', '无法连接大厅服务器，请检查网络', 'the hall server cannot be reached');

function isAnswerBody(v: unknown): v is { ok: boolean; data?: unknown; error?: AppError; issues?: CatalogIssue[] } {
  return typeof v === 'object' && v !== null && 'ok' in v && typeof v.ok === 'boolean';
}

/**
 * The one REST request every client makes: bearer token, JSON body, `{ ok, data } | { ok: false, error }` answer.
 * Never throws: a network failure or a body that is not ours comes back as an error answer.
 */
export async function restRequest(
  options: RestClientOptions,
  method: string,
  path: string,
  body?: unknown,
  /** A file sent as the raw body instead of JSON (the catalog's .xlsx import). */
  file?: { type: string; data: Blob },
): Promise<RestAnswer<unknown>> {
  const headers: Record<string, string> = {};
  const token = options.token?.() ?? null;
  if (token) headers.authorization = `Bearer ${token}`;
  if (file) headers['content-type'] = file.type;
  else if (body !== undefined) headers['content-type'] = 'application/json';
  const send = options.fetch ?? fetch;
  let res: Response;
  try {
    res = await send(`${options.origin}${path}`, {
      method,
      headers,
      ...(file ? { body: file.data } : body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
  } catch {
    return { ok: false, error: unreachable(), status: 0 };
  }
  const json: unknown = await res.json().catch(() => null);
  if (!isAnswerBody(json))
    return {
      ok: false,
      status: res.status,
      error: appError('INTERNAL', `服务器返回错误（HTTP ${res.status}）`, `server error (HTTP ${res.status})`),
    };
  if (json.ok) return { ok: true, data: json.data ?? null, status: res.status };
  return {
    ok: false,
    status: res.status,
    error: json.error ?? appError('INTERNAL', '未知错误', 'unknown error'),
    ...(json.issues ? { issues: json.issues } : {}),
  };
}

/** A file a route answers with (an export): its bytes and the name the server gave it. */
export interface DownloadedFile {
  blob: Blob;
  filename: string;
}

export interface RestClient {
  /** Calls one route of the REST map; the input and the answer are typed by the route. */
  call<K extends RouteKey>(route: K, input: RouteInput<K>): Promise<RestAnswer<RouteResponse<RestRoutes, K>>>;
  /** Calls a route that answers with a file (xlsx, csv); a refusal comes back as the usual error answer. */
  download<K extends RouteKey>(route: K, input: RouteInput<K>): Promise<RestAnswer<DownloadedFile>>;
  /** Sends a file as the raw body (the catalog's .xlsx import); answered like `call`. */
  upload<K extends RouteKey>(
    route: K,
    input: Omit<RouteInput<K>, 'body'>,
    file: { type: string; data: Blob },
  ): Promise<RestAnswer<RouteResponse<RestRoutes, K>>>;
}

/** `attachment; filename*=UTF-8''%E7%BB%9F…` or `filename="x.csv"`, else the fallback. */
function filenameOf(disposition: string | null, fallback: string): string {
  const encoded = disposition?.match(/filename\*=UTF-8''([^;]+)/i)?.[1];
  if (encoded) {
    try {
      return decodeURIComponent(encoded);
    } catch {
      // a malformed name: use the plain one or the fallback
    }
  }
  return disposition?.match(/filename="?([^";]+)"?/i)?.[1] ?? fallback;
}

function queryString(query: unknown): string {
  if (typeof query !== 'object' || query === null) return '';
  const pairs = Object.entries(query).filter(
    (e): e is [string, string | number | boolean] => e[1] !== undefined && e[1] !== null,
  );
  if (pairs.length === 0) return '';
  return `?${pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`).join('&')}`;
}

/** A typed client over the REST map (`REST_ROUTES`), for the console, the back office and every other client. */
export function createRestClient(options: RestClientOptions): RestClient {
  return {
    async call<K extends RouteKey>(route: K, input: RouteInput<K>) {
      const { method, path } = routeParts(route);
      const url = fillPath(path, input.params) + queryString(input.query);
      const answer = await restRequest(options, method, url, input.body);
      // The server answers this route with its response schema's type (checked there by the compiler).
      return answer as RestAnswer<RouteResponse<RestRoutes, K>>;
    },
    async upload<K extends RouteKey>(route: K, input: Omit<RouteInput<K>, 'body'>, file: { type: string; data: Blob }) {
      const { method, path } = routeParts(route);
      const url = fillPath(path, input.params) + queryString(input.query);
      const answer = await restRequest(options, method, url, undefined, file);
      // As in call: the server answers this route with its response schema's type.
      return answer as RestAnswer<RouteResponse<RestRoutes, K>>;
    },
    async download<K extends RouteKey>(route: K, input: RouteInput<K>): Promise<RestAnswer<DownloadedFile>> {
      const { method, path } = routeParts(route);
      const url = fillPath(path, input.params) + queryString(input.query);
      const token = options.token?.() ?? null;
      let res: Response;
      try {
        res = await (options.fetch ?? fetch)(`${options.origin}${url}`, {
          method,
          headers: token ? { authorization: `Bearer ${token}` } : {},
        });
      } catch {
        return { ok: false, error: unreachable(), status: 0 };
      }
      if (!res.ok || (res.headers.get('content-type') ?? '').includes('application/json')) {
        const json: unknown = await res.json().catch(() => null);
        const error =
          isAnswerBody(json) && json.error
            ? json.error
            : appError('INTERNAL', `服务器返回错误（HTTP ${res.status}）`, `server error (HTTP ${res.status})`);
        return { ok: false, error, status: res.status };
      }
      const fallback = path.split('/').pop() ?? 'download';
      return {
        ok: true,
        status: res.status,
        data: { blob: await res.blob(), filename: filenameOf(res.headers.get('content-disposition'), fallback) },
      };
    },
  };
}
