import { useEffect, useState } from 'react';
import { Button, Card, Input, Typography } from 'antd';

/** The scrolling notice on the boards and kiosks; what is typed is kept while the notice changes elsewhere. */
export function NoticeCard({
  notice,
  busy,
  onSave,
}: {
  notice: string;
  busy: boolean;
  onSave: (text: string) => Promise<boolean>;
}) {
  const [text, setText] = useState(notice);
  const [dirty, setDirty] = useState(false);
  useEffect(() => {
    if (!dirty) setText(notice);
  }, [notice, dirty]);
  const save = async (value: string) => {
    if (await onSave(value)) setDirty(false);
  };
  return (
    <Card size="small" className="oc-notice" title="滚动公告（显示屏、取号机）">
      <Input.TextArea
        value={text}
        maxLength={500}
        showCount
        autoSize={{ minRows: 2, maxRows: 4 }}
        placeholder="例如：今日午间 12:00–13:30 不动产登记窗口暂停受理"
        onChange={(e) => {
          setText(e.target.value);
          setDirty(true);
        }}
        data-testid="notice-input"
      />
      <div className="oc-notice-actions">
        <Typography.Text type="secondary" ellipsis className="oc-notice-current">
          当前：{notice || '（无）'}
        </Typography.Text>
        <Button size="small" disabled={busy || !notice} onClick={() => void save('')}>
          清空
        </Button>
        <Button
          size="small"
          type="primary"
          disabled={busy || text.trim() === notice}
          onClick={() => void save(text.trim())}
          data-testid="notice-save"
        >
          发布
        </Button>
      </div>
    </Card>
  );
}
