import { useEffect, useState } from 'react';
import { Alert, App, Spin } from 'antd';
import { FALLBACK_TIME_ZONE } from '@onedoor/protocol';
import { useServerNow, type StaffSession } from '@onedoor/staff-ui';
import { ConsolePageHeader } from '../ui/ConsolePageHeader';
import type { Period } from '../stats/stats-model';
import { HallsTable } from './HallsTable';
import { KpiCompare } from './KpiCompare';
import { periodOf, regionDay, type PeriodMode } from './region-model';
import { useRegion } from './use-region';

/** 区域总览: the halls below a county or city, live, and their KPIs compared (四级联通). */
export function RegionPage({
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
  const { message } = App.useApp();
  const now = useServerNow(0);
  const { overview, kpis, loading, error, loadKpis, exportKpis } = useRegion(
    origin,
    session.sessionToken,
    onUnauthorized,
  );
  const [mode, setMode] = useState<PeriodMode>('day');
  const [period, setPeriod] = useState<Period>({ from: '', to: '' });
  const day = overview ? regionDay(overview.at, FALLBACK_TIME_ZONE) : null;

  // Today's KPIs once the region's day is known.
  useEffect(() => {
    if (!day) return;
    setPeriod((p) => (p.from ? p : periodOf('day', day, p)));
  }, [day]);
  useEffect(() => {
    if (period.from && mode !== 'range') void loadKpis(period);
  }, [period, mode, loadKpis]);

  const chooseMode = (m: PeriodMode) => {
    setMode(m);
    if (day) setPeriod(periodOf(m, day, period));
  };
  const exportAs = async () => {
    const refused = await exportKpis(period);
    if (refused) void message.error(`导出未成功：${refused}`);
  };

  return (
    <div className="oc-shell" data-testid="region-page">
      <ConsolePageHeader
        active="region"
        info={overview && <span className="oc-hall">区域 {overview.regionId}</span>}
        now={now}
        timeZone={FALLBACK_TIME_ZONE}
        session={session}
        onLogout={onLogout}
      />
      <main className="st-main">
        {error && <Alert type="error" showIcon title={error} data-testid="region-error" />}
        {!overview && !error && <Spin />}
        {overview && (
          <>
            <h2 className="st-title">下级大厅 · {overview.halls.length} 个</h2>
            <HallsTable halls={overview.halls} />
            <h2 className="st-title" data-testid="region-period">
              各大厅指标 · {period.from === period.to ? period.from : `${period.from} 至 ${period.to}`}
            </h2>
            <KpiCompare
              mode={mode}
              period={period}
              rows={kpis ?? []}
              loading={loading}
              onMode={chooseMode}
              onPeriod={(p) => {
                setMode('range');
                setPeriod(p);
              }}
              onQuery={() => void loadKpis(period)}
              onExport={() => void exportAs()}
            />
          </>
        )}
      </main>
    </div>
  );
}
