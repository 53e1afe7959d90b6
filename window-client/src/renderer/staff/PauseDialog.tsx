import { useEffect, useState } from 'react';
import { Input, Modal, Tag, Typography, type ButtonProps } from 'antd';
import './staff.css';

export const PAUSE_REASONS = ['午休', '临时离开', '系统故障', '业务培训'] as const;

/**
 * Pausing a window (by its clerk or from the console): a reason is required — quick picks or free text — and is
 * shown to the clerk and on the boards. `testIdPrefix` keeps the two screens' test ids apart.
 */
export function PauseDialog({
  open,
  title,
  hint,
  busy,
  testIdPrefix = '',
  onCancel,
  onSubmit,
}: {
  open: boolean;
  title: string;
  hint: string;
  busy: boolean;
  testIdPrefix?: string;
  onCancel: () => void;
  onSubmit: (reason: string) => Promise<void>;
}) {
  const [reason, setReason] = useState('');
  const [touched, setTouched] = useState(false);
  useEffect(() => {
    if (open) {
      setReason('');
      setTouched(false);
    }
  }, [open]);
  const trimmed = reason.trim();
  const submit = () => {
    setTouched(true);
    if (trimmed) void onSubmit(trimmed);
  };
  return (
    <Modal
      title={title}
      open={open}
      onCancel={onCancel}
      onOk={submit}
      okText="暂停"
      cancelText="取消"
      okButtonProps={
        { disabled: busy || !trimmed, loading: busy, 'data-testid': `${testIdPrefix}pause-ok` } as ButtonProps
      }
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{hint}</Typography.Paragraph>
      <div className="staff-reasons">
        {PAUSE_REASONS.map((r) => (
          <Tag.CheckableTag
            key={r}
            checked={trimmed === r}
            onChange={() => setReason(r)}
            className="staff-reason-tag"
            data-testid={`${testIdPrefix}reason-${r}`}
          >
            {r}
          </Tag.CheckableTag>
        ))}
      </div>
      <Input
        value={reason}
        maxLength={100}
        showCount
        placeholder="其他原因"
        onChange={(e) => setReason(e.target.value)}
        onPressEnter={submit}
        status={touched && !trimmed ? 'error' : undefined}
        data-testid={`${testIdPrefix}pause-reason`}
      />
      {touched && !trimmed && <Typography.Text type="danger">请填写暂停原因</Typography.Text>}
    </Modal>
  );
}
