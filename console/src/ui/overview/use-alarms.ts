import { useCallback, useEffect, useState } from 'react';
import type { AlarmView } from '@onedoor/protocol';
import { acknowledgeAlarm, fetchAlarms } from '../../api';

const ALARM_REFRESH_MS = 3_000;

/** The alarms not yet acknowledged, refreshed every few seconds; a 401 signs the manager out. */
export function useAlarms(origin: string, token: string, onUnauthorized: (message: string) => void) {
  const [open, setOpen] = useState<AlarmView[]>([]);
  const [error, setError] = useState<string | null>(null);
  const refresh = useCallback(async () => {
    const r = await fetchAlarms(origin, token);
    if (r.ok) {
      setOpen(r.data.open);
      setError(null);
    } else if (r.status === 401) onUnauthorized(r.message);
    else setError(r.message);
  }, [origin, token, onUnauthorized]);
  useEffect(() => {
    void refresh();
    const t = setInterval(() => void refresh(), ALARM_REFRESH_MS);
    return () => clearInterval(t);
  }, [refresh]);
  const acknowledge = useCallback(
    async (id: number, note: string) => {
      const r = await acknowledgeAlarm(origin, token, id, note);
      void refresh();
      return r.ok ? null : r.message;
    },
    [origin, token, refresh],
  );
  return { open, error, acknowledge };
}
