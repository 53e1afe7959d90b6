import { useState } from 'react';
import { Button, Card, Empty, Input, List, Modal, Tag, type ButtonProps } from 'antd';
import { formatHallTime, type AlarmView } from '@onedoor/protocol';

/** 报警: what needs a manager now, critical first; each stays until acknowledged with a note. */
export function AlarmCard({
  alarms,
  error,
  timeZone,
  onAcknowledge,
}: {
  alarms: AlarmView[];
  error: string | null;
  timeZone: string;
  onAcknowledge: (id: number, note: string) => Promise<string | null>;
}) {
  const [acking, setAcking] = useState<AlarmView | null>(null);
  const [note, setNote] = useState('');
  const [refusal, setRefusal] = useState<string | null>(null);
  const sorted = [...alarms].sort(
    (a, b) => Number(b.severity === 'critical') - Number(a.severity === 'critical') || b.id - a.id,
  );
  return (
    <Card
      size="small"
      className="oc-alarms"
      title={`报警 · ${alarms.length} 条待确认`}
      data-testid="alarms"
      extra={error ? <span className="oc-muted">{error}</span> : null}
    >
      {sorted.length === 0 ? (
        <Empty description="没有待确认的报警" image={Empty.PRESENTED_IMAGE_SIMPLE} />
      ) : (
        <List
          size="small"
          dataSource={sorted}
          renderItem={(a) => (
            <List.Item
              data-testid={`alarm-${a.id}`}
              actions={[
                <Button
                  key="ack"
                  size="small"
                  onClick={() => {
                    setAcking(a);
                    setNote('');
                    setRefusal(null);
                  }}
                  data-testid={`alarm-ack-${a.id}`}
                >
                  确认
                </Button>,
              ]}
            >
              <Tag color={a.severity === 'critical' ? 'red' : 'orange'}>
                {a.severity === 'critical' ? '严重' : '提醒'}
              </Tag>
              <span className="oc-alarm-time">{formatHallTime(a.raisedAt, timeZone)}</span> {a.message}
              {a.clearedAt && <Tag className="oc-alarm-cleared">已恢复</Tag>}
            </List.Item>
          )}
        />
      )}
      <Modal
        open={acking !== null}
        title="确认报警"
        okText="确认"
        cancelText="取消"
        okButtonProps={{ 'data-testid': 'alarm-ack-ok' } as ButtonProps}
        onCancel={() => setAcking(null)}
        onOk={() => {
          if (!acking) return;
          void onAcknowledge(acking.id, note).then((refused) => {
            if (refused) setRefusal(refused);
            else setAcking(null);
          });
        }}
      >
        <p>{acking?.message}</p>
        <Input.TextArea
          rows={3}
          maxLength={500}
          placeholder="处理说明（选填），如：已联系窗口负责人"
          value={note}
          onChange={(e) => setNote(e.target.value)}
          data-testid="alarm-note"
        />
        {refusal && <p className="oc-error-text">{refusal}</p>}
      </Modal>
    </Card>
  );
}
