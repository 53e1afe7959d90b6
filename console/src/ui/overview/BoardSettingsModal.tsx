import { useEffect, useState } from 'react';
import { Modal, Select, Typography } from 'antd';
import type { HallSnapshot } from '@onedoor/protocol';
import type { DeviceRow } from '../../console-model';

/** Which services and windows a waiting-area board shows; the board applies it at once, without a reload. */
export function BoardSettingsModal(props: {
  device: DeviceRow | null;
  snapshot: HallSnapshot | null;
  onCancel: () => void;
  onSave: (settings: Record<string, unknown>) => Promise<void>;
}) {
  const { device, snapshot } = props;
  const [services, setServices] = useState<string[]>([]);
  const [windows, setWindows] = useState<string[]>([]);
  const [saving, setSaving] = useState(false);
  useEffect(() => {
    const asList = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
    setServices(asList(device?.settings?.services));
    setWindows(asList(device?.settings?.windows));
  }, [device]);
  return (
    <Modal
      open={device !== null}
      title={device ? `显示设置 · ${device.name}` : ''}
      okText="保存"
      cancelText="取消"
      confirmLoading={saving}
      okButtonProps={{ 'data-testid': 'board-save' } as never}
      onCancel={props.onCancel}
      onOk={() => {
        setSaving(true);
        void props.onSave({ ...(device?.settings ?? {}), services, windows }).finally(() => setSaving(false));
      }}
    >
      <Typography.Paragraph type="secondary">不选表示全部显示。保存后该屏立即按新设置显示。</Typography.Paragraph>
      <Typography.Text strong>显示的业务</Typography.Text>
      <Select
        mode="multiple"
        optionFilterProp="label"
        allowClear
        style={{ width: '100%', margin: '4px 0 12px' }}
        placeholder="全部业务"
        data-testid="board-services"
        value={services}
        onChange={setServices}
        options={(snapshot?.services ?? []).map((s) => ({ value: s.id, label: `${s.prefix} ${s.name}` }))}
      />
      <Typography.Text strong>显示的窗口</Typography.Text>
      <Select
        mode="multiple"
        optionFilterProp="label"
        allowClear
        style={{ width: '100%', marginTop: 4 }}
        placeholder="全部窗口"
        value={windows}
        onChange={setWindows}
        options={(snapshot?.windows ?? []).map((w) => ({ value: w.id, label: w.name }))}
      />
    </Modal>
  );
}
