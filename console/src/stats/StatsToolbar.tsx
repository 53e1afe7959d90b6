import { Button, Input, Segmented, Space } from 'antd';
import { PRESETS, type Period, type Preset } from './stats-model';

/** The period (a preset or two dates), the query, the exports and the A4 print. */
export function StatsToolbar({
  preset,
  period,
  loading,
  onPreset,
  onPeriod,
  onQuery,
  onExport,
}: {
  preset: Preset | null;
  period: Period;
  loading: boolean;
  onPreset: (p: Preset) => void;
  onPeriod: (p: Period) => void;
  onQuery: () => void;
  onExport: (format: 'xlsx' | 'csv') => void;
}) {
  return (
    <div className="st-toolbar" data-testid="stats-toolbar">
      <Segmented<Preset | 'custom'>
        value={preset ?? 'custom'}
        options={[
          ...Object.entries(PRESETS).map(([value, label]) => ({ value: value as Preset, label })),
          { value: 'custom', label: '自选区间', disabled: true },
        ]}
        onChange={(v) => v !== 'custom' && onPreset(v)}
        data-testid="stats-presets"
      />
      <Space.Compact>
        <Input
          type="date"
          aria-label="开始日期"
          data-testid="stats-from"
          value={period.from}
          onChange={(e) => onPeriod({ ...period, from: e.target.value })}
        />
        <Input
          type="date"
          aria-label="结束日期"
          data-testid="stats-to"
          value={period.to}
          onChange={(e) => onPeriod({ ...period, to: e.target.value })}
        />
      </Space.Compact>
      <Button type="primary" loading={loading} onClick={onQuery} data-testid="stats-query">
        查询
      </Button>
      <div className="oc-spacer" />
      <Button onClick={() => onExport('xlsx')} data-testid="stats-export-xlsx">
        导出 Excel
      </Button>
      <Button onClick={() => onExport('csv')} data-testid="stats-export-csv">
        导出 CSV
      </Button>
      <Button onClick={() => window.print()} data-testid="stats-print">
        打印日报
      </Button>
    </div>
  );
}
