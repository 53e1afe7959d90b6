import { useEffect, useRef, useState } from 'react';
import { createRestClient, type WindowCallOrder, type WindowDay } from '@onedoor/protocol';

/** At most one read per this many ms, however fast the hall's events come. */
const MIN_INTERVAL_MS = 2_000;
/** The call order also moves with time alone (aging): read it again at least this often. */
const CALL_ORDER_REFRESH_MS = 60_000;

type RestClient = ReturnType<typeof createRestClient>;

/**
 * One value read from the hall again as the hall changes (`seq`), throttled, and every `refreshMs` when given; null
 * until the first answer or while the server cannot be asked (the screen then falls back on what it knows).
 */
function useHallRead<T>(
  origin: string,
  token: string,
  seq: number,
  read: (client: RestClient) => Promise<T | null>,
  refreshMs?: number,
): T | null {
  const client = useRef(createRestClient({ origin, token: () => token })).current;
  const reader = useRef(read);
  reader.current = read;
  const [value, setValue] = useState<T | null>(null);
  const [tick, setTick] = useState(0);
  const last = useRef(0);
  useEffect(() => {
    if (!refreshMs) return;
    const timer = setInterval(() => setTick((n) => n + 1), refreshMs);
    return () => clearInterval(timer);
  }, [refreshMs]);
  useEffect(() => {
    const wait = Math.max(0, last.current + MIN_INTERVAL_MS - Date.now());
    const timer = setTimeout(() => {
      last.current = Date.now();
      void reader.current(client).then(setValue);
    }, wait);
    return () => clearTimeout(timer);
  }, [client, seq, tick]);
  return value;
}

/** The window's day as the hall counts it (今日本窗口 from the event log); null while unknown (the screen counts itself). */
export function useWindowDay(origin: string, token: string, windowId: string, seq: number): WindowDay | null {
  return useHallRead(origin, token, seq, async (client) => {
    const answer = await client.call('GET /api/windows/:id/today', { params: { id: windowId } });
    return answer.ok ? answer.data : null;
  });
}

/** The order the hall will call this window's waiting tickets in (the queue's fair order); null while unknown. */
export function useCallOrder(origin: string, token: string, windowId: string, seq: number): WindowCallOrder | null {
  return useHallRead(
    origin,
    token,
    seq,
    async (client) => {
      const answer = await client.call('GET /api/windows/:id/call-order', { params: { id: windowId } });
      return answer.ok ? answer.data : null;
    },
    CALL_ORDER_REFRESH_MS,
  );
}
