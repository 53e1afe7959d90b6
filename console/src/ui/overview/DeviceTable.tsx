import { Alert, Badge, Button, Card, Space, Table, Tooltip, Typography } from 'antd';
import { formatHallTime } from '@onedoor/protocol/client';
import type { DeviceRow } from '../../console-model';
import type { DeviceList } from './use-devices';

/** The hall's devices, online or not; boards get display settings, pairable devices a pairing code. */
export function DeviceTable({
  rows,
  list,
  timeZone,
  onBoardSettings,
  onPair,
}: {
  rows: DeviceRow[];
  list: DeviceList;
  timeZone: string;
  onBoardSettings: (device: DeviceRow) => void;
  onPair: (device: DeviceRow) => void;
}) {
  const time = (at: string | number) => formatHallTime(at, timeZone, { seconds: true });
  return (
    <Card
      size="small"
      className="oc-devices"
      title={
        <span>
          设备{' '}
          <Typography.Text type="secondary">
            （每10秒刷新{list.loadedAt ? `，${time(list.loadedAt)}` : ''}）
          </Typography.Text>
        </span>
      }
      extra={
        <Button size="small" onClick={() => void list.refresh()}>
          刷新
        </Button>
      }
    >
      {list.error && <Alert type="warning" showIcon title={`设备列表：${list.error}`} style={{ marginBottom: 8 }} />}
      <Table<DeviceRow>
        size="small"
        pagination={false}
        rowKey="id"
        dataSource={rows}
        data-testid="device-table"
        loading={list.devices === null && !list.error}
        locale={{ emptyText: '尚未登记设备' }}
        columns={[
          { title: '设备', ellipsis: true, render: (_, r) => <Tooltip title={r.id}>{r.name}</Tooltip> },
          { title: '类型', width: 76, render: (_, r) => r.kindText },
          { title: '窗口', width: 76, render: (_, r) => r.windowName ?? '—' },
          {
            title: '状态',
            width: 112,
            render: (_, r) => (
              <Tooltip
                title={
                  r.statusText.length > 0
                    ? r.statusText.join('、')
                    : r.lastSeenAt
                      ? `最近在线 ${time(r.lastSeenAt)}`
                      : null
                }
              >
                <span>
                  <Badge
                    status={
                      r.attention ? 'warning' : r.online ? 'success' : r.stateText === '未配对' ? 'default' : 'error'
                    }
                    text={r.stateText}
                    data-testid={`device-state-${r.id}`}
                  />
                  {/* Device health at a glance (paper, reader, line): the words, not only a coloured dot. */}
                  {r.attention && (
                    <Typography.Text type="warning" className="oc-device-health" data-testid={`device-health-${r.id}`}>
                      {r.statusText.join('、')}
                    </Typography.Text>
                  )}
                </span>
              </Tooltip>
            ),
          },
          {
            // The fixed columns leave the device's name room in the floor view's narrow card (it was cut to one character).
            title: '',
            width: 96,
            align: 'right',
            render: (_, r) => (
              <Space size={0} orientation="vertical" align="end">
                {r.kind === 'display' && (
                  <Button size="small" type="link" data-testid={`board-${r.id}`} onClick={() => onBoardSettings(r)}>
                    显示设置
                  </Button>
                )}
                {r.pairable ? (
                  <Button size="small" type="link" data-testid={`pair-${r.id}`} onClick={() => onPair(r)}>
                    生成配对码
                  </Button>
                ) : null}
              </Space>
            ),
          },
        ]}
      />
    </Card>
  );
}
