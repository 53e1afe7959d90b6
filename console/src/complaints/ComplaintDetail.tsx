import { useState } from 'react';
import { Alert, Button, Card, Descriptions, Input, Radio, Space, Tag, Timeline } from 'antd';
import {
  COMPLAINANT_SATISFACTION,
  COMPLAINT_CHANNEL_TEXT,
  type ComplaintStep,
  type ComplaintView,
} from '@onedoor/protocol';
import { COMPLAINT_ACTION_TEXT, complaintStepBody, nextComplaintAction } from './complaint-steps';

const SATISFACTION_TEXT = { satisfied: '满意', basic: '基本满意', unsatisfied: '不满意' } as const;

/** One complaint: what was complained of, the next step's form and the history (GB/T 36113 §7.6 资料归档). */
export function ComplaintDetail({
  complaint: c,
  windowName,
  time,
  submit,
}: {
  complaint: ComplaintView;
  windowName: string;
  time: (iso: string) => string;
  submit: (step: ComplaintStep) => Promise<string | null>;
}) {
  const next = nextComplaintAction(c.status);
  const [note, setNote] = useState('');
  const [satisfaction, setSatisfaction] = useState<(typeof COMPLAINANT_SATISFACTION)[number]>('satisfied');
  const [error, setError] = useState<string | null>(null);
  const send = async () => {
    if (!next) return;
    const refused = await submit(complaintStepBody(next, note, satisfaction));
    setError(refused);
    if (!refused) setNote('');
  };
  return (
    <Card
      size="small"
      title={`投诉 ${c.no} · ${c.categoryText}`}
      extra={<Tag color={c.overdue ? 'red' : c.status === 'archived' ? 'green' : 'blue'}>{c.statusText}</Tag>}
      data-testid="complaint-detail"
    >
      <Descriptions size="small" column={2} bordered>
        <Descriptions.Item label="渠道">{COMPLAINT_CHANNEL_TEXT[c.channel]}</Descriptions.Item>
        <Descriptions.Item label="投诉人">
          {c.complainant.anonymous ? '匿名' : `${c.complainant.name ?? '—'} ${c.complainant.phone ?? ''}`}
        </Descriptions.Item>
        <Descriptions.Item label="被投诉窗口">{windowName}</Descriptions.Item>
        <Descriptions.Item label="办件编号">{c.caseNo ?? '—'}</Descriptions.Item>
        <Descriptions.Item label="受理时间">{time(c.receivedAt)}</Descriptions.Item>
        <Descriptions.Item label="办理期限">{time(c.dueAt)}</Descriptions.Item>
        <Descriptions.Item label="投诉内容" span={2}>
          {c.content}
        </Descriptions.Item>
      </Descriptions>
      {next && (
        <div className="oc-work-form" data-testid={`complaint-form-${next}`}>
          <h4>{COMPLAINT_ACTION_TEXT[next]}</h4>
          <Space orientation="vertical" style={{ width: '100%' }}>
            {next === 'feedback' && (
              <Radio.Group
                value={satisfaction}
                onChange={(e) =>
                  setSatisfaction(COMPLAINANT_SATISFACTION.find((s) => s === e.target.value) ?? 'satisfied')
                }
              >
                {COMPLAINANT_SATISFACTION.map((s) => (
                  <Radio key={s} value={s}>
                    {SATISFACTION_TEXT[s]}
                  </Radio>
                ))}
              </Radio.Group>
            )}
            <Input.TextArea
              rows={2}
              value={note}
              onChange={(e) => setNote(e.target.value)}
              data-testid="complaint-note"
            />
            {error && <Alert type="error" showIcon title={error} />}
            <Button type="primary" onClick={() => void send()} data-testid="complaint-submit">
              提交
            </Button>
          </Space>
        </div>
      )}
      <Card size="small" type="inner" title="处置记录" className="oc-work-history">
        <Timeline items={c.history.map((h) => ({ title: `${time(h.at)} · ${h.by}`, content: h.text }))} />
      </Card>
    </Card>
  );
}
