import { useEffect, useState } from 'react';
import { Checkbox, Modal, Result, Select, type ButtonProps } from 'antd';
import type { HallSnapshot, IssuedTicket } from '@onedoor/protocol';

/**
 * 代取号 at the window or the 导办/咨询 desk: a number for the visitor in front of the clerk, 绿色通道 for the elderly,
 * the disabled, expectant mothers, service members. The answer is the fair-order count the server computed — the
 * same "people ahead" a kiosk slip prints — read out to the visitor.
 */
export function IssueTicketModal({
  open,
  busy,
  snapshot,
  onCancel,
  onSubmit,
}: {
  open: boolean;
  busy: boolean;
  snapshot: HallSnapshot;
  onCancel: () => void;
  onSubmit: (serviceId: string, green: boolean) => Promise<IssuedTicket | null>;
}) {
  const [serviceId, setServiceId] = useState<string | undefined>();
  const [green, setGreen] = useState(false);
  const [issued, setIssued] = useState<IssuedTicket | null>(null);
  useEffect(() => {
    if (open) {
      setServiceId(undefined);
      setGreen(false);
      setIssued(null);
    }
  }, [open]);
  const services = snapshot.services.filter((s) => s.enabled && s.openNow).sort((a, b) => a.sort - b.sort);
  const submit = async () => {
    if (issued) return onCancel();
    if (!serviceId) return;
    setIssued(await onSubmit(serviceId, green));
  };
  return (
    <Modal
      title="代取号"
      open={open}
      onCancel={onCancel}
      onOk={() => void submit()}
      okText={issued ? '完成' : '取号'}
      cancelText="取消"
      cancelButtonProps={{ style: issued ? { display: 'none' } : {} }}
      okButtonProps={
        { disabled: busy || (!issued && !serviceId), loading: busy, 'data-testid': 'issue-ok' } as ButtonProps
      }
      destroyOnHidden
    >
      {issued ? (
        <Result
          status="success"
          title={<span data-testid="issued-number">{issued.ticket.number}</span>}
          subTitle={
            <span data-testid="issued-ahead">
              {issued.serviceName}
              {issued.ticket.priority === 'green' ? ' · 绿色通道' : ''} · 前面还有 {issued.peopleAhead} 人
              {issued.peopleAhead > 0 ? `，约 ${issued.estimatedWaitMinutes} 分钟` : ''}
            </span>
          }
        />
      ) : (
        <>
          <Select
            style={{ width: '100%', marginBottom: 12 }}
            placeholder="选择业务"
            value={serviceId}
            onChange={setServiceId}
            data-testid="issue-service"
            options={services.map((s) => ({
              value: s.id,
              label: `${s.prefix} ${s.name}（等候 ${s.waiting} 人）`,
            }))}
          />
          <Checkbox checked={green} onChange={(e) => setGreen(e.target.checked)} data-testid="issue-green">
            绿色通道（老年人、残疾人、孕妇、军人等优先办理）
          </Checkbox>
        </>
      )}
    </Modal>
  );
}
