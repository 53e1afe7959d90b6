import { useState } from 'react';
import { Button, Modal, Popconfirm, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { formatHallTime, type DeviceView, type PairingCode } from '@onedoor/protocol';
import { DEVICE_KIND_TEXT } from '../console-model';
import { PromptModal } from './PromptModal';
import type { ConfigHook } from './use-config-data';

/** 设备: pair with a one-time code, rename, revoke (the device is cut off at once and must be paired again). */
export function DevicesPanel({ config }: { config: ConfigHook }) {
  const { client, data, save } = config;
  const [renaming, setRenaming] = useState<DeviceView | null>(null);
  const [code, setCode] = useState<(PairingCode & { name: string }) | null>(null);
  const windowName = (id: string | null) => (id ? (data.windows.find((w) => w.id === id)?.name ?? id) : '—');

  const pair = async (d: DeviceView) => {
    const r = await save('生成配对码', client.call('POST /api/devices/:id/pairing-code', { params: { id: d.id } }));
    if (r) setCode({ ...r, name: d.name });
  };

  const columns: ColumnsType<DeviceView> = [
    { title: '编号', dataIndex: 'id', width: 150 },
    { title: '类型', dataIndex: 'kind', width: 100, render: (k: DeviceView['kind']) => DEVICE_KIND_TEXT[k] ?? k },
    { title: '名称', dataIndex: 'name' },
    { title: '窗口', dataIndex: 'windowId', width: 110, render: windowName },
    {
      title: '状态',
      key: 'state',
      width: 150,
      render: (_v, d) =>
        !d.paired ? <Tag>未配对</Tag> : d.online ? <Tag color="green">在线</Tag> : <Tag color="orange">离线</Tag>,
    },
    {
      title: '',
      key: 'actions',
      width: 230,
      render: (_v, d) => (
        <span>
          <Button type="link" size="small" onClick={() => setRenaming(d)} data-testid={`device-rename-${d.id}`}>
            改名
          </Button>
          <Button type="link" size="small" onClick={() => void pair(d)} data-testid={`device-pair-${d.id}`}>
            配对码
          </Button>
          {d.paired && (
            <Popconfirm
              title="吊销后该设备立即断开，须重新配对才能使用。确定吊销？"
              okText="吊销"
              cancelText="取消"
              onConfirm={() =>
                void save('吊销设备', client.call('POST /api/devices/:id/revoke', { params: { id: d.id } }))
              }
            >
              <Button type="link" size="small" danger data-testid={`device-revoke-${d.id}`}>
                吊销
              </Button>
            </Popconfirm>
          )}
        </span>
      ),
    },
  ];

  return (
    <>
      <Table<DeviceView> size="small" rowKey="id" columns={columns} dataSource={data.devices} pagination={false} />
      <PromptModal
        open={renaming !== null}
        title={renaming ? `设备改名 · ${renaming.id}` : ''}
        label="名称"
        initial={renaming?.name ?? ''}
        testId="device-name"
        onCancel={() => setRenaming(null)}
        onOk={async (name) => {
          if (!renaming) return false;
          const { id, kind, windowId, settings } = renaming;
          const r = await save(
            '设备改名',
            client.call('PUT /api/devices/:id', { params: { id }, body: { kind, name, windowId, settings } }),
          );
          if (r) setRenaming(null);
          return r !== null;
        }}
      />
      <Modal
        open={code !== null}
        title={code ? `配对码 · ${code.name}` : ''}
        footer={null}
        onCancel={() => setCode(null)}
      >
        {code && (
          <div className="oc-pairing">
            <div className="oc-pairing-code" data-testid="config-pairing-code">
              {code.code}
            </div>
            <Typography.Paragraph>
              在设备的配对界面输入此 6 位数字。只能使用一次，{formatHallTime(code.expiresAt, data.timeZone)} 前有效。
            </Typography.Paragraph>
          </div>
        )}
      </Modal>
    </>
  );
}
