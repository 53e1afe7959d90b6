import { useState } from 'react';
import { Button, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { WINDOW_KIND_TEXT, type WindowConfig } from '@onedoor/protocol';
import type { ConfigHook } from './use-config-data';
import { WindowForm } from './WindowForm';

/** 窗口: which services each window calls, in what order, and whether it calls by itself when idle. */
export function WindowsPanel({ config }: { config: ConfigHook }) {
  const { client, data, save } = config;
  const [form, setForm] = useState<{ editing: WindowConfig | null } | null>(null);
  const serviceName = (id: string) => data.services.find((s) => s.id === id)?.name ?? id;

  const submit = async (w: WindowConfig): Promise<boolean> => {
    const saved = await save('保存窗口', client.call('PUT /api/windows/:id', { params: { id: w.id }, body: w }));
    if (saved) setForm(null);
    return saved !== null;
  };

  const columns: ColumnsType<WindowConfig> = [
    { title: '窗口', dataIndex: 'number', width: 70, render: (n: string) => `${n}号` },
    { title: '名称', dataIndex: 'name', width: 140 },
    { title: '类型', dataIndex: 'kind', width: 100, render: (k: WindowConfig['kind']) => WINDOW_KIND_TEXT[k] },
    {
      title: '办理业务（顺序）',
      key: 'services',
      render: (_v, w) =>
        [...w.services]
          .sort((a, b) => a.order - b.order)
          .map((s) => (
            <Tag key={s.serviceId}>
              {serviceName(s.serviceId)} · {s.order}
            </Tag>
          )),
    },
    { title: '自动叫号', dataIndex: 'autoCall', width: 90, render: (v: boolean) => (v ? '是' : '否') },
    {
      title: '',
      key: 'edit',
      width: 80,
      render: (_v, w) => (
        <Button type="link" size="small" onClick={() => setForm({ editing: w })} data-testid={`window-edit-${w.id}`}>
          编辑
        </Button>
      ),
    },
  ];

  return (
    <>
      <div className="cf-toolbar">
        <Button onClick={() => setForm({ editing: null })} data-testid="window-new">
          新建窗口
        </Button>
      </div>
      <Table<WindowConfig>
        size="small"
        rowKey="id"
        columns={columns}
        dataSource={data.windows}
        pagination={false}
        data-testid="windows-table"
      />
      <WindowForm
        open={form !== null}
        editing={form?.editing ?? null}
        services={data.services}
        onCancel={() => setForm(null)}
        onSave={submit}
      />
    </>
  );
}
