import { useState } from 'react';
import { Alert, Button, Input, Radio, Select, Space } from 'antd';
import { VISITOR_RATINGS, type AppError, type RectificationStep } from '@onedoor/protocol';
import { dueDayOptions, type NextStep } from './rectification-rows';

const TITLE: Record<NextStep, string> = {
  judge: '研判：有效还是无效差评',
  rectify: '整改：采取的措施',
  'call-back': '回访：群众对整改的评价',
  conclude: '办结：记录整改结果',
};

/**
 * The form of a rectification's next step. The server checks every field (and says why in Chinese and English);
 * the form only gathers them.
 */
export function RectificationStepForm({
  step,
  ratedAt,
  dueAt,
  now,
  submit,
}: {
  step: NextStep;
  ratedAt: string;
  /** The default 整改期限 (the hall's limit). */
  dueAt: string;
  now: number;
  submit: (step: RectificationStep) => Promise<AppError | null>;
}) {
  const [valid, setValid] = useState(true);
  const [reviewer, setReviewer] = useState('');
  const [text, setText] = useState('');
  const [due, setDue] = useState<string | undefined>(undefined);
  const [rating, setRating] = useState<'satisfied' | 'basic' | 'unsatisfied'>('satisfied');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppError | null>(null);

  const body = (): RectificationStep => {
    switch (step) {
      case 'judge':
        return { action: 'judge', valid, reviewer, note: text, ...(valid && due ? { dueAt: due } : {}) };
      case 'rectify':
        return { action: 'rectify', measures: text };
      case 'call-back':
        return { action: 'call-back', note: text, visitorRating: rating };
      case 'conclude':
        return { action: 'conclude', result: text };
    }
  };
  const send = async () => {
    setBusy(true);
    const refused = await submit(body());
    setBusy(false);
    setError(refused);
    if (!refused) setText('');
  };
  const placeholder: Record<NextStep, string> = {
    judge: valid ? '核实情况，例如：高峰期窗口不足，属实' : '无效的理由，例如：经调阅录像为误评',
    rectify: '例如：高峰期增开2号窗口',
    'call-back': '回访方式和群众意见',
    conclude: '整改结果',
  };

  return (
    <div className="oc-work-form" data-testid={`rect-form-${step}`}>
      <h4>{TITLE[step]}</h4>
      <Space orientation="vertical" style={{ width: '100%' }}>
        {step === 'judge' && (
          <Space wrap>
            <Radio.Group value={valid} onChange={(e) => setValid(e.target.value === true)} data-testid="rect-valid">
              <Radio value={true}>有效差评</Radio>
              <Radio value={false}>无效差评</Radio>
            </Radio.Group>
            <Input
              placeholder="审核人"
              style={{ width: 160 }}
              value={reviewer}
              onChange={(e) => setReviewer(e.target.value)}
              data-testid="rect-reviewer"
            />
            {valid && (
              <Select
                allowClear
                placeholder="整改期限：默认"
                style={{ width: 170 }}
                value={due}
                onChange={(v?: string) => setDue(v)}
                options={dueDayOptions(ratedAt, dueAt, now).map((o) => ({
                  value: o.dueAt,
                  label: `评价后 ${o.days} 天`,
                }))}
                data-testid="rect-due"
              />
            )}
          </Space>
        )}
        {step === 'call-back' && (
          <Radio.Group
            value={rating}
            onChange={(e) => setRating(VISITOR_RATINGS.find((v) => v === e.target.value) ?? 'satisfied')}
            data-testid="rect-visitor"
          >
            <Radio value="satisfied">满意</Radio>
            <Radio value="basic">基本满意</Radio>
            <Radio value="unsatisfied">不满意</Radio>
          </Radio.Group>
        )}
        <Input.TextArea
          rows={2}
          placeholder={placeholder[step]}
          value={text}
          onChange={(e) => setText(e.target.value)}
          data-testid="rect-text"
        />
        {error && (
          <Alert type="error" showIcon title={error.message} description={error.messageEn} data-testid="rect-error" />
        )}
        <Button type="primary" loading={busy} onClick={() => void send()} data-testid="rect-submit">
          提交
        </Button>
      </Space>
    </div>
  );
}
