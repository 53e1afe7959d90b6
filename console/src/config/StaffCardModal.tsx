import { useEffect, useState } from 'react';
import { Alert, Input, Modal } from 'antd';
import { checkIdNumber, ID_PROBLEM_TEXT, normalizeIdNumber } from '@onedoor/protocol';

/**
 * 登记工作人员卡: the staff member's own ID number, so their card unlocks 绿色通道 at a kiosk. A mistyped number (length,
 * birth date, GB 11643 check digit) is caught here before anything is sent; the server's own refusals (a card of
 * someone else, no vault key) come back as `refusal`, in both languages.
 */
export function StaffCardModal({
  staffName,
  open,
  refusal,
  onCancel,
  onRegister,
}: {
  staffName: string;
  open: boolean;
  refusal: string | null;
  onCancel: () => void;
  onRegister: (idNumber: string) => Promise<boolean>;
}) {
  const [value, setValue] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  // Cleared on closing too: the typed number must not stay behind in the page once it is registered.
  useEffect(() => {
    setValue('');
    setProblem(null);
  }, [open]);

  const submit = () => {
    const found = checkIdNumber(value);
    if (found) {
      const text = ID_PROBLEM_TEXT[found];
      setProblem(`${text.zh}（${text.en}）`);
      return;
    }
    setProblem(null);
    setSaving(true);
    void onRegister(normalizeIdNumber(value)).finally(() => setSaving(false));
  };

  const shown = problem ?? refusal;
  return (
    <Modal
      open={open}
      title={`登记工作人员卡 · ${staffName}`}
      okText="登记"
      cancelText="取消"
      confirmLoading={saving}
      destroyOnHidden
      onCancel={onCancel}
      onOk={submit}
    >
      <div className="cf-form">
        <label>
          本人身份证号码（18位）
          <Input
            value={value}
            maxLength={18}
            autoComplete="off"
            onChange={(e) => setValue(e.target.value)}
            onPressEnter={submit}
            data-testid="staff-card-number"
          />
        </label>
        <span className="cf-hint">大厅只保存号码的查询密钥，登记后任何页面都不再显示号码。</span>
        {shown && <Alert type="error" showIcon title={shown} data-testid="staff-card-error" />}
      </div>
    </Modal>
  );
}
