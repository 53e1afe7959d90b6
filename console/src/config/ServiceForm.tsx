import { useEffect, useState } from 'react';
import { Checkbox, Input, InputNumber, Modal } from 'antd';
import type { OpeningHours, ServiceConfig } from '@onedoor/protocol';
import { OpeningHoursEditor } from './OpeningHoursEditor';

/** What the form edits of a service; the rest (opening hours, matters …) is kept as it was. */
export interface ServiceDraft {
  id: string;
  name: string;
  nameEn: string;
  group: string;
  prefix: string;
  dailyCap: number;
  realName: boolean;
  openingHours: OpeningHours[];
}

const blank: ServiceDraft = {
  id: '',
  name: '',
  nameEn: '',
  group: '',
  prefix: '',
  dailyCap: 0,
  realName: false,
  openingHours: [],
};

/** A new service (editing === null) or an existing one; the server checks every field and says what is wrong. */
export function ServiceForm({
  open,
  editing,
  onCancel,
  onSave,
}: {
  open: boolean;
  editing: ServiceConfig | null;
  onCancel: () => void;
  onSave: (draft: ServiceDraft) => Promise<boolean>;
}) {
  const [draft, setDraft] = useState<ServiceDraft>(blank);
  const [saving, setSaving] = useState(false);
  useEffect(() => {
    if (open) setDraft(editing ? { ...blank, ...editing, openingHours: [...editing.openingHours] } : blank);
  }, [open, editing]);
  const set = <K extends keyof ServiceDraft>(key: K, value: ServiceDraft[K]) =>
    setDraft((d) => ({ ...d, [key]: value }));
  return (
    <Modal
      open={open}
      width={640}
      title={editing ? `编辑业务 · ${editing.name}` : '新建业务'}
      okText="保存"
      cancelText="取消"
      confirmLoading={saving}
      onCancel={onCancel}
      onOk={() => {
        setSaving(true);
        void onSave(draft).finally(() => setSaving(false));
      }}
    >
      <div className="cf-form" data-testid="service-form">
        <label>
          业务编号（英文、数字、短横线）
          <Input
            value={draft.id}
            disabled={editing !== null}
            placeholder="例如 pension"
            onChange={(e) => set('id', e.target.value.trim())}
            data-testid="service-id"
          />
        </label>
        <label>
          名称
          <Input
            value={draft.name}
            placeholder="例如 养老认证"
            onChange={(e) => set('name', e.target.value)}
            data-testid="service-name"
          />
        </label>
        <label>
          英文名称
          <Input value={draft.nameEn} onChange={(e) => set('nameEn', e.target.value)} data-testid="service-name-en" />
        </label>
        <label>
          分组（取号机上的主题）
          <Input value={draft.group} onChange={(e) => set('group', e.target.value)} />
        </label>
        <label>
          号码前缀（1–2 个大写字母）
          <Input
            value={draft.prefix}
            maxLength={2}
            onChange={(e) => set('prefix', e.target.value.toUpperCase())}
            data-testid="service-prefix"
          />
        </label>
        <label>
          每日限号（0 为不限）
          <InputNumber value={draft.dailyCap} onChange={(v) => set('dailyCap', v ?? 0)} style={{ width: '100%' }} />
        </label>
        <label>
          办理时间
          <OpeningHoursEditor value={draft.openingHours} onChange={(v) => set('openingHours', v)} />
        </label>
        <Checkbox checked={draft.realName} onChange={(e) => set('realName', e.target.checked)}>
          实名取号（须刷身份证）
        </Checkbox>
      </div>
    </Modal>
  );
}
