import { Card, Table } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { FigureCard, KpiRow } from './stats-model';
import { KpiChart } from './KpiChart';

/** One row of counts: 取号, 办结 … or 收件, 受理 … */
export function FigureRow({ title, cards, testId }: { title: string; cards: FigureCard[]; testId: string }) {
  return (
    <Card size="small" title={title} data-testid={testId}>
      <div className="st-figures">
        {cards.map((c) => (
          <div key={c.key} className="st-figure" data-testid={`figure-${c.key}`}>
            <div className="st-figure-label">{c.label}</div>
            <div className="st-figure-value">{c.value}</div>
            {c.hint && <div className="st-figure-hint">{c.hint}</div>}
          </div>
        ))}
      </div>
    </Card>
  );
}

const KPI_COLUMNS: ColumnsType<KpiRow> = [
  { title: '指标', dataIndex: 'name', width: 130 },
  {
    title: '数值',
    dataIndex: 'value',
    width: 90,
    align: 'right',
    render: (value: string, row) => (
      <b className={row.lowerIsBetter ? 'st-kpi-low' : 'st-kpi-high'} data-testid={`kpi-${row.key}`}>
        {value}
      </b>
    ),
  },
  { title: '计数', dataIndex: 'counted', width: 110, align: 'right' },
  { title: '计算公式', dataIndex: 'formula' },
];

/** The reform's KPIs: each with what was counted and the formula it was computed by, beside their bars. */
export function KpiPanel({ rows }: { rows: KpiRow[] }) {
  return (
    <Card size="small" title="改革指标（一网、一门、一次）" data-testid="stats-kpis">
      <div className="st-kpis">
        <Table<KpiRow> size="small" rowKey="key" pagination={false} columns={KPI_COLUMNS} dataSource={rows} />
        <KpiChart rows={rows} />
      </div>
    </Card>
  );
}
