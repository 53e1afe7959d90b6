import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Alert, Button, Card, Input, Select, Table } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import {
  createRestClient,
  FALLBACK_TIME_ZONE,
  formatHallDateTime,
  type AuditEntry,
  type StaffView,
} from '@onedoor/protocol';
import { useServerNow, type StaffSession } from '@onedoor/staff-ui';
import { saveDownload } from '../config/save-download';
import { ConsolePageHeader } from '../ui/ConsolePageHeader';
import { ACTION_FILTERS, auditRows, type AuditRow } from './audit-rows';

interface Filters {
  from: string;
  to: string;
  staffId: string | null;
  action: string | null;
}

/** 审计日志: the hall days from..to, who, which kind of change; exported as Excel or CSV with the same filters. */
export function AuditPage({
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
  const [zone, setZone] = useState(FALLBACK_TIME_ZONE);
  const [staff, setStaff] = useState<StaffView[]>([]);
  const [filters, setFilters] = useState<Filters | null>(null);
  const [entries, setEntries] = useState<AuditEntry[]>([]);
  const [error, setError] = useState<string | null>(null);

  // The hall's business day, not the PC's date, opens the view: today's changes, and the six days before.
  useEffect(() => {
    void Promise.all([client.call('GET /api/snapshot', {}), client.call('GET /api/staff', {})]).then(([snap, s]) => {
      if (!snap.ok)
        return snap.status === 401 ? unauthorized.current(snap.error.message) : setError(snap.error.message);
      setZone(snap.data.timeZone);
      if (s.ok) setStaff(s.data);
      const to = snap.data.businessDay;
      const from = new Date(Date.parse(`${to}T00:00:00Z`) - 6 * 86_400_000).toISOString().slice(0, 10);
      setFilters({ from, to, staffId: null, action: 'config.' });
    });
  }, [client]);

  const query = useMemo(
    () =>
      filters && {
        from: filters.from,
        to: filters.to,
        ...(filters.staffId ? { staffId: filters.staffId } : {}),
        ...(filters.action ? { action: filters.action } : {}),
      },
    [filters],
  );
  const load = useCallback(async () => {
    if (!query) return;
    const r = await client.call('GET /api/audit', { query });
    if (r.ok) {
      setEntries(r.data);
      setError(null);
    } else if (r.status === 401) unauthorized.current(r.error.message);
    else setError(r.error.message);
  }, [client, query]);
  useEffect(() => void load(), [load]);

  const exportAs = async (format: 'xlsx' | 'csv') => {
    if (!query) return;
    const r = await client.download('GET /api/audit/export', { query: { ...query, format } });
    if (r.ok) saveDownload(r.data);
    else setError(`导出未成功：${r.error.message}`);
  };

  const rows = useMemo(() => auditRows(entries), [entries]);
  const columns: ColumnsType<AuditRow> = [
    {
      title: '时间',
      dataIndex: 'at',
      width: 170,
      render: (at: string) => formatHallDateTime(at, zone, { seconds: true }),
    },
    { title: '人员', dataIndex: 'who', width: 110 },
    { title: '操作', dataIndex: 'action', width: 130 },
    { title: '对象', dataIndex: 'target', width: 180 },
    { title: '修改内容（修改前 → 修改后）', dataIndex: 'change' },
  ];
  const set = (patch: Partial<Filters>) => setFilters((f) => (f ? { ...f, ...patch } : f));

  return (
    <div className="oc-shell" data-testid="audit-page">
      <ConsolePageHeader active="audit" now={now} timeZone={zone} session={session} onLogout={onLogout} />
      {error && <Alert className="oc-alert" type="error" showIcon title={error} data-testid="audit-error" />}
      <main className="oc-page-main">
        <Card
          size="small"
          title={`审计日志 · ${rows.length} 条`}
          extra={
            <span className="oc-filters">
              <Input
                type="date"
                value={filters?.from ?? ''}
                onChange={(e) => set({ from: e.target.value })}
                data-testid="audit-from"
              />
              至
              <Input
                type="date"
                value={filters?.to ?? ''}
                onChange={(e) => set({ to: e.target.value })}
                data-testid="audit-to"
              />
              <Select
                allowClear
                placeholder="全部人员"
                style={{ width: 140 }}
                value={filters?.staffId ?? undefined}
                onChange={(v?: string) => set({ staffId: v ?? null })}
                options={staff.map((s) => ({ value: s.id, label: s.name }))}
                data-testid="audit-staff"
              />
              <Select
                allowClear
                placeholder="全部操作"
                style={{ width: 150 }}
                value={filters?.action ?? undefined}
                onChange={(v?: string) => set({ action: v ?? null })}
                options={ACTION_FILTERS}
                data-testid="audit-action"
              />
              <Button onClick={() => void exportAs('xlsx')} data-testid="audit-export-xlsx">
                导出 Excel
              </Button>
              <Button onClick={() => void exportAs('csv')}>导出 CSV</Button>
            </span>
          }
        >
          <Table<AuditRow>
            size="small"
            rowKey="id"
            columns={columns}
            dataSource={rows}
            pagination={{ pageSize: 20, showSizeChanger: false }}
            data-testid="audit-table"
          />
        </Card>
      </main>
    </div>
  );
}
