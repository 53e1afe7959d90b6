import { useEffect, useState, type RefObject } from 'react';

/**
 * How many rows of at least `rowMinRem` fit in the element's height, followed as the screen or layout changes (a
 * portrait board has room for fewer recent calls than a landscape one): rows that would be cut in half are not drawn.
 */
export function useFitCount(ref: RefObject<HTMLElement | null>, rowMinRem: number, max: number): number {
  const [count, setCount] = useState(max);
  useEffect(() => {
    const el = ref.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    const measure = (): void => {
      const rem = Number.parseFloat(getComputedStyle(document.documentElement).fontSize) || 16;
      setCount(Math.max(1, Math.min(max, Math.floor(el.clientHeight / (rowMinRem * rem)))));
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, [ref, rowMinRem, max]);
  return count;
}
