import { Card, Empty, Table } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { TicketView } from '@onedoor/protocol';

/** A small card listing tickets (挂起, 过号), or saying there are none. */
export function TicketListCard<Row extends { ticket: TicketView }>({
  title,
  testId,
  emptyText,
  rows,
  columns,
}: {
  title: string;
  testId: string;
  emptyText: string;
  rows: Row[];
  columns: ColumnsType<Row>;
}) {
  return (
    <Card size="small" className="od-list-card" title={title} data-testid={testId}>
      {rows.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={emptyText} />
      ) : (
        <Table<Row> size="small" pagination={false} rowKey={(r) => r.ticket.id} dataSource={rows} columns={columns} />
      )}
    </Card>
  );
}
