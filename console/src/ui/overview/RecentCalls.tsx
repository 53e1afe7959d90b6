import { Card, Table, Tag } from 'antd';
import { formatHallTime } from '@onedoor/protocol/client';
import type { CallRow } from '../../console-model';

export function RecentCalls({ calls, timeZone }: { calls: CallRow[]; timeZone: string }) {
  return (
    <Card size="small" className="oc-calls" title="最近叫号">
      <Table<CallRow>
        size="small"
        pagination={false}
        rowKey="key"
        dataSource={calls}
        data-testid="recent-calls"
        locale={{ emptyText: '今日尚无叫号' }}
        columns={[
          { title: '时间', width: 84, render: (_, r) => formatHallTime(r.at, timeZone, { seconds: true }) },
          { title: '号码', render: (_, r) => <b className="oc-num">{r.number}</b> },
          { title: '窗口', render: (_, r) => r.windowName },
          { title: '业务', ellipsis: true, render: (_, r) => r.serviceName },
          { title: '', width: 56, render: (_, r) => (r.recall ? <Tag>重呼</Tag> : null) },
        ]}
      />
    </Card>
  );
}
