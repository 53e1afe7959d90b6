import { useEffect, useMemo, useState } from 'react';
import { Alert, App, Spin } from 'antd';
import { FALLBACK_TIME_ZONE } from '@onedoor/protocol';
import { useServerNow, type StaffSession } from '@onedoor/staff-ui';
import { ConsolePageHeader } from '../ui/ConsolePageHeader';
import { BreakdownPanel } from './BreakdownPanel';
import type { BreakdownCut } from './breakdown-model';
import { FigureRow, KpiPanel } from './StatsFigures';
import { StatsToolbar } from './StatsToolbar';
import { figureCards, kpiRows, presetPeriod, type Period, type Preset } from './stats-model';
import { useStatsReport } from './use-stats-report';

/** 统计报表: yesterday's hall by default — the question a manager is asked first every morning. */
export function StatsPage({
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
  const { hall, report, loading, error, load, breakdown, loadBreakdown, exportFile } = useStatsReport(
    origin,
    session.sessionToken,
    onUnauthorized,
  );
  const [preset, setPreset] = useState<Preset | null>('yesterday');
  const [period, setPeriod] = useState<Period>({ from: '', to: '' });

  // The first report once the hall's business day is known.
  useEffect(() => {
    if (!hall) return;
    const first = presetPeriod('yesterday', hall.businessDay);
    setPeriod(first);
    void load(first);
  }, [hall, load]);

  const cards = useMemo(() => (report ? figureCards(report) : null), [report]);
  const kpis = useMemo(() => (report ? kpiRows(report) : []), [report]);

  const choosePreset = (p: Preset) => {
    if (!hall) return;
    const next = presetPeriod(p, hall.businessDay);
    setPreset(p);
    setPeriod(next);
    void load(next);
  };
  const exportAs = async (format: 'xlsx' | 'csv', cut?: BreakdownCut) => {
    const refused = await exportFile(period, format, cut);
    if (refused) void message.error(`导出未成功：${refused}`);
  };

  return (
    <div className="oc-shell" data-testid="stats-page">
      <ConsolePageHeader
        active="stats"
        info={hall && <span className="oc-hall">{hall.hallName}</span>}
        now={now}
        timeZone={hall?.timeZone ?? FALLBACK_TIME_ZONE}
        session={session}
        onLogout={onLogout}
      />
      <main className="st-main">
        <StatsToolbar
          preset={preset}
          period={period}
          loading={loading}
          onPreset={choosePreset}
          onPeriod={(p) => {
            setPreset(null);
            setPeriod(p);
          }}
          onQuery={() => void load(period)}
          onExport={(f) => void exportAs(f)}
        />
        {error && <Alert type="error" showIcon title={error} data-testid="stats-error" />}
        {!report && !error && <Spin />}
        {report && cards && (
          <>
            <h2 className="st-title" data-testid="stats-period">
              {hall?.hallName} 统计报表 · {report.from === report.to ? report.from : `${report.from} 至 ${report.to}`}
            </h2>
            <FigureRow title="排队叫号" cards={cards.queue} testId="stats-queue" />
            <FigureRow title="办件" cards={cards.cases} testId="stats-cases" />
            <KpiPanel rows={kpis} />
            <BreakdownPanel
              breakdown={breakdown}
              onQuery={(cut) => loadBreakdown(period, cut)}
              onExport={(f, cut) => void exportAs(f, cut)}
            />
          </>
        )}
      </main>
    </div>
  );
}
