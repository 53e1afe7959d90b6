import { useCallback, useMemo, useState } from 'react';
import { Button } from 'antd';
import type { HallSnapshot } from '@onedoor/protocol';
import { PauseDialog, useServerNow, type StaffLink, type StaffSession } from '@onedoor/staff-ui';
import type { WindowDeviceApi } from '../../../shared/window-api';
import { IntakePanel } from '../../intake/IntakePanel';
import { buildWindowModel } from '../../window-model';
import { IssueTicketModal } from '../IssueTicketModal';
import { TransferModal } from '../TransferModal';
import type { WindowHall } from '../use-window-hall';
import { ActionBar } from './ActionBar';
import { CountersCard } from './CountersCard';
import { CurrentCard } from './CurrentCard';
import { DeviceStrip } from './DeviceStrip';
import { NoShowList } from './NoShowList';
import { StatusAlerts } from './StatusAlerts';
import { SuspendedList } from './SuspendedList';
import { useFunctionKeys } from './use-function-keys';
import { useWindowCommands } from './use-window-commands';
import { useCallOrder, useWindowDay } from './use-window-day';
import { useWorkbenchActions } from './use-workbench-actions';
import { WaitingQueue } from './WaitingQueue';
import { WorkbenchHeader } from './WorkbenchHeader';

const NO_MATTERS: readonly string[] = [];

/**
 * The clerk's screen at a window: the current visitor and what to do with them, the queue, today's counters. The
 * screen is `buildWindowModel` of the hall state; every button sends one command and waits for its ack.
 */
export function Workbench({
  origin,
  hall,
  link,
  snapshot,
  windowId,
  session,
  devices,
  onLogout,
}: {
  origin: string;
  hall: WindowHall;
  link: StaffLink<'/window'>;
  snapshot: HallSnapshot;
  windowId: string;
  session: StaffSession;
  devices: WindowDeviceApi;
  onLogout: () => void;
}) {
  const now = useServerNow(hall.clockOffset);
  const zone = snapshot.timeZone;
  const { busy, failure, clearFailure, run } = useWindowCommands(link);
  const [modal, setModal] = useState<'pause' | 'transfer' | 'issue' | null>(null);
  const online = hall.status === 'online';
  // 一窗受理 is opened for one called ticket; another visitor closes it.
  const [intakeFor, setIntakeFor] = useState<string | null>(null);

  const serverDay = useWindowDay(origin, session.sessionToken, windowId, snapshot.seq);
  const callOrder = useCallOrder(origin, session.sessionToken, windowId, snapshot.seq);
  const model = useMemo(
    () =>
      buildWindowModel(snapshot, windowId, {
        staffId: session.staff.id,
        history: hall.history,
        serverDay,
        callOrder,
        now,
        busy: busy !== null || !online,
      }),
    [snapshot, windowId, session.staff.id, hall.history, serverDay, callOrder, now, busy, online],
  );
  const win = model.window!;
  const current = model.current;
  const serviceName = useCallback(
    (id: string) => snapshot.services.find((s) => s.id === id)?.name ?? id,
    [snapshot.services],
  );
  const { actions, lastDone } = useWorkbenchActions({ run, windowId, current, devices, session, serviceName });
  useFunctionKeys({ enabled: model.enabled, actions, dialogOpen: modal !== null });

  return (
    <div className="od-shell" data-testid="workbench">
      <WorkbenchHeader
        win={win}
        model={model}
        hallName={snapshot.hallName}
        session={session}
        status={hall.status}
        now={now}
        timeZone={zone}
        onOpen={() => void run('恢复服务', 'window:open', { windowId }, () => '已恢复服务')}
        onPause={() => setModal('pause')}
        onIssue={() => setModal('issue')}
        onSignOut={() => void run('签退', 'window:sign-out', { windowId }, () => '已签退')}
        onLogout={onLogout}
      />
      <StatusAlerts failure={failure} online={online} win={win} timeZone={zone} onCloseFailure={clearFailure} />

      <main className="od-main">
        <section className="od-left">
          <CurrentCard current={current} waitingCount={model.waiting.length} windowId={windowId} timeZone={zone} />
          {current && intakeFor !== current.ticket.id && (
            <Button type="primary" onClick={() => setIntakeFor(current.ticket.id)} data-testid="open-intake">
              一窗受理
            </Button>
          )}
          {current && intakeFor === current.ticket.id && (
            <IntakePanel
              key={current.ticket.id}
              origin={origin}
              token={session.sessionToken}
              ticketId={current.ticket.id}
              windowId={windowId}
              paper={{ hallName: snapshot.hallName, windowName: win?.name ?? windowId, timeZone: zone }}
              serviceMatters={current.service?.matters ?? NO_MATTERS}
              devices={devices}
              onClose={() => setIntakeFor(null)}
            />
          )}
          <ActionBar model={model} busy={busy} actions={actions} onTransfer={() => setModal('transfer')} />
          <CountersCard counters={model.counters} />
          <div className="od-side-lists">
            <SuspendedList
              rows={model.suspended}
              canResume={model.enabled.resume}
              hasCurrent={current !== null}
              onResume={(r) =>
                void run(
                  '恢复办理',
                  'ticket:resume',
                  { windowId, ticketId: r.ticket.id },
                  () => `${r.ticket.number} 恢复办理`,
                )
              }
            />
            <NoShowList
              rows={model.noShows}
              disabled={busy !== null || !online}
              timeZone={zone}
              onReactivate={(r) =>
                void run(
                  '重新排队',
                  'ticket:reactivate',
                  { windowId, ticketId: r.ticket.id },
                  () => `${r.ticket.number} 已重新排队`,
                )
              }
            />
          </div>
          <DeviceStrip
            devices={devices}
            lastDone={lastDone}
            hallName={snapshot.hallName}
            windowName={win.name}
            clerkName={session.staff.name}
            timeZone={zone}
            serviceName={serviceName}
          />
        </section>

        <section className="od-right">
          <WaitingQueue
            rows={model.waiting}
            canCall={model.enabled.callTicket}
            timeZone={zone}
            onCall={(r) =>
              void run('叫此号', 'ticket:call', { windowId, ticketId: r.ticket.id }, (d) => `已呼叫 ${d?.number ?? ''}`)
            }
          />
        </section>
      </main>

      <PauseDialog
        open={modal === 'pause'}
        title="暂停服务"
        hint="暂停后本窗口不再叫新号，正在办理的群众可继续办理。请选择或填写暂停原因（必填）。"
        busy={busy !== null}
        onCancel={() => setModal(null)}
        onSubmit={async (reason) => {
          const ack = await run('暂停服务', 'window:pause', { windowId, reason }, () => `窗口已暂停：${reason}`);
          if (ack?.ok) setModal(null);
        }}
      />
      <IssueTicketModal
        open={modal === 'issue'}
        busy={busy !== null}
        snapshot={snapshot}
        onCancel={() => setModal(null)}
        onSubmit={async (serviceId, green) => {
          const ack = await run('代取号', 'ticket:issue', { serviceId, priority: green ? 'green' : 'normal' });
          return ack?.ok ? ack.data : null;
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
          const ack = await run('转移', 'ticket:transfer', { windowId, ...target }, (d) => `${d?.number ?? ''} 已转移`);
          if (ack?.ok) setModal(null);
        }}
      />
    </div>
  );
}
