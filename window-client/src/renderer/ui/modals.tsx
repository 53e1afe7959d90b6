import { useEffect, useState } from 'react';
import { Alert, Checkbox, Input, Modal, Radio, Select, Tag, Typography, type ButtonProps } from 'antd';
import type { HallSnapshot, TicketView } from '@onedoor/protocol';

export const PAUSE_REASONS = ['午休', '临时离开', '系统故障', '业务培训'] as const;

export function PauseModal({
  open,
  busy,
  onCancel,
  onSubmit,
}: {
  open: boolean;
  busy: boolean;
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
      title="暂停服务"
      open={open}
      onCancel={onCancel}
      onOk={submit}
      okText="暂停"
      cancelText="取消"
      okButtonProps={{ disabled: busy || !trimmed, loading: busy, 'data-testid': 'pause-ok' } as ButtonProps}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">
        暂停后本窗口不再叫新号，正在办理的群众可继续办理。请选择或填写暂停原因（必填）。
      </Typography.Paragraph>
      <div className="od-quick-reasons">
        {PAUSE_REASONS.map((r) => (
          <Tag.CheckableTag
            key={r}
            checked={trimmed === r}
            onChange={() => setReason(r)}
            className="od-reason-tag"
            data-testid={`reason-${r}`}
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
        data-testid="pause-reason"
      />
      {touched && !trimmed && <Typography.Text type="danger">请填写暂停原因</Typography.Text>}
    </Modal>
  );
}

export interface TransferTarget {
  toServiceId?: string;
  toWindowId?: string;
  keepIssueTime: boolean;
}

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
