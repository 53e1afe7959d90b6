import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Alert, Card, Checkbox, Empty, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import {
  createRestClient,
  FALLBACK_TIME_ZONE,
  formatHallDateTime,
  type RectificationView,
  type StaffView,
  type WindowConfig,
} from '@onedoor/protocol';
import { useServerNow, type StaffSession } from '@onedoor/staff-ui';
import { ConsolePageHeader } from '../ui/ConsolePageHeader';
import { RectificationDetail } from './RectificationDetail';
import { isFinished, rectificationRows, type RectificationRow } from './rectification-rows';
import '../ui/work-page.css';

const REFRESH_MS = 10_000;
const STATUS_COLOR: Record<RectificationRow['status'], string> = {
  pending: 'orange',
  rectifying: 'blue',
  rectified: 'geekblue',
  'called-back': 'cyan',
  closed: 'green',
  invalid: 'default',
};

/** 差评整改: the list of rectifications (open first, by 整改期限) beside the one being worked on. */
export function RectificationsPage({
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
  const [list, setList] = useState<RectificationView[]>([]);
  const [windows, setWindows] = useState<WindowConfig[]>([]);
  const [staff, setStaff] = useState<StaffView[]>([]);
  const [zone, setZone] = useState(FALLBACK_TIME_ZONE);
  const [error, setError] = useState<string | null>(null);
  const [openOnly, setOpenOnly] = useState(false);
  const [selected, setSelected] = useState<string | null>(null);

  const refresh = useCallback(async () => {
    const [r, w, s, snap] = await Promise.all([
      client.call('GET /api/rectifications', { query: {} }),
      client.call('GET /api/windows', {}),
      client.call('GET /api/staff', {}),
      client.call('GET /api/snapshot', {}),
    ]);
    for (const a of [r, w, s, snap]) if (!a.ok && a.status === 401) return unauthorized.current(a.error.message);
    if (r.ok) setList(r.data);
    if (w.ok) setWindows(w.data);
    if (s.ok) setStaff(s.data);
    if (snap.ok) setZone(snap.data.timeZone);
    setError(r.ok ? null : r.error.message);
  }, [client]);
  useEffect(() => {
    void refresh();
    const t = setInterval(() => void refresh(), REFRESH_MS);
    return () => clearInterval(t);
  }, [refresh]);

  const rows = useMemo(() => rectificationRows(list, windows, staff, { openOnly }), [list, windows, staff, openOnly]);
  const current = list.find((r) => r.id === selected) ?? null;
  const time = (at: string) => formatHallDateTime(at, zone);
  const columns: ColumnsType<RectificationRow> = [
    { title: '评价时间', dataIndex: 'ratedAt', width: 150, render: time },
    { title: '窗口', dataIndex: 'window', width: 90 },
    { title: '人员', dataIndex: 'clerk', width: 80 },
    { title: '评价', dataIndex: 'levelText', width: 96 },
    { title: '差评原因', dataIndex: 'reason', ellipsis: true },
    {
      title: '状态',
      dataIndex: 'statusText',
      width: 90,
      render: (text: string, row) => <Tag color={STATUS_COLOR[row.status]}>{text}</Tag>,
    },
    {
      title: '整改期限',
      dataIndex: 'dueAt',
      width: 170,
      render: (at: string, row) => (
        <span>
          {time(at)}
          {row.overdue && (
            <Tag color="red" className="oc-work-overdue">
              超期
            </Tag>
          )}
        </span>
      ),
    },
  ];
  const open = list.filter((r) => !isFinished(r.status)).length;
  const overdue = list.filter((r) => r.overdue).length;

  return (
    <div className="oc-shell" data-testid="rectifications-page">
      <ConsolePageHeader active="rectifications" now={now} timeZone={zone} session={session} onLogout={onLogout} />
      {error && <Alert className="oc-alert" type="error" showIcon title={error} />}
      <main className="oc-page-main oc-work-main">
        <Card
          size="small"
          title={`差评整改 · 共 ${list.length} 件，未完成 ${open} 件，超期 ${overdue} 件`}
          extra={
            <Checkbox checked={openOnly} onChange={(e) => setOpenOnly(e.target.checked)} data-testid="rect-open-only">
              只看未完成
            </Checkbox>
          }
        >
          <Table<RectificationRow>
            size="small"
            rowKey="id"
            columns={columns}
            dataSource={rows}
            pagination={{ pageSize: 15, showSizeChanger: false }}
            onRow={(row) => ({ onClick: () => setSelected(row.id) })}
            rowClassName={(row) => (row.id === selected ? 'oc-work-selected' : '')}
            data-testid="rectifications-table"
          />
        </Card>
        {current ? (
          <RectificationDetail
            key={current.id}
            rectification={current}
            windowName={windows.find((w) => w.id === current.windowId)?.name ?? current.windowId}
            time={time}
            now={now}
            submit={async (step) => {
              const answer = await client.call('POST /api/rectifications/:id/steps', {
                params: { id: current.id },
                body: step,
              });
              if (!answer.ok && answer.status === 401) unauthorized.current(answer.error.message);
              if (answer.ok) setList((old) => old.map((r) => (r.id === answer.data.id ? answer.data : r)));
              return answer.ok ? null : answer.error;
            }}
          />
        ) : (
          <Card size="small" className="oc-work-detail">
            <Empty description="在左侧选择一件差评，逐步完成研判、整改、回访和办结" />
          </Card>
        )}
      </main>
    </div>
  );
}
