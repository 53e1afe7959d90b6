import { Tooltip } from 'antd';

/** One figure of the totals bar. */
export function Stat({
  label,
  value,
  testId,
  accent,
  warn,
  hint,
  sub,
}: {
  label: string;
  value: number | string;
  testId?: string;
  accent?: boolean;
  warn?: boolean;
  hint?: string;
  sub?: string;
}) {
  const body = (
    <div className={`oc-stat${accent ? ' oc-stat-accent' : ''}${warn ? ' oc-stat-warn' : ''}`}>
      <div className="oc-stat-value" data-testid={testId}>
        {value}
      </div>
      <div className="oc-stat-label">
        {label}
        {sub && <span className="oc-stat-sub"> · {sub}</span>}
      </div>
    </div>
  );
  return hint ? <Tooltip title={hint}>{body}</Tooltip> : body;
}
