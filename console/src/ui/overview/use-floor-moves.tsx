import { useState } from 'react';
import type { HallSnapshot } from '@onedoor/protocol';
import { moveClerk, moveWaitingTickets } from '../../api';
import type { ServiceRow, WindowTile } from '../../console-model';
import { MoveModal } from './MoveModal';

type Act = (
  label: string,
  ack: Promise<{ ok: true } | { ok: false; error: { message: string } }>,
  success: string,
) => Promise<boolean>;

/**
 * The manager's two moves on the floor view: a clerk to another window (an idle one, to a window nobody sits at), and
 * a service's waiting visitors to another service (each keeps their place by the time they took their number).
 */
export function useFloorMoves(origin: string, token: string, snapshot: HallSnapshot, busy: boolean, act: Act) {
  const [clerkFrom, setClerkFrom] = useState<WindowTile | null>(null);
  const [waitingFrom, setWaitingFrom] = useState<ServiceRow | null>(null);
  const freeWindows = snapshot.windows
    .filter((w) => w.clerkId === null && w.id !== clerkFrom?.id)
    .map((w) => ({ value: w.id, label: w.name }));
  // Only services some window calls: visitors moved elsewhere would never be called (the server refuses it too).
  const served = new Set(snapshot.windows.flatMap((w) => w.serviceIds));
  const targets = snapshot.services
    .filter((s) => s.enabled && s.id !== waitingFrom?.id && served.has(s.id))
    .map((s) => ({ value: s.id, label: `${s.prefix} ${s.name}` }));

  const modals = (
    <>
      <MoveModal
        open={clerkFrom !== null}
        title={clerkFrom ? `调岗 · ${clerkFrom.clerkName ?? ''}（${clerkFrom.name}）` : ''}
        hint="该人员从本窗口签退，并在所选窗口签到、开始服务。只能调往无人签到的窗口。"
        placeholder="选择窗口"
        options={freeWindows}
        busy={busy}
        testId="move-clerk-to"
        onCancel={() => setClerkFrom(null)}
        onMove={(to) => {
          if (!clerkFrom) return;
          const name = snapshot.windows.find((w) => w.id === to)?.name ?? to;
          void act(
            '调岗',
            moveClerk(origin, token, clerkFrom.id, to),
            `${clerkFrom.clerkName ?? ''}已调往${name}`,
          ).then((ok) => ok && setClerkFrom(null));
        }}
      />
      <MoveModal
        open={waitingFrom !== null}
        title={waitingFrom ? `转移等候群众 · ${waitingFrom.name}（${waitingFrom.waiting} 人）` : ''}
        hint="所有等候中的号转到所选业务，按原取号时间排队，不影响先后顺序；号码不变。"
        placeholder="选择业务"
        options={targets}
        busy={busy}
        testId="move-waiting-to"
        onCancel={() => setWaitingFrom(null)}
        onMove={(to) => {
          if (!waitingFrom) return;
          void act(
            '转移等候',
            moveWaitingTickets(origin, token, waitingFrom.id, to),
            `${waitingFrom.name}的等候群众已转移`,
          ).then((ok) => ok && setWaitingFrom(null));
        }}
      />
    </>
  );
  return { moveClerkFrom: setClerkFrom, moveWaitingFrom: setWaitingFrom, modals };
}
