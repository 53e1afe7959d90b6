import { Card } from 'antd';
import type { WindowModel } from '../../window-model';
import { Counter } from './Counter';

/** Today at this window, as the hall counted it; 本机统计 while the server cannot be asked. */
export function CountersCard({ counters }: { counters: WindowModel['counters'] }) {
  return (
    <Card
      size="small"
      className="od-counters"
      title={<span data-testid="counters-title">{counters.fromServer ? '今日本窗口' : '今日本窗口（本机统计）'}</span>}
    >
      <div className="od-counter-row" data-testid="counters">
        <Counter label="已叫号" value={counters.called} />
        <Counter label="已办结" value={counters.done} />
        <Counter label="过号" value={counters.noShow} />
        <Counter label="转移" value={counters.transferred} />
        <Counter label="挂起" value={counters.suspended} />
        <Counter
          label="平均办理"
          value={counters.averageServiceMinutes ?? '—'}
          unit={counters.averageServiceMinutes !== null ? '分钟' : ''}
        />
        <Counter label="当前等候" value={counters.waitingNow} strong />
      </div>
    </Card>
  );
}
