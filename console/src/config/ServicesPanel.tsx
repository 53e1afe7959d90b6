import { useState } from 'react';
import { Button, Switch, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { ServiceConfig } from '@onedoor/protocol';
import { ServiceForm, type ServiceDraft } from './ServiceForm';
import type { ConfigHook } from './use-config-data';

/** 业务: create, edit, open or close a service at the kiosks (those already waiting are still called). */
export function ServicesPanel({ config }: { config: ConfigHook }) {
  const { client, data, save } = config;
  const [form, setForm] = useState<{ editing: ServiceConfig | null } | null>(null);
  const windowsOf = (id: string) =>
    data.windows.filter((w) => w.services.some((s) => s.serviceId === id)).map((w) => w.number);

  const submit = async (draft: ServiceDraft): Promise<boolean> => {
    const editing = form?.editing ?? null;
    const { id, ...rest } = draft;
    const saved = editing
      ? await save('保存业务', client.call('PUT /api/services/:id', { params: { id }, body: { ...editing, ...rest } }))
      : await save('新建业务', client.call('POST /api/services', { body: draft }));
    if (saved) setForm(null);
    return saved !== null;
  };

  const columns: ColumnsType<ServiceConfig> = [
    { title: '编号', dataIndex: 'id', width: 160 },
    { title: '名称', dataIndex: 'name', render: (name: string, s) => `${name}${s.nameEn ? ` · ${s.nameEn}` : ''}` },
    { title: '前缀', dataIndex: 'prefix', width: 70 },
    { title: '分组', dataIndex: 'group', width: 140 },
    {
      title: '办理窗口',
      key: 'windows',
      render: (_v, s) => {
        const numbers = windowsOf(s.id);
        return numbers.length ? numbers.map((n) => <Tag key={n}>{n}号</Tag>) : <Tag color="orange">尚无窗口</Tag>;
      },
    },
    { title: '实名', dataIndex: 'realName', width: 70, render: (v: boolean) => (v ? '是' : '') },
    {
      title: '取号',
      dataIndex: 'enabled',
      width: 110,
      render: (enabled: boolean, s) => (
        <Switch
          checked={enabled}
          checkedChildren="开放"
          unCheckedChildren="关闭"
          data-testid={`service-enabled-${s.id}`}
          onChange={(next) =>
            void save(
              next ? '开放业务' : '关闭业务',
              client.call('POST /api/services/:id/enabled', { params: { id: s.id }, body: { enabled: next } }),
            )
          }
        />
      ),
    },
    {
      title: '',
      key: 'edit',
      width: 80,
      render: (_v, s) => (
        <Button type="link" size="small" onClick={() => setForm({ editing: s })} data-testid={`service-edit-${s.id}`}>
          编辑
        </Button>
      ),
    },
  ];

  return (
    <>
      <div className="cf-toolbar">
        <Button type="primary" onClick={() => setForm({ editing: null })} data-testid="service-new">
          新建业务
        </Button>
        <span className="cf-hint">新业务要在“窗口”中分配给窗口，才有人叫号。</span>
      </div>
      <Table<ServiceConfig>
        size="small"
        rowKey="id"
        columns={columns}
        dataSource={data.services}
        pagination={false}
        data-testid="services-table"
      />
      <ServiceForm
        open={form !== null}
        editing={form?.editing ?? null}
        onCancel={() => setForm(null)}
        onSave={submit}
      />
    </>
  );
}
