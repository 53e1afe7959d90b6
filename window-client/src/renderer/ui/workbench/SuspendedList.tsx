import { Button, Tooltip } from 'antd';
import type { WaitingRow } from '../../window-model';
import { TicketListCard } from './TicketListCard';

/** Visitors suspended at this window (挂起), to resume when the window is free. */
export function SuspendedList({
  rows,
  canResume,
  hasCurrent,
  onResume,
}: {
  rows: WaitingRow[];
  canResume: boolean;
  hasCurrent: boolean;
  onResume: (row: WaitingRow) => void;
}) {
  return (
    <TicketListCard<WaitingRow>
      title={`挂起（${rows.length}）`}
      testId="suspended-list"
      emptyText="无挂起的群众"
      rows={rows}
      columns={[
        { title: '号码', render: (_, r) => <b className="od-num">{r.ticket.number}</b> },
        { title: '业务', render: (_, r) => r.service?.name ?? r.ticket.serviceId },
        {
          title: '',
          align: 'right',
          render: (_, r) => (
            <Tooltip title={canResume ? null : hasCurrent ? '请先办结或挂起当前群众' : null}>
              <Button size="small" type="link" disabled={!canResume} onClick={() => onResume(r)}>
                恢复办理
              </Button>
            </Tooltip>
          ),
        },
      ]}
    />
  );
}
