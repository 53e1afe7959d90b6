import {
  createRestClient,
  restRequest,
  type RestClient,
  type RestClientOptions,
  type RouteInput,
  type RouteKey,
  type RouteResponse,
  type RestRoutes,
} from '@onedoor/protocol';
import type { ApiError } from './types';

/** The back office's REST client: bearer session token, `{ ok, data } | { ok: false, error }` bodies, errors thrown. */
export class BackOfficeApi {
  private readonly options: RestClientOptions;
  private readonly client: RestClient;

  constructor(
    origin: string,
    private token: string | null,
  ) {
    this.options = { origin, token: () => this.token };
    this.client = createRestClient(this.options);
  }

  get signedIn(): boolean {
    return this.token !== null;
  }

  setToken(token: string | null): void {
    this.token = token;
  }

  /** Calls a route of the protocol's REST map; resolves with its data, throws BackOfficeError with the server's message. */
  async request<K extends RouteKey>(route: K, input: RouteInput<K>): Promise<RouteResponse<RestRoutes, K>> {
    const answer = await this.client.call(route, input);
    if (!answer.ok) throw new BackOfficeError(answer.error);
    return answer.data;
  }

  /**
   * Untyped form of `request` (method + concrete path) for the screens that still build paths themselves; new code
   * calls `request` with a route of the REST map.
   */
  async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const answer = await restRequest(this.options, method, path, body);
    if (!answer.ok) throw new BackOfficeError(answer.error);
    return answer.data as T;
  }
}

export class BackOfficeError extends Error {
  constructor(readonly error: ApiError) {
    super(error.message);
  }
}
