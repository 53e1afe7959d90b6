import { useMemo } from 'react';
import * as echarts from 'echarts/core';
import { BarChart } from 'echarts/charts';
import { GridComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import { useEChart } from '../ui/use-echart';
import { kpiChartOption, type KpiRow } from './stats-model';

echarts.use([BarChart, GridComponent, TooltipComponent, CanvasRenderer]);

/** The reform's KPIs as bars (red where lower is better). */
export function KpiChart({ rows }: { rows: KpiRow[] }) {
  const option = useMemo(() => kpiChartOption(rows), [rows]);
  const el = useEChart(option, true);
  return <div ref={el} className="st-chart" data-testid="kpi-chart" />;
}
