import { useEffect, useState } from 'react';
import { Button, Card, Input, InputNumber } from 'antd';
import type { AlarmThresholdsView } from '@onedoor/protocol';
import type { ConfigHook } from './use-config-data';

const THRESHOLDS: { key: keyof AlarmThresholdsView; label: string; unit: string }[] = [
  { key: 'waitMinutes', label: '等候超时', unit: '分钟' },
  { key: 'queueLength', label: '排队人数超过', unit: '人' },
  { key: 'pausedMinutes', label: '窗口暂停超时', unit: '分钟' },
  { key: 'yellowPercent', label: '办件黄牌（剩余时限）', unit: '%' },
];

/** The boards' notice, the alarm thresholds and how long personal data is kept. */
export function HallSettingsPanel({ config }: { config: ConfigHook }) {
  const { client, data, save } = config;
  const [notice, setNotice] = useState(data.notice);
  const [thresholds, setThresholds] = useState<Record<string, number | null>>({});
  const [days, setDays] = useState<number | null>(data.retentionDays);
  useEffect(() => setNotice(data.notice), [data.notice]);
  useEffect(() => setThresholds({ ...data.thresholds }), [data.thresholds]);
  useEffect(() => setDays(data.retentionDays), [data.retentionDays]);

  return (
    <div className="cf-grid">
      <Card size="small" title="滚动公告（显示屏、取号机）">
        <Input.TextArea
          value={notice}
          maxLength={500}
          showCount
          autoSize={{ minRows: 3, maxRows: 5 }}
          onChange={(e) => setNotice(e.target.value)}
          data-testid="config-notice"
        />
        <div className="cf-toolbar" style={{ marginTop: 8 }}>
          <Button
            type="primary"
            onClick={() => void save('发布公告', client.call('PUT /api/settings/notice', { body: { text: notice } }))}
            data-testid="config-notice-save"
          >
            发布
          </Button>
        </div>
      </Card>
      <Card size="small" title="报警阈值">
        <div className="cf-form">
          {THRESHOLDS.map(({ key, label, unit }) => (
            <label key={key}>
              {label}
              {/* No min here: the server judges the value and says in plain words what it takes. */}
              <InputNumber
                value={thresholds[key] ?? null}
                addonAfter={unit}
                onChange={(v) => setThresholds((t) => ({ ...t, [key]: v }))}
                data-testid={`threshold-${key}`}
              />
            </label>
          ))}
          <Button
            type="primary"
            onClick={() => void save('保存报警阈值', client.call('PUT /api/alarms/thresholds', { body: thresholds }))}
            data-testid="thresholds-save"
          >
            保存阈值
          </Button>
        </div>
      </Card>
      <Card size="small" title="个人信息保留期限">
        <div className="cf-form">
          <label>
            身份证号、手机号等个人信息保留
            <InputNumber value={days} addonAfter="天" onChange={setDays} data-testid="retention-days" />
          </label>
          <span className="cf-hint">到期后自动清除，统计所需的脱敏数据保留。</span>
          <Button
            type="primary"
            disabled={days === null}
            onClick={() =>
              void save(
                '保存保留期限',
                client.call('PUT /api/settings/retention', { body: { personalDataDays: days ?? 0 } }),
              )
            }
            data-testid="retention-save"
          >
            保存
          </Button>
        </div>
      </Card>
    </div>
  );
}
