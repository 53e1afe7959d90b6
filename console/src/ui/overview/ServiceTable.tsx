import { Button, Card, Table, Tag } from 'antd';
import type { ServiceRow } from '../../console-model';

/** Each service's queue: waiting, expected wait, the longest wait so far, windows serving it. */
export function ServiceTable({
  services,
  onMoveWaiting,
}: {
  services: ServiceRow[];
  /** The manager moves this service's waiting visitors to another service. */
  onMoveWaiting?: (row: ServiceRow) => void;
}) {
  return (
    <Card size="small" className="oc-services" title="各业务等候">
      <Table<ServiceRow>
        size="small"
        pagination={false}
        rowKey="id"
        dataSource={services}
        data-testid="service-table"
        columns={[
          {
            title: '业务',
            render: (_, r) => (
              <span className={r.enabled ? '' : 'oc-muted'}>
                <b className="oc-prefix">{r.prefix}</b> {r.name}
                {!r.enabled && ' （停用）'}
                {r.enabled && !r.openNow && <Tag style={{ marginLeft: 6 }}>非办理时间</Tag>}
              </span>
            ),
          },
          {
            title: '等候',
            width: 60,
            align: 'right',
            render: (_, r) => <b className={r.waiting > 0 ? 'oc-waiting' : ''}>{r.waiting}</b>,
          },
          {
            title: '预计等候',
            width: 86,
            align: 'right',
            render: (_, r) => (r.waiting > 0 ? `${r.estimatedWaitMinutes} 分钟` : '—'),
          },
          {
            title: '最久已等',
            width: 86,
            align: 'right',
            render: (_, r) =>
              r.longestWaitMinutes === null ? (
                '—'
              ) : (
                <span className={r.longestWaitMinutes >= 30 ? 'oc-late' : ''}>{r.longestWaitMinutes} 分钟</span>
              ),
          },
          {
            title: '在岗窗口',
            width: 76,
            align: 'right',
            render: (_, r) =>
              r.openWindows === 0 && r.waiting > 0 ? <span className="oc-late">0</span> : r.openWindows,
          },
          { title: '今日取号', width: 76, align: 'right', render: (_, r) => r.issuedToday },
          ...(onMoveWaiting
            ? [
                {
                  title: '',
                  width: 64,
                  render: (_: unknown, r: ServiceRow) =>
                    r.waiting > 0 && (
                      <Button
                        size="small"
                        type="link"
                        onClick={() => onMoveWaiting(r)}
                        data-testid={`move-waiting-${r.id}`}
                      >
                        转移
                      </Button>
                    ),
                },
              ]
            : []),
        ]}
      />
    </Card>
  );
}
