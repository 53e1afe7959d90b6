import { useMemo, useState } from 'react';
import { Alert, Card } from 'antd';
import type { HallSnapshot } from '@onedoor/protocol';
import { PauseDialog, useServerNow, type StaffConnection, type StaffLink, type StaffSession } from '@onedoor/staff-ui';
import { createPairingCode, saveDeviceSettings } from '../../api';
import {
  deviceRows,
  deviceSummary,
  hallTotals,
  recentCallRows,
  serviceRows,
  windowTiles,
  type DeviceRow,
  type WindowTile,
} from '../../console-model';
import { WaitingChart } from '../WaitingChart';
import { AlarmCard } from './AlarmCard';
import { BoardSettingsModal } from './BoardSettingsModal';
import { DeviceTable } from './DeviceTable';
import { NoticeCard } from './NoticeCard';
import { OverviewHeader } from './OverviewHeader';
import { PairingCodeModal, type PairingCode } from './PairingCodeModal';
import { RecentCalls } from './RecentCalls';
import { ServiceTable } from './ServiceTable';
import { TotalsBar } from './TotalsBar';
import { useConsoleActions } from './use-console-actions';
import { useAlarms } from './use-alarms';
import { useDevices } from './use-devices';
import { useFloorMoves } from './use-floor-moves';
import { WindowGrid } from './WindowGrid';

/** The manager's live view of the hall: totals, every window, the queues, recent calls, devices, the notice. */
export function Overview({
  origin,
  hall,
  link,
  snapshot,
  session,
  onLogout,
  onUnauthorized,
}: {
  origin: string;
  hall: StaffConnection<'/console'>;
  link: StaffLink<'/console'>;
  snapshot: HallSnapshot;
  session: StaffSession;
  onLogout: () => void;
  onUnauthorized: (message: string) => void;
}) {
  const now = useServerNow(hall.clockOffset);
  const zone = snapshot.timeZone;
  // Minute resolution is enough for the tables; keeps the chart from re-rendering every second.
  const minute = Math.floor(now / 60_000) * 60_000;
  const tiles = useMemo(() => windowTiles(snapshot, minute), [snapshot, minute]);
  const services = useMemo(() => serviceRows(snapshot, minute), [snapshot, minute]);
  const totals = useMemo(() => hallTotals(snapshot), [snapshot]);
  const calls = useMemo(() => recentCallRows(snapshot.recentCalls, 12), [snapshot.recentCalls]);
  const dev = useDevices(origin, session.sessionToken, onUnauthorized);
  const devRows = useMemo(() => deviceRows(dev.devices ?? [], snapshot), [dev.devices, snapshot]);
  const alarms = useAlarms(origin, session.sessionToken, onUnauthorized);
  const { busy, failure, setFailure, act } = useConsoleActions();
  const [pauseFor, setPauseFor] = useState<WindowTile | null>(null);
  const [pairing, setPairing] = useState<PairingCode | null>(null);
  const [boardFor, setBoardFor] = useState<DeviceRow | null>(null);
  const online = hall.status === 'online';
  const moves = useFloorMoves(origin, session.sessionToken, snapshot, busy !== null, act);

  const pair = (device: DeviceRow) =>
    void createPairingCode(origin, session.sessionToken, device.id).then((res) => {
      if (res.ok) setPairing({ device, ...res.data });
      else setFailure(`生成配对码未成功：${res.message}`);
    });

  return (
    <div className="oc-shell" data-testid="console">
      <OverviewHeader snapshot={snapshot} status={hall.status} now={now} session={session} onLogout={onLogout} />
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
        <TotalsBar
          totals={totals}
          windowCount={tiles.length}
          devices={dev.devices ? deviceSummary(dev.devices) : null}
        />
        <WindowGrid
          tiles={tiles}
          busy={busy !== null || !online}
          onPause={setPauseFor}
          onOpen={(t) => void act('开放窗口', link.command('window:open', { windowId: t.id }), `${t.name}已恢复服务`)}
          onClose={(t) => void act('关闭窗口', link.command('window:close', { windowId: t.id }), `${t.name}已关闭`)}
          onMoveClerk={moves.moveClerkFrom}
        />
        <div className="oc-side">
          <AlarmCard alarms={alarms.open} error={alarms.error} timeZone={zone} onAcknowledge={alarms.acknowledge} />
          <NoticeCard
            notice={snapshot.notice}
            busy={busy !== null || !online}
            onSave={(text) => act('发布公告', link.command('notice:set', { text }), text ? '公告已发布' : '公告已清空')}
          />
          <RecentCalls calls={calls} timeZone={zone} />
        </div>
        <ServiceTable services={services} onMoveWaiting={moves.moveWaitingFrom} />
        <Card size="small" className="oc-chart-card" title="等候人数与预计等候时间">
          <WaitingChart rows={services} />
        </Card>
        <DeviceTable rows={devRows} list={dev} timeZone={zone} onBoardSettings={setBoardFor} onPair={pair} />
      </main>

      <PauseDialog
        open={pauseFor !== null}
        title={pauseFor ? `暂停 ${pauseFor.name}` : ''}
        hint="暂停后该窗口不再叫新号，正在办理的群众不受影响。原因会显示给窗口人员（必填）。"
        busy={busy !== null}
        testIdPrefix="console-"
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
      <PairingCodeModal pairing={pairing} timeZone={zone} onClose={() => setPairing(null)} />
      {moves.modals}
    </div>
  );
}
