/** One figure of the day's counters. */
export function Counter({
  label,
  value,
  unit,
  strong,
}: {
  label: string;
  value: number | string;
  unit?: string;
  strong?: boolean;
}) {
  return (
    <div className={`od-counter${strong ? ' od-counter-strong' : ''}`}>
      <div className="od-counter-value">
        {value}
        {unit && <small>{unit}</small>}
      </div>
      <div className="od-counter-label">{label}</div>
    </div>
  );
}
