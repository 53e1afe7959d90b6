import { useEffect, useState } from 'react';
import { Input, Modal } from 'antd';

/** One line asked for (a device's new name, a new password); the server judges it and says what is wrong. */
export function PromptModal({
  open,
  title,
  label,
  initial = '',
  secret = false,
  testId,
  onCancel,
  onOk,
}: {
  open: boolean;
  title: string;
  label: string;
  initial?: string;
  secret?: boolean;
  testId: string;
  onCancel: () => void;
  onOk: (value: string) => Promise<boolean>;
}) {
  const [value, setValue] = useState(initial);
  const [saving, setSaving] = useState(false);
  useEffect(() => {
    if (open) setValue(initial);
  }, [open, initial]);
  const InputKind = secret ? Input.Password : Input;
  return (
    <Modal
      open={open}
      title={title}
      okText="确定"
      cancelText="取消"
      confirmLoading={saving}
      onCancel={onCancel}
      onOk={() => {
        setSaving(true);
        void onOk(value).finally(() => setSaving(false));
      }}
    >
      <label className="cf-form">
        {label}
        <InputKind value={value} onChange={(e) => setValue(e.target.value)} data-testid={testId} />
      </label>
    </Modal>
  );
}
