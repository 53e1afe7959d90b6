import {
  createRestClient,
  type RestClient,
  type RouteInput,
  type RouteKey,
  type RouteResponse,
  type RestRoutes,
} from '@onedoor/protocol';
import type { ApiError } from './types';

/** The back office's REST client: bearer session token, `{ ok, data } | { ok: false, error }` bodies, errors thrown. */
export class BackOfficeApi {
  private readonly client: RestClient;

  constructor(
    origin: string,
    private token: string | null,
  ) {
    this.client = createRestClient({ origin, token: () => this.token });
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
}

export class BackOfficeError extends Error {
  constructor(readonly error: ApiError) {
    super(error.message);
  }
}
