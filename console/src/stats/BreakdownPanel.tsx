import { useMemo, useState } from 'react';
import { Alert, Button, Card, Select, Table } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import * as echarts from 'echarts/core';
import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import type { StatsBreakdown, StatsBucket, StatsDimension } from '@onedoor/protocol';
import { useEChart } from '../ui/use-echart';
import {
  BUCKET_NAMES,
  DIMENSION_NAMES,
  breakdownChartOption,
  breakdownLines,
  type BreakdownCut,
  type BreakdownLine,
} from './breakdown-model';

echarts.use([BarChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

const COLUMNS: ColumnsType<BreakdownLine> = [
  { title: '时段', dataIndex: 'period', width: 150, fixed: 'left' },
  { title: '分组', dataIndex: 'group', width: 150, fixed: 'left' },
  { title: '取号', dataIndex: 'issued', align: 'right' },
  { title: '已办理', dataIndex: 'served', align: 'right' },
  { title: '过号', dataIndex: 'noShows', align: 'right' },
  { title: '转办', dataIndex: 'transfers', align: 'right' },
  { title: '平均等候(分)', dataIndex: 'wait', align: 'right' },
  { title: '90%等候(分)', dataIndex: 'waitP90', align: 'right' },
  { title: '平均办理(分)', dataIndex: 'service', align: 'right' },
  { title: '收件', dataIndex: 'received', align: 'right' },
  { title: '受理', dataIndex: 'accepted', align: 'right' },
  { title: '办结', dataIndex: 'concluded', align: 'right' },
  { title: '超期', dataIndex: 'overdue', align: 'right' },
  { title: '好评率', dataIndex: 'goodRate', align: 'right' },
  { title: '差评率', dataIndex: 'badRate', align: 'right' },
];

function BreakdownChart({ breakdown }: { breakdown: StatsBreakdown }) {
  const option = useMemo(() => breakdownChartOption(breakdown), [breakdown]);
  const el = useEChart(option, true);
  return <div ref={el} className="st-chart st-breakdown-chart" data-testid="breakdown-chart" />;
}

/** 分组统计: the period cut by hour, day, week or month and by service, window, clerk, department or matter. */
export function BreakdownPanel({
  breakdown,
  onQuery,
  onExport,
}: {
  breakdown: StatsBreakdown | null;
  onQuery: (cut: BreakdownCut) => Promise<string | null>;
  onExport: (format: 'xlsx' | 'csv', cut: BreakdownCut) => void;
}) {
  const [cut, setCut] = useState<BreakdownCut>({ bucket: 'day', by: 'service' });
  const [refused, setRefused] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const lines = useMemo(() => (breakdown ? breakdownLines(breakdown) : []), [breakdown]);
  const query = async () => {
    setLoading(true);
    setRefused(await onQuery(cut));
    setLoading(false);
  };
  return (
    <Card
      size="small"
      title="分组统计"
      className="st-breakdown"
      data-testid="stats-breakdown"
      extra={
        <div className="st-breakdown-tools">
          <Select<StatsBucket | 'none'>
            data-testid="breakdown-bucket"
            value={cut.bucket ?? 'none'}
            style={{ width: 110 }}
            options={[
              { value: 'none', label: '不分时段' },
              ...Object.entries(BUCKET_NAMES).map(([value, label]) => ({ value: value as StatsBucket, label })),
            ]}
            onChange={(v) => setCut({ ...cut, bucket: v === 'none' ? undefined : v })}
          />
          <Select<StatsDimension | 'none'>
            data-testid="breakdown-by"
            value={cut.by ?? 'none'}
            style={{ width: 110 }}
            options={[
              { value: 'none', label: '不分维度' },
              ...Object.entries(DIMENSION_NAMES).map(([value, label]) => ({ value: value as StatsDimension, label })),
            ]}
            onChange={(v) => setCut({ ...cut, by: v === 'none' ? undefined : v })}
          />
          <Button type="primary" loading={loading} onClick={() => void query()} data-testid="breakdown-query">
            分组查询
          </Button>
          <Button onClick={() => onExport('xlsx', cut)} data-testid="breakdown-export-xlsx">
            导出 Excel
          </Button>
          <Button onClick={() => onExport('csv', cut)} data-testid="breakdown-export-csv">
            导出 CSV
          </Button>
        </div>
      }
    >
      {refused && <Alert type="error" showIcon title={refused} data-testid="breakdown-error" />}
      {breakdown && !refused && (
        <>
          {lines.length > 0 && <BreakdownChart breakdown={breakdown} />}
          <Table<BreakdownLine>
            size="small"
            rowKey="rowKey"
            columns={COLUMNS}
            dataSource={lines}
            scroll={{ x: 1300 }}
            pagination={{ pageSize: 24, hideOnSinglePage: true, showSizeChanger: false }}
            locale={{ emptyText: '此区间没有记录' }}
            data-testid="breakdown-table"
          />
        </>
      )}
    </Card>
  );
}
