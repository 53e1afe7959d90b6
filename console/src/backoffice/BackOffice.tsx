import { useCallback, useEffect, useMemo, useState } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Descriptions,
  Drawer,
  Empty,
  Form,
  Input,
  Layout,
  Modal,
  Select,
  Space,
  Table,
  Tabs,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { BackOfficeApi, BackOfficeError } from './api';
import { Handover } from './Handover';
import { CASE_ACTION_TEXT, MATERIAL_STATUS_TEXT, type MaterialStatus } from '@onedoor/protocol';
import { HallTimeZone, LEVEL_TAG, MATERIAL_STATUS_COLOR, remainingText, useHallTime } from './format';
import type { CaseDetail, CaseSummary, Me, Stage } from './types';

const TOKEN_KEY = 'onedoor.backoffice.token';
const REFRESH_MS = 15_000;

type ActionKind = 'review' | 'approve' | 'refuse' | 'request-correction' | 'suspend' | 'resume';

const ACTIONS: { kind: ActionKind; label: string; from: Stage[]; danger?: boolean; primary?: boolean }[] = [
  { kind: 'approve', label: '准予办结', from: ['reviewing'], primary: true },
  { kind: 'review', label: '审核通过，转下一环节', from: ['reviewing'] },
  { kind: 'request-correction', label: '补齐补正', from: ['accepted', 'reviewing'] },
  { kind: 'suspend', label: '挂起', from: ['accepted', 'reviewing'] },
  { kind: 'resume', label: '恢复办理', from: ['suspended'] },
  { kind: 'refuse', label: '不予许可', from: ['reviewing'], danger: true },
];

function errorText(err: unknown): string {
  return err instanceof BackOfficeError ? err.error.message : '操作失败，请重试';
}

function LevelTag({ c }: { c: CaseSummary }) {
  if (!c.level) return <Tag>—</Tag>;
  const t = LEVEL_TAG[c.level];
  return (
    <Tag color={t.color} data-level={c.level}>
      {t.text}
    </Tag>
  );
}

function SignIn({ api, onSignedIn }: { api: BackOfficeApi; onSignedIn: (token: string) => void }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const signIn = async (v: { username: string; password: string }) => {
    setBusy(true);
    setError(null);
    try {
      const s = await api.request('POST /api/auth/login', { body: v });
      if (!s.staff.roles.some((r) => ['approver', 'manager', 'admin', 'clerk'].includes(r))) {
        setError('该账号不能使用后台 / this account may not use the back office');
        return;
      }
      onSignedIn(s.sessionToken);
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="bo-signin">
      <Card title="一门 · 后台审批 Back office" style={{ width: 380 }}>
        <Form layout="vertical" onFinish={(v: { username: string; password: string }) => void signIn(v)}>
          <Form.Item label="用户名" name="username" rules={[{ required: true, message: '请输入用户名' }]}>
            <Input autoFocus autoComplete="username" />
          </Form.Item>
          <Form.Item label="密码" name="password" rules={[{ required: true, message: '请输入密码' }]}>
            <Input.Password autoComplete="current-password" />
          </Form.Item>
          {error && <Alert type="error" title={error} style={{ marginBottom: 16 }} />}
          <Button type="primary" htmlType="submit" block loading={busy}>
            登录
          </Button>
        </Form>
      </Card>
    </div>
  );
}

function ActionModal({
  kind,
  detail,
  onCancel,
  onDone,
  api,
}: {
  kind: ActionKind;
  detail: CaseDetail;
  onCancel: () => void;
  onDone: () => void;
  api: BackOfficeApi;
}) {
  const { message } = App.useApp();
  const [text, setText] = useState(kind === 'approve' ? '材料齐全，符合法定条件，准予许可。' : '');
  const [node, setNode] = useState('审批');
  const [materialIds, setMaterialIds] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const label = ACTIONS.find((a) => a.kind === kind)?.label ?? kind;
  const submit = async () => {
    setBusy(true);
    try {
      await send({ id: detail.id });
      void message.success(`${label}：已保存`);
      onDone();
    } catch (err) {
      void message.error(errorText(err));
    } finally {
      setBusy(false);
    }
  };
  /** Each decision goes to its own route of the REST map, with the body that route takes. */
  const send = (params: { id: string }) => {
    switch (kind) {
      case 'review':
        return api.request('POST /api/cases/:id/review', { params, body: { node, opinion: text } });
      case 'approve':
        return api.request('POST /api/cases/:id/approve', { params, body: { opinion: text } });
      case 'refuse':
        return api.request('POST /api/cases/:id/refuse', { params, body: { opinion: text } });
      case 'request-correction':
        return api.request('POST /api/cases/:id/request-correction', { params, body: { opinion: text, materialIds } });
      case 'suspend':
        return api.request('POST /api/cases/:id/suspend', { params, body: { reason: text } });
      case 'resume':
        return api.request('POST /api/cases/:id/resume', { params, body: text ? { opinion: text } : {} });
    }
  };
  return (
    <Modal
      open
      title={`${label} · ${detail.caseNo}`}
      okText="确定"
      cancelText="取消"
      confirmLoading={busy}
      okButtonProps={{ danger: kind === 'refuse', 'data-testid': 'action-ok' } as never}
      onCancel={onCancel}
      onOk={() => void submit()}
    >
      <Space orientation="vertical" style={{ width: '100%' }}>
        {kind === 'review' && (
          <Select
            value={node}
            onChange={setNode}
            style={{ width: 200 }}
            options={['复核', '审批', '签发'].map((n) => ({ value: n, label: `下一环节：${n}` }))}
          />
        )}
        {kind === 'request-correction' && (
          <Checkbox.Group
            value={materialIds}
            onChange={(v) => setMaterialIds(v as string[])}
            options={detail.materials.map((m) => ({ value: m.materialId, label: m.name }))}
          />
        )}
        <Input.TextArea
          rows={4}
          value={text}
          onChange={(e) => setText(e.target.value)}
          placeholder={
            kind === 'suspend'
              ? '挂起原因（如现场核查、专家评审）'
              : kind === 'request-correction'
                ? '一次性告知需要补正的内容'
                : '审批意见'
          }
          data-testid="action-opinion"
        />
      </Space>
    </Modal>
  );
}

function CaseDrawer({
  id,
  api,
  deptNames,
  onClose,
  onChanged,
}: {
  id: string;
  api: BackOfficeApi;
  deptNames: ReadonlyMap<string, string>;
  onClose: () => void;
  onChanged: () => void;
}) {
  const formatTime = useHallTime();
  const [detail, setDetail] = useState<CaseDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [action, setAction] = useState<ActionKind | null>(null);
  const load = useCallback(async () => {
    try {
      setDetail(await api.request('GET /api/cases/:id', { params: { id } }));
    } catch (err) {
      setError(errorText(err));
    }
  }, [api, id]);
  useEffect(() => {
    void load();
  }, [load]);
  const t = detail?.timing;
  return (
    <Drawer
      open
      size={760}
      title={detail ? `${detail.name} · ${detail.caseNo}` : '办件详情'}
      onClose={onClose}
      data-testid="case-drawer"
    >
      {error && <Alert type="error" title={error} />}
      {detail && (
        <Space orientation="vertical" size="large" style={{ width: '100%' }}>
          <Descriptions size="small" column={2} bordered>
            <Descriptions.Item label="办件状态">
              <Tag color="blue" data-testid="case-stage">
                {detail.stageLabel}
                {detail.node ? ` · ${detail.node}` : ''}
              </Tag>
              <LevelTag c={detail} />
            </Descriptions.Item>
            <Descriptions.Item label="申请人">
              {detail.applicant}（{detail.applicantIdMasked}）
            </Descriptions.Item>
            <Descriptions.Item label="受理时间">{formatTime(detail.acceptedAt)}</Descriptions.Item>
            <Descriptions.Item label="承诺期限">
              {formatTime(t?.dueAt)}（{t?.promisedLimitDays ?? '—'} 个工作日）
            </Descriptions.Item>
            <Descriptions.Item label="已用 / 剩余">
              {t ? `${t.elapsedDays} 天 / ${remainingText(t.remainingDays, t.paused)}` : '—'}
            </Descriptions.Item>
            <Descriptions.Item label="法定期限">
              {formatTime(t?.legalDueAt)}（{t?.legalLimitDays ?? '—'} 个工作日）
            </Descriptions.Item>
            <Descriptions.Item label="来源">
              <span data-testid="case-origin">
                {detail.origin
                  ? `窗口收件 · ${detail.origin.ticketNumber ?? '—'} 号 · ${detail.origin.windowName ?? '—'}`
                  : '未经排队取号收件'}
              </span>
            </Descriptions.Item>
            <Descriptions.Item label="事项版本">v{detail.matterVersion ?? '—'}</Descriptions.Item>
            <Descriptions.Item label="办件类型">
              {detail.type === 'member' ? '一件事成员办件' : detail.caseKind === 'immediate' ? '即办件' : '承诺件'}
            </Descriptions.Item>
          </Descriptions>

          {detail.lateMaterials.length > 0 && (
            <Alert
              type="warning"
              showIcon
              title={`容缺材料逾期未补：${detail.lateMaterials.map((m) => m.name).join('、')}`}
            />
          )}

          <Space wrap>
            {ACTIONS.filter((a) => a.from.includes(detail.stage)).map((a) => (
              <Button
                key={a.kind}
                type={a.primary ? 'primary' : 'default'}
                danger={a.danger ?? false}
                onClick={() => setAction(a.kind)}
                data-testid={`action-${a.kind}`}
              >
                {a.label}
              </Button>
            ))}
          </Space>

          <Card size="small" title="收取的材料">
            <Table
              size="small"
              rowKey="materialId"
              pagination={false}
              dataSource={detail.materials}
              columns={[
                { title: '材料', dataIndex: 'name' },
                {
                  title: '要求',
                  dataIndex: 'need',
                  render: (n: string) => (n === 'required' ? '必要' : n === 'tolerance' ? '可容缺' : '非必要'),
                },
                { title: '原件/复印件', render: (_: unknown, m) => `${m.originalCount} / ${m.copyCount}` },
                {
                  title: '状态',
                  dataIndex: 'status',
                  render: (s: MaterialStatus, m) => (
                    <Tag color={MATERIAL_STATUS_COLOR[s]}>
                      {MATERIAL_STATUS_TEXT[s]}
                      {m.dueDate ? `（${m.dueDate} 前）` : ''}
                    </Tag>
                  ),
                },
              ]}
            />
          </Card>

          <Card size="small" title="办理过程">
            <Timeline
              items={detail.steps.map((s) => ({
                color: s.action === 'refuse' ? 'red' : s.action === 'approve' ? 'green' : 'blue',
                title: `${formatTime(s.at)} ${CASE_ACTION_TEXT[s.action]}${s.node ? ` · ${s.node}` : ''}`,
                content: (
                  <div>
                    <div>
                      {s.staffName}（{deptNames.get(s.deptId) ?? s.deptId}）{s.opinion ? `：${s.opinion}` : ''}
                    </div>
                    {s.notices.length > 0 && (
                      <div>
                        {s.notices.map((n) => (
                          <Tag key={n.code}>
                            {n.code} {n.title}
                          </Tag>
                        ))}
                      </div>
                    )}
                  </div>
                ),
              }))}
            />
          </Card>
        </Space>
      )}
      {detail && action && (
        <ActionModal
          kind={action}
          detail={detail}
          api={api}
          onCancel={() => setAction(null)}
          onDone={() => {
            setAction(null);
            void load();
            onChanged();
          }}
        />
      )}
    </Drawer>
  );
}

function Queue({ api, me, onSignOut }: { api: BackOfficeApi; me: Me; onSignOut: () => void }) {
  const formatTime = useHallTime();
  const [cases, setCases] = useState<CaseSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  const [updatedAt, setUpdatedAt] = useState<string>('');
  const [deptNames, setDeptNames] = useState<ReadonlyMap<string, string>>(new Map([['hall', '综合窗口']]));
  useEffect(() => {
    api.request('GET /api/catalog/departments', {}).then(
      (list) =>
        setDeptNames(
          new Map([
            ['hall', '综合窗口'],
            ['platform', '一体化政务服务平台'],
            ...list.map((d) => [d.id, d.name] as [string, string]),
          ]),
        ),
      () => undefined,
    );
  }, [api]);
  const load = useCallback(async () => {
    try {
      const q = await api.request('GET /api/cases/queue', {});
      setCases(q.cases);
      setError(null);
      setUpdatedAt(formatTime(new Date().toISOString()));
    } catch (err) {
      setError(errorText(err));
    }
  }, [api]);
  const roles = me.staff.roles;
  const canReview = roles.some((r) => r === 'approver' || r === 'manager' || r === 'admin');
  const canHandover = roles.some((r) => r === 'clerk' || r === 'manager' || r === 'admin');
  useEffect(() => {
    if (!canReview) return;
    void load();
    const t = setInterval(() => void load(), REFRESH_MS);
    return () => clearInterval(t);
  }, [load, canReview]);
  const counts = useMemo(() => {
    const c = { red: 0, yellow: 0, paused: 0 };
    for (const x of cases ?? []) if (x.level === 'red' || x.level === 'yellow' || x.level === 'paused') c[x.level]++;
    return c;
  }, [cases]);
  const columns: ColumnsType<CaseSummary> = [
    { title: '预警', key: 'level', width: 110, render: (_, c) => <LevelTag c={c} /> },
    {
      title: '办件编号',
      dataIndex: 'caseNo',
      width: 200,
      render: (no: string) => <Typography.Text code>{no}</Typography.Text>,
    },
    {
      title: '事项',
      dataIndex: 'name',
      render: (name: string, c) => (
        <span>
          {name}
          {c.type === 'member' && <Tag style={{ marginLeft: 8 }}>一件事</Tag>}
          {c.tolerance && <Tag color="gold">容缺</Tag>}
          {c.lateMaterials.length > 0 && <Tag color="red">容缺逾期</Tag>}
        </span>
      ),
    },
    { title: '申请人', dataIndex: 'applicant', width: 200 },
    { title: '环节', key: 'stage', width: 130, render: (_, c) => `${c.stageLabel}${c.node ? ` · ${c.node}` : ''}` },
    { title: '受理时间', dataIndex: 'acceptedAt', width: 150, render: (v: string | null) => formatTime(v) },
    { title: '承诺期限', key: 'due', width: 150, render: (_, c) => formatTime(c.timing?.dueAt) },
    {
      title: '剩余',
      key: 'remaining',
      width: 150,
      render: (_, c) => (c.timing ? remainingText(c.timing.remainingDays, c.timing.paused) : '—'),
    },
  ];
  const queueView = (
    <>
      <Space style={{ marginBottom: 16 }} wrap>
        <Typography.Title level={4} style={{ margin: 0 }}>
          待办办件（按承诺期限排序）
        </Typography.Title>
        <Tag color="red">红牌 {counts.red}</Tag>
        <Tag color="gold">黄牌 {counts.yellow}</Tag>
        <Tag>暂停 {counts.paused}</Tag>
        <Typography.Text type="secondary">更新于 {updatedAt}</Typography.Text>
        <Button size="small" onClick={() => void load()}>
          刷新
        </Button>
      </Space>
      {error && <Alert type="error" title={error} style={{ marginBottom: 16 }} />}
      <Table
        rowKey="id"
        loading={cases === null}
        dataSource={cases ?? []}
        columns={columns}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        locale={{ emptyText: <Empty description="暂无待办办件" /> }}
        rowClassName={(c) => `bo-row bo-row-${c.level ?? 'none'}`}
        onRow={(c) => ({ onClick: () => setOpen(c.id), 'data-case-no': c.caseNo }) as never}
      />
    </>
  );
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header className="bo-header">
        <span className="bo-title">一门 · 后台审批</span>
        <span className="bo-dept" data-testid="dept-name">
          {me.department?.name ?? (canReview ? '全部部门' : '综合出件窗口')}
        </span>
        <span style={{ flex: 1 }} />
        <span className="bo-user">{me.staff.name}</span>
        <Button size="small" onClick={onSignOut}>
          退出
        </Button>
      </Layout.Header>
      <Layout.Content style={{ padding: 24 }}>
        {canReview && canHandover ? (
          <Tabs
            items={[
              { key: 'queue', label: '待办办件', children: queueView },
              { key: 'handover', label: '出件', children: <Handover api={api} /> },
            ]}
          />
        ) : canReview ? (
          queueView
        ) : (
          <Handover api={api} />
        )}
      </Layout.Content>
      {open && (
        <CaseDrawer
          id={open}
          api={api}
          deptNames={deptNames}
          onClose={() => setOpen(null)}
          onChanged={() => void load()}
        />
      )}
    </Layout>
  );
}

/** The back office (后台审批) of one department: queue by deadline with yellow/red marks, case detail, decisions. */
export function BackOffice({ origin }: { origin: string }) {
  const [token, setToken] = useState<string | null>(() => sessionStorage.getItem(TOKEN_KEY));
  const api = useMemo(() => new BackOfficeApi(origin, token), [origin, token]);
  const [me, setMe] = useState<Me | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (!token) return;
    api.request('GET /api/backoffice/me', {}).then(setMe, (err: unknown) => {
      setError(errorText(err));
      sessionStorage.removeItem(TOKEN_KEY);
      setToken(null);
    });
  }, [api, token]);
  if (!token) {
    return (
      <>
        {error && <Alert type="warning" title={error} banner />}
        <SignIn
          api={api}
          onSignedIn={(t) => {
            sessionStorage.setItem(TOKEN_KEY, t);
            setError(null);
            setToken(t);
          }}
        />
      </>
    );
  }
  if (!me) return <div className="bo-signin">正在加载…</div>;
  return (
    <HallTimeZone.Provider value={me.timeZone}>
      <Queue
        api={api}
        me={me}
        onSignOut={() => {
          void api.request('POST /api/auth/logout', {}).catch(() => undefined);
          sessionStorage.removeItem(TOKEN_KEY);
          setMe(null);
          setToken(null);
        }}
      />
    </HallTimeZone.Provider>
  );
}
