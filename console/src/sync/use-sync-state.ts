import { useCallback, useEffect, useRef, useState } from 'react';
import { createRestClient, type OutboxItemView, type PlatformSyncState } from '@onedoor/protocol';

const REFRESH_MS = 5000;

export interface SyncStateHook {
  state: PlatformSyncState | null;
  /** Why the last refresh failed (shown above the page), null when it worked. */
  error: string | null;
  refresh(): Promise<void>;
  retry(id: number): Promise<{ ok: true; item: OutboxItemView } | { ok: false; message: string }>;
}

/** The server's sync state, refreshed every few seconds; a 401 hands the manager back to sign-in. */
export function useSyncState(origin: string, token: string, onUnauthorized: (message: string) => void): SyncStateHook {
  const [state, setState] = useState<PlatformSyncState | null>(null);
  const [error, setError] = useState<string | null>(null);
  const client = useRef(createRestClient({ origin, token: () => token })).current;
  const unauthorized = useRef(onUnauthorized);
  unauthorized.current = onUnauthorized;

  const refresh = useCallback(async () => {
    const answer = await client.call('GET /api/platform/sync', {});
    if (answer.ok) {
      setState(answer.data);
      setError(null);
    } else if (answer.status === 401) unauthorized.current(answer.error.message);
    else setError(answer.error.message);
  }, [client]);

  useEffect(() => {
    void refresh();
    const timer = setInterval(() => void refresh(), REFRESH_MS);
    return () => clearInterval(timer);
  }, [refresh]);

  const retry = useCallback(
    async (id: number) => {
      const answer = await client.call('POST /api/platform/outbox/:id/retry', { params: { id: String(id) } });
      void refresh();
      return answer.ok
        ? { ok: true as const, item: answer.data }
        : { ok: false as const, message: answer.error.message };
    },
    [client, refresh],
  );

  return { state, error, refresh, retry };
}
