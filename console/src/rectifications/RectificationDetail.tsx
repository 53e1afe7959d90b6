import { Card, Descriptions, Steps, Tag, Timeline } from 'antd';
import {
  RATING_LEVEL_TEXT,
  VISITOR_RATING_TEXT,
  type AppError,
  type RectificationStep,
  type RectificationView,
} from '@onedoor/protocol';
import { LOOP_STEPS, loopIndex, nextStep } from './rectification-rows';
import { RectificationStepForm } from './RectificationStepForm';

/** One rectification: what was rated, where it stands on the loop, the next step's form and the history. */
export function RectificationDetail({
  rectification: r,
  windowName,
  time,
  now,
  submit,
}: {
  rectification: RectificationView;
  windowName: string;
  time: (iso: string) => string;
  /** The hall's clock (the server's time), epoch ms. */
  now: number;
  /** Sends a step; answers the server's refusal, or null when it went through. */
  submit: (step: RectificationStep) => Promise<AppError | null>;
}) {
  const next = nextStep(r.status);
  return (
    <Card
      size="small"
      className="oc-work-detail"
      title={`差评整改 · ${windowName} · ${RATING_LEVEL_TEXT[r.level].zh}`}
      extra={
        <Tag color={r.overdue ? 'red' : r.status === 'closed' ? 'green' : 'blue'} data-testid="rect-status">
          {r.statusText}
          {r.overdue ? ' · 超期' : ''}
        </Tag>
      }
      data-testid="rect-detail"
    >
      <Steps
        size="small"
        current={loopIndex(r.status)}
        status={r.status === 'invalid' ? 'error' : r.status === 'closed' ? 'finish' : 'process'}
        items={LOOP_STEPS.map((title, i) => ({
          title: r.status === 'invalid' && i === 0 ? '研判（无效）' : title,
        }))}
      />
      <Descriptions size="small" column={2} bordered>
        <Descriptions.Item label="评价时间">{time(r.ratedAt)}</Descriptions.Item>
        <Descriptions.Item label="整改期限">{time(r.dueAt)}</Descriptions.Item>
        <Descriptions.Item label="差评原因" span={2}>
          {r.reason ?? '（尚未填写原因）'}
        </Descriptions.Item>
        {r.reviewer && <Descriptions.Item label="审核人">{r.reviewer}</Descriptions.Item>}
        {r.judgement && <Descriptions.Item label="研判意见">{r.judgement}</Descriptions.Item>}
        {r.measures && (
          <Descriptions.Item label="整改措施" span={2}>
            {r.measures}
          </Descriptions.Item>
        )}
        {r.callBack && (
          <Descriptions.Item label="回访" span={2}>
            {VISITOR_RATING_TEXT[r.callBack.visitorRating]}：{r.callBack.note}
          </Descriptions.Item>
        )}
        {r.result && (
          <Descriptions.Item label="整改结果" span={2}>
            {r.result}
          </Descriptions.Item>
        )}
      </Descriptions>
      {next && <RectificationStepForm step={next} ratedAt={r.ratedAt} dueAt={r.dueAt} now={now} submit={submit} />}
      <Card size="small" type="inner" title="操作记录" className="oc-work-history">
        <Timeline
          items={r.history.map((h) => ({
            color: h.status === 'closed' ? 'green' : h.status === 'invalid' ? 'gray' : 'blue',
            title: `${time(h.at)} · ${h.by}`,
            content: h.text,
          }))}
          data-testid="rect-history"
        />
      </Card>
    </Card>
  );
}
