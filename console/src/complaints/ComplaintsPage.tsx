import { useCallback, useEffect, useRef, useState } from 'react';
import { Alert, Button, Card, Empty, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import {
  COMPLAINT_CHANNEL_TEXT,
  createRestClient,
  FALLBACK_TIME_ZONE,
  formatHallDateTime,
  type ComplaintView,
  type WindowConfig,
} from '@onedoor/protocol';
import { useServerNow, type StaffSession } from '@onedoor/staff-ui';
import { ConsolePageHeader } from '../ui/ConsolePageHeader';
import { ComplaintDetail } from './ComplaintDetail';
import { ComplaintForm } from './ComplaintForm';
import '../ui/work-page.css';

const REFRESH_MS = 10_000;

/** 服务投诉: the complaints (complainant masked), one being worked on, and the registration form. */
export function ComplaintsPage({
  origin,
  session,
  onLogout,
  onUnauthorized,
}: {
  origin: string;
  session: StaffSession;
  onLogout: () => void;
  onUnauthorized: (message: string) => void;
}) {
  const now = useServerNow(0);
  const client = useRef(createRestClient({ origin, token: () => session.sessionToken })).current;
  const unauthorized = useRef(onUnauthorized);
  unauthorized.current = onUnauthorized;
  const [list, setList] = useState<ComplaintView[]>([]);
  const [windows, setWindows] = useState<WindowConfig[]>([]);
  const [zone, setZone] = useState(FALLBACK_TIME_ZONE);
  const [error, setError] = useState<string | null>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const [registering, setRegistering] = useState(false);

  const refresh = useCallback(async () => {
    const [c, w, snap] = await Promise.all([
      client.call('GET /api/complaints', { query: {} }),
      client.call('GET /api/windows', {}),
      client.call('GET /api/snapshot', {}),
    ]);
    for (const a of [c, w, snap]) if (!a.ok && a.status === 401) return unauthorized.current(a.error.message);
    if (c.ok) setList(c.data);
    if (w.ok) setWindows(w.data);
    if (snap.ok) setZone(snap.data.timeZone);
    setError(c.ok ? null : c.error.message);
  }, [client]);
  useEffect(() => {
    void refresh();
    const t = setInterval(() => void refresh(), REFRESH_MS);
    return () => clearInterval(t);
  }, [refresh]);

  const time = (at: string) => formatHallDateTime(at, zone);
  const windowName = (id: string | null) => (id ? (windows.find((w) => w.id === id)?.name ?? id) : '—');
  const replace = (c: ComplaintView) => setList((old) => [c, ...old.filter((o) => o.id !== c.id)]);
  const current = list.find((c) => c.id === selected) ?? null;
  const columns: ColumnsType<ComplaintView> = [
    { title: '编号', dataIndex: 'no', width: 140 },
    { title: '受理时间', dataIndex: 'receivedAt', width: 150, render: time },
    { title: '类别', dataIndex: 'categoryText', width: 100 },
    {
      title: '渠道',
      dataIndex: 'channel',
      width: 80,
      render: (c: ComplaintView['channel']) => COMPLAINT_CHANNEL_TEXT[c],
    },
    {
      title: '投诉人',
      width: 150,
      render: (_: unknown, c) =>
        c.complainant.anonymous ? '匿名' : `${c.complainant.name ?? '—'} ${c.complainant.phone ?? ''}`,
    },
    { title: '被投诉窗口', dataIndex: 'windowId', width: 100, render: windowName },
    {
      title: '状态',
      dataIndex: 'statusText',
      width: 130,
      render: (text: string, c) => (
        <span>
          <Tag color={c.status === 'archived' ? 'green' : 'blue'}>{text}</Tag>
          {c.overdue && <Tag color="red">超期</Tag>}
        </span>
      ),
    },
    { title: '办理期限', dataIndex: 'dueAt', width: 150, render: time },
  ];

  return (
    <div className="oc-shell" data-testid="complaints-page">
      <ConsolePageHeader active="complaints" now={now} timeZone={zone} session={session} onLogout={onLogout} />
      {error && <Alert className="oc-alert" type="error" showIcon title={error} />}
      <main className="oc-page-main oc-work-main">
        <Card
          size="small"
          title={`服务投诉 · 共 ${list.length} 件，超期 ${list.filter((c) => c.overdue).length} 件`}
          extra={
            <Button type="primary" onClick={() => setRegistering(true)} data-testid="complaint-new">
              登记投诉
            </Button>
          }
        >
          <Table<ComplaintView>
            size="small"
            rowKey="id"
            columns={columns}
            dataSource={list}
            pagination={{ pageSize: 15, showSizeChanger: false }}
            onRow={(c) => ({ onClick: () => setSelected(c.id) })}
            rowClassName={(c) => (c.id === selected ? 'oc-work-selected' : '')}
            data-testid="complaints-table"
          />
        </Card>
        {current ? (
          <ComplaintDetail
            key={current.id}
            complaint={current}
            windowName={windowName(current.windowId)}
            time={time}
            submit={async (step) => {
              const answer = await client.call('POST /api/complaints/:id/steps', {
                params: { id: current.id },
                body: step,
              });
              if (answer.ok) replace(answer.data);
              return answer.ok ? null : answer.error.message;
            }}
          />
        ) : (
          <Card size="small">
            <Empty description="选择一件投诉，依次调查、处置、反馈、归档" />
          </Card>
        )}
      </main>
      {registering && (
        <ComplaintForm
          windows={windows}
          onClose={() => setRegistering(false)}
          submit={async (input) => {
            const answer = await client.call('POST /api/complaints', { body: input });
            if (answer.ok) {
              replace(answer.data);
              setSelected(answer.data.id);
              setRegistering(false);
            }
            return answer.ok ? null : answer.error.message;
          }}
        />
      )}
    </div>
  );
}
