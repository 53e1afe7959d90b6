import { Button, Typography } from 'antd';
import { formatHallTime } from '@onedoor/protocol/client';
import type { NoShowRow } from '../../window-model';
import { TicketListCard } from './TicketListCard';

/** Today's 过号 at this window; each can be re-queued (重新排队) within the hall's time limit. */
export function NoShowList({
  rows,
  disabled,
  timeZone,
  onReactivate,
}: {
  rows: NoShowRow[];
  disabled: boolean;
  timeZone: string;
  onReactivate: (row: NoShowRow) => void;
}) {
  return (
    <TicketListCard<NoShowRow>
      title={`过号（${rows.length}）`}
      testId="no-show-list"
      emptyText="无过号"
      rows={rows}
      columns={[
        { title: '号码', render: (_, r) => <b className="od-num">{r.ticket.number}</b> },
        { title: '过号时间', render: (_, r) => formatHallTime(r.at, timeZone) },
        {
          title: '',
          align: 'right',
          render: (_, r) =>
            r.expired ? (
              <Typography.Text type="secondary">已超时</Typography.Text>
            ) : (
              <Button
                size="small"
                type="link"
                disabled={disabled}
                data-testid={`reactivate-${r.ticket.number}`}
                onClick={() => onReactivate(r)}
              >
                重新排队（剩 {r.minutesLeft} 分钟）
              </Button>
            ),
        },
      ]}
    />
  );
}
