import { Tag } from 'antd';
import { PRIORITY_CLASS_TEXT, type PriorityClass } from '@onedoor/protocol';

const PRIORITY_COLOR: Record<PriorityClass, string> = { appointment: 'blue', green: 'green', normal: 'default' };

/** 预约 / 绿色通道; nothing for a normal ticket. */
export function PriorityTag({ priority }: { priority: PriorityClass }) {
  if (priority === 'normal') return null;
  return (
    <Tag color={PRIORITY_COLOR[priority]} className="od-priority">
      {PRIORITY_CLASS_TEXT[priority]}
    </Tag>
  );
}
