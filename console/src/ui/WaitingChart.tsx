import { useMemo } from 'react';
import * as echarts from 'echarts/core';
import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import { waitingChartOption, type ServiceRow } from '../console-model';
import { useEChart } from './use-echart';

echarts.use([BarChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

/** Waiting people and estimated wait per service, as bars. Re-renders in place when the rows change. */
export function WaitingChart({ rows }: { rows: ServiceRow[] }) {
  const option = useMemo(() => waitingChartOption(rows), [rows]);
  const el = useEChart(option);
  return <div ref={el} className="oc-chart" data-testid="waiting-chart" />;
}
