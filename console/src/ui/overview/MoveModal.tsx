import { useEffect, useState } from 'react';
import { Modal, Select, Typography } from 'antd';

/**
 * One choice of where to move something (a clerk to a window, the waiting visitors to a service): the options are
 * the places the server would take; it still judges the move and says why when it refuses.
 */
export function MoveModal({
  open,
  title,
  hint,
  placeholder,
  options,
  busy,
  testId,
  onCancel,
  onMove,
}: {
  open: boolean;
  title: string;
  hint: string;
  placeholder: string;
  options: { value: string; label: string }[];
  busy: boolean;
  testId: string;
  onCancel: () => void;
  onMove: (to: string) => void;
}) {
  const [to, setTo] = useState<string | null>(null);
  useEffect(() => {
    if (open) setTo(null);
  }, [open]);
  return (
    <Modal
      open={open}
      title={title}
      okText="转移"
      cancelText="取消"
      confirmLoading={busy}
      okButtonProps={{ disabled: to === null }}
      onCancel={onCancel}
      onOk={() => to && onMove(to)}
    >
      <Typography.Paragraph type="secondary">{hint}</Typography.Paragraph>
      <Select
        style={{ width: '100%' }}
        placeholder={placeholder}
        value={to ?? undefined}
        onChange={(v: string) => setTo(v)}
        options={options}
        data-testid={testId}
      />
    </Modal>
  );
}
