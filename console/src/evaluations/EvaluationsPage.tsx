import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Alert, Button, Card, Checkbox, Select, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import {
  createRestClient,
  evaluationRows,
  FALLBACK_TIME_ZONE,
  formatHallDateTime,
  type EvaluationRow,
  type EvaluationView,
  type StaffView,
  type WindowConfig,
} from '@onedoor/protocol';
import { useServerNow, type StaffSession } from '@onedoor/staff-ui';
import { saveDownload } from '../config/save-download';
import { ConsolePageHeader } from '../ui/ConsolePageHeader';

const REFRESH_MS = 10_000;
const LEVEL_COLOR: Record<number, string> = { 5: 'green', 4: 'green', 3: 'blue', 2: 'orange', 1: 'red' };

/**
 * 好差评: every rating, newest first, with the window, the clerk, the reason of a 差评 and the channel; exported as
 * Excel with the same filters (GET /api/evaluations/export).
 */
export function EvaluationsPage({
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
  const [ratings, setRatings] = useState<EvaluationView[]>([]);
  const [windows, setWindows] = useState<WindowConfig[]>([]);
  const [staff, setStaff] = useState<StaffView[]>([]);
  const [zone, setZone] = useState(FALLBACK_TIME_ZONE);
  const [error, setError] = useState<string | null>(null);
  const [windowId, setWindowId] = useState<string | null>(null);
  const [badOnly, setBadOnly] = useState(false);

  const refresh = useCallback(async () => {
    const [r, w, s, snap] = await Promise.all([
      client.call('GET /api/evaluations', { query: {} }),
      client.call('GET /api/windows', {}),
      client.call('GET /api/staff', {}),
      client.call('GET /api/snapshot', {}),
    ]);
    for (const a of [r, w, s, snap]) if (!a.ok && a.status === 401) return unauthorized.current(a.error.message);
    if (r.ok) setRatings(r.data);
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

  const exportXlsx = async () => {
    const r = await client.download('GET /api/evaluations/export', {
      query: { windowId: windowId ?? undefined, only: badOnly ? 'bad' : undefined },
    });
    if (r.ok) saveDownload(r.data);
    else if (r.status === 401) unauthorized.current(r.error.message);
    else setError(`导出未成功：${r.error.message}（${r.error.messageEn}）`);
  };

  const rows = useMemo(
    () => evaluationRows(ratings, windows, staff, { windowId, badOnly }),
    [ratings, windows, staff, windowId, badOnly],
  );
  const columns: ColumnsType<EvaluationRow> = [
    { title: '时间', dataIndex: 'at', width: 170, render: (at: string) => formatHallDateTime(at, zone) },
    { title: '窗口', dataIndex: 'window', width: 120 },
    { title: '人员', dataIndex: 'clerk', width: 110 },
    {
      title: '评价',
      dataIndex: 'levelText',
      width: 120,
      render: (text: string, row) => <Tag color={LEVEL_COLOR[row.level]}>{text}</Tag>,
    },
    { title: '差评原因', dataIndex: 'reason' },
    { title: '渠道', dataIndex: 'channel', width: 90 },
    { title: '关联办件', dataIndex: 'cases', width: 90, align: 'right' },
  ];
  const bad = ratings.filter((r) => r.level <= 2).length;

  return (
    <div className="oc-shell" data-testid="evaluations-page">
      <ConsolePageHeader active="evaluations" now={now} timeZone={zone} session={session} onLogout={onLogout} />
      {error && <Alert className="oc-alert" type="error" showIcon title={error} />}
      <main className="oc-page-main">
        <Card
          size="small"
          title={`好差评 · 共 ${ratings.length} 条，差评 ${bad} 条`}
          extra={
            <span className="oc-filters">
              <Select
                allowClear
                placeholder="全部窗口"
                style={{ width: 160 }}
                value={windowId ?? undefined}
                onChange={(v?: string) => setWindowId(v ?? null)}
                options={windows.map((w) => ({ value: w.id, label: w.name }))}
                data-testid="evaluations-window"
              />
              <Checkbox checked={badOnly} onChange={(e) => setBadOnly(e.target.checked)} data-testid="evaluations-bad">
                只看差评
              </Checkbox>
              <Button onClick={() => void exportXlsx()} data-testid="evaluations-export">
                导出 Excel
              </Button>
            </span>
          }
        >
          <Table<EvaluationRow>
            size="small"
            rowKey="id"
            columns={columns}
            dataSource={rows}
            pagination={{ pageSize: 20, showSizeChanger: false }}
            data-testid="evaluations-table"
          />
        </Card>
      </main>
    </div>
  );
}
