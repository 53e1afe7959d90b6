import { useMemo } from 'react';
import { Button, Input, Segmented, Space, Table } from 'antd';
import * as echarts from 'echarts/core';
import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import type { RegionKpiRow } from '@onedoor/protocol';
import { useEChart } from '../ui/use-echart';
import type { Period } from '../stats/stats-model';
import { compareChartOption, KPI_COLUMNS, kpiCell, PERIOD_MODES, regionTotal, type PeriodMode } from './region-model';

echarts.use([BarChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

/** The KPIs of every hall side by side for a day, a month or a range, with the region's total and the export. */
export function KpiCompare({
  mode,
  period,
  rows,
  loading,
  onMode,
  onPeriod,
  onQuery,
  onExport,
}: {
  mode: PeriodMode;
  period: Period;
  rows: readonly RegionKpiRow[];
  loading: boolean;
  onMode: (m: PeriodMode) => void;
  onPeriod: (p: Period) => void;
  onQuery: () => void;
  onExport: () => void;
}) {
  const option = useMemo(() => compareChartOption(rows), [rows]);
  const chart = useEChart(option, true);
  const total = useMemo(() => regionTotal(rows), [rows]);
  return (
    <section className="rg-kpis">
      <div className="st-toolbar" data-testid="region-toolbar">
        <Segmented<PeriodMode>
          value={mode}
          options={Object.entries(PERIOD_MODES).map(([value, label]) => ({ value: value as PeriodMode, label }))}
          onChange={onMode}
          data-testid="region-modes"
        />
        <Space.Compact>
          <Input
            type="date"
            aria-label="开始日期"
            data-testid="region-from"
            value={period.from}
            onChange={(e) => onPeriod({ ...period, from: e.target.value })}
          />
          <Input
            type="date"
            aria-label="结束日期"
            data-testid="region-to"
            value={period.to}
            onChange={(e) => onPeriod({ ...period, to: e.target.value })}
          />
        </Space.Compact>
        <Button type="primary" loading={loading} onClick={onQuery} data-testid="region-query">
          查询
        </Button>
        <div className="oc-spacer" />
        <Button onClick={onExport} data-testid="region-export">
          导出 Excel
        </Button>
      </div>
      <Table<RegionKpiRow>
        data-testid="region-kpis"
        rowKey="hallId"
        size="small"
        pagination={false}
        dataSource={[...rows]}
        columns={[
          { title: '大厅', dataIndex: 'name' },
          ...KPI_COLUMNS.map(({ key, title }) => ({
            title,
            key,
            render: (_: unknown, r: RegionKpiRow) => kpiCell(r, key),
          })),
        ]}
        summary={() => (
          <Table.Summary.Row data-testid="kpi-total">
            <Table.Summary.Cell index={0}>区域合计</Table.Summary.Cell>
            {KPI_COLUMNS.map(({ key }, i) => (
              <Table.Summary.Cell key={key} index={i + 1}>
                {total[key]}
              </Table.Summary.Cell>
            ))}
          </Table.Summary.Row>
        )}
      />
      <div ref={chart} className="rg-chart" data-testid="region-chart" />
    </section>
  );
}
