import type { HallTotals } from '../../console-model';
import { Stat } from './Stat';

/** Today's hall in seven figures. */
export function TotalsBar({
  totals,
  windowCount,
  devices,
}: {
  totals: HallTotals;
  windowCount: number;
  devices: { online: number; total: number; offline: number } | null;
}) {
  return (
    <section className="oc-stats" data-testid="totals">
      <Stat label="今日取号" value={totals.issued} testId="total-issued" />
      <Stat
        label="已叫号"
        value={totals.called}
        testId="total-called"
        hint="今日取号减去正在等候（含打印失败作废的号）"
      />
      <Stat label="正在等候" value={totals.waiting} testId="total-waiting" accent />
      <Stat label="窗口办理中" value={totals.atWindows} />
      <Stat label="挂起" value={totals.suspended} />
      <Stat
        label="在岗窗口"
        value={`${totals.windowsServing + totals.windowsIdle + totals.windowsPaused} / ${windowCount}`}
        sub={`办理 ${totals.windowsServing} · 空闲 ${totals.windowsIdle} · 暂停 ${totals.windowsPaused}`}
        testId="total-windows"
      />
      <Stat
        label="设备在线"
        value={devices ? `${devices.online} / ${devices.total}` : '—'}
        warn={(devices?.offline ?? 0) > 0}
      />
    </section>
  );
}
