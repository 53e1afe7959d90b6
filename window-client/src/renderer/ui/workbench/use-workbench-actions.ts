import { useState } from 'react';
import { App as AntApp } from 'antd';
import type { TicketView } from '@onedoor/protocol';
import type { StaffSession } from '@onedoor/staff-ui';
import type { WindowDeviceApi } from '../../../shared/window-api';
import type { CurrentTicket } from '../../window-model';
import type { RunCommand } from './use-window-commands';

/** The visitor last finished at this window (for the receipt). */
export interface LastDone {
  ticket: TicketView;
  at: string;
}

/**
 * The ticket a command's ack carries. Typed as a TicketView, but 叫下一位 with nobody waiting finishes the current
 * visitor and answers without one, so the screen never relies on it being there.
 */
const numberOf = (d: TicketView | null): string => d?.number ?? '';

export type WorkbenchActionName = 'callNext' | 'recall' | 'start' | 'finish' | 'noShow' | 'suspend';

/**
 * The clerk's main actions on the current visitor, as the buttons and F-keys call them. 办结 also remembers the
 * visitor for the receipt and, in the Electron app, starts the evaluator (好差评).
 */
export function useWorkbenchActions({
  run,
  windowId,
  current,
  devices,
  session,
  serviceName,
}: {
  run: RunCommand;
  windowId: string;
  current: CurrentTicket | null;
  devices: WindowDeviceApi;
  session: StaffSession;
  serviceName: (id: string) => string;
}) {
  const { message } = AntApp.useApp();
  const [lastDone, setLastDone] = useState<LastDone | null>(null);

  const startEvaluation = (ticket: TicketView) => {
    if (devices.runtime !== 'electron') return;
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
  };

  const actions: Record<WorkbenchActionName, () => Promise<unknown>> = {
    callNext: () =>
      run('叫下一位', 'ticket:call-next', { windowId }, (d) => (d ? `已呼叫 ${numberOf(d)}` : '已办结，暂无等候')),
    recall: () => run('重呼', 'ticket:recall', { windowId }, (d) => `已重呼 ${numberOf(d)}`),
    start: () => run('开始办理', 'ticket:start', { windowId }, (d) => `${numberOf(d)} 开始办理`),
    finish: async () => {
      const ticket = current?.ticket;
      const ack = await run('办结', 'ticket:finish', { windowId }, (d) => `${numberOf(d)} 已办结`);
      if (ack?.ok && ticket) {
        setLastDone({ ticket, at: new Date().toISOString() });
        startEvaluation(ticket);
      }
    },
    noShow: () => run('过号', 'ticket:no-show', { windowId }, (d) => `${numberOf(d)} 已记为过号`),
    suspend: () => run('挂起', 'ticket:suspend', { windowId }, (d) => `${numberOf(d)} 已挂起`),
  };
  return { actions, lastDone };
}
