import { useCallback, useEffect, useRef, useState } from 'react';
import { createRestClient, type StatsBreakdown, type StatsReport } from '@onedoor/protocol';
import type { BreakdownCut } from './breakdown-model';
import type { Period } from './stats-model';

export interface StatsReportHook {
  /** The hall's business day and zone (from its snapshot): presets count from it, never from the PC's date. */
  hall: { businessDay: string; timeZone: string; hallName: string } | null;
  report: StatsReport | null;
  loading: boolean;
  /** The server's refusal or why it could not be reached, in Chinese. */
  error: string | null;
  load(period: Period): Promise<void>;
  /** The period cut by a bucket and/or a dimension; the refusal's message, or null. */
  breakdown: StatsBreakdown | null;
  loadBreakdown(period: Period, cut: BreakdownCut): Promise<string | null>;
  /** The report, or with a cut the breakdown table, as a downloaded file. */
  exportFile(period: Period, format: 'xlsx' | 'csv', cut?: BreakdownCut): Promise<string | null>;
}

/** The period report over REST; a 401 hands the manager back to sign-in. */
export function useStatsReport(origin: string, token: string, onUnauthorized: (m: string) => void): StatsReportHook {
  const client = useRef(createRestClient({ origin, token: () => token })).current;
  const unauthorized = useRef(onUnauthorized);
  unauthorized.current = onUnauthorized;
  const [hall, setHall] = useState<StatsReportHook['hall']>(null);
  const [report, setReport] = useState<StatsReport | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [breakdown, setBreakdown] = useState<StatsBreakdown | null>(null);

  useEffect(() => {
    void client.call('GET /api/snapshot', {}).then((answer) => {
      if (answer.ok)
        setHall({
          businessDay: answer.data.businessDay,
          timeZone: answer.data.timeZone,
          hallName: answer.data.hallName,
        });
      else if (answer.status === 401) unauthorized.current(answer.error.message);
      else setError(answer.error.message);
    });
  }, [client]);

  const load = useCallback(
    async (period: Period) => {
      setLoading(true);
      const answer = await client.call('GET /api/stats/report', { query: period });
      setLoading(false);
      if (answer.ok) {
        setReport(answer.data);
        setError(null);
      } else if (answer.status === 401) unauthorized.current(answer.error.message);
      else setError(answer.error.message);
    },
    [client],
  );

  const loadBreakdown = useCallback(
    async (period: Period, cut: BreakdownCut) => {
      const answer = await client.call('GET /api/stats/breakdown', { query: { ...period, ...cut } });
      if (answer.ok) {
        setBreakdown(answer.data);
        return null;
      }
      if (answer.status === 401) unauthorized.current(answer.error.message);
      return answer.error.message;
    },
    [client],
  );

  /** Saves the export through the browser's download; answers the refusal's message, or null. */
  const exportFile = useCallback(
    async (period: Period, format: 'xlsx' | 'csv', cut: BreakdownCut = {}) => {
      const answer = await client.download('GET /api/stats/export', { query: { ...period, ...cut, format } });
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

  return { hall, report, loading, error, load, breakdown, loadBreakdown, exportFile };
}
