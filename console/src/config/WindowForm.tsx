import { useEffect, useState } from 'react';
import { Checkbox, Input, InputNumber, Modal, Select, Switch } from 'antd';
import { WINDOW_KIND_TEXT, WINDOW_KINDS, type ServiceConfig, type WindowConfig } from '@onedoor/protocol';

const blank = (): WindowConfig => ({
  id: '',
  number: '',
  name: '',
  kind: 'comprehensive',
  zone: '',
  services: [],
  autoCall: false,
  devices: {},
  enabled: true,
});

/**
 * A window: which services it calls and in what order (lower first, equal first-come first-served), auto-call. A
 * window left with no service is refused by the server (its clerk could never call anyone).
 */
export function WindowForm({
  open,
  editing,
  services,
  onCancel,
  onSave,
}: {
  open: boolean;
  editing: WindowConfig | null;
  services: ServiceConfig[];
  onCancel: () => void;
  onSave: (window: WindowConfig) => Promise<boolean>;
}) {
  const [draft, setDraft] = useState<WindowConfig>(blank);
  const [saving, setSaving] = useState(false);
  useEffect(() => {
    if (open) setDraft(editing ? { ...editing, services: [...editing.services] } : blank());
  }, [open, editing]);
  const set = <K extends keyof WindowConfig>(key: K, value: WindowConfig[K]) =>
    setDraft((d) => ({ ...d, [key]: value }));
  const orderOf = (id: string) => draft.services.find((s) => s.serviceId === id)?.order;
  const toggle = (id: string, on: boolean) =>
    set(
      'services',
      on ? [...draft.services, { serviceId: id, order: 1 }] : draft.services.filter((s) => s.serviceId !== id),
    );
  const reorder = (id: string, order: number) =>
    set(
      'services',
      draft.services.map((s) => (s.serviceId === id ? { ...s, order } : s)),
    );

  return (
    <Modal
      open={open}
      width={620}
      title={editing ? `编辑窗口 · ${editing.name}` : '新建窗口'}
      okText="保存"
      cancelText="取消"
      confirmLoading={saving}
      okButtonProps={{ disabled: draft.id === '' }}
      onCancel={onCancel}
      onOk={() => {
        setSaving(true);
        void onSave(draft).finally(() => setSaving(false));
      }}
    >
      <div className="cf-form" data-testid="window-form">
        {!editing && (
          <label>
            窗口编号（如 w21）
            <Input value={draft.id} onChange={(e) => set('id', e.target.value.trim())} data-testid="window-id" />
          </label>
        )}
        <label>
          窗口号（叫号时播报）
          <Input value={draft.number} onChange={(e) => set('number', e.target.value.trim())} />
        </label>
        <label>
          名称
          <Input value={draft.name} onChange={(e) => set('name', e.target.value)} />
        </label>
        <label>
          类型
          <Select
            value={draft.kind}
            onChange={(v) => set('kind', v)}
            options={WINDOW_KINDS.map((k) => ({ value: k, label: WINDOW_KIND_TEXT[k] }))}
          />
        </label>
        <span>办理的业务与顺序（数字小的先叫，相同的按取号先后）</span>
        <div className="cf-window-services" data-testid="window-services">
          {services.map((s) => {
            const order = orderOf(s.id);
            return (
              <div className="cf-service-row" key={s.id}>
                <Checkbox
                  checked={order !== undefined}
                  onChange={(e) => toggle(s.id, e.target.checked)}
                  data-testid={`window-service-${s.id}`}
                >
                  {s.prefix} {s.name}
                </Checkbox>
                {order !== undefined && (
                  <InputNumber
                    size="small"
                    min={1}
                    max={99}
                    value={order}
                    onChange={(v) => reorder(s.id, v ?? 1)}
                    addonBefore="顺序"
                  />
                )}
              </div>
            );
          })}
        </div>
        <label className="cf-inline">
          <Switch checked={draft.autoCall} onChange={(v) => set('autoCall', v)} data-testid="window-autocall" />
          空闲时自动叫下一位
        </label>
      </div>
    </Modal>
  );
}
