import { useEffect, useState } from 'react';

/** The server's clock (epoch ms), from the local one and the offset the hall link measured; ticks every `everyMs`. */
export function useServerNow(offsetMs: number, everyMs = 1000): number {
  const [now, setNow] = useState(() => Date.now() + offsetMs);
  useEffect(() => {
    setNow(Date.now() + offsetMs);
    const t = setInterval(() => setNow(Date.now() + offsetMs), everyMs);
    return () => clearInterval(t);
  }, [offsetMs, everyMs]);
  return now;
}
