import { useEffect, useState } from 'react';
import { Checkbox, Input, Modal } from 'antd';
import type { StaffCreate, StaffRole } from '@onedoor/protocol';

export const ROLE_TEXT: Record<StaffRole, string> = {
  clerk: '窗口人员',
  manager: '大厅管理',
  approver: '后台审批',
  admin: '系统管理员',
  'region-manager': '区域管理员',
};
// A manager cannot create administrators (the server refuses it): the role is not offered.
const OFFERED: StaffRole[] = ['clerk', 'manager', 'approver'];

const blank: StaffCreate = { username: '', name: '', roles: ['clerk'], password: '' };

/** A new account: username, name, roles and a first password (at least 8 characters). */
export function StaffForm({
  open,
  onCancel,
  onSave,
}: {
  open: boolean;
  onCancel: () => void;
  onSave: (input: StaffCreate) => Promise<boolean>;
}) {
  const [draft, setDraft] = useState<StaffCreate>(blank);
  const [saving, setSaving] = useState(false);
  useEffect(() => {
    if (open) setDraft(blank);
  }, [open]);
  return (
    <Modal
      open={open}
      title="新建人员"
      okText="保存"
      cancelText="取消"
      confirmLoading={saving}
      onCancel={onCancel}
      onOk={() => {
        setSaving(true);
        void onSave(draft).finally(() => setSaving(false));
      }}
    >
      <div className="cf-form">
        <label>
          账号
          <Input
            value={draft.username}
            onChange={(e) => setDraft({ ...draft, username: e.target.value })}
            data-testid="staff-username"
          />
        </label>
        <label>
          姓名
          <Input
            value={draft.name}
            onChange={(e) => setDraft({ ...draft, name: e.target.value })}
            data-testid="staff-name"
          />
        </label>
        <Checkbox.Group
          value={draft.roles}
          onChange={(roles) => setDraft({ ...draft, roles })}
          options={OFFERED.map((r) => ({ value: r, label: ROLE_TEXT[r] }))}
        />
        <label>
          初始密码（至少 8 位）
          <Input.Password
            value={draft.password}
            onChange={(e) => setDraft({ ...draft, password: e.target.value })}
            data-testid="staff-password"
          />
        </label>
      </div>
    </Modal>
  );
}
