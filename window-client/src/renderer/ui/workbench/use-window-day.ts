import { useEffect, useRef, useState } from 'react';
import { createRestClient, type WindowDay } from '@onedoor/protocol';

/** At most one read per this many ms, however fast the hall's events come. */
const MIN_INTERVAL_MS = 2_000;

/**
 * The window's day as the hall counts it (今日本窗口 from the event log), read again as the hall changes (`seq`),
 * throttled; null until the first answer or while the server cannot be asked (the screen then counts itself).
 */
export function useWindowDay(origin: string, token: string, windowId: string, seq: number): WindowDay | null {
  const client = useRef(createRestClient({ origin, token: () => token })).current;
  const [day, setDay] = useState<WindowDay | null>(null);
  const last = useRef(0);
  useEffect(() => {
    const wait = Math.max(0, last.current + MIN_INTERVAL_MS - Date.now());
    const timer = setTimeout(() => {
      last.current = Date.now();
      void client.call('GET /api/windows/:id/today', { params: { id: windowId } }).then((answer) => {
        setDay(answer.ok ? answer.data : null);
      });
    }, wait);
    return () => clearTimeout(timer);
  }, [client, windowId, seq]);
  return day;
}
