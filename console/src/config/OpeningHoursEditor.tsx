import { Button, Checkbox, Input } from 'antd';
import type { OpeningHours } from '@onedoor/protocol';

const DAYS = ['一', '二', '三', '四', '五', '六', '日'].map((d, i) => ({ value: i + 1, label: `周${d}` }));
const WORKDAYS: OpeningHours = { days: [1, 2, 3, 4, 5], from: '09:00', to: '17:00' };

/**
 * A service's opening hours: rules of weekdays and a from–to time (from = to means the whole day; a to before the
 * from runs past midnight). No rule: the service takes numbers whenever the hall is open.
 */
export function OpeningHoursEditor({
  value,
  onChange,
}: {
  value: OpeningHours[];
  onChange: (next: OpeningHours[]) => void;
}) {
  const patch = (i: number, p: Partial<OpeningHours>) => onChange(value.map((r, j) => (j === i ? { ...r, ...p } : r)));
  return (
    <div className="cf-hours" data-testid="opening-hours">
      {value.length === 0 && <span className="cf-hint">未设置：大厅开放时均可取号</span>}
      {value.map((rule, i) => (
        <div className="cf-hours-rule" key={i}>
          <Checkbox.Group value={rule.days} options={DAYS} onChange={(days) => patch(i, { days })} />
          <Input type="time" value={rule.from} onChange={(e) => patch(i, { from: e.target.value })} />
          至
          <Input type="time" value={rule.to} onChange={(e) => patch(i, { to: e.target.value })} />
          <Button type="link" size="small" danger onClick={() => onChange(value.filter((_r, j) => j !== i))}>
            删除
          </Button>
        </div>
      ))}
      <Button size="small" onClick={() => onChange([...value, { ...WORKDAYS, days: [...WORKDAYS.days] }])}>
        添加办理时间
      </Button>
    </div>
  );
}
