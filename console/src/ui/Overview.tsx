import { useCallback, useEffect, useMemo, useState } from 'react';
import {
  Alert,
  App as AntApp,
  Badge,
  Button,
  Card,
  Input,
  Modal,
  Select,
  Space,
  Table,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import type { HallSnapshot } from '@onedoor/protocol';
import { createPairingCode, fetchDevices, saveDeviceSettings } from '../api';
import {
  deviceRows,
  deviceSummary,
  hallTotals,
  recentCallRows,
  serviceRows,
  windowTiles,
  type CallRow,
  type ConsoleDevice,
  type DeviceRow,
  type ServiceRow,
  type WindowTile,
} from '../console-model';
import type { StaffSession } from '../hall-link';
import type { ConsoleConnection } from './ConsoleApp';
import { WaitingChart } from './WaitingChart';

const PAUSE_REASONS = ['午休', '临时离开', '系统故障', '业务培训'] as const;
const DEVICE_REFRESH_MS = 10_000;

const clockText = (ms: number) =>
  new Date(ms).toLocaleTimeString('zh-CN', {
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hour12: false,
    timeZone: 'Asia/Shanghai',
  });
const timeText = (iso: string) =>
  new Date(iso).toLocaleTimeString('zh-CN', {
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hour12: false,
    timeZone: 'Asia/Shanghai',
  });

function useNow(offset: number): number {
  const [now, setNow] = useState(() => Date.now() + offset);
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now() + offset), 1000);
    return () => clearInterval(t);
  }, [offset]);
  return now;
}

function useDevices(origin: string, token: string, onUnauthorized: (message: string) => void) {
  const [devices, setDevices] = useState<ConsoleDevice[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loadedAt, setLoadedAt] = useState<number | null>(null);
  const refresh = useCallback(async () => {
    const r = await fetchDevices(origin, token);
    if (r.ok) {
      setDevices(r.data);
      setError(null);
      setLoadedAt(Date.now());
    } else if (r.status === 401) onUnauthorized(r.message);
    else setError(r.message);
  }, [origin, token, onUnauthorized]);
  useEffect(() => {
    void refresh();
    const t = setInterval(() => void refresh(), DEVICE_REFRESH_MS);
    return () => clearInterval(t);
  }, [refresh]);
  return { devices, error, loadedAt, refresh };
}

export function Overview({
  origin,
  hall,
  snapshot,
  session,
  onLogout,
  onUnauthorized,
}: {
  origin: string;
  hall: ConsoleConnection;
  snapshot: HallSnapshot;
  session: StaffSession;
  onLogout: () => void;
  onUnauthorized: (message: string) => void;
}) {
  const { message } = AntApp.useApp();
  const link = hall.link!;
  const now = useNow(hall.clockOffset);
  // Minute resolution is enough for the tables; keeps the chart from re-rendering every second.
  const minute = Math.floor(now / 60_000) * 60_000;
  const tiles = useMemo(() => windowTiles(snapshot, minute), [snapshot, minute]);
  const services = useMemo(() => serviceRows(snapshot, minute), [snapshot, minute]);
  const totals = useMemo(() => hallTotals(snapshot), [snapshot]);
  const calls = useMemo(() => recentCallRows(snapshot.recentCalls, 12), [snapshot.recentCalls]);
  const dev = useDevices(origin, session.sessionToken, onUnauthorized);
  const devRows = useMemo(() => deviceRows(dev.devices ?? [], snapshot), [dev.devices, snapshot]);
  const devSum = deviceSummary(dev.devices ?? []);
  const [busy, setBusy] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [pauseFor, setPauseFor] = useState<WindowTile | null>(null);
  const [pairing, setPairing] = useState<{ device: DeviceRow; code: string; expiresAt: string } | null>(null);
  const [boardFor, setBoardFor] = useState<DeviceRow | null>(null);
  const online = hall.status === 'online';

  const act = async (
    label: string,
    ack: Promise<{ ok: true } | { ok: false; error: { message: string } }>,
    success: string,
  ) => {
    setBusy(label);
    const r = await ack;
    setBusy(null);
    if (r.ok) {
      setFailure(null);
      void message.success({ content: success, duration: 1.5 });
    } else setFailure(`${label}未成功：${r.error.message}`);
    return r.ok;
  };

  return (
    <div className="oc-shell" data-testid="console">
      <header className="oc-header">
        <div className="oc-brand">一门 · 管理控制台</div>
        <nav className="oc-nav">
          <a className="oc-nav-active" href="/console/">
            大厅总览
          </a>
          <a href="/console/backoffice.html" data-testid="nav-backoffice">
            后台审批
          </a>
        </nav>
        <div className="oc-spacer" />
        <span className="oc-hall">
          {snapshot.hallName} · 营业日 {snapshot.businessDay}
        </span>
        <span className={`oc-conn oc-conn-${hall.status}`} data-testid="connection">
          <i />
          {hall.status === 'online' ? '实时' : hall.status === 'connecting' ? '连接中' : '已断开'}
        </span>
        <span className="oc-clock">{clockText(now)}</span>
        <span className="oc-user">{session.staff.name}</span>
        <Button type="text" className="oc-logout" onClick={onLogout}>
          退出
        </Button>
      </header>

      {failure && (
        <Alert
          className="oc-alert"
          type="error"
          showIcon
          closable
          onClose={() => setFailure(null)}
          title={failure}
          data-testid="error-bar"
        />
      )}
      {!online && (
        <Alert
          className="oc-alert"
          type="warning"
          showIcon
          title="与大厅服务器的连接已断开，正在自动重连；画面显示的是断开前的状态。"
        />
      )}

      <main className="oc-main">
        <section className="oc-stats" data-testid="totals">
          <Stat label="今日取号" value={totals.issued} testId="total-issued" />
          <Stat
            label="已叫号"
            value={totals.called}
            testId="total-called"
            hint="今日取号减去正在等候（含打印失败作废的号）"
          />
          <Stat label="正在等候" value={totals.waiting} testId="total-waiting" accent />
          <Stat label="窗口办理中" value={totals.atWindows} />
          <Stat label="挂起" value={totals.suspended} />
          <Stat
            label="在岗窗口"
            value={`${totals.windowsServing + totals.windowsIdle + totals.windowsPaused} / ${tiles.length}`}
            sub={`办理 ${totals.windowsServing} · 空闲 ${totals.windowsIdle} · 暂停 ${totals.windowsPaused}`}
            testId="total-windows"
          />
          <Stat
            label="设备在线"
            value={dev.devices ? `${devSum.online} / ${devSum.total}` : '—'}
            warn={devSum.offline > 0}
          />
        </section>

        <Card size="small" className="oc-windows" title="窗口状态" extra={<Legend />}>
          <div className="oc-tiles" data-testid="window-grid">
            {tiles.map((t) => (
              <WindowTileView
                key={t.id}
                tile={t}
                busy={busy !== null || !online}
                onPause={() => setPauseFor(t)}
                onOpen={() =>
                  void act('开放窗口', link.command('window:open', { windowId: t.id }), `${t.name}已恢复服务`)
                }
              />
            ))}
          </div>
        </Card>

        <div className="oc-side">
          <NoticeCard
            notice={snapshot.notice}
            busy={busy !== null || !online}
            onSave={(text) => act('发布公告', link.command('notice:set', { text }), text ? '公告已发布' : '公告已清空')}
          />
          <Card size="small" className="oc-calls" title="最近叫号">
            <Table<CallRow>
              size="small"
              pagination={false}
              rowKey="key"
              dataSource={calls}
              data-testid="recent-calls"
              locale={{ emptyText: '今日尚无叫号' }}
              columns={[
                { title: '时间', width: 84, render: (_, r) => timeText(r.at) },
                { title: '号码', render: (_, r) => <b className="oc-num">{r.number}</b> },
                { title: '窗口', render: (_, r) => r.windowName },
                { title: '业务', ellipsis: true, render: (_, r) => r.serviceName },
                { title: '', width: 56, render: (_, r) => (r.recall ? <Tag>重呼</Tag> : null) },
              ]}
            />
          </Card>
        </div>

        <Card size="small" className="oc-services" title="各业务等候">
          <Table<ServiceRow>
            size="small"
            pagination={false}
            rowKey="id"
            dataSource={services}
            data-testid="service-table"
            columns={[
              {
                title: '业务',
                render: (_, r) => (
                  <span className={r.enabled ? '' : 'oc-muted'}>
                    <b className="oc-prefix">{r.prefix}</b> {r.name}
                    {!r.enabled && ' （停用）'}
                    {r.enabled && !r.openNow && <Tag style={{ marginLeft: 6 }}>非办理时间</Tag>}
                  </span>
                ),
              },
              {
                title: '等候',
                width: 60,
                align: 'right',
                render: (_, r) => <b className={r.waiting > 0 ? 'oc-waiting' : ''}>{r.waiting}</b>,
              },
              {
                title: '预计等候',
                width: 86,
                align: 'right',
                render: (_, r) => (r.waiting > 0 ? `${r.estimatedWaitMinutes} 分钟` : '—'),
              },
              {
                title: '最久已等',
                width: 86,
                align: 'right',
                render: (_, r) =>
                  r.longestWaitMinutes === null ? (
                    '—'
                  ) : (
                    <span className={r.longestWaitMinutes >= 30 ? 'oc-late' : ''}>{r.longestWaitMinutes} 分钟</span>
                  ),
              },
              {
                title: '在岗窗口',
                width: 76,
                align: 'right',
                render: (_, r) =>
                  r.openWindows === 0 && r.waiting > 0 ? <span className="oc-late">0</span> : r.openWindows,
              },
              { title: '今日取号', width: 76, align: 'right', render: (_, r) => r.issuedToday },
            ]}
          />
        </Card>

        <Card size="small" className="oc-chart-card" title="等候人数与预计等候时间">
          <WaitingChart rows={services} />
        </Card>

        <Card
          size="small"
          className="oc-devices"
          title={
            <span>
              设备{' '}
              <Typography.Text type="secondary">
                （每10秒刷新{dev.loadedAt ? `，${clockText(dev.loadedAt)}` : ''}）
              </Typography.Text>
            </span>
          }
          extra={
            <Button size="small" onClick={() => void dev.refresh()}>
              刷新
            </Button>
          }
        >
          {dev.error && <Alert type="warning" showIcon title={`设备列表：${dev.error}`} style={{ marginBottom: 8 }} />}
          <Table<DeviceRow>
            size="small"
            pagination={false}
            rowKey="id"
            dataSource={devRows}
            data-testid="device-table"
            loading={dev.devices === null && !dev.error}
            locale={{ emptyText: '尚未登记设备' }}
            columns={[
              { title: '设备', ellipsis: true, render: (_, r) => <Tooltip title={r.id}>{r.name}</Tooltip> },
              { title: '类型', width: 104, render: (_, r) => r.kindText },
              { title: '窗口', width: 86, render: (_, r) => r.windowName ?? '—' },
              {
                title: '状态',
                width: 80,
                render: (_, r) => (
                  <Tooltip
                    title={
                      r.status.length > 0
                        ? r.status.join('、')
                        : r.lastSeenAt
                          ? `最近在线 ${timeText(r.lastSeenAt)}`
                          : null
                    }
                  >
                    <Badge
                      status={r.online ? 'success' : r.stateText === '未配对' ? 'default' : 'error'}
                      text={r.stateText}
                    />
                  </Tooltip>
                ),
              },
              {
                title: '',
                width: 180,
                align: 'right',
                render: (_, r) => (
                  <Space size={0}>
                    {r.kind === 'display' && (
                      <Button size="small" type="link" data-testid={`board-${r.id}`} onClick={() => setBoardFor(r)}>
                        显示设置
                      </Button>
                    )}
                    {r.pairable ? (
                      <Button
                        size="small"
                        type="link"
                        data-testid={`pair-${r.id}`}
                        onClick={() =>
                          void createPairingCode(origin, session.sessionToken, r.id).then((res) => {
                            if (res.ok) setPairing({ device: r, ...res.data });
                            else setFailure(`生成配对码未成功：${res.message}`);
                          })
                        }
                      >
                        生成配对码
                      </Button>
                    ) : null}
                  </Space>
                ),
              },
            ]}
          />
        </Card>
      </main>

      <PauseWindowModal
        tile={pauseFor}
        busy={busy !== null}
        onCancel={() => setPauseFor(null)}
        onSubmit={async (reason) => {
          if (!pauseFor) return;
          const ok = await act(
            '暂停窗口',
            link.command('window:pause', { windowId: pauseFor.id, reason }),
            `${pauseFor.name}已暂停`,
          );
          if (ok) setPauseFor(null);
        }}
      />
      <BoardSettingsModal
        device={boardFor}
        snapshot={snapshot}
        onCancel={() => setBoardFor(null)}
        onSave={async (settings) => {
          if (!boardFor) return;
          const res = await saveDeviceSettings(origin, session.sessionToken, boardFor, settings);
          if (res.ok) {
            setBoardFor(null);
            void dev.refresh();
          } else setFailure(`保存显示设置未成功：${res.message}`);
        }}
      />
      <Modal
        open={pairing !== null}
        title={pairing ? `配对码 · ${pairing.device.name}` : ''}
        footer={<Button onClick={() => setPairing(null)}>关闭</Button>}
        onCancel={() => setPairing(null)}
      >
        {pairing && (
          <div className="oc-pairing">
            <div className="oc-pairing-code" data-testid="pairing-code">
              {pairing.code}
            </div>
            <Typography.Paragraph>
              在{pairing.device.kindText}的配对界面输入此 6 位数字。配对码只能使用一次，{timeText(pairing.expiresAt)}{' '}
              前有效。
            </Typography.Paragraph>
          </div>
        )}
      </Modal>
    </div>
  );
}

function Stat({
  label,
  value,
  testId,
  accent,
  warn,
  hint,
  sub,
}: {
  label: string;
  value: number | string;
  testId?: string;
  accent?: boolean;
  warn?: boolean;
  hint?: string;
  sub?: string;
}) {
  const body = (
    <div className={`oc-stat${accent ? ' oc-stat-accent' : ''}${warn ? ' oc-stat-warn' : ''}`}>
      <div className="oc-stat-value" data-testid={testId}>
        {value}
      </div>
      <div className="oc-stat-label">
        {label}
        {sub && <span className="oc-stat-sub"> · {sub}</span>}
      </div>
    </div>
  );
  return hint ? <Tooltip title={hint}>{body}</Tooltip> : body;
}

function Legend() {
  return (
    <span className="oc-legend">
      <i className="oc-tone-serving" />
      办理中
      <i className="oc-tone-idle" />
      空闲
      <i className="oc-tone-paused" />
      暂停
      <i className="oc-tone-closed" />
      未开放
    </span>
  );
}

function WindowTileView({
  tile,
  busy,
  onPause,
  onOpen,
}: {
  tile: WindowTile;
  busy: boolean;
  onPause: () => void;
  onOpen: () => void;
}) {
  return (
    <div className={`oc-tile oc-tone-${tile.tone}`} data-testid={`tile-${tile.id}`} data-tone={tile.tone}>
      <div className="oc-tile-top">
        <span className="oc-tile-name">{tile.name}</span>
        <span className="oc-tile-kind">{tile.kindText}</span>
      </div>
      <div className="oc-tile-mid">
        <span className="oc-tile-number" data-testid={`tile-number-${tile.id}`}>
          {tile.currentNumber ?? '—'}
        </span>
        <span className="oc-tile-state" data-testid={`tile-state-${tile.id}`}>
          {tile.stateText}
        </span>
      </div>
      <div className="oc-tile-bottom">
        <span className="oc-tile-clerk" data-testid={`tile-clerk-${tile.id}`}>
          {tile.clerkName ?? '无人签到'}
        </span>
        <span className="oc-tile-wait">{tile.state !== 'closed' ? `可叫 ${tile.waitingForIt}` : ''}</span>
        {tile.canPause && (
          <Button size="small" type="link" disabled={busy} onClick={onPause} data-testid={`pause-${tile.id}`}>
            暂停
          </Button>
        )}
        {tile.canOpen && (
          <Button size="small" type="link" disabled={busy} onClick={onOpen} data-testid={`open-${tile.id}`}>
            开放
          </Button>
        )}
      </div>
    </div>
  );
}

function NoticeCard({
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

function PauseWindowModal({
  tile,
  busy,
  onCancel,
  onSubmit,
}: {
  tile: WindowTile | null;
  busy: boolean;
  onCancel: () => void;
  onSubmit: (reason: string) => Promise<void>;
}) {
  const [reason, setReason] = useState('');
  useEffect(() => setReason(''), [tile]);
  const trimmed = reason.trim();
  return (
    <Modal
      open={tile !== null}
      title={tile ? `暂停 ${tile.name}` : ''}
      okText="暂停"
      cancelText="取消"
      onCancel={onCancel}
      onOk={() => void (trimmed && onSubmit(trimmed))}
      okButtonProps={{ disabled: busy || !trimmed, loading: busy }}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">
        暂停后该窗口不再叫新号，正在办理的群众不受影响。原因会显示给窗口人员（必填）。
      </Typography.Paragraph>
      <div className="oc-reasons">
        {PAUSE_REASONS.map((r) => (
          <Tag.CheckableTag
            key={r}
            checked={trimmed === r}
            onChange={() => setReason(r)}
            className="oc-reason-tag"
            data-testid={`console-reason-${r}`}
          >
            {r}
          </Tag.CheckableTag>
        ))}
      </div>
      <Input
        value={reason}
        maxLength={100}
        placeholder="其他原因"
        onChange={(e) => setReason(e.target.value)}
        data-testid="console-pause-reason"
      />
    </Modal>
  );
}

/** Which services and windows a waiting-area board shows; the board applies it at once, without a reload. */
function BoardSettingsModal(props: {
  device: DeviceRow | null;
  snapshot: HallSnapshot | null;
  onCancel: () => void;
  onSave: (settings: Record<string, unknown>) => Promise<void>;
}) {
  const { device, snapshot } = props;
  const [services, setServices] = useState<string[]>([]);
  const [windows, setWindows] = useState<string[]>([]);
  const [saving, setSaving] = useState(false);
  useEffect(() => {
    const asList = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
    setServices(asList(device?.settings?.services));
    setWindows(asList(device?.settings?.windows));
  }, [device]);
  return (
    <Modal
      open={device !== null}
      title={device ? `显示设置 · ${device.name}` : ''}
      okText="保存"
      cancelText="取消"
      confirmLoading={saving}
      okButtonProps={{ 'data-testid': 'board-save' } as never}
      onCancel={props.onCancel}
      onOk={() => {
        setSaving(true);
        void props.onSave({ ...(device?.settings ?? {}), services, windows }).finally(() => setSaving(false));
      }}
    >
      <Typography.Paragraph type="secondary">不选表示全部显示。保存后该屏立即按新设置显示。</Typography.Paragraph>
      <Typography.Text strong>显示的业务</Typography.Text>
      <Select
        mode="multiple"
        optionFilterProp="label"
        allowClear
        style={{ width: '100%', margin: '4px 0 12px' }}
        placeholder="全部业务"
        data-testid="board-services"
        value={services}
        onChange={setServices}
        options={(snapshot?.services ?? []).map((s) => ({ value: s.id, label: `${s.prefix} ${s.name}` }))}
      />
      <Typography.Text strong>显示的窗口</Typography.Text>
      <Select
        mode="multiple"
        optionFilterProp="label"
        allowClear
        style={{ width: '100%', marginTop: 4 }}
        placeholder="全部窗口"
        value={windows}
        onChange={setWindows}
        options={(snapshot?.windows ?? []).map((w) => ({ value: w.id, label: w.name }))}
      />
    </Modal>
  );
}
