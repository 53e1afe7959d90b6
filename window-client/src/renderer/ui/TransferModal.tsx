import { useEffect, useState } from 'react';
import { Alert, Checkbox, Modal, Radio, Select, Typography, type ButtonProps } from 'antd';
import type { HallSnapshot, TicketView } from '@onedoor/protocol';
import type { TransferTarget } from '../window-model';

/** Transfer the current visitor to another service's queue or to one window, keeping their place or not. */
export function TransferModal({
  open,
  busy,
  snapshot,
  windowId,
  ticket,
  onCancel,
  onSubmit,
}: {
  open: boolean;
  busy: boolean;
  snapshot: HallSnapshot;
  windowId: string;
  ticket: TicketView | null;
  onCancel: () => void;
  onSubmit: (target: TransferTarget) => Promise<void>;
}) {
  const [kind, setKind] = useState<'service' | 'window'>('service');
  const [target, setTarget] = useState<string | undefined>();
  const [keep, setKeep] = useState(true);
  useEffect(() => {
    if (open) {
      setKind('service');
      setTarget(undefined);
      setKeep(true);
    }
  }, [open]);
  const services = snapshot.services
    .filter((s) => s.enabled && s.id !== ticket?.serviceId)
    .sort((a, b) => a.sort - b.sort);
  const windows = snapshot.windows.filter((w) => w.id !== windowId);
  const stateText = (state: string, reason: string | null) =>
    state === 'open' ? '服务中' : state === 'paused' ? `暂停 · ${reason ?? ''}` : '未开放';
  const submit = () => {
    if (!target) return;
    void onSubmit(
      kind === 'service' ? { toServiceId: target, keepIssueTime: keep } : { toWindowId: target, keepIssueTime: keep },
    );
  };
  const targetWindow = kind === 'window' ? windows.find((w) => w.id === target) : undefined;
  return (
    <Modal
      title={ticket ? `转移 ${ticket.number}` : '转移'}
      open={open}
      onCancel={onCancel}
      onOk={submit}
      okText="转移"
      cancelText="取消"
      okButtonProps={
        { disabled: busy || !target || !ticket, loading: busy, 'data-testid': 'transfer-ok' } as ButtonProps
      }
      destroyOnHidden
    >
      <Radio.Group
        value={kind}
        onChange={(e) => {
          setKind(e.target.value as 'service' | 'window');
          setTarget(undefined);
        }}
        optionType="button"
        buttonStyle="solid"
        style={{ marginBottom: 12 }}
        options={[
          { value: 'service', label: '转到业务' },
          { value: 'window', label: '转到窗口' },
        ]}
        data-testid="transfer-kind"
      />
      {kind === 'service' ? (
        <Select
          style={{ width: '100%' }}
          placeholder="选择业务（群众到该业务队列等候）"
          value={target}
          onChange={setTarget}
          data-testid="transfer-target"
          options={services.map((s) => ({ value: s.id, label: `${s.prefix} · ${s.name}（等候 ${s.waiting} 人）` }))}
        />
      ) : (
        <Select
          style={{ width: '100%' }}
          placeholder="选择窗口（只由该窗口叫号）"
          value={target}
          onChange={setTarget}
          data-testid="transfer-target"
          options={windows.map((w) => ({
            value: w.id,
            label: `${w.name}${w.clerkName ? ` · ${w.clerkName}` : ''}（${stateText(w.state, w.pauseReason)}）`,
          }))}
        />
      )}
      {targetWindow && targetWindow.state !== 'open' && (
        <Alert
          style={{ marginTop: 12 }}
          type="warning"
          showIcon
          title={`${targetWindow.name}目前${stateText(targetWindow.state, targetWindow.pauseReason)}，群众需等该窗口开放后才会被叫到。`}
        />
      )}
      <div style={{ marginTop: 16 }}>
        <Checkbox checked={keep} onChange={(e) => setKeep(e.target.checked)} data-testid="transfer-keep">
          保留原取号时间（群众按原来的排队位置等候）
        </Checkbox>
        {!keep && (
          <Typography.Paragraph type="secondary" style={{ marginTop: 6, marginBottom: 0 }}>
            不保留：从现在起重新排在队尾。
          </Typography.Paragraph>
        )}
      </div>
    </Modal>
  );
}
