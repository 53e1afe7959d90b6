import { useState } from 'react';
import { Alert, Checkbox, Input, Modal, Select, Space } from 'antd';
import {
  COMPLAINT_CATEGORIES,
  COMPLAINT_CATEGORY_TEXT,
  COMPLAINT_CHANNELS,
  COMPLAINT_CHANNEL_TEXT,
  type ComplaintInput,
  type WindowConfig,
} from '@onedoor/protocol';

/** 7.1 投诉受理: channel, category, the complainant (or anonymous), the content, the window complained of. */
export function ComplaintForm({
  windows,
  onClose,
  submit,
}: {
  windows: readonly WindowConfig[];
  onClose: () => void;
  submit: (input: ComplaintInput) => Promise<string | null>;
}) {
  const [channel, setChannel] = useState<ComplaintInput['channel']>('onsite');
  const [category, setCategory] = useState<string>('onsite-coordination');
  const [name, setName] = useState('');
  const [phone, setPhone] = useState('');
  const [anonymous, setAnonymous] = useState(false);
  const [content, setContent] = useState('');
  const [windowId, setWindowId] = useState<string | undefined>(undefined);
  const [caseNo, setCaseNo] = useState('');
  const [error, setError] = useState<string | null>(null);
  const send = async () => {
    const input: ComplaintInput = {
      channel,
      category,
      complainant: anonymous
        ? { anonymous: true }
        : { anonymous: false, ...(name ? { name } : {}), ...(phone ? { phone } : {}) },
      content,
      ...(windowId ? { windowId } : {}),
      ...(caseNo ? { caseNo } : {}),
    };
    setError(await submit(input));
  };
  return (
    <Modal open title="登记投诉" okText="登记" cancelText="取消" onOk={() => void send()} onCancel={onClose}>
      <div data-testid="complaint-form">
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Space wrap>
            <Select
              style={{ width: 140 }}
              value={channel}
              onChange={setChannel}
              data-testid="complaint-channel"
              options={COMPLAINT_CHANNELS.map((c) => ({ value: c, label: COMPLAINT_CHANNEL_TEXT[c] }))}
            />
            <Select
              style={{ width: 160 }}
              value={category}
              onChange={setCategory}
              data-testid="complaint-category"
              options={COMPLAINT_CATEGORIES.map((c) => ({ value: c, label: COMPLAINT_CATEGORY_TEXT[c].zh }))}
            />
            <Select
              allowClear
              placeholder="被投诉窗口"
              style={{ width: 140 }}
              value={windowId}
              onChange={(v?: string) => setWindowId(v)}
              data-testid="complaint-window"
              options={windows.map((w) => ({ value: w.id, label: w.name }))}
            />
          </Space>
          <Space wrap>
            <Input
              placeholder="投诉人姓名"
              value={name}
              disabled={anonymous}
              onChange={(e) => setName(e.target.value)}
              data-testid="complaint-name"
            />
            <Input
              placeholder="联系电话"
              value={phone}
              disabled={anonymous}
              onChange={(e) => setPhone(e.target.value)}
              data-testid="complaint-phone"
            />
            <Checkbox checked={anonymous} onChange={(e) => setAnonymous(e.target.checked)}>
              匿名
            </Checkbox>
          </Space>
          <Input placeholder="办件编号（可选）" value={caseNo} onChange={(e) => setCaseNo(e.target.value)} />
          <Input.TextArea
            rows={3}
            placeholder="投诉内容"
            value={content}
            onChange={(e) => setContent(e.target.value)}
            data-testid="complaint-content"
          />
          {error && <Alert type="error" showIcon title={error} data-testid="complaint-error" />}
        </Space>
      </div>
    </Modal>
  );
}
