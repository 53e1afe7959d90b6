import { useEffect, useRef } from 'react';
import * as echarts from 'echarts/core';

/**
 * An ECharts chart on a div: created once, resized with its box, disposed with the component, and given the option
 * each time it changes. The caller registers the chart kinds it uses (`echarts.use`).
 */
export function useEChart(option: echarts.EChartsCoreOption, replace = false) {
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  useEffect(() => {
    if (!el.current) return;
    const c = echarts.init(el.current, null, { renderer: 'canvas' });
    chart.current = c;
    const observer = new ResizeObserver(() => c.resize());
    observer.observe(el.current);
    return () => {
      observer.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, []);
  useEffect(() => {
    chart.current?.setOption(option, { notMerge: replace });
  }, [option, replace]);
  return el;
}
