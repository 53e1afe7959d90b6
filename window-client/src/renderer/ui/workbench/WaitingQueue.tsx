import { Badge, Button, Card, Empty, Table, Tag, Typography } from 'antd';
import { formatHallTime } from '@onedoor/protocol/client';
import { formatMinutes, type WaitingRow } from '../../window-model';
import { PriorityTag } from './PriorityTag';

/** Everyone this window may call, in the order the hall will call them; any of them can be called directly (叫此号). */
export function WaitingQueue({
  rows,
  canCall,
  timeZone,
  onCall,
}: {
  rows: WaitingRow[];
  canCall: boolean;
  timeZone: string;
  onCall: (row: WaitingRow) => void;
}) {
  return (
    <Card
      size="small"
      className="od-queue"
      title={
        <span>
          等候队列 <Badge count={rows.length} showZero color="#1f5fbf" />
        </span>
      }
      extra={<Typography.Text type="secondary">按叫号顺序排列（优先级、插队比例、久候优先）</Typography.Text>}
      data-testid="waiting-list"
    >
      <Table<WaitingRow>
        size="small"
        pagination={false}
        sticky
        rowKey={(r) => r.ticket.id}
        dataSource={rows}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无等候" /> }}
        columns={[
          {
            title: '号码',
            width: 110,
            render: (_, r) => (
              <span>
                <b className="od-num">{r.ticket.number}</b>
              </span>
            ),
          },
          {
            title: '业务',
            render: (_, r) => (
              <span>
                {r.service?.name ?? r.ticket.serviceId} <PriorityTag priority={r.ticket.priority} />
                {r.targeted && <Tag color="purple">指定本窗口</Tag>}
                {r.ticket.realName && <Tag>实名 {r.ticket.holderName}</Tag>}
              </span>
            ),
          },
          { title: '取号', width: 70, render: (_, r) => formatHallTime(r.ticket.issuedAt, timeZone) },
          {
            title: '已等候',
            width: 100,
            render: (_, r) => (
              <span className={r.waitedMinutes >= 30 ? 'od-long-wait' : ''}>{formatMinutes(r.waitedMinutes)}</span>
            ),
          },
          {
            title: '',
            width: 84,
            align: 'right',
            render: (_, r) => (
              <Button
                size="small"
                disabled={!canCall}
                data-testid={`call-${r.ticket.number}`}
                onClick={() => onCall(r)}
              >
                叫此号
              </Button>
            ),
          },
        ]}
      />
    </Card>
  );
}
