import { useCallback, useEffect, useState } from 'react';
import { fetchDevices } from '../../api';
import type { ConsoleDevice } from '../../console-model';

const DEVICE_REFRESH_MS = 10_000;

/** The hall's devices from REST, refreshed every ten seconds; a 401 signs the manager out. */
export function useDevices(origin: string, token: string, onUnauthorized: (message: string) => void) {
  const [devices, setDevices] = useState<ConsoleDevice[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loadedAt, setLoadedAt] = useState<number | null>(null);
  const refresh = useCallback(async () => {
    const r = await fetchDevices(origin, token);
    if (r.ok) {
      setDevices(r.data);
      setError(null);
      setLoadedAt(Date.now());
    } else if (r.status === 401) onUnauthorized(r.message);
    else setError(r.message);
  }, [origin, token, onUnauthorized]);
  useEffect(() => {
    void refresh();
    const t = setInterval(() => void refresh(), DEVICE_REFRESH_MS);
    return () => clearInterval(t);
  }, [refresh]);
  return { devices, error, loadedAt, refresh };
}

export type DeviceList = ReturnType<typeof useDevices>;
