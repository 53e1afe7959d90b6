import { useState } from 'react';
import { Button, Popconfirm, Switch, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { StaffView } from '@onedoor/protocol';
import { PromptModal } from './PromptModal';
import { StaffCardModal } from './StaffCardModal';
import { ROLE_TEXT, StaffForm } from './StaffForm';
import type { ConfigHook } from './use-config-data';

/**
 * 人员与角色: create accounts, disable one (signed out everywhere at once), reset a password, register or remove the
 * staff member's own card for 绿色通道 (the list says who has one, never the number).
 */
export function StaffPanel({ config, self }: { config: ConfigHook; self: string }) {
  const { client, data, save } = config;
  const [creating, setCreating] = useState(false);
  const [resetFor, setResetFor] = useState<StaffView | null>(null);
  const [cardFor, setCardFor] = useState<StaffView | null>(null);
  const setCard = (s: StaffView, cardIdNumber: string | null) =>
    save(
      cardIdNumber ? '登记工作人员卡' : '移除工作人员卡',
      client.call('PUT /api/staff/:id/card', { params: { id: s.id }, body: { cardIdNumber } }),
    );

  const columns: ColumnsType<StaffView> = [
    { title: '账号', dataIndex: 'username', width: 160 },
    { title: '姓名', dataIndex: 'name', width: 140 },
    {
      title: '角色',
      dataIndex: 'roles',
      render: (roles: StaffView['roles']) => roles.map((r) => <Tag key={r}>{ROLE_TEXT[r]}</Tag>),
    },
    {
      title: '状态',
      dataIndex: 'enabled',
      width: 110,
      render: (enabled: boolean, s) => (
        <Switch
          checked={enabled}
          disabled={s.id === self}
          checkedChildren="启用"
          unCheckedChildren="停用"
          data-testid={`staff-enabled-${s.username}`}
          onChange={(next) =>
            void save(
              next ? '启用账号' : '停用账号',
              client.call('POST /api/staff/:id/enabled', { params: { id: s.id }, body: { enabled: next } }),
            )
          }
        />
      ),
    },
    {
      title: '工作人员卡',
      dataIndex: 'hasCard',
      width: 190,
      render: (hasCard: boolean, s) => (
        <span data-testid={`staff-card-${s.username}`}>
          {hasCard ? <Tag color="green">已登记</Tag> : <Tag>未登记</Tag>}
          {hasCard ? (
            <Popconfirm
              title={`移除后 ${s.name} 的卡不能再在取号机开具绿色通道号。确定移除？`}
              okText="移除"
              cancelText="取消"
              onConfirm={() => void setCard(s, null)}
            >
              <Button type="link" size="small" danger data-testid={`staff-card-remove-${s.username}`}>
                移除
              </Button>
            </Popconfirm>
          ) : (
            <Button
              type="link"
              size="small"
              onClick={() => {
                config.clearFailure();
                setCardFor(s);
              }}
              data-testid={`staff-card-register-${s.username}`}
            >
              登记卡
            </Button>
          )}
        </span>
      ),
    },
    {
      title: '',
      key: 'reset',
      width: 100,
      render: (_v, s) => (
        <Button type="link" size="small" onClick={() => setResetFor(s)} data-testid={`staff-reset-${s.username}`}>
          重置密码
        </Button>
      ),
    },
  ];

  return (
    <>
      <div className="cf-toolbar">
        <Button type="primary" onClick={() => setCreating(true)} data-testid="staff-new">
          新建人员
        </Button>
        <span className="cf-hint">停用的账号立即下线；重置密码后该账号须用新密码重新登录。</span>
      </div>
      <Table<StaffView>
        size="small"
        rowKey="id"
        columns={columns}
        dataSource={data.staff}
        pagination={{ pageSize: 15 }}
      />
      <StaffForm
        open={creating}
        onCancel={() => setCreating(false)}
        onSave={async (body) => {
          const ok = (await save('新建人员', client.call('POST /api/staff', { body }))) !== null;
          if (ok) setCreating(false);
          return ok;
        }}
      />
      <StaffCardModal
        open={cardFor !== null}
        staffName={cardFor?.name ?? ''}
        refusal={config.failure}
        onCancel={() => setCardFor(null)}
        onRegister={async (idNumber) => {
          if (!cardFor) return false;
          const ok = (await setCard(cardFor, idNumber)) !== null;
          if (ok) setCardFor(null);
          return ok;
        }}
      />
      <PromptModal
        open={resetFor !== null}
        title={resetFor ? `重置密码 · ${resetFor.name}` : ''}
        label="新密码（至少 8 位）"
        secret
        testId="staff-new-password"
        onCancel={() => setResetFor(null)}
        onOk={async (password) => {
          if (!resetFor) return false;
          const r = await save(
            '重置密码',
            client.call('POST /api/staff/:id/password', { params: { id: resetFor.id }, body: { password } }),
          );
          if (r) setResetFor(null);
          return r !== null;
        }}
      />
    </>
  );
}
