import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Alert, App as AntApp, Badge, Button, Card, Empty, Popconfirm, Table, Tag, Tooltip, Typography } from 'antd';
import {
  PRIORITY_CLASS_TEXT,
  TICKET_STATUS_TEXT,
  WINDOW_KIND_TEXT,
  type Ack,
  type HallSnapshot,
  type PriorityClass,
  type TicketView,
} from '@onedoor/protocol';
import type { WindowCardRead, WindowDeviceApi } from '../../shared/window-api';
import { maskIdNumber, maskName } from '../devices';
import type { CommandPayload, StaffSession, WindowCommand } from '../hall-link';
import { buildWindowModel, formatMinutes, type NoShowRow, type WaitingRow, type WindowAction } from '../window-model';
import type { HallConnection } from './WindowApp';
import { PauseModal, TransferModal } from './modals';

const PRIORITY_COLOR: Record<PriorityClass, string> = { appointment: 'blue', green: 'green', normal: 'default' };

export function PriorityTag({ priority }: { priority: PriorityClass }) {
  if (priority === 'normal') return null;
  return (
    <Tag color={PRIORITY_COLOR[priority]} className="od-priority">
      {PRIORITY_CLASS_TEXT[priority]}
    </Tag>
  );
}

function useNow(offset: number, everyMs = 1000): number {
  const [now, setNow] = useState(() => Date.now() + offset);
  useEffect(() => {
    setNow(Date.now() + offset);
    const t = setInterval(() => setNow(Date.now() + offset), everyMs);
    return () => clearInterval(t);
  }, [offset, everyMs]);
  return now;
}

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
    hour12: false,
    timeZone: 'Asia/Shanghai',
  });

interface Failure {
  action: string;
  message: string;
  at: number;
}

export function Workbench({
  hall,
  snapshot,
  windowId,
  session,
  devices,
  onLogout,
}: {
  hall: HallConnection;
  snapshot: HallSnapshot;
  windowId: string;
  session: StaffSession;
  devices: WindowDeviceApi;
  onLogout: () => void;
}) {
  const { message } = AntApp.useApp();
  const link = hall.link!;
  const now = useNow(hall.clockOffset);
  const [busy, setBusy] = useState<string | null>(null);
  const [failure, setFailure] = useState<Failure | null>(null);
  const [modal, setModal] = useState<'pause' | 'transfer' | null>(null);
  const [card, setCard] = useState<WindowCardRead | null>(null);
  const [lastDone, setLastDone] = useState<{ ticket: TicketView; at: string } | null>(null);
  const online = hall.status === 'online';

  const model = useMemo(
    () =>
      buildWindowModel(snapshot, windowId, {
        staffId: session.staff.id,
        history: hall.history,
        now,
        busy: busy !== null || !online,
      }),
    [snapshot, windowId, session.staff.id, hall.history, now, busy, online],
  );
  const win = model.window!;
  const serviceName = useCallback(
    (id: string) => snapshot.services.find((s) => s.id === id)?.name ?? id,
    [snapshot.services],
  );

  /** Sends one command; the buttons wait for its ack; a refusal shows the server's Chinese message. */
  const run = useCallback(
    async <E extends WindowCommand>(
      label: string,
      event: E,
      payload: CommandPayload<E>,
      success?: (data: unknown) => string | null,
    ) => {
      if (busy) return null;
      setBusy(label);
      const ack = (await link.command(event, payload)) as Ack<unknown>;
      setBusy(null);
      if (ack.ok) {
        setFailure(null);
        const text = success?.(ack.data);
        if (text) void message.success({ content: text, duration: 1.5 });
      } else {
        setFailure({ action: label, message: ack.error.message, at: Date.now() });
      }
      return ack;
    },
    [busy, link, message],
  );

  const current = model.current;
  const numberOf = (d: unknown) => (d as TicketView | null)?.number ?? '';
  const actions = {
    callNext: () =>
      run('叫下一位', 'ticket:call-next', { windowId }, (d) => (d ? `已呼叫 ${numberOf(d)}` : '已办结，暂无等候')),
    recall: () => run('重呼', 'ticket:recall', { windowId }, (d) => `已重呼 ${numberOf(d)}`),
    start: () => run('开始办理', 'ticket:start', { windowId }, (d) => `${numberOf(d)} 开始办理`),
    finish: async () => {
      const ticket = current?.ticket;
      const ack = await run('办结', 'ticket:finish', { windowId }, (d) => `${numberOf(d)} 已办结`);
      if (ack?.ok && ticket) {
        setLastDone({ ticket, at: new Date().toISOString() });
        if (devices.runtime === 'electron') {
          void devices
            .startEvaluation({
              ticketId: ticket.id,
              ticketNumber: ticket.number,
              windowId,
              clerkName: session.staff.name,
              serviceName: serviceName(ticket.serviceId),
            })
            .then((r) => {
              if (r.status === 'rated') void message.info(`${ticket.number} 评价：${r.rating ?? ''} 星`);
            });
        }
      }
    },
    noShow: () => run('过号', 'ticket:no-show', { windowId }, (d) => `${numberOf(d)} 已记为过号`),
    suspend: () => run('挂起', 'ticket:suspend', { windowId }, (d) => `${numberOf(d)} 已挂起`),
  };

  // F1 叫号 / F2 重呼 / F3 过号 / F4 办结 — also stops the browser's own F1 help and F3 find.
  const keyRef = useRef({ model, actions, modal });
  keyRef.current = { model, actions, modal };
  useEffect(() => {
    const keys: Record<string, [WindowAction, keyof typeof actions]> = {
      F1: ['callNext', 'callNext'],
      F2: ['recall', 'recall'],
      F3: ['noShow', 'noShow'],
      F4: ['finish', 'finish'],
    };
    const onKey = (e: KeyboardEvent) => {
      const k = keys[e.key];
      if (!k) return;
      e.preventDefault();
      const { model: m, actions: a, modal: open } = keyRef.current;
      if (open || e.repeat || !m.enabled[k[0]]) return;
      void a[k[1]]();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  useEffect(() => devices.onCard((c) => setCard(c)), [devices]);

  const stateTag =
    win.state === 'open' ? (
      <Tag color="success">服务中</Tag>
    ) : win.state === 'paused' ? (
      <Tag color="warning">暂停 · {win.pauseReason}</Tag>
    ) : (
      <Tag>已关闭</Tag>
    );

  return (
    <div className="od-shell" data-testid="workbench">
      <header className="od-header">
        <div className="od-brand">一门 · 窗口叫号</div>
        <div className="od-window-name" data-testid="window-name">
          {win.name}
          <span className="od-kind">{WINDOW_KIND_TEXT[win.kind]}</span>
        </div>
        <span data-testid="window-state">{stateTag}</span>
        <div className="od-header-spacer" />
        <span className="od-hall">{snapshot.hallName}</span>
        <span className="od-clerk">
          {session.staff.name}（{session.staff.username}）
        </span>
        <ConnectionDot status={hall.status} />
        <span className="od-clock">{clockText(now)}</span>
        {win.state !== 'open' ? (
          <Button
            type="primary"
            disabled={!model.enabled.open}
            onClick={() => void run('恢复服务', 'window:open', { windowId }, () => '已恢复服务')}
            data-testid="btn-open"
          >
            {win.state === 'paused' ? '恢复服务' : '开放窗口'}
          </Button>
        ) : (
          <Button disabled={!model.enabled.pause} onClick={() => setModal('pause')} data-testid="btn-pause">
            暂停服务
          </Button>
        )}
        <Tooltip title={current ? '请先办结或转移当前群众' : null}>
          <Popconfirm
            title="确认签退本窗口？"
            okText="签退"
            cancelText="取消"
            disabled={!model.enabled.signOut}
            onConfirm={() => void run('签退', 'window:sign-out', { windowId }, () => '已签退')}
          >
            <Button disabled={!model.enabled.signOut} data-testid="btn-sign-out">
              签退
            </Button>
          </Popconfirm>
        </Tooltip>
        <Button type="text" className="od-logout" onClick={onLogout} disabled={!!current}>
          退出登录
        </Button>
      </header>

      {failure && (
        <Alert
          className="od-failure"
          type="error"
          showIcon
          closable
          onClose={() => setFailure(null)}
          data-testid="error-bar"
          title={
            <span>
              <b>{failure.action}未成功：</b>
              <span data-testid="error-message">{failure.message}</span>
              <span className="od-failure-time">{clockText(failure.at)}</span>
            </span>
          }
        />
      )}
      {!online && (
        <Alert
          className="od-failure"
          type="warning"
          showIcon
          title="与大厅服务器的连接已断开，正在自动重连；重连后画面自动更新。此时操作不会发出。"
        />
      )}
      {win.state === 'closed' && (
        <Alert
          className="od-failure"
          type="info"
          showIcon
          title="窗口已被关闭：不再叫号。需要继续服务时请点「开放窗口」。"
        />
      )}
      {win.state === 'paused' && (
        <Alert
          className="od-failure"
          type="warning"
          showIcon
          title={`窗口已暂停（${win.pauseReason ?? ''}）：不再叫新号；当前群众可继续办理。`}
        />
      )}

      <main className="od-main">
        <section className="od-left">
          <Card className="od-current" data-testid="current-card">
            {current ? (
              <div className="od-current-body">
                <div className="od-current-number" data-testid="current-number">
                  {current.ticket.number}
                </div>
                <div className="od-current-info">
                  <div className="od-current-line">
                    <Tag
                      color={current.ticket.status === 'serving' ? 'processing' : 'gold'}
                      className="od-status"
                      data-testid="current-status"
                    >
                      {TICKET_STATUS_TEXT[current.ticket.status]}
                    </Tag>
                    <span className="od-current-service">{current.service?.name ?? current.ticket.serviceId}</span>
                    <PriorityTag priority={current.ticket.priority} />
                    {current.ticket.targetWindowId === windowId && <Tag color="purple">指定本窗口</Tag>}
                  </div>
                  {current.ticket.realName && (
                    <div className="od-current-line od-holder" data-testid="current-holder">
                      实名：{current.ticket.holderName ?? '—'}
                      <span className="od-holder-id">{current.ticket.holderId ?? ''}</span>
                    </div>
                  )}
                  <div className="od-current-facts">
                    <span>
                      呼叫次数 <b data-testid="current-calls">{current.ticket.callCount}</b>
                    </span>
                    <span>
                      取号 <b>{timeText(current.ticket.issuedAt)}</b>
                    </span>
                    <span>
                      已等候 <b>{formatMinutes(current.waitedMinutes)}</b>
                    </span>
                    {current.sinceCallMinutes !== null && (
                      <span>
                        叫号后 <b>{formatMinutes(current.sinceCallMinutes)}</b>
                      </span>
                    )}
                  </div>
                </div>
              </div>
            ) : (
              <div className="od-current-empty" data-testid="current-empty">
                <div className="od-current-number od-muted">— —</div>
                <div>
                  当前没有群众在办理。
                  {model.waiting.length > 0 ? `有 ${model.waiting.length} 人等候，按 F1 叫下一位。` : '暂无等候群众。'}
                </div>
              </div>
            )}
          </Card>

          <div className="od-actions">
            <ActionButton
              testId="btn-call-next"
              type="primary"
              keyHint="F1"
              disabled={!model.enabled.callNext}
              hint={model.callNextHint ?? (current ? '当前群众将记为办结，然后叫下一位' : null)}
              loading={busy === '叫下一位'}
              onClick={actions.callNext}
            >
              叫下一位
            </ActionButton>
            <ActionButton
              testId="btn-recall"
              keyHint="F2"
              disabled={!model.enabled.recall}
              loading={busy === '重呼'}
              onClick={actions.recall}
            >
              重呼
            </ActionButton>
            <ActionButton
              testId="btn-start"
              disabled={!model.enabled.start}
              loading={busy === '开始办理'}
              onClick={actions.start}
            >
              开始办理
            </ActionButton>
            <ActionButton
              testId="btn-no-show"
              keyHint="F3"
              danger
              disabled={!model.enabled.noShow}
              loading={busy === '过号'}
              onClick={actions.noShow}
            >
              过号
            </ActionButton>
            <ActionButton
              testId="btn-finish"
              keyHint="F4"
              type="primary"
              green
              disabled={!model.enabled.finish}
              loading={busy === '办结'}
              onClick={actions.finish}
            >
              办结
            </ActionButton>
            <ActionButton testId="btn-transfer" disabled={!model.enabled.transfer} onClick={() => setModal('transfer')}>
              转移
            </ActionButton>
            <ActionButton
              testId="btn-suspend"
              disabled={!model.enabled.suspend}
              loading={busy === '挂起'}
              onClick={actions.suspend}
            >
              挂起
            </ActionButton>
          </div>

          <Card size="small" className="od-counters" title={<span>今日本窗口（本机统计）</span>}>
            <div className="od-counter-row" data-testid="counters">
              <Counter label="已叫号" value={model.counters.called} />
              <Counter label="已办结" value={model.counters.done} />
              <Counter label="过号" value={model.counters.noShow} />
              <Counter label="转移" value={model.counters.transferred} />
              <Counter label="挂起" value={model.counters.suspended} />
              <Counter
                label="平均办理"
                value={model.counters.averageServiceMinutes ?? '—'}
                unit={model.counters.averageServiceMinutes !== null ? '分钟' : ''}
              />
              <Counter label="当前等候" value={model.counters.waitingNow} strong />
            </div>
          </Card>

          <div className="od-side-lists">
            <Card
              size="small"
              className="od-list-card"
              title={`挂起（${model.suspended.length}）`}
              data-testid="suspended-list"
            >
              {model.suspended.length === 0 ? (
                <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="无挂起的群众" />
              ) : (
                <Table<WaitingRow>
                  size="small"
                  pagination={false}
                  rowKey={(r) => r.ticket.id}
                  dataSource={model.suspended}
                  columns={[
                    { title: '号码', render: (_, r) => <b className="od-num">{r.ticket.number}</b> },
                    { title: '业务', render: (_, r) => r.service?.name ?? r.ticket.serviceId },
                    {
                      title: '',
                      align: 'right',
                      render: (_, r) => (
                        <Tooltip title={model.enabled.resume ? null : current ? '请先办结或挂起当前群众' : null}>
                          <Button
                            size="small"
                            type="link"
                            disabled={!model.enabled.resume}
                            onClick={() =>
                              void run(
                                '恢复办理',
                                'ticket:resume',
                                { windowId, ticketId: r.ticket.id },
                                () => `${r.ticket.number} 恢复办理`,
                              )
                            }
                          >
                            恢复办理
                          </Button>
                        </Tooltip>
                      ),
                    },
                  ]}
                />
              )}
            </Card>
            <Card
              size="small"
              className="od-list-card"
              title={`过号（${model.noShows.length}）`}
              data-testid="no-show-list"
            >
              {model.noShows.length === 0 ? (
                <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="无过号" />
              ) : (
                <Table<NoShowRow>
                  size="small"
                  pagination={false}
                  rowKey={(r) => r.ticket.id}
                  dataSource={model.noShows}
                  columns={[
                    { title: '号码', render: (_, r) => <b className="od-num">{r.ticket.number}</b> },
                    { title: '过号时间', render: (_, r) => timeText(r.at) },
                    {
                      title: '',
                      align: 'right',
                      render: (_, r) =>
                        r.expired ? (
                          <Typography.Text type="secondary">已超时</Typography.Text>
                        ) : (
                          <Button
                            size="small"
                            type="link"
                            disabled={busy !== null || !online}
                            data-testid={`reactivate-${r.ticket.number}`}
                            onClick={() =>
                              void run(
                                '重新排队',
                                'ticket:reactivate',
                                { windowId, ticketId: r.ticket.id },
                                () => `${r.ticket.number} 已重新排队`,
                              )
                            }
                          >
                            重新排队（剩 {r.minutesLeft} 分钟）
                          </Button>
                        ),
                    },
                  ]}
                />
              )}
            </Card>
          </div>

          <DeviceStrip
            devices={devices}
            card={card}
            onClearCard={() => setCard(null)}
            lastDone={lastDone}
            hallName={snapshot.hallName}
            windowName={win.name}
            clerkName={session.staff.name}
            serviceName={serviceName}
          />
        </section>

        <section className="od-right">
          <Card
            size="small"
            className="od-queue"
            title={
              <span>
                等候队列 <Badge count={model.waiting.length} showZero color="#1f5fbf" />
              </span>
            }
            extra={<Typography.Text type="secondary">按优先级、取号时间排列；实际叫号顺序由系统决定</Typography.Text>}
            data-testid="waiting-list"
          >
            <Table<WaitingRow>
              size="small"
              pagination={false}
              sticky
              rowKey={(r) => r.ticket.id}
              dataSource={model.waiting}
              locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无等候" /> }}
              columns={[
                {
                  title: '号码',
                  width: 110,
                  render: (_, r) => (
                    <span>
                      <b className="od-num">{r.ticket.number}</b>
                    </span>
                  ),
                },
                {
                  title: '业务',
                  render: (_, r) => (
                    <span>
                      {r.service?.name ?? r.ticket.serviceId} <PriorityTag priority={r.ticket.priority} />
                      {r.targeted && <Tag color="purple">指定本窗口</Tag>}
                      {r.ticket.realName && <Tag>实名 {r.ticket.holderName}</Tag>}
                    </span>
                  ),
                },
                { title: '取号', width: 70, render: (_, r) => timeText(r.ticket.issuedAt) },
                {
                  title: '已等候',
                  width: 100,
                  render: (_, r) => (
                    <span className={r.waitedMinutes >= 30 ? 'od-long-wait' : ''}>
                      {formatMinutes(r.waitedMinutes)}
                    </span>
                  ),
                },
                {
                  title: '',
                  width: 84,
                  align: 'right',
                  render: (_, r) => (
                    <Button
                      size="small"
                      disabled={!model.enabled.callTicket}
                      data-testid={`call-${r.ticket.number}`}
                      onClick={() =>
                        void run(
                          '叫此号',
                          'ticket:call',
                          { windowId, ticketId: r.ticket.id },
                          (d) => `已呼叫 ${numberOf(d)}`,
                        )
                      }
                    >
                      叫此号
                    </Button>
                  ),
                },
              ]}
            />
          </Card>
        </section>
      </main>

      <PauseModal
        open={modal === 'pause'}
        busy={busy !== null}
        onCancel={() => setModal(null)}
        onSubmit={async (reason) => {
          const ack = await run('暂停服务', 'window:pause', { windowId, reason }, () => `窗口已暂停：${reason}`);
          if (ack?.ok) setModal(null);
        }}
      />
      <TransferModal
        open={modal === 'transfer'}
        busy={busy !== null}
        snapshot={snapshot}
        windowId={windowId}
        ticket={current?.ticket ?? null}
        onCancel={() => setModal(null)}
        onSubmit={async (target) => {
          const ack = await run('转移', 'ticket:transfer', { windowId, ...target }, (d) => `${numberOf(d)} 已转移`);
          if (ack?.ok) setModal(null);
        }}
      />
    </div>
  );
}

function ActionButton({
  children,
  keyHint,
  hint,
  green,
  testId,
  onClick,
  ...rest
}: {
  children: string;
  keyHint?: string;
  hint?: string | null;
  green?: boolean;
  testId: string;
  onClick: () => unknown;
  type?: 'primary';
  danger?: boolean;
  disabled?: boolean;
  loading?: boolean;
}) {
  const button = (
    <Button
      size="large"
      className={`od-action${green ? ' od-green' : ''}`}
      data-testid={testId}
      onClick={() => void onClick()}
      {...rest}
    >
      <span className="od-action-label">{children}</span>
      {keyHint && <kbd className="od-kbd">{keyHint}</kbd>}
    </Button>
  );
  return hint ? <Tooltip title={hint}>{button}</Tooltip> : button;
}

function Counter({
  label,
  value,
  unit,
  strong,
}: {
  label: string;
  value: number | string;
  unit?: string;
  strong?: boolean;
}) {
  return (
    <div className={`od-counter${strong ? ' od-counter-strong' : ''}`}>
      <div className="od-counter-value">
        {value}
        {unit && <small>{unit}</small>}
      </div>
      <div className="od-counter-label">{label}</div>
    </div>
  );
}

function ConnectionDot({ status }: { status: HallConnection['status'] }) {
  const text = status === 'online' ? '已连接' : status === 'connecting' ? '连接中' : '已断开';
  return (
    <span className={`od-conn od-conn-${status}`} data-testid="connection" title={`大厅服务器：${text}`}>
      <i />
      {text}
    </span>
  );
}

function DeviceStrip({
  devices,
  card,
  onClearCard,
  lastDone,
  hallName,
  windowName,
  clerkName,
  serviceName,
}: {
  devices: WindowDeviceApi;
  card: WindowCardRead | null;
  onClearCard: () => void;
  lastDone: { ticket: TicketView; at: string } | null;
  hallName: string;
  windowName: string;
  clerkName: string;
  serviceName: (id: string) => string;
}) {
  const { message } = AntApp.useApp();
  const [printing, setPrinting] = useState(false);
  const browser = devices.runtime === 'browser';
  return (
    <div className="od-devices">
      <span className="od-devices-label">设备</span>
      {browser ? (
        <Typography.Text type="secondary">浏览器模式：未连接读卡器、回执打印机和评价器</Typography.Text>
      ) : card ? (
        <span>
          已读身份证：<b>{maskName(card.name)}</b> {maskIdNumber(card.idNumber)}{' '}
          <Button size="small" type="link" onClick={onClearCard}>
            清除
          </Button>
        </span>
      ) : (
        <Typography.Text type="secondary">读卡器就绪，请群众在读卡区放置身份证</Typography.Text>
      )}
      <div className="od-header-spacer" />
      <Tooltip title={browser ? '浏览器模式未连接回执打印机' : lastDone ? null : '办结后可打印回执'}>
        <Button
          size="small"
          disabled={browser || !lastDone || printing}
          loading={printing}
          onClick={() => {
            if (!lastDone) return;
            setPrinting(true);
            void devices
              .printReceipt({
                hallName,
                ticketNumber: lastDone.ticket.number,
                serviceName: serviceName(lastDone.ticket.serviceId),
                windowName,
                clerkName,
                finishedAtLocal: new Date(lastDone.at).toLocaleString('zh-CN', {
                  hour12: false,
                  timeZone: 'Asia/Shanghai',
                }),
              })
              .then((r) => {
                setPrinting(false);
                if (r.printed) void message.success('回执已打印');
                else void message.error(`回执未打印：${r.reason ?? '打印机无响应'}`);
              });
          }}
        >
          打印回执{lastDone ? `（${lastDone.ticket.number}）` : ''}
        </Button>
      </Tooltip>
    </div>
  );
}
