import { useMemo, useState } from 'react';
import { Alert, App, Button, Card, Empty, List, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { FALLBACK_TIME_ZONE, formatHallDateTime } from '@onedoor/protocol/client';
import { useServerNow, type StaffSession } from '@onedoor/staff-ui';
import { ConsolePageHeader } from '../ui/ConsolePageHeader';
import { backlogView, deadLetterRows, linkView, type DeadLetterRow, type Tone } from './sync-model';
import { useSyncState } from './use-sync-state';

const TONE_COLOR: Record<Tone, string> = { ok: 'green', warn: 'orange', bad: 'red', idle: 'default' };

/**
 * 平台同步: is the hall's record on the online platform up to date — the link, the records waiting to go (the
 * oldest first), what arrived from the platform, dead letters with a retry, the alarms and the latest errors.
 */
export function SyncPage({
  origin,
  session,
  onLogout,
  onUnauthorized,
}: {
  origin: string;
  session: StaffSession;
  onLogout: () => void;
  onUnauthorized: (message: string) => void;
}) {
  const { message } = App.useApp();
  const now = useServerNow(0);
  const { state, error, retry } = useSyncState(origin, session.sessionToken, onUnauthorized);
  const [retrying, setRetrying] = useState<number | null>(null);
  const minute = Math.floor(now / 60_000) * 60_000;
  const zone = state?.timeZone ?? FALLBACK_TIME_ZONE;
  const when = (iso: string | null) => (iso ? formatHallDateTime(iso, zone, { seconds: true }) : '—');
  const link = useMemo(() => (state ? linkView(state, minute) : null), [state, minute]);
  const backlog = useMemo(() => (state ? backlogView(state, minute) : null), [state, minute]);
  const dead = useMemo(() => (state ? deadLetterRows(state.deadLetters, minute) : []), [state, minute]);

  const resend = async (row: DeadLetterRow) => {
    setRetrying(row.id);
    const r = await retry(row.id);
    setRetrying(null);
    if (r.ok) void message.success(`已重新上报：${row.summary}`);
    else void message.error(`重发未成功：${r.message}`);
  };

  const columns: ColumnsType<DeadLetterRow> = [
    { title: '记录', dataIndex: 'id', width: 80 },
    { title: '类型', dataIndex: 'kind', width: 100 },
    { title: '内容', dataIndex: 'summary' },
    { title: '拒收次数', dataIndex: 'refusals', width: 90 },
    { title: '平台说明', dataIndex: 'lastError' },
    { title: '最后一次', dataIndex: 'lastAttempt', width: 120 },
    {
      title: '',
      key: 'retry',
      width: 100,
      render: (_v, row) => (
        <Button
          type="primary"
          size="small"
          loading={retrying === row.id}
          data-testid={`retry-${row.id}`}
          onClick={() => void resend(row)}
        >
          重发
        </Button>
      ),
    },
  ];

  return (
    <div className="oc-shell" data-testid="sync-page">
      <ConsolePageHeader
        active="sync"
        info={
          state?.url && (
            <span className="oc-hall">
              平台 {state.url} · {state.signing}
            </span>
          )
        }
        now={now}
        timeZone={zone}
        session={session}
        onLogout={onLogout}
      />
      {error && <Alert className="oc-alert" type="error" showIcon title={`同步状态读取未成功：${error}`} />}
      {state && !state.enabled && (
        <Alert
          className="oc-alert"
          type="info"
          showIcon
          title="本大厅未接入一体化政务服务平台"
          description="设置 HALL_PLATFORM_URL（及签名密钥）后重启大厅服务器，即开始同步预约、预审件、办件环节与好差评。"
        />
      )}
      {state && link && backlog && state.enabled && (
        <main className="sy-main">
          <div className="sy-cards">
            <Card size="small" title="平台连接" data-testid="sync-link" data-state={state.link.state}>
              <Tag color={TONE_COLOR[link.tone]} className="sy-big">
                {link.text}
              </Tag>
              <p>{link.detail}</p>
              <p>上次成功：{when(state.link.lastSuccessAt)}</p>
              {state.link.state === 'down' && <p>下次尝试：{when(state.link.nextAttemptAt)}</p>}
              {state.link.lastError && <p className="sy-muted">最近错误：{state.link.lastError}</p>}
            </Card>
            <Card size="small" title="待上报" data-testid="sync-backlog">
              <div className={`sy-number sy-${backlog.tone}`} data-testid="sync-depth">
                {backlog.depth}
              </div>
              <p data-testid="sync-oldest">{backlog.oldest}</p>
              {backlog.blocked && <p className="sy-warn-text">{backlog.blocked}</p>}
              {backlog.dead && (
                <p className="sy-bad" data-testid="sync-dead-count">
                  {backlog.dead}
                </p>
              )}
            </Card>
            <Card size="small" title="已送达">
              <div className="sy-number">{state.outbox.deliveredTotal}</div>
              <p>最近送达：{when(state.outbox.lastDeliveredAt)}</p>
            </Card>
            <Card size="small" title="平台下发（预约、预审件、办件结果）">
              <p>
                已接收 {state.inbound.applied} 条 · 重复或过期未采用 {state.inbound.ignored} 条
              </p>
              <p>上次拉取：{when(state.inbound.lastPullAt)}</p>
              {state.inbound.lastPullError && <p className="sy-muted">拉取错误：{state.inbound.lastPullError}</p>}
            </Card>
          </div>
          <Card
            size="small"
            title={`死信（平台多次拒收，需人工核查后重发）· ${dead.length} 条`}
            data-testid="dead-letters"
          >
            {dead.length === 0 ? (
              <Empty description="没有死信" image={Empty.PRESENTED_IMAGE_SIMPLE} />
            ) : (
              <Table<DeadLetterRow> size="small" pagination={false} columns={columns} dataSource={dead} />
            )}
          </Card>
          <div className="sy-lists">
            <Card size="small" title="告警" data-testid="sync-alarms">
              <List
                size="small"
                dataSource={state.alarms}
                locale={{ emptyText: '没有告警' }}
                renderItem={(a) => (
                  <List.Item>
                    <span className="sy-time">{when(a.at)}</span> {a.message}
                  </List.Item>
                )}
              />
            </Card>
            <Card size="small" title="最近错误">
              <List
                size="small"
                dataSource={state.recentErrors}
                locale={{ emptyText: '没有错误' }}
                renderItem={(e) => (
                  <List.Item>
                    <span className="sy-time">{when(e.at)}</span> {e.message}
                  </List.Item>
                )}
              />
            </Card>
          </div>
        </main>
      )}
    </div>
  );
}
