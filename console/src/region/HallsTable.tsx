import { Table, Tag, Tooltip } from 'antd';
import type { RegionHallViewDto } from '@onedoor/protocol';
import { heardAgo, linkState, type LinkState } from './region-model';

const LINK_COLOR: Record<LinkState, string> = { online: 'green', silent: 'orange', offline: 'red', never: 'default' };

/** Every hall below: its link (state, last heard, records behind) and its live waits, windows and alarms. */
export function HallsTable({ halls }: { halls: readonly RegionHallViewDto[] }) {
  return (
    <Table<RegionHallViewDto>
      data-testid="region-halls"
      rowKey="hallId"
      size="middle"
      pagination={false}
      dataSource={[...halls]}
      columns={[
        {
          title: '大厅',
          dataIndex: 'name',
          // A hall further down is shown as its county reports it.
          render: (name: string, h) => (
            <Tooltip title={h.hallId}>
              {name}
              {h.via !== h.hallId && <span className="rg-via"> · 经 {h.via}</span>}
            </Tooltip>
          ),
        },
        {
          title: '联通',
          key: 'link',
          render: (_, h) => {
            const { state, label } = linkState(h);
            return (
              <Tag color={LINK_COLOR[state]} data-testid={`link-${h.hallId}`}>
                {label}
              </Tag>
            );
          },
        },
        { title: '最后联系', key: 'heard', render: (_, h) => heardAgo(h.silentSeconds) },
        {
          title: '待补记录',
          dataIndex: 'lagRecords',
          render: (n: number) => (n > 0 ? <Tag color="orange">{n}</Tag> : '0'),
        },
        { title: '等候人数', dataIndex: 'waiting', render: (n: number | null) => (n === null ? '—' : n) },
        {
          title: '开放窗口',
          key: 'windows',
          render: (_, h) => (h.windows === null ? '—' : `${h.openWindows} / ${h.windows}`),
        },
        {
          title: '告警',
          key: 'alarms',
          render: (_, h) =>
            h.alarms.length === 0 ? (
              '无'
            ) : (
              <Tooltip title={h.alarms.map((a) => a.message).join('；')}>
                <Tag color={h.alarms.some((a) => a.severity === 'critical') ? 'red' : 'orange'}>
                  {h.alarms.length} 条
                </Tag>
              </Tooltip>
            ),
        },
      ]}
    />
  );
}
