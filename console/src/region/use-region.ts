import { useCallback, useEffect, useRef, useState } from 'react';
import { createRestClient, type RegionKpiRow, type RegionOverview } from '@onedoor/protocol';
import type { Period } from '../stats/stats-model';

/** How often the halls' link state and live figures are read again. */
const POLL_MS = 5000;

export interface RegionHook {
  overview: RegionOverview | null;
  kpis: RegionKpiRow[] | null;
  loading: boolean;
  /** The server's refusal or why it could not be reached, in Chinese. */
  error: string | null;
  loadKpis(period: Period): Promise<void>;
  exportKpis(period: Period): Promise<string | null>;
}

/** The region over REST: the halls polled, the KPIs on demand; a 401 hands the manager back to sign-in. */
export function useRegion(origin: string, token: string, onUnauthorized: (m: string) => void): RegionHook {
  const client = useRef(createRestClient({ origin, token: () => token })).current;
  const unauthorized = useRef(onUnauthorized);
  unauthorized.current = onUnauthorized;
  const [overview, setOverview] = useState<RegionOverview | null>(null);
  const [kpis, setKpis] = useState<RegionKpiRow[] | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let stopped = false;
    const read = async () => {
      const answer = await client.call('GET /api/region/halls', {});
      if (stopped) return;
      if (answer.ok) setOverview(answer.data);
      else if (answer.status === 401) unauthorized.current(answer.error.message);
      else setError(answer.error.message);
    };
    void read();
    const timer = setInterval(() => void read(), POLL_MS);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [client]);

  const loadKpis = useCallback(
    async (period: Period) => {
      setLoading(true);
      const answer = await client.call('GET /api/region/kpis', { query: period });
      setLoading(false);
      if (answer.ok) {
        setKpis(answer.data);
        setError(null);
      } else if (answer.status === 401) unauthorized.current(answer.error.message);
      else setError(answer.error.message);
    },
    [client],
  );

  const exportKpis = useCallback(
    async (period: Period) => {
      const answer = await client.download('GET /api/region/kpis/export', { query: period });
      if (!answer.ok) return answer.error.message;
      const url = URL.createObjectURL(answer.data.blob);
      const link = document.createElement('a');
      link.href = url;
      link.download = answer.data.filename;
      link.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      return null;
    },
    [client],
  );

  return { overview, kpis, loading, error, loadKpis, exportKpis };
}
